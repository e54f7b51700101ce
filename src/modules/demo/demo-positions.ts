import type { Db } from '../../platform/db/database.ts';
import { seedInterimFramework } from '../positions/seed-framework.ts';
import { seedPostsAndPlacements } from '../positions/use-cases/placement.ts';

/**
 * The demo province's framework (Cadre's library and the interim 43-position list), posts
 * per unit and the demo staff placed into positions by their current titles. Posts are
 * plausible demo numbers, not a norm: domain.md gives none per position (§2, §3.2).
 */

/** Staff titles of the demo (posts.ts) → position codes of the interim list; most specific first. */
const TITLE_TO_POSITION: readonly [RegExp, string][] = [
  [/^Phó Chánh Văn phòng/, 'LD.02'],
  [/^Chánh Văn phòng/, 'LD.01'],
  [/^Phó Trưởng phòng/, 'LD.04'],
  [/^Trưởng phòng/, 'LD.03'],
  [/^Phó Giám đốc Trung tâm/, 'LD.06'],
  [/^Giám đốc Trung tâm/, 'LD.05'],
  [/Văn phòng – Thống kê/, 'CM.01'],
  [/Tư pháp – Hộ tịch/, 'CM.05'],
  [/Công nghệ thông tin/, 'CM.02'],
  [/Ngoại vụ/, 'CM.06'],
  [/Tài chính – Kế hoạch/, 'CM.11'],
  [/Địa chính/, 'CM.18'],
  [/Xây dựng – Đô thị/, 'CM.13'],
  [/Nông nghiệp – Môi trường/, 'CM.21'],
  [/Công thương/, 'CM.16'],
  [/Văn hóa – Xã hội/, 'CM.27'],
  [/Nội vụ/, 'CM.23'],
  [/Giáo dục/, 'CM.26'],
  [/Y tế/, 'CM.29'],
  [/Lao động – Xã hội/, 'CM.24'],
  [/tiếp nhận và trả kết quả/, 'CM.31'],
];

export function positionForTitle(title: string): string | null {
  // Chairmen and vice-chairmen are elected cadres, outside the civil-servant position list.
  return TITLE_TO_POSITION.find(([re]) => re.test(title))?.[1] ?? null;
}

const BASE_POSTS: Record<string, number> = {
  'LD.01': 1,
  'LD.02': 1,
  'LD.03': 2,
  'LD.04': 4,
  'LD.05': 1,
  'LD.06': 2,
  'CM.01': 2,
  'CM.02': 1,
  'CM.05': 2,
  'CM.11': 1,
  'CM.13': 2,
  'CM.14': 1,
  'CM.18': 2,
  'CM.21': 1,
  'CM.23': 1,
  'CM.24': 1,
  'CM.26': 1,
  'CM.27': 1,
  'CM.29': 1,
  'CM.31': 4,
  'CM.08': 1,
  'HT.01': 1,
};

export function demoPostsFor(unitKind: string): Record<string, number> {
  // Wards carry more urban and construction work (domain.md §1.2): one more construction post.
  return unitKind === 'WARD' ? { ...BASE_POSTS, 'CM.13': 3, 'CM.15': 1 } : { ...BASE_POSTS, 'CM.22': 1 };
}

export async function seedDemoPositions(trx: Db, provinceCode: string, now: string) {
  const version = await seedInterimFramework(trx, provinceCode, now);
  return seedPostsAndPlacements(
    trx,
    provinceCode,
    version.id,
    { postsFor: demoPostsFor, positionFor: positionForTitle, defaultStart: '2025-07-01' },
    now,
  );
}
