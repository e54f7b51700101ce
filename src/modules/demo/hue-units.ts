/**
 * The demo province, modelled on Thành phố Huế. These names and figures are DEMO DATA:
 * the 40 current units, their 133 predecessors (48 wards, 78 communes, 7 townships, the
 * counts of domain.md §1.1), populations and areas are plausible and Hue-like, but they
 * are not an authoritative list — domain.md marks the final ward/commune split [NC], and
 * nothing here was checked against Resolution 1675/NQ-UBTVQH15. Unit codes are demo
 * codes, not the GSO codes.
 */

export const HUE_PROVINCE = { code: '46', name: 'Thành phố Huế' } as const;
export const HUE_RESOLUTION = '1675/NQ-UBTVQH15';
/** The date of the resolution that reorganised Hue's commune-level units. */
export const HUE_RESOLUTION_DATE = '2025-06-16';

export type FormerDistrict = { key: string; name: string };

/** District-level units abolished on 1 July 2025. */
export const HUE_FORMER_DISTRICTS: readonly FormerDistrict[] = [
  { key: 'PX', name: 'Quận Phú Xuân' },
  { key: 'TH', name: 'Quận Thuận Hóa' },
  { key: 'HT', name: 'Thị xã Hương Thủy' },
  { key: 'HTR', name: 'Thị xã Hương Trà' },
  { key: 'PD', name: 'Thị xã Phong Điền' },
  { key: 'QD', name: 'Huyện Quảng Điền' },
  { key: 'PV', name: 'Huyện Phú Vang' },
  { key: 'PL', name: 'Huyện Phú Lộc' },
  { key: 'ND', name: 'Huyện Nam Đông' },
  { key: 'AL', name: 'Huyện A Lưới' },
];

export type NamedUnit = {
  name: string;
  kind: 'WARD' | 'COMMUNE';
  /** The former district most predecessors belonged to. */
  district: string;
  population: number;
  areaKm2: number;
  isMountainous: boolean;
  /**
   * Predecessors as "<P|X|T> <name>[@<district key>]": P a former ward, X a former commune,
   * T a former township; the district defaults to the unit's.
   */
  predecessors: readonly string[];
};

const ward = (name: string, district: string, population: number, areaKm2: number, predecessors: string[]): NamedUnit => ({
  name,
  kind: 'WARD',
  district,
  population,
  areaKm2,
  isMountainous: false,
  predecessors,
});
const commune = (
  name: string,
  district: string,
  population: number,
  areaKm2: number,
  predecessors: string[],
  isMountainous = false,
): NamedUnit => ({ name, kind: 'COMMUNE', district, population, areaKm2, isMountainous, predecessors });

/**
 * Phú Xuân comes first: the unit-scoped demo accounts live there, and the order of its
 * predecessors matters — the head of its economic department is the former chairman of
 * the fifth one, Phường Thuận Lộc (see the showcase in generate-staff.ts).
 */
export const HUE_UNITS: readonly NamedUnit[] = [
  ward('Phú Xuân', 'PX', 95_600, 8.1, ['P Phú Hậu', 'P Đông Ba', 'P Gia Hội', 'P Tây Lộc', 'P Thuận Lộc']),
  ward('Kim Long', 'PX', 45_200, 29.5, ['P Kim Long', 'P Hương Long', 'P Hương Hồ']),
  ward('Hương An', 'PX', 38_700, 21.3, ['P Hương An', 'P Hương Sơ', 'P An Hòa']),
  ward('Dương Nỗ', 'PX', 36_900, 24.6, ['P Phú Dương', 'X Phú Mậu', 'X Phú Thanh']),
  ward('Hóa Châu', 'PX', 33_500, 28.4, ['P Hương Vinh', 'P Hương Phong', 'X Quảng Thành@QD', 'X Quảng Thọ@QD']),
  ward('Thuận Hóa', 'TH', 84_300, 6.9, ['P Phú Hội', 'P Phú Nhuận', 'P Vĩnh Ninh', 'P Thuận Hòa']),
  ward('Vỹ Dạ', 'TH', 62_800, 8.7, ['P Vỹ Dạ', 'P Xuân Phú', 'P Thủy Vân']),
  ward('An Cựu', 'TH', 78_100, 9.8, ['P An Cựu', 'P An Đông', 'P Phước Vĩnh', 'P An Tây']),
  ward('Thủy Xuân', 'TH', 55_400, 30.2, ['P Thủy Xuân', 'P Thủy Biều', 'P Trường An', 'P Thủy Bằng']),
  ward('Thuận An', 'TH', 41_700, 29.9, ['P Thuận An', 'X Phú Thuận@PV', 'X Hải Dương@PV']),
  ward('Mỹ Thượng', 'TH', 39_200, 27.5, ['P Phú Thượng', 'X Phú Mỹ@PV', 'X Phú An@PV']),
  ward('Hương Thủy', 'HT', 42_600, 41.8, ['P Thủy Dương', 'P Thủy Phương', 'X Thủy Thanh']),
  ward('Thanh Thủy', 'HT', 44_900, 33.2, ['P Thủy Châu', 'P Thủy Lương', 'X Thủy Tân']),
  ward('Phú Bài', 'HT', 47_300, 203.6, ['P Phú Bài', 'X Thủy Phù', 'X Phú Sơn', 'X Dương Hòa']),
  ward('Hương Trà', 'HTR', 40_800, 96.7, ['P Tứ Hạ', 'P Hương Văn', 'P Hương Vân']),
  ward('Kim Trà', 'HTR', 34_600, 61.4, ['P Hương Chữ', 'P Hương Xuân', 'P Hương Toàn']),
  ward('Phong Điền', 'PD', 28_900, 298.4, ['P Phong Thu', 'T Phong Điền', 'X Phong Mỹ', 'X Phong Xuân']),
  ward('Phong Dinh', 'PD', 27_400, 158.2, ['P Phong An', 'P Phong Hiền', 'X Phong Sơn']),
  ward('Phong Phú', 'PD', 26_100, 72.5, ['P Phong Phú', 'P Phong Hòa', 'X Phong Bình']),
  ward('Phong Thái', 'PD', 31_800, 84.1, ['P Phong Hải', 'X Điền Hải', 'X Điền Hương', 'X Điền Môn']),
  ward('Phong Quảng', 'PD', 30_500, 66.9, ['X Phong Chương', 'X Điền Lộc', 'X Điền Hòa', 'X Quảng Thái@QD']),

  commune('A Lưới 1', 'AL', 9_800, 226.5, ['X Hồng Vân', 'X Hồng Thủy', 'X Hồng Bắc'], true),
  commune('A Lưới 2', 'AL', 14_600, 140.2, ['T A Lưới', 'X Hồng Kim', 'X Trung Sơn'], true),
  commune('A Lưới 3', 'AL', 10_300, 197.4, ['X Sơn Thủy', 'X Hồng Thượng', 'X Quảng Nhâm'], true),
  commune('A Lưới 4', 'AL', 8_900, 238.9, ['X A Ngo', 'X Đông Sơn', 'X Hồng Hạ'], true),
  commune('A Lưới 5', 'AL', 8_400, 399.6, ['X A Roàng', 'X Lâm Đớt', 'X Hương Nguyên'], true),
  commune('Nam Đông', 'ND', 9_700, 319.8, ['X Hương Phú', 'X Hương Sơn', 'X Hương Hữu'], true),
  commune('Khe Tre', 'ND', 11_200, 128.5, ['T Khe Tre', 'X Hương Hòa', 'X Thượng Lộ'], true),
  commune('Long Quảng', 'ND', 6_300, 201.7, ['X Thượng Quảng', 'X Thượng Long', 'X Thượng Nhật', 'X Hương Lộc'], true),
  commune('Phú Lộc', 'PL', 34_700, 117.3, ['T Phú Lộc', 'X Lộc Bổn', 'X Lộc Sơn', 'X Xuân Lộc']),
  commune('Lộc An', 'PL', 30_100, 96.8, ['X Lộc An', 'X Lộc Điền', 'X Lộc Hòa']),
  commune('Vinh Lộc', 'PL', 29_600, 68.2, ['X Vinh Hiền', 'X Vinh Mỹ', 'X Vinh Hưng']),
  commune('Hưng Lộc', 'PL', 27_800, 134.9, ['X Lộc Bình', 'X Lộc Trì', 'X Lộc Thủy']),
  commune('Chân Mây – Lăng Cô', 'PL', 36_400, 194.3, ['T Lăng Cô', 'X Lộc Tiến', 'X Lộc Vĩnh']),
  commune('Phú Vang', 'PV', 38_900, 36.2, ['T Phú Đa', 'X Vinh Thanh', 'X Vinh An']),
  commune('Phú Vinh', 'PV', 33_200, 41.5, ['X Vinh Xuân', 'X Phú Diên', 'X Vinh Hà']),
  commune('Phú Hồ', 'PV', 31_600, 37.4, ['X Phú Hồ', 'X Phú Lương', 'X Phú Hải']),
  commune('Quảng Điền', 'QD', 40_100, 54.3, ['T Sịa', 'X Quảng Phước', 'X Quảng Vinh', 'X Quảng An']),
  commune('Đan Điền', 'QD', 35_500, 49.6, ['X Quảng Lợi', 'X Quảng Ngạn', 'X Quảng Công']),
  commune('Bình Điền', 'HTR', 12_700, 340.8, ['X Bình Thành', 'X Bình Tiến', 'X Hương Bình']),
];

export type ParsedPredecessor = { kind: 'FORMER_WARD' | 'FORMER_COMMUNE' | 'FORMER_TOWNSHIP'; name: string; district: string };

const PREDECESSOR_KIND = { P: 'FORMER_WARD', X: 'FORMER_COMMUNE', T: 'FORMER_TOWNSHIP' } as const;
const PREFIX = { FORMER_WARD: 'Phường', FORMER_COMMUNE: 'Xã', FORMER_TOWNSHIP: 'Thị trấn' } as const;

export function parsePredecessor(spec: string, defaultDistrict: string): ParsedPredecessor {
  const match = /^([PXT]) (.+?)(?:@([A-Z]+))?$/.exec(spec);
  if (!match) throw new Error(`Bad predecessor spec: ${spec}`);
  const kind = PREDECESSOR_KIND[match[1] as keyof typeof PREDECESSOR_KIND];
  return { kind, name: `${PREFIX[kind]} ${match[2]}`, district: match[3] ?? defaultDistrict };
}

export function currentUnitName(kind: 'WARD' | 'COMMUNE', name: string): string {
  return `${kind === 'WARD' ? 'Phường' : 'Xã'} ${name}`;
}
