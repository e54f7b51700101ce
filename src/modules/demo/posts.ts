import type { OrgBodyKind } from './reference-data.ts';

/**
 * The posts of a commune-level People's Committee after 1 July 2025 and what people in
 * them typically held before the merger. Titles are stored data (as on an appointment
 * decision), not UI text.
 */

export type PostLevel = 'CHAIR' | 'VICE' | 'HEAD' | 'DEPUTY' | 'STAFF';

/** A line of work: decides the qualification field and the pre-merger title. */
export type Line =
  | 'LEAD'
  | 'OFFICE'
  | 'JUSTICE'
  | 'IT'
  | 'FOREIGN'
  | 'FINANCE'
  | 'LAND'
  | 'CONSTRUCTION'
  | 'AGRICULTURE'
  | 'TRADE'
  | 'CULTURE'
  | 'HOME'
  | 'EDUCATION'
  | 'HEALTH'
  | 'LABOUR'
  | 'ONE_STOP';

/** Where the economic department sits: its kind differs between wards and communes. */
export type BodySlot = 'OFFICE' | 'ECON' | 'CULTURE' | 'PASC';

export type Post = { title: string; body: BodySlot | null; level: PostLevel; line: Line };

export function bodyKindOf(slot: BodySlot, unitKind: 'WARD' | 'COMMUNE'): OrgBodyKind {
  switch (slot) {
    case 'OFFICE':
      return 'OFFICE_HDND_UBND';
    case 'ECON':
      return unitKind === 'WARD' ? 'ECON_INFRA_URBAN' : 'ECONOMIC';
    case 'CULTURE':
      return 'CULTURE_SOCIETY';
    case 'PASC':
      return 'PASC';
  }
}

/**
 * Leadership first (domain.md §1.3): a chairman, two vice-chairmen, the four heads, then
 * deputies — one per body before the second, so a small unit still has one everywhere.
 * Resolution 332/NQ-CP allows an average of two deputies per department and per PASC.
 */
export function leadershipPosts(unitKind: 'WARD' | 'COMMUNE'): Post[] {
  const econ = unitKind === 'WARD' ? 'phòng Kinh tế, Hạ tầng và Đô thị' : 'phòng Kinh tế';
  const deputies: Post[] = [
    { title: 'Phó Chánh Văn phòng HĐND và UBND', body: 'OFFICE', level: 'DEPUTY', line: 'JUSTICE' },
    { title: `Phó Trưởng ${econ}`, body: 'ECON', level: 'DEPUTY', line: 'LAND' },
    { title: 'Phó Trưởng phòng Văn hóa – Xã hội', body: 'CULTURE', level: 'DEPUTY', line: 'HOME' },
    { title: 'Phó Giám đốc Trung tâm Phục vụ hành chính công', body: 'PASC', level: 'DEPUTY', line: 'ONE_STOP' },
    { title: 'Phó Chánh Văn phòng HĐND và UBND', body: 'OFFICE', level: 'DEPUTY', line: 'OFFICE' },
    { title: `Phó Trưởng ${econ}`, body: 'ECON', level: 'DEPUTY', line: 'CONSTRUCTION' },
    { title: 'Phó Trưởng phòng Văn hóa – Xã hội', body: 'CULTURE', level: 'DEPUTY', line: 'CULTURE' },
    { title: 'Phó Giám đốc Trung tâm Phục vụ hành chính công', body: 'PASC', level: 'DEPUTY', line: 'ONE_STOP' },
  ];
  return [
    { title: 'Chủ tịch UBND', body: null, level: 'CHAIR', line: 'LEAD' },
    { title: 'Phó Chủ tịch UBND', body: null, level: 'VICE', line: 'LEAD' },
    { title: 'Phó Chủ tịch UBND', body: null, level: 'VICE', line: 'LEAD' },
    { title: 'Chánh Văn phòng HĐND và UBND', body: 'OFFICE', level: 'HEAD', line: 'OFFICE' },
    { title: `Trưởng ${econ}`, body: 'ECON', level: 'HEAD', line: 'FINANCE' },
    { title: 'Trưởng phòng Văn hóa – Xã hội', body: 'CULTURE', level: 'HEAD', line: 'CULTURE' },
    { title: 'Giám đốc Trung tâm Phục vụ hành chính công', body: 'PASC', level: 'HEAD', line: 'ONE_STOP' },
    ...deputies,
  ];
}

/** Index of the economic department head in `leadershipPosts`: the showcase post. */
export const ECON_HEAD_INDEX = 4;

const staff = (title: string, body: BodySlot, line: Line): Post => ({ title: `Công chức ${title}`, body, level: 'STAFF', line });

/** Specialist posts with relative weights; the PASC gets about six people (domain.md §2). */
export const STAFF_POSTS: readonly (readonly [Post, number])[] = [
  [staff('Văn phòng – Thống kê', 'OFFICE', 'OFFICE'), 3],
  [staff('Tư pháp – Hộ tịch', 'OFFICE', 'JUSTICE'), 3],
  [staff('Công nghệ thông tin', 'OFFICE', 'IT'), 1],
  [staff('Ngoại vụ', 'OFFICE', 'FOREIGN'), 0.5],
  [staff('Tài chính – Kế hoạch', 'ECON', 'FINANCE'), 2],
  [staff('Địa chính', 'ECON', 'LAND'), 3],
  [staff('Xây dựng – Đô thị', 'ECON', 'CONSTRUCTION'), 2],
  [staff('Nông nghiệp – Môi trường', 'ECON', 'AGRICULTURE'), 1.5],
  [staff('Công thương', 'ECON', 'TRADE'), 1],
  [staff('Văn hóa – Xã hội', 'CULTURE', 'CULTURE'), 2],
  [staff('Nội vụ', 'CULTURE', 'HOME'), 1.5],
  [staff('Giáo dục', 'CULTURE', 'EDUCATION'), 1],
  [staff('Y tế', 'CULTURE', 'HEALTH'), 1],
  [staff('Lao động – Xã hội', 'CULTURE', 'LABOUR'), 1],
  [staff('tiếp nhận và trả kết quả', 'PASC', 'ONE_STOP'), 4],
];

/** Specialists every unit has before the rest are drawn by weight. */
export const CORE_STAFF_LINES: readonly Line[] = [
  'JUSTICE',
  'LAND',
  'ONE_STOP',
  'CULTURE',
  'OFFICE',
  'FINANCE',
  'ONE_STOP',
  'CONSTRUCTION',
  'HOME',
  'IT',
];

/** Qualification fields per line of work. */
export const QUALIFICATION_FIELDS: Record<Line, readonly string[]> = {
  LEAD: ['Luật', 'Kinh tế', 'Quản lý nhà nước', 'Hành chính học', 'Xây dựng Đảng và chính quyền nhà nước'],
  OFFICE: ['Quản trị văn phòng', 'Hành chính học', 'Lưu trữ học'],
  JUSTICE: ['Luật'],
  IT: ['Công nghệ thông tin'],
  FOREIGN: ['Quan hệ quốc tế', 'Ngôn ngữ Anh'],
  FINANCE: ['Kế toán', 'Tài chính – Ngân hàng', 'Kinh tế'],
  LAND: ['Quản lý đất đai'],
  CONSTRUCTION: ['Xây dựng', 'Kiến trúc'],
  AGRICULTURE: ['Nông học', 'Khoa học môi trường', 'Lâm nghiệp'],
  TRADE: ['Kinh tế', 'Quản trị kinh doanh'],
  CULTURE: ['Văn hóa học', 'Công tác xã hội'],
  HOME: ['Hành chính học', 'Luật'],
  EDUCATION: ['Sư phạm'],
  HEALTH: ['Y tế công cộng'],
  LABOUR: ['Công tác xã hội', 'Kinh tế lao động'],
  ONE_STOP: ['Luật', 'Hành chính học', 'Quản trị văn phòng'],
};

/** Lines whose graduates are usually engineers rather than bachelors. */
export const ENGINEERING_LINES: readonly Line[] = ['IT', 'CONSTRUCTION', 'AGRICULTURE'];

/** Pre-merger commune civil-servant titles (Decree 33/2023/NĐ-CP) for each line of work. */
export const FORMER_COMMUNE_TITLE: Record<Line, string> = {
  LEAD: 'Phó Chủ tịch UBND',
  OFFICE: 'Công chức Văn phòng – Thống kê',
  JUSTICE: 'Công chức Tư pháp – Hộ tịch',
  IT: 'Công chức Văn phòng – Thống kê',
  FOREIGN: 'Công chức Văn phòng – Thống kê',
  FINANCE: 'Công chức Tài chính – Kế toán',
  LAND: 'Công chức Địa chính – Xây dựng',
  CONSTRUCTION: 'Công chức Địa chính – Xây dựng',
  AGRICULTURE: 'Công chức Địa chính – Nông nghiệp – Môi trường',
  TRADE: 'Công chức Tài chính – Kế toán',
  CULTURE: 'Công chức Văn hóa – Xã hội',
  HOME: 'Công chức Văn hóa – Xã hội',
  EDUCATION: 'Công chức Văn hóa – Xã hội',
  HEALTH: 'Công chức Văn hóa – Xã hội',
  LABOUR: 'Công chức Văn hóa – Xã hội',
  ONE_STOP: 'Công chức Văn phòng – Thống kê',
};

/** The former district department each line of work belonged to. */
export const FORMER_DISTRICT_DEPARTMENT: Record<Line, string> = {
  LEAD: 'Văn phòng HĐND và UBND',
  OFFICE: 'Văn phòng HĐND và UBND',
  JUSTICE: 'Phòng Tư pháp',
  IT: 'Phòng Văn hóa và Thông tin',
  FOREIGN: 'Văn phòng HĐND và UBND',
  FINANCE: 'Phòng Tài chính – Kế hoạch',
  LAND: 'Phòng Tài nguyên và Môi trường',
  CONSTRUCTION: 'Phòng Quản lý đô thị',
  AGRICULTURE: 'Phòng Nông nghiệp và Phát triển nông thôn',
  TRADE: 'Phòng Kinh tế',
  CULTURE: 'Phòng Văn hóa và Thông tin',
  HOME: 'Phòng Nội vụ',
  EDUCATION: 'Phòng Giáo dục và Đào tạo',
  HEALTH: 'Phòng Y tế',
  LABOUR: 'Phòng Lao động – Thương binh và Xã hội',
  ONE_STOP: 'Văn phòng HĐND và UBND',
};
