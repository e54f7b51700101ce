/**
 * Reference codes the demo writes: unit kinds, the Decree 150/2025 bodies of a commune
 * and their fields, the Law 80/2025 rank tiers, employment statuses. Kept here so the
 * units and workforce modules can import them until they own such lists themselves.
 * Labels are not here: visible text belongs in the i18n catalogues.
 */

export const UNIT_KINDS = [
  'PROVINCE',
  'WARD',
  'COMMUNE',
  'SPECIAL_ZONE',
  'FORMER_DISTRICT',
  'FORMER_WARD',
  'FORMER_COMMUNE',
  'FORMER_TOWNSHIP',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The two-level local government took effect on 1 July 2025 (domain.md §1.1). */
export const MERGER_DATE = '2025-07-01';
export const LAST_DAY_BEFORE_MERGER = '2025-06-30';

/** Decree 150/2025/NĐ-CP: three specialised departments and the commune PASC (domain.md §1.2). */
export const ORG_BODY_KINDS = ['OFFICE_HDND_UBND', 'ECONOMIC', 'ECON_INFRA_URBAN', 'CULTURE_SOCIETY', 'PASC'] as const;
export type OrgBodyKind = (typeof ORG_BODY_KINDS)[number];

export const FIELD_CODES = [
  'OFFICE',
  'JUSTICE_CIVIL_STATUS',
  'FOREIGN_AFFAIRS',
  'INFORMATION_TECHNOLOGY',
  'FINANCE_PLANNING',
  'CONSTRUCTION',
  'URBAN_MANAGEMENT',
  'INDUSTRY_TRADE',
  'LAND',
  'AGRICULTURE_ENVIRONMENT',
  'HOME_AFFAIRS',
  'EDUCATION',
  'CULTURE_INFORMATION',
  'HEALTH',
  'LABOUR_SOCIAL',
  'ONE_STOP',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export type BodyTemplate = { kind: OrgBodyKind; name: string; fields: readonly FieldCode[]; deputyQuota: number };

/**
 * Resolution 332/NQ-CP allows an average of 2 deputies per department and per PASC
 * (domain.md §1.3). Body names are stored data (the name on the unit's decision), not UI text.
 */
const OFFICE: BodyTemplate = {
  kind: 'OFFICE_HDND_UBND',
  name: 'Văn phòng HĐND và UBND',
  fields: ['OFFICE', 'JUSTICE_CIVIL_STATUS', 'FOREIGN_AFFAIRS', 'INFORMATION_TECHNOLOGY'],
  deputyQuota: 2,
};
const ECONOMIC: BodyTemplate = {
  kind: 'ECONOMIC',
  name: 'Phòng Kinh tế',
  fields: ['FINANCE_PLANNING', 'CONSTRUCTION', 'INDUSTRY_TRADE', 'LAND', 'AGRICULTURE_ENVIRONMENT'],
  deputyQuota: 2,
};
const ECON_INFRA_URBAN: BodyTemplate = {
  kind: 'ECON_INFRA_URBAN',
  name: 'Phòng Kinh tế, Hạ tầng và Đô thị',
  fields: ['FINANCE_PLANNING', 'CONSTRUCTION', 'URBAN_MANAGEMENT', 'INDUSTRY_TRADE', 'LAND', 'AGRICULTURE_ENVIRONMENT'],
  deputyQuota: 2,
};
const CULTURE_SOCIETY: BodyTemplate = {
  kind: 'CULTURE_SOCIETY',
  name: 'Phòng Văn hóa – Xã hội',
  fields: ['HOME_AFFAIRS', 'EDUCATION', 'CULTURE_INFORMATION', 'HEALTH', 'LABOUR_SOCIAL'],
  deputyQuota: 2,
};
const PASC: BodyTemplate = {
  kind: 'PASC',
  name: 'Trung tâm Phục vụ hành chính công',
  fields: ['ONE_STOP'],
  deputyQuota: 2,
};

/** Wards get the Economic, Infrastructure and Urban Department; communes the Economic Department. */
export function bodiesFor(unitKind: 'WARD' | 'COMMUNE'): readonly BodyTemplate[] {
  return [OFFICE, unitKind === 'WARD' ? ECON_INFRA_URBAN : ECONOMIC, CULTURE_SOCIETY, PASC];
}

/** Law 80/2025/QH15 Article 24 rank tiers below senior expert, highest first (domain.md §3). */
export const RANK_CODES = ['CHUYEN_VIEN_CAO_CAP', 'CHUYEN_VIEN_CHINH', 'CHUYEN_VIEN', 'CAN_SU', 'NHAN_VIEN'] as const;
export type RankCode = (typeof RANK_CODES)[number];

export const EMPLOYMENT_STATUSES = ['ACTIVE', 'ON_LEAVE'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

export const GENDERS = ['MALE', 'FEMALE'] as const;
export type Gender = (typeof GENDERS)[number];
