import type { CurrentUnitPlan, UnitPlan } from './generate-units.ts';
import { citizenId, emailFor, MINORITY_ETHNICITIES, mobilePhone, vietnameseName } from './names.ts';
import {
  bodyKindOf,
  CORE_STAFF_LINES,
  ECON_HEAD_INDEX,
  ENGINEERING_LINES,
  FORMER_COMMUNE_TITLE,
  FORMER_DISTRICT_DEPARTMENT,
  leadershipPosts,
  type Post,
  QUALIFICATION_FIELDS,
  STAFF_POSTS,
} from './posts.ts';
import { createRng, deriveSeed, type Rng } from './prng.ts';
import {
  type EmploymentStatus,
  type Gender,
  LAST_DAY_BEFORE_MERGER,
  MERGER_DATE,
  type OrgBodyKind,
  type RankCode,
} from './reference-data.ts';

export type AppointmentPlan = {
  unitCode: string;
  body: OrgBodyKind | null;
  title: string;
  startDate: string;
  endDate: string | null;
  decision: string;
};

export type StaffPlan = {
  unitCode: string;
  body: OrgBodyKind | null;
  fullName: string;
  gender: Gender;
  birthDate: string;
  citizenId: string;
  phone: string;
  email: string;
  ethnicity: string;
  education: string;
  qualification: string;
  qualificationField: string;
  politicalTheory: string | null;
  rank: RankCode;
  employmentStatus: EmploymentStatus;
  currentTitle: string;
  /** Oldest first; the last one is the current appointment. */
  appointments: AppointmentPlan[];
};

export type StaffContext = {
  seed: number;
  unitIndex: number;
  unit: CurrentUnitPlan;
  /** The unit's predecessors, in lineage order. */
  predecessors: readonly UnitPlan[];
  staffPerUnit: number;
  /** Shared across the province so citizen IDs and mailboxes stay unique. */
  taken: { citizenIds: Set<string>; emails: Set<string> };
  withShowcase: boolean;
};

/**
 * The showcase: Tôn Nữ Minh Thư, vice-chairwoman then chairwoman of the People's Committee
 * of the former Phường Thuận Lộc until 30/6/2025, and from 1/7/2025 head of the Economic,
 * Infrastructure and Urban Department of the merged Phường Phú Xuân. Her name is the only
 * "Tôn Nữ" in the demo, so a search finds her at once.
 */
export const SHOWCASE_NAME = 'Tôn Nữ Minh Thư';

const ALL_FIELDS = Object.values(QUALIFICATION_FIELDS).flat();

const RANK_WEIGHTS: Record<Post['level'], readonly (readonly [RankCode, number])[]> = {
  CHAIR: [
    ['CHUYEN_VIEN_CAO_CAP', 8],
    ['CHUYEN_VIEN_CHINH', 65],
    ['CHUYEN_VIEN', 27],
  ],
  VICE: [
    ['CHUYEN_VIEN_CHINH', 45],
    ['CHUYEN_VIEN', 55],
  ],
  HEAD: [
    ['CHUYEN_VIEN_CHINH', 35],
    ['CHUYEN_VIEN', 65],
  ],
  DEPUTY: [
    ['CHUYEN_VIEN_CHINH', 15],
    ['CHUYEN_VIEN', 85],
  ],
  STAFF: [
    ['CHUYEN_VIEN_CHINH', 4],
    ['CHUYEN_VIEN', 76],
    ['CAN_SU', 15],
    ['NHAN_VIEN', 5],
  ],
};

const THEORY_WEIGHTS: Record<Post['level'], readonly (readonly [string | null, number])[]> = {
  CHAIR: [
    ['Cao cấp', 60],
    ['Trung cấp', 40],
  ],
  VICE: [
    ['Cao cấp', 45],
    ['Trung cấp', 55],
  ],
  HEAD: [
    ['Cao cấp', 25],
    ['Trung cấp', 60],
    ['Sơ cấp', 15],
  ],
  DEPUTY: [
    ['Cao cấp', 10],
    ['Trung cấp', 50],
    ['Sơ cấp', 40],
  ],
  STAFF: [
    ['Trung cấp', 15],
    ['Sơ cấp', 45],
    [null, 40],
  ],
};

const AGE_RANGE: Record<Post['level'], readonly [number, number]> = {
  CHAIR: [38, 58],
  VICE: [36, 58],
  HEAD: [35, 58],
  DEPUTY: [30, 58],
  STAFF: [24, 60],
};

const maxDate = (a: string, b: string) => (a > b ? a : b);

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** A birth date giving an age between min and max on the day of the merger. */
function birthDateFor(rng: Rng, [minAge, maxAge]: readonly [number, number]): string {
  return rng.dateBetween(`${2025 - maxAge - 1}-07-02`, `${2025 - minAge}-07-01`);
}

const decision = (rng: Rng) => `${rng.int(12, 2890)}/QĐ-UBND`;

function formerAppointment(rng: Rng, unitCode: string, title: string, earliest: string): AppointmentPlan {
  return {
    unitCode,
    body: null,
    title,
    startDate: rng.dateBetween(earliest, '2024-12-31'),
    endDate: LAST_DAY_BEFORE_MERGER,
    decision: decision(rng),
  };
}

/** Chairman of a former ward/commune until the merger, often vice-chairman before that. */
function chairmanship(rng: Rng, formerUnit: UnitPlan, earliest: string): AppointmentPlan[] {
  const start = rng.dateBetween(maxDate(earliest, '2016-01-01'), '2024-06-30');
  const chair: AppointmentPlan = {
    unitCode: formerUnit.code,
    body: null,
    title: 'Chủ tịch UBND',
    startDate: start,
    endDate: LAST_DAY_BEFORE_MERGER,
    decision: decision(rng),
  };
  const viceStartLatest = `${Number(start.slice(0, 4)) - 2}-12-31`;
  if (earliest > viceStartLatest || !rng.chance(0.5)) return [chair];
  const vice = { ...chair, title: 'Phó Chủ tịch UBND', startDate: rng.dateBetween(earliest, viceStartLatest), endDate: dayBefore(start) };
  return [vice, { ...chair, decision: decision(rng) }];
}

/** 'Phòng Tư pháp' → 'phòng Tư pháp', as in the title 'Trưởng phòng Tư pháp'. */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function districtTitle(rng: Rng, post: Post): string {
  const department = FORMER_DISTRICT_DEPARTMENT[post.line];
  const isOffice = department.startsWith('Văn phòng');
  switch (post.level) {
    case 'CHAIR':
    case 'VICE':
      return rng.pick(['Phó Chủ tịch UBND', 'Chánh Văn phòng HĐND và UBND', 'Trưởng phòng Nội vụ', 'Trưởng phòng Tài chính – Kế hoạch']);
    case 'HEAD':
      if (rng.chance(0.3)) return isOffice ? 'Chánh Văn phòng HĐND và UBND' : `Trưởng ${lowerFirst(department)}`;
      return isOffice ? 'Phó Chánh Văn phòng HĐND và UBND' : `Phó Trưởng ${lowerFirst(department)}`;
    default:
      return `Chuyên viên ${department}`;
  }
}

/**
 * What the person did until 30 June 2025. Leaders (post k) are, in order, the former
 * chairmen of the unit's predecessors; in communes the chairman often came from the former
 * district instead (Official Letter 03/CV-BCĐ moved all district staff to communes).
 */
function formerHistory(rng: Rng, ctx: StaffContext, post: Post, k: number, birthDate: string, isNewHire: boolean): AppointmentPlan[] {
  if (isNewHire) return [];
  const preds = ctx.predecessors;
  const inCommune = ctx.unit.kind === 'COMMUNE';
  const earliest = maxDate('2008-01-01', `${Number(birthDate.slice(0, 4)) + 23}-01-01`);
  const somePred = () => rng.pick(preds);
  const fromDistrict = () => formerAppointment(rng, somePred().parentCode ?? '', districtTitle(rng, post), earliest);
  const fromPred = (unit: UnitPlan, title: string) => formerAppointment(rng, unit.code, title, earliest);

  if (post.level === 'STAFF' || post.level === 'DEPUTY') {
    const districtShare = post.level === 'DEPUTY' ? (inCommune ? 0.35 : 0.2) : inCommune ? 0.18 : 0.08;
    return [rng.chance(districtShare) ? fromDistrict() : fromPred(somePred(), FORMER_COMMUNE_TITLE[post.line])];
  }
  const isFromDistrict = k === 0 ? inCommune && rng.chance(0.35) : k >= preds.length && rng.chance(0.5);
  if (isFromDistrict) return [fromDistrict()];
  const pred = preds[k];
  if (pred) return chairmanship(rng, pred, earliest);
  return [fromPred(preds[k % preds.length] ?? somePred(), 'Phó Chủ tịch UBND')];
}

function qualificationFor(rng: Rng, post: Post, rank: RankCode): { qualification: string; field: string } {
  const field = rng.chance(0.85) ? rng.pick(QUALIFICATION_FIELDS[post.line]) : rng.pick(ALL_FIELDS);
  if (rank === 'NHAN_VIEN') return { qualification: 'Trung cấp', field };
  if (rank === 'CAN_SU') return { qualification: rng.chance(0.6) ? 'Cao đẳng' : 'Trung cấp', field };
  const masterShare = post.level === 'STAFF' ? 0.07 : post.level === 'DEPUTY' ? 0.15 : 0.35;
  if (rng.chance(masterShare)) return { qualification: 'Thạc sĩ', field };
  const isEngineer = ENGINEERING_LINES.includes(post.line) && rng.chance(0.7);
  return { qualification: isEngineer ? 'Kỹ sư' : 'Cử nhân', field };
}

/** Posts of one unit: leadership first, then the core specialists, then weighted draws. */
function postsFor(rng: Rng, unitKind: 'WARD' | 'COMMUNE', count: number): Post[] {
  const posts = leadershipPosts(unitKind).slice(0, count);
  const byLine = new Map(STAFF_POSTS.map(([p]) => [p.line, p] as const));
  for (const line of CORE_STAFF_LINES) {
    const p = byLine.get(line);
    if (posts.length < count && p) posts.push(p);
  }
  while (posts.length < count) posts.push(rng.weighted(STAFF_POSTS));
  return posts;
}

/** The staff of one current unit with their appointment histories across the merger. */
export function planUnitStaff(ctx: StaffContext): StaffPlan[] {
  const rng = createRng(deriveSeed(ctx.seed, `staff:${ctx.unitIndex}`));
  const { unit } = ctx;
  if (ctx.predecessors.length === 0) throw new Error(`${unit.name} has no predecessor`);
  return postsFor(rng, unit.kind, ctx.staffPerUnit).map((post, k) => {
    const isShowcase = ctx.withShowcase && k === ECON_HEAD_INDEX;
    const isMinority = unit.isMountainous && !isShowcase && rng.chance(0.45);
    const ethnicity = isMinority ? rng.weighted(MINORITY_ETHNICITIES) : 'Kinh';
    const isLeader = post.level !== 'STAFF';
    const gender: Gender = isShowcase || rng.chance(isLeader ? 0.3 : 0.55) ? 'FEMALE' : 'MALE';
    const generatedName = vietnameseName(rng, gender, isMinority);
    const fullName = isShowcase ? SHOWCASE_NAME : generatedName;
    const isNewHire = post.level === 'STAFF' && rng.chance(0.08);
    const birthDate = birthDateFor(rng, isNewHire ? [24, 35] : isShowcase ? [45, 52] : AGE_RANGE[post.level]);
    const drawnRank = rng.weighted(RANK_WEIGHTS[post.level]);
    // The senior tier is rare (8% of chairmen), so the chairman of the largest ward always holds it and every seed shows it.
    const rank = isShowcase ? 'CHUYEN_VIEN_CHINH' : ctx.withShowcase && k === 0 ? 'CHUYEN_VIEN_CAO_CAP' : drawnRank;
    const { qualification, field } = qualificationFor(rng, post, rank);
    const body = post.body === null ? null : bodyKindOf(post.body, unit.kind);
    const history = formerHistory(rng, ctx, post, k, birthDate, isNewHire);
    const current: AppointmentPlan = {
      unitCode: unit.code,
      body,
      title: post.title,
      startDate: isNewHire ? rng.dateBetween(MERGER_DATE, '2025-12-31') : MERGER_DATE,
      endDate: null,
      // Chairmen and vice-chairmen are elected by the People's Council; the rest appointed by the city.
      decision: isLeader && post.body === null ? `${rng.int(1, 30)}/NQ-HĐND` : `${rng.int(1500, 2300)}/QĐ-UBND`,
    };
    return {
      unitCode: unit.code,
      body,
      fullName,
      gender,
      birthDate,
      citizenId: citizenId(rng, gender, birthDate, ctx.taken.citizenIds),
      phone: mobilePhone(rng),
      email: emailFor(fullName, ctx.taken.emails),
      ethnicity,
      education: '12/12',
      qualification: isShowcase ? 'Thạc sĩ' : qualification,
      qualificationField: isShowcase ? 'Kinh tế' : field,
      politicalTheory: isShowcase ? 'Cao cấp' : rng.weighted(THEORY_WEIGHTS[post.level]),
      rank,
      employmentStatus: post.level === 'STAFF' && rng.chance(0.03) ? 'ON_LEAVE' : 'ACTIVE',
      currentTitle: post.title,
      appointments: [...(isShowcase ? showcaseHistory(ctx) : history), current],
    };
  });
}

/** Fixed dates, so the showcase reads the same for every seed (see SHOWCASE_NAME). */
function showcaseHistory(ctx: StaffContext): AppointmentPlan[] {
  const formerUnit = ctx.predecessors[ECON_HEAD_INDEX];
  if (!formerUnit) throw new Error('the showcase unit needs at least five predecessors');
  return [
    {
      unitCode: formerUnit.code,
      body: null,
      title: 'Phó Chủ tịch UBND',
      startDate: '2016-05-16',
      endDate: '2021-06-27',
      decision: '412/QĐ-UBND',
    },
    {
      unitCode: formerUnit.code,
      body: null,
      title: 'Chủ tịch UBND',
      startDate: '2021-06-28',
      endDate: LAST_DAY_BEFORE_MERGER,
      decision: '1187/QĐ-UBND',
    },
  ];
}
