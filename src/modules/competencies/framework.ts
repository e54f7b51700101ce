/**
 * The framework of a province: its competency library and position catalogue, versioned
 * together (docs/adr/0005-versioned-position-catalogue.md). Pure rules, no I/O.
 */

export const PROFICIENCY_LEVELS = [1, 2, 3, 4, 5] as const;
export const COMPETENCY_GROUPS = ['GENERAL', 'FIELD'] as const;
export const POSITION_GROUPS = ['LEADERSHIP', 'PROFESSIONAL', 'SUPPORT'] as const;
/** Law 80/2025/QH15 Article 24 rank tiers, highest first (domain.md §3.1). */
export const RANK_TIERS = ['CHUYEN_GIA_CAO_CAP', 'CHUYEN_VIEN_CAO_CAP', 'CHUYEN_VIEN_CHINH', 'CHUYEN_VIEN', 'CAN_SU', 'NHAN_VIEN'] as const;
export const EDUCATION_LEVELS = ['POSTGRADUATE', 'UNIVERSITY', 'COLLEGE', 'VOCATIONAL', 'UPPER_SECONDARY'] as const;
/** Bodies of a commune (Decree 150/2025, domain.md §1.2) plus the People's Council and the military command. */
export const POSITION_BODIES = ['PEOPLES_COUNCIL', 'OFFICE_HDND_UBND', 'ECONOMIC', 'CULTURE_SOCIETY', 'PASC', 'MILITARY_COMMAND'] as const;

export type CompetencyGroup = (typeof COMPETENCY_GROUPS)[number];
export type PositionGroup = (typeof POSITION_GROUPS)[number];
export type VersionStatus = 'DRAFT' | 'PUBLISHED';

export type LevelDescriptor = { level: number; vi: string; en: string };

export type CompetencyDef = {
  code: string;
  nameVi: string;
  nameEn: string;
  group: CompetencyGroup;
  field: string | null;
  descriptionVi: string;
  descriptionEn: string;
  levels: LevelDescriptor[];
  /** True while the descriptors are Cadre's draft wording, not a legal text. */
  draftDescriptors: boolean;
};

export type Requirement = { competencyCode: string; level: number };

export type PositionDef = {
  code: string;
  nameVi: string;
  nameEn: string;
  group: PositionGroup;
  bodyKind: string;
  field: string | null;
  jobDescriptionVi: string;
  jobDescriptionEn: string;
  requiredRank: string;
  educationLevel: string;
  qualificationFields: string[];
  /** False where domain.md gives no source for the details (name, rank, description). */
  confirmed: boolean;
  sourceNote: string;
  requirements: Requirement[];
};

export type FrameworkContent = { competencies: CompetencyDef[]; positions: PositionDef[] };
export type FrameworkDocument = FrameworkContent & { label: string; effectiveFrom: string; sourceNote: string };

export type VersionFacts = { id: number; versionNo: number; effectiveFrom: string; status: VersionStatus };

/** The published version in force on `date`: the latest effective date not after it. */
export function versionInForce<V extends VersionFacts>(versions: readonly V[], date: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.status !== 'PUBLISHED' || v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.versionNo > best.versionNo)) best = v;
  }
  return best;
}

export function nextVersionNo(versions: readonly VersionFacts[]): number {
  return versions.reduce((n, v) => Math.max(n, v.versionNo), 0) + 1;
}

export type VersionRefusal = 'DRAFT_EXISTS' | 'PUBLISHED' | 'EFFECTIVE_DATE_NOT_LATER';

/** One draft at a time: a second would make "the next version" ambiguous. */
export function canStartDraft(versions: readonly VersionFacts[]): VersionRefusal | null {
  return versions.some((v) => v.status === 'DRAFT') ? 'DRAFT_EXISTS' : null;
}

/** Published versions are immutable: every edit goes to a draft. */
export function canEdit(version: VersionFacts): VersionRefusal | null {
  return version.status === 'PUBLISHED' ? 'PUBLISHED' : null;
}

/**
 * A draft may be published when it starts strictly after every published version, so
 * "as of date" lookups never have two candidates and history is never rewritten.
 */
export function canPublish(version: VersionFacts, versions: readonly VersionFacts[]): VersionRefusal | null {
  if (version.status === 'PUBLISHED') return 'PUBLISHED';
  const latest = versions
    .filter((v) => v.status === 'PUBLISHED')
    .reduce<string | null>((m, v) => (m && m > v.effectiveFrom ? m : v.effectiveFrom), null);
  if (latest !== null && version.effectiveFrom <= latest) return 'EFFECTIVE_DATE_NOT_LATER';
  return null;
}

/** A deep copy for a new draft: the new version starts as the previous one. */
export function copyContent(content: FrameworkContent): FrameworkContent {
  return structuredClone(content);
}

/** Sets (or, with level null, removes) one requirement; refuses levels outside 1–5. */
export function setRequirement(requirements: readonly Requirement[], competencyCode: string, level: number | null): Requirement[] {
  if (level !== null && !isLevel(level)) throw new RangeError(`level ${level} is outside 1–5`);
  const rest = requirements.filter((r) => r.competencyCode !== competencyCode);
  return level === null ? rest : [...rest, { competencyCode, level }];
}

export function isLevel(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;
}
