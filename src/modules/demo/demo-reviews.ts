import type { Decree90Config, Decree90Subject } from '../../platform/rules/defaults/reviews-90.config.ts';
import type { ReviewRating } from '../../platform/rules/defaults/reviews-common.config.ts';
import type { ExcellentQuotaParams } from '../../platform/rules/defaults/reviews-quota.config.ts';
import type { Screening178Config } from '../../platform/rules/defaults/screening-178.config.ts';
import { fieldCheck } from '../position-fit/fit.ts';
import { assembleLookBack, positionGap, quotaGroupKey } from '../reviews/assessments/assessment-logic.ts';
import { type Decree90Input, levelDecree90 } from '../reviews/rules/decree-90.ts';
import { allowedExcellent } from '../reviews/rules/excellent-quota.ts';
import { type CriterionInput, screen178 } from '../reviews/rules/screening-178.ts';
import { createRng, deriveSeed, type Rng } from './prng.ts';

/**
 * The demo province's review campaigns, planned as plain data (pure, deterministic from the
 * seed): the demo accounts linked to staff of their unit, a completed 2025 campaign under
 * Decree 90 (self, supervisor and council levels, ratings from `levelDecree90` with their
 * traces, the excellent quota kept per agency and group, Decree 178 screenings from
 * `screen178`) and an open 2026 campaign under Decree 335 in self-assessment, about half of
 * it submitted. Gaps sit where Hue's reports put them (issue 4 §8, domain.md §1.4, §3.3):
 * construction permits, planning appraisal, land, education management and digital skills;
 * civil status and IT carry heavy workloads with adequate skills. Every level, rating and
 * screening is demo data, not a judgement of anyone.
 */

/** A placed member of the demo staff, as the transaction holds them after placement. */
export type ReviewPerson = {
  staffId: number;
  /** A stable key of the person (their citizen ID): each person draws from their own stream. */
  key: string;
  unitId: number;
  orgBodyId: number | null;
  positionId: number;
  positionCode: string;
  positionGroup: string;
  requirements: readonly { competencyCode: string; requiredLevel: number }[];
  /** The person's qualification field (staff record); what a cross-field move is checked against. */
  qualificationField?: string | null;
};

/** A professional position of the framework, for the cross-field tests (planCrossFieldTests). */
export type CrossFieldPosition = {
  code: string;
  field: string;
  qualificationFields: readonly string[];
  requirements: readonly { competencyCode: string; requiredLevel: number }[];
};

export type ReviewAccount = { username: string; role: string; unitId: number | null };

export type ReviewPlanInput = {
  seed: number;
  people: readonly ReviewPerson[];
  /** The chairman of each unit (an elected post, outside the position list): reviews the heads. */
  chairs: readonly { unitId: number; staffId: number }[];
  accounts: readonly ReviewAccount[];
  /** The seed's instant (ISO): the 2026 campaign and the tests sit before it. */
  now: string;
  decree90: Decree90Config;
  /** The excellent quota in force on 31 December 2025 (what the lock checks). */
  quota2025: ExcellentQuotaParams;
  screening178: Screening178Config;
  /** The framework's professional positions with a field: cross-field tests are planned only when given. */
  positions?: readonly CrossFieldPosition[];
};

export type LevelPlan = {
  competencyCode: string;
  requiredLevel: number;
  selfLevel: number | null;
  selfEvidence: string | null;
  supervisorLevel: number | null;
  supervisorEvidence: string | null;
  councilLevel: number | null;
  councilEvidence: string | null;
  updatedAt: string;
};

export type ParticipantPlan = {
  staffId: number;
  unitId: number;
  orgBodyId: number | null;
  positionId: number;
  positionCode: string;
  positionGroup: string;
  supervisorStaffId: number | null;
  selfSubmittedAt: string | null;
  supervisorSubmittedAt: string | null;
  councilDecidedAt: string | null;
  levels: LevelPlan[];
};

export type EvaluationPlan = {
  staffId: number;
  regime: 'DECREE_90' | 'DECREE_335';
  selfInput: string | null;
  supervisorInput: string | null;
  result: string | null;
  configVersion: string | null;
  score: number | null;
  rating: ReviewRating | null;
  councilRating: ReviewRating | null;
  councilNote: string | null;
  updatedAt: string;
};

export type ScreeningPlan = {
  staffId: number;
  criteria: string;
  result: string;
  configVersion: string;
  outcome: string;
  updatedAt: string;
};

export type CampaignPlan = {
  name: string;
  year: number;
  periodFrom: string;
  periodTo: string;
  regime: 'DECREE_90' | 'DECREE_335';
  instruments: ('COMPETENCY' | 'ANNUAL_EVALUATION' | 'SCREENING_178')[];
  status: 'LOCKED' | 'SELF_ASSESSMENT';
  /** Stage moves since creation (1 at creation): what the campaign's `version` column holds. */
  version: number;
  createdAt: string;
  lockedAt: string | null;
  participants: ParticipantPlan[];
  evaluations: EvaluationPlan[];
  screenings: ScreeningPlan[];
};

export type TestPlan = {
  staffId: number;
  competencyCode: string;
  testName: string;
  takenOn: string;
  score: number;
  maxScore: number;
  levelAchieved: number;
  passed: boolean;
};

export type DemoReviewsPlan = {
  links: { username: string; staffId: number }[];
  campaign2025: CampaignPlan;
  campaign2026: CampaignPlan;
  tests: TestPlan[];
};

/** Field competencies the reports name as short (issue 4 §8; domain.md §1.4, §3.3). */
export const GAP_FIELD_COMPETENCIES: readonly string[] = ['FLD.CONSTRUCTION_PERMIT', 'FLD.PLANNING', 'FLD.LAND', 'FLD.EDUCATION'];
export const DIGITAL_COMPETENCIES: readonly string[] = ['DIG.1', 'DIG.2', 'DIG.3', 'DIG.4', 'DIG.5'];
/** Heavy workload, adequate skills. */
const ADEQUATE_COMPETENCIES: readonly string[] = ['FLD.CIVIL_STATUS', 'FLD.IT_SECURITY'];
/** The IT specialist's own digital skills are not the gap. */
const IT_POSITION = 'CM.02';

export function isGapCompetency(code: string, positionCode: string): boolean {
  if (GAP_FIELD_COMPETENCIES.includes(code)) return true;
  return DIGITAL_COMPETENCIES.includes(code) && positionCode !== IT_POSITION;
}

/** Which position each demo account's person holds, most wanted first (the brief of §8: own self-assessment). */
const ACCOUNT_POSITIONS: Record<string, readonly string[]> = {
  counter_officer: ['CM.31'],
  field_specialist: ['CM.05', 'CM.18', 'CM.19'],
  unit_leader: ['LD.03', 'LD.01', 'LD.05'],
  unit_hr: ['CM.23'],
};

const HEADS = new Set(['LD.01', 'LD.03', 'LD.05']);
const DEPUTIES = new Set(['LD.02', 'LD.04', 'LD.06']);

const MINUTE = 60_000;
const at = (iso: string, plusMinutes: number) => new Date(Date.parse(iso) + plusMinutes * MINUTE).toISOString();
/** An instant between two instants, on the minute. */
const between = (rng: Rng, from: string, to: string) =>
  at(from, rng.int(0, Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / MINUTE))));
const clampLevel = (l: number) => Math.min(5, Math.max(1, l));

// 2025: created in early November, every stage before 15 December (domain.md §4.1), locked on the 12th.
const C2025 = {
  createdAt: '2025-11-03T01:30:00.000Z',
  selfFrom: '2025-11-05T01:00:00.000Z',
  selfTo: '2025-11-21T10:00:00.000Z',
  supervisorFrom: '2025-11-24T01:00:00.000Z',
  supervisorTo: '2025-12-03T10:00:00.000Z',
  councilFrom: '2025-12-05T01:00:00.000Z',
  councilTo: '2025-12-10T10:00:00.000Z',
  lockedAt: '2025-12-12T03:00:00.000Z',
};

export function linkAccounts(accounts: readonly ReviewAccount[], people: readonly ReviewPerson[]): { username: string; staffId: number }[] {
  const taken = new Set<number>();
  const links: { username: string; staffId: number }[] = [];
  for (const a of accounts) {
    const wanted = ACCOUNT_POSITIONS[a.role];
    if (!wanted || a.unitId === null) continue;
    const inUnit = people.filter((p) => p.unitId === a.unitId && !taken.has(p.staffId));
    const person =
      wanted.map((code) => inUnit.find((p) => p.positionCode === code)).find((p) => p !== undefined) ??
      // A small demo may lack the position: anyone placed in the unit can still self-assess.
      inUnit.find((p) => p.positionGroup !== 'LEADERSHIP') ??
      inUnit[0];
    if (!person) continue;
    taken.add(person.staffId);
    links.push({ username: a.username, staffId: person.staffId });
  }
  return links;
}

function supervisors(people: readonly ReviewPerson[], chairs: ReviewPlanInput['chairs']): Map<number, number | null> {
  const chairOf = new Map(chairs.map((c) => [c.unitId, c.staffId]));
  const bodyKey = (p: ReviewPerson) => `${p.unitId}:${p.orgBodyId ?? '-'}`;
  const heads = new Map<string, number>();
  const deputies = new Map<string, number>();
  for (const p of people) {
    if (HEADS.has(p.positionCode) && !heads.has(bodyKey(p))) heads.set(bodyKey(p), p.staffId);
    if (DEPUTIES.has(p.positionCode) && !deputies.has(bodyKey(p))) deputies.set(bodyKey(p), p.staffId);
  }
  return new Map(
    people.map((p) => {
      const chair = chairOf.get(p.unitId) ?? null;
      if (HEADS.has(p.positionCode)) return [p.staffId, chair];
      const head = heads.get(bodyKey(p)) ?? null;
      if (DEPUTIES.has(p.positionCode)) return [p.staffId, head ?? chair];
      const s = head ?? deputies.get(bodyKey(p)) ?? chair;
      return [p.staffId, s === p.staffId ? chair : s];
    }),
  );
}

/**
 * The level a person really works at for one competency, relative to what the position
 * requires. Digital weakness is a trait of the person (most are weak across the DigComp
 * areas, the rest are not), so a share of people meet every requirement.
 */
function trueLevel(rng: Rng, code: string, required: number, positionCode: string, digitallyWeak: boolean): number {
  if (isGapCompetency(code, positionCode)) {
    const digital = DIGITAL_COMPETENCIES.includes(code);
    const below = digital ? (digitallyWeak ? 0.8 : 0.03) : 0.78;
    if (rng.chance(below)) return clampLevel(required - (rng.chance(digital ? 0.03 : 0.12) ? 2 : 1));
    return clampLevel(required + (rng.chance(0.15) ? 1 : 0));
  }
  if (ADEQUATE_COMPETENCIES.includes(code)) return clampLevel(required + (rng.chance(0.35) ? 1 : 0) - (rng.chance(0.02) ? 1 : 0));
  if (rng.chance(0.025)) return clampLevel(required - 1);
  return clampLevel(required + (rng.chance(0.25) ? 1 : 0));
}

/** Share of people weak in digital skills (issue 4 §8: digital skills fall short across all positions). */
const DIGITALLY_WEAK = 0.58;

/** People rate themselves a little higher than their supervisors do. */
const selfView = (rng: Rng, level: number) => clampLevel(level + (rng.chance(0.3) ? 1 : 0) - (rng.chance(0.04) ? 1 : 0));

const COMPETENCY_WORK: Record<string, string> = {
  'FLD.LAND': 'hồ sơ đất đai (cấp GCN, chuyển mục đích, tranh chấp)',
  'FLD.CONSTRUCTION_PERMIT': 'hồ sơ cấp phép xây dựng và kiểm tra trật tự xây dựng',
  'FLD.PLANNING': 'thẩm định, quản lý quy hoạch chi tiết',
  'FLD.EDUCATION': 'quản lý giáo dục mầm non, tiểu học, THCS trên địa bàn',
  'FLD.CIVIL_STATUS': 'hồ sơ hộ tịch (khai sinh, kết hôn, khai tử)',
  'FLD.IT_SECURITY': 'vận hành hệ thống thông tin và an toàn thông tin',
  'FLD.ONE_STOP': 'tiếp nhận, trả kết quả TTHC tại bộ phận một cửa',
  'DIG.1': 'khai thác cơ sở dữ liệu quốc gia về dân cư và dữ liệu chuyên ngành',
  'DIG.2': 'xử lý văn bản điện tử và hồ sơ trực tuyến',
  'DIG.3': 'biểu mẫu, báo cáo, tin bài trên cổng thông tin',
  'DIG.4': 'chữ ký số, tài khoản và bảo vệ dữ liệu cá nhân',
  'DIG.5': 'xử lý sự cố phần mềm, thiết bị thông thường',
};
const workOf = (code: string) => COMPETENCY_WORK[code] ?? 'nhiệm vụ chuyên môn được giao';

/** One of a few notes, built only once chosen. */
const oneOf = (rng: Rng, notes: readonly (() => string)[]): string => rng.pick(notes)();

function selfEvidence(rng: Rng, code: string, level: number, required: number, year: number): string {
  const work = workOf(code);
  if (level < required) {
    return oneOf(rng, [
      () => `Năm ${year} đã tham gia ${work} nhưng còn cần hướng dẫn ở trường hợp phức tạp; đề nghị được bồi dưỡng thêm.`,
      () => `Thực hiện được phần việc thường xuyên về ${work}; chưa tự tin với hồ sơ có yếu tố phức tạp.`,
      () => `Tự đánh giá chưa đạt mức yêu cầu về ${work}; đăng ký lớp bồi dưỡng trong năm.`,
    ]);
  }
  const n = rng.int(12, 180);
  return oneOf(rng, [
    () => `Năm ${year} đã giải quyết khoảng ${n} việc về ${work}, đúng hạn, không có phản ánh.`,
    () => `Chủ động thực hiện ${work}; hướng dẫn đồng nghiệp mới khi được phân công.`,
    () => `Hoàn thành ${n} hồ sơ, nhiệm vụ về ${work}; có sáng kiến rút ngắn thời gian xử lý.`,
  ]);
}

function supervisorEvidence(rng: Rng, code: string, level: number, required: number): string | null {
  if (level >= required) return null;
  return oneOf(rng, [
    () => `Còn lúng túng với ${workOf(code)}; cần bồi dưỡng trong năm tới.`,
    () => `Chưa đạt mức yêu cầu của vị trí về ${workOf(code)}; đề nghị cử đi bồi dưỡng.`,
  ]);
}

const RATINGS_WEIGHTED: readonly (readonly [ReviewRating, number])[] = [
  ['EXCELLENT', 7],
  ['GOOD', 62],
  ['COMPLETED', 30],
  ['NOT_COMPLETED', 0.6],
];

/** Decree 90 inputs a council could plausibly have given: the judged level and the facts its gates look at. */
function decree90Input(rng: Rng, group: string): Decree90Input {
  const subject: Decree90Subject = group === 'LEADERSHIP' ? 'MANAGER' : 'CIVIL_SERVANT';
  const judgedLevel = rng.weighted(RATINGS_WEIGHTED);
  const strong = judgedLevel === 'EXCELLENT';
  const share = (lo: number, hi: number) => Math.round((lo + rng.next() * (hi - lo)) * 100) / 100;
  const metrics: Decree90Input['metrics'] =
    subject === 'MANAGER'
      ? {
          UNIT_ALL_TARGETS_MET: strong ? rng.chance(0.85) : rng.chance(0.4),
          UNIT_SHARE_TARGETS_EXCEEDED: strong ? share(0.45, 0.8) : share(0.1, 0.5),
          SUBORDINATE_UNITS_ALL_COMPLETED_OR_BETTER: rng.chance(0.9),
          SUBORDINATE_UNITS_SHARE_GOOD_OR_EXCELLENT: strong ? share(0.65, 0.95) : share(0.4, 0.85),
          UNIT_SHARE_TARGETS_MET_ON_TIME:
            judgedLevel === 'COMPLETED' || judgedLevel === 'NOT_COMPLETED' ? share(0.5, 0.85) : share(0.76, 1),
        }
      : {
          ALL_TASKS_ON_TIME_AND_TO_STANDARD: strong ? rng.chance(0.9) : rng.chance(0.5),
          SHARE_TASKS_BEYOND_REQUIRED: strong ? share(0.42, 0.8) : share(0.05, 0.45),
        };
  const absenceMonths = rng.chance(0.025) ? rng.int(3, 5) : 0;
  return { subject, judgedLevel, metrics, absenceMonths };
}

const QUOTA_NOTE =
  'Hội đồng điều chỉnh xuống Hoàn thành tốt để số Hoàn thành xuất sắc không vượt tỷ lệ quy định trong cơ quan, nhóm nhiệm vụ.';

/**
 * Keeps the excellent quota in every agency and group: while a group has more Excellent
 * ratings than it allows, the council lowers the lowest-merit one to Good (with a note).
 */
function keepQuota(
  params: ExcellentQuotaParams,
  people: readonly ReviewPerson[],
  evaluations: Map<number, EvaluationPlan>,
  merit: Map<number, number>,
): void {
  const groups = new Map<string, ReviewPerson[]>();
  for (const p of people) {
    const key = quotaGroupKey(p);
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const members of groups.values()) {
    const final = (p: ReviewPerson) => {
      const e = evaluations.get(p.staffId);
      return e ? (e.councilRating ?? e.rating) : null;
    };
    for (;;) {
      const excellent = members.filter((p) => final(p) === 'EXCELLENT');
      const good = members.filter((p) => final(p) === 'GOOD').length;
      const base = params.base === 'GOOD_ONLY' ? good : good + excellent.length;
      if (excellent.length <= allowedExcellent(params, base)) break;
      const lowest = excellent.sort((a, b) => (merit.get(a.staffId) ?? 0) - (merit.get(b.staffId) ?? 0) || a.staffId - b.staffId)[0];
      const e = lowest && evaluations.get(lowest.staffId);
      if (!e) break;
      e.councilRating = 'GOOD';
      e.councilNote = QUOTA_NOTE;
    }
  }
}

function competencePercent(rng: Rng, levels: readonly LevelPlan[]): number {
  const met = levels.filter((l) => (l.councilLevel ?? 0) >= l.requiredLevel).length;
  const share = levels.length === 0 ? 1 : met / levels.length;
  return Math.min(100, Math.max(20, Math.round(52 + 40 * share + rng.int(-6, 6))));
}

function plan2025(input: ReviewPlanInput, sup: Map<number, number | null>, truth: Map<number, Map<string, number>>): CampaignPlan {
  const participants: ParticipantPlan[] = [];
  const evaluations = new Map<number, EvaluationPlan>();
  const merit = new Map<number, number>();
  for (const p of input.people) {
    const rng = createRng(deriveSeed(input.seed, `review-2025:${p.key}`));
    const selfAt = between(rng, C2025.selfFrom, C2025.selfTo);
    const supervisorAt = between(rng, C2025.supervisorFrom, C2025.supervisorTo);
    const councilAt = between(rng, C2025.councilFrom, C2025.councilTo);
    const real = truth.get(p.staffId) ?? new Map<string, number>();
    const levels = p.requirements.map((r): LevelPlan => {
      const supervisorLevel = real.get(r.competencyCode) ?? r.requiredLevel;
      const selfLevel = selfView(rng, supervisorLevel);
      // The council mostly confirms the supervisor; now and then it moves a level after seeing the evidence.
      const moved = rng.chance(0.04) ? clampLevel(supervisorLevel + (rng.chance(0.5) ? 1 : -1)) : supervisorLevel;
      return {
        competencyCode: r.competencyCode,
        requiredLevel: r.requiredLevel,
        selfLevel,
        selfEvidence: rng.chance(0.25) ? selfEvidence(rng, r.competencyCode, selfLevel, r.requiredLevel, 2025) : null,
        supervisorLevel,
        supervisorEvidence: supervisorEvidence(rng, r.competencyCode, supervisorLevel, r.requiredLevel),
        councilLevel: moved,
        councilEvidence:
          moved !== supervisorLevel ? 'Hội đồng điều chỉnh mức sau khi xem xét minh chứng và ý kiến của người được đánh giá.' : null,
        updatedAt: councilAt,
      };
    });
    const supervisorInput = decree90Input(rng, p.positionGroup);
    const selfInput: Decree90Input = {
      ...supervisorInput,
      judgedLevel: supervisorInput.judgedLevel === 'GOOD' && rng.chance(0.3) ? 'EXCELLENT' : supervisorInput.judgedLevel,
    };
    const result = levelDecree90(input.decree90, supervisorInput);
    merit.set(p.staffId, rng.next());
    evaluations.set(p.staffId, {
      staffId: p.staffId,
      regime: 'DECREE_90',
      selfInput: JSON.stringify(selfInput),
      supervisorInput: JSON.stringify(supervisorInput),
      result: JSON.stringify(result),
      configVersion: result.configVersion,
      score: null,
      rating: result.level,
      councilRating: null,
      councilNote: null,
      updatedAt: councilAt,
    });
    participants.push({
      staffId: p.staffId,
      unitId: p.unitId,
      orgBodyId: p.orgBodyId,
      positionId: p.positionId,
      positionCode: p.positionCode,
      positionGroup: p.positionGroup,
      supervisorStaffId: sup.get(p.staffId) ?? null,
      selfSubmittedAt: selfAt,
      supervisorSubmittedAt: supervisorAt,
      councilDecidedAt: councilAt,
      levels,
    });
  }
  keepQuota(input.quota2025, input.people, evaluations, merit);

  // Decree 178 screening of everyone, as the council stage computes it: this campaign's final
  // rating closes the look-back (earlier years have no locked campaign in the demo) and the
  // position gap comes from this campaign's levels.
  const screenings = participants.map((p): ScreeningPlan => {
    const rng = createRng(deriveSeed(input.seed, `screening-2025:${p.staffId}`));
    const e = evaluations.get(p.staffId);
    const rating = e ? (e.councilRating ?? e.rating) : null;
    const low = rating === 'NOT_COMPLETED';
    const criteria: Record<string, CriterionInput> = {};
    for (const c of input.screening178.criteria) {
      if (c.source !== 'INPUT') continue;
      const percent =
        c.code === 'COMPETENCE'
          ? competencePercent(rng, p.levels)
          : c.code === 'ETHICS'
            ? low
              ? rng.int(40, 65)
              : rng.int(75, 100)
            : c.code === 'INNOVATION'
              ? rating === 'EXCELLENT'
                ? rng.int(60, 100)
                : rng.int(0, 60)
              : rng.int(60, 95);
      criteria[c.code] = { percent };
    }
    const lookBack = assembleLookBack(2025, { regime: 'DECREE_90', rating, score: null }, []);
    const gap = positionGap(p.levels);
    const result = screen178(input.screening178, {
      lastYear: lookBack.lastYear,
      criteria,
      annualResults: lookBack.annualResults,
      positionGap: { gapCount: gap.gapCount, largestGap: gap.largestGap },
    });
    return {
      staffId: p.staffId,
      criteria: JSON.stringify(criteria),
      result: JSON.stringify(result),
      configVersion: result.configVersion,
      outcome: result.outcome,
      updatedAt: p.councilDecidedAt ?? C2025.lockedAt,
    };
  });

  return {
    name: 'Đánh giá, xếp loại chất lượng và rà soát công chức cấp xã năm 2025',
    year: 2025,
    periodFrom: '2025-01-01',
    periodTo: '2025-12-31',
    regime: 'DECREE_90',
    instruments: ['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178'],
    status: 'LOCKED',
    // Created (1), three stages forward (4), locked (5).
    version: 5,
    createdAt: C2025.createdAt,
    lockedAt: C2025.lockedAt,
    participants,
    evaluations: participants.flatMap((p) => {
      const e = evaluations.get(p.staffId);
      return e ? [e] : [];
    }),
    screenings,
  };
}

function plan2026(
  input: ReviewPlanInput,
  sup: Map<number, number | null>,
  truth: Map<number, Map<string, number>>,
  linked: Set<number>,
): CampaignPlan {
  const createdAt = at(input.now, -14 * 24 * 60);
  const participants = input.people.map((p): ParticipantPlan => {
    const rng = createRng(deriveSeed(input.seed, `review-2026:${p.key}`));
    // About half have submitted; the demo accounts' own sheets stay open for a person to fill in.
    const submitted = !linked.has(p.staffId) && rng.chance(0.5);
    const submittedAt = submitted ? between(rng, createdAt, input.now) : null;
    const real = truth.get(p.staffId) ?? new Map<string, number>();
    return {
      staffId: p.staffId,
      unitId: p.unitId,
      orgBodyId: p.orgBodyId,
      positionId: p.positionId,
      positionCode: p.positionCode,
      positionGroup: p.positionGroup,
      supervisorStaffId: sup.get(p.staffId) ?? null,
      selfSubmittedAt: submittedAt,
      supervisorSubmittedAt: null,
      councilDecidedAt: null,
      levels: p.requirements.map((r) => {
        if (!submittedAt) {
          return {
            competencyCode: r.competencyCode,
            requiredLevel: r.requiredLevel,
            selfLevel: null,
            selfEvidence: null,
            supervisorLevel: null,
            supervisorEvidence: null,
            councilLevel: null,
            councilEvidence: null,
            updatedAt: createdAt,
          };
        }
        const level = selfView(rng, real.get(r.competencyCode) ?? r.requiredLevel);
        return {
          competencyCode: r.competencyCode,
          requiredLevel: r.requiredLevel,
          selfLevel: level,
          selfEvidence: selfEvidence(rng, r.competencyCode, level, r.requiredLevel, 2026),
          supervisorLevel: null,
          supervisorEvidence: null,
          councilLevel: null,
          councilEvidence: null,
          updatedAt: submittedAt,
        };
      }),
    };
  });
  return {
    name: 'Đánh giá, xếp loại chất lượng công chức cấp xã năm 2026 (Nghị định 335/2025/NĐ-CP)',
    year: 2026,
    periodFrom: '2026-01-01',
    periodTo: '2026-12-31',
    regime: 'DECREE_335',
    instruments: ['COMPETENCY', 'ANNUAL_EVALUATION'],
    status: 'SELF_ASSESSMENT',
    // Created (1), opened for self-assessment (2).
    version: 2,
    createdAt,
    lockedAt: null,
    participants,
    evaluations: participants.map(
      (p): EvaluationPlan => ({
        staffId: p.staffId,
        regime: 'DECREE_335',
        selfInput: null,
        supervisorInput: null,
        result: null,
        configVersion: null,
        score: null,
        rating: null,
        councilRating: null,
        councilNote: null,
        updatedAt: createdAt,
      }),
    ),
    screenings: [],
  };
}

const TESTS: Record<string, string> = {
  'FLD.LAND': 'Sát hạch chuyên môn quản lý đất đai cấp xã năm 2026',
  'DIG.1': 'Kiểm tra kỹ năng số (DigComp 2.2) – Thông tin và dữ liệu, năm 2026',
  'DIG.2': 'Kiểm tra kỹ năng số (DigComp 2.2) – Giao tiếp và cộng tác số, năm 2026',
};
/** The score band of each level of the five-level scale, out of 100. */
const BANDS: Record<number, readonly [number, number]> = { 1: [15, 34], 2: [35, 54], 3: [55, 74], 4: [75, 89], 5: [90, 100] };

/** Competency tests (sát hạch, domain.md §1.4) of 2026: land staff, and digital skills for a sample of everyone. */
function planTests(input: ReviewPlanInput, truth: Map<number, Map<string, number>>): TestPlan[] {
  const rng = createRng(deriveSeed(input.seed, 'competency-tests-2026'));
  const today = input.now.slice(0, 10);
  const from = '2026-01-05';
  const to = today < from ? from : today > '2026-12-15' ? '2026-12-15' : today;
  const tests: TestPlan[] = [];
  const add = (p: ReviewPerson, code: string) => {
    const required = p.requirements.find((r) => r.competencyCode === code)?.requiredLevel;
    if (required === undefined) return;
    // After a year of training some have closed a level.
    const level = clampLevel((truth.get(p.staffId)?.get(code) ?? required) + (rng.chance(0.25) ? 1 : 0));
    const [lo, hi] = BANDS[level] ?? [0, 100];
    tests.push({
      staffId: p.staffId,
      competencyCode: code,
      testName: TESTS[code] ?? code,
      takenOn: rng.dateBetween(from, to),
      score: rng.int(lo, hi),
      maxScore: 100,
      levelAchieved: level,
      passed: level >= required,
    });
  };
  const land = input.people.filter((p) => p.positionCode === 'CM.18' || p.positionCode === 'CM.19');
  for (const p of land) if (rng.chance(0.3)) add(p, 'FLD.LAND');
  for (const p of input.people) if (rng.chance(0.015)) add(p, rng.chance(0.5) ? 'DIG.1' : 'DIG.2');
  return tests;
}

/** Test name of a cross-field test (sát hạch when asking to move to another field's work). */
export const CROSS_FIELD_TEST_NAME = 'Sát hạch chuyên môn để chuyển sang lĩnh vực khác, năm 2026';
/** Share of the qualified who took a cross-field test; and of those, who reached the required level. */
const CROSS_FIELD_TAKEN = 0.6;
const CROSS_FIELD_MET = 0.75;

/**
 * Cross-field tests of 2026 (issue 5 §5: who could move where): a professional official whose
 * qualification field also qualifies for a position of ANOTHER field (a law graduate in home
 * affairs or at the one-stop desk for civil status; an administration graduate for the office)
 * may have sat that position's field competency tests, most of them at its required level. So
 * assessed expertise, not only the post held, decides some recommendations: an official in a
 * surplus field can meet a short field's position. Each person draws from their own stream
 * (the other demo data stays as it was); nothing here when `positions` is not given.
 */
export function planCrossFieldTests(input: ReviewPlanInput): TestPlan[] {
  const positions = input.positions ?? [];
  if (positions.length === 0) return [];
  const today = input.now.slice(0, 10);
  const from = '2026-01-05';
  const to = today < from ? from : today > '2026-12-15' ? '2026-12-15' : today;
  const fieldOf = new Map(positions.map((p) => [p.code, p.field]));
  const tests: TestPlan[] = [];
  for (const p of input.people) {
    if (p.positionGroup !== 'PROFESSIONAL' || !p.qualificationField) continue;
    const own = fieldOf.get(p.positionCode);
    const qualification = p.qualificationField;
    const others = positions.filter((q) => q.field !== own && fieldCheck(q.qualificationFields, qualification).status === 'MET');
    if (others.length === 0) continue;
    const rng = createRng(deriveSeed(input.seed, `cross-field-2026:${p.key}`));
    if (!rng.chance(CROSS_FIELD_TAKEN)) continue;
    const target = rng.pick(others);
    const ownCodes = new Set(p.requirements.map((r) => r.competencyCode));
    const takenOn = rng.dateBetween(from, to);
    for (const r of target.requirements) {
      if (ownCodes.has(r.competencyCode) || !r.competencyCode.startsWith('FLD.')) continue;
      const level = clampLevel(r.requiredLevel + (rng.chance(CROSS_FIELD_MET) ? (rng.chance(0.2) ? 1 : 0) : -1));
      const [lo, hi] = BANDS[level] ?? [0, 100];
      tests.push({
        staffId: p.staffId,
        competencyCode: r.competencyCode,
        testName: CROSS_FIELD_TEST_NAME,
        takenOn,
        score: rng.int(lo, hi),
        maxScore: 100,
        levelAchieved: level,
        passed: level >= r.requiredLevel,
      });
    }
  }
  return tests;
}

export function planDemoReviews(input: ReviewPlanInput): DemoReviewsPlan {
  const links = linkAccounts(input.accounts, input.people);
  const sup = supervisors(input.people, input.chairs);
  const truth = new Map(
    input.people.map((p) => {
      const rng = createRng(deriveSeed(input.seed, `competence:${p.key}`));
      const weak = rng.chance(DIGITALLY_WEAK);
      return [
        p.staffId,
        new Map(p.requirements.map((r) => [r.competencyCode, trueLevel(rng, r.competencyCode, r.requiredLevel, p.positionCode, weak)])),
      ] as const;
    }),
  );
  return {
    links,
    campaign2025: plan2025(input, sup, truth),
    campaign2026: plan2026(input, sup, truth, new Set(links.map((l) => l.staffId))),
    tests: [...planTests(input, truth), ...planCrossFieldTests(input)],
  };
}

/** Ratings, outcomes and submissions counted for the seed's audit entry and the CLI summary. */
export function summariseDemoReviews(plan: DemoReviewsPlan) {
  const count = <T>(items: readonly T[], key: (t: T) => string | null) => {
    const out: Record<string, number> = {};
    for (const i of items) {
      const k = key(i);
      if (k !== null) out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };
  const c25 = plan.campaign2025;
  const c26 = plan.campaign2026;
  return {
    linkedAccounts: plan.links.length,
    campaign2025: {
      participants: c25.participants.length,
      competencyRows: c25.participants.reduce((n, p) => n + p.levels.length, 0),
      ratings: count(c25.evaluations, (e) => e.councilRating ?? e.rating),
      screenings: count(c25.screenings, (s) => s.outcome),
    },
    campaign2026: {
      participants: c26.participants.length,
      selfSubmitted: c26.participants.filter((p) => p.selfSubmittedAt !== null).length,
    },
    competencyTests: plan.tests.length,
  };
}
