import { searchKey } from '../../platform/text/search-key.ts';
import { EDUCATION_LEVELS, RANK_TIERS, type Requirement } from '../competencies/framework.ts';

/**
 * Fit to position (issue 4 §5): how a person meets the job position they hold. Pure: the
 * caller loads the position, the person's profile, the final levels of locked review
 * campaigns and the competency-test results, and the grace rule in force.
 *
 * - Assessed level of a competency: the final level (council ?? supervisor ?? self) of the
 *   latest LOCKED campaign that gave one, or the latest competency test when it was taken
 *   after that campaign was locked. Never assessed: the gap is unknown, not zero.
 * - Training evidence (issue 6 §5): a class completed with a passing result on or after the
 *   date of that campaign or test raises the level to at least the course's level (a later
 *   campaign or test is fresher evidence and overrides it, as a test overrides a campaign).
 * - Rank: Law 80/2025 Art. 24 tiers (RANK_TIERS, highest first); a higher tier meets a lower requirement.
 * - Education: the staff record's qualification text mapped to EDUCATION_LEVELS (highest first).
 * - Qualification field: one of the position's fields, compared without case or diacritics.
 * - meetsPosition: false when any requirement is not met, else null (unknown) when any is
 *   unknown, else true. Not meeting it (or not shown to) starts the grace period: deadline =
 *   placement start + graceMonths (rule review.positionGrace, domain.md §3.3 [S]).
 */

export type LevelOrigin =
  | { kind: 'CAMPAIGN'; campaignId: number; campaignName: string; on: string; stage: 'COUNCIL' | 'SUPERVISOR' | 'SELF' }
  | { kind: 'TEST'; testId: number; testName: string; on: string; passed: boolean }
  | {
      kind: 'TRAINING';
      enrolmentId: number;
      classId: number;
      classCode: string;
      courseCode: string;
      courseName: string;
      on: string;
    };

export type Assessed = { level: number; origin: LevelOrigin };

/** One competency's levels in one locked campaign; `lockedOn` is the local date of the lock. */
export type CampaignLevel = {
  competencyCode: string;
  campaignId: number;
  campaignName: string;
  lockedOn: string;
  selfLevel: number | null;
  supervisorLevel: number | null;
  councilLevel: number | null;
};

export type TestLevel = {
  id: number;
  competencyCode: string;
  testName: string;
  takenOn: string;
  levelAchieved: number;
  passed: boolean;
};

/** A passed class's record: the competency is at least `level` from `achievedOn` (the completion date). */
export type TrainingLevel = {
  enrolmentId: number;
  competencyCode: string;
  level: number;
  achievedOn: string;
  classId: number;
  classCode: string;
  courseCode: string;
  courseName: string;
};

export type CompetencyFit = {
  competencyCode: string;
  required: number;
  assessed: Assessed | null;
  /** required − assessed, at least 0; null when never assessed. */
  gap: number | null;
};

export type CheckStatus = 'MET' | 'NOT_MET' | 'UNKNOWN';
export type Check = { status: CheckStatus; required: string | null; actual: string | null };

export const REASON_CODES = [
  'NO_POSITION',
  'COMPETENCY_GAP',
  'COMPETENCY_NOT_ASSESSED',
  'RANK_BELOW',
  'RANK_UNKNOWN',
  'EDUCATION_BELOW',
  'EDUCATION_UNKNOWN',
  'FIELD_MISMATCH',
  'FIELD_UNKNOWN',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export type Reason = { code: ReasonCode; subject: string | null; required: string | null; actual: string | null };

export const FIT_STATUSES = ['MEETS', 'WITHIN_GRACE', 'GRACE_EXPIRED', 'NO_POSITION'] as const;
export type FitStatus = (typeof FIT_STATUSES)[number];

export type PersonFacts = { rank: string; qualification: string | null; education: string | null; qualificationField: string | null };
export type PositionFacts = {
  requiredRank: string;
  educationLevel: string;
  qualificationFields: readonly string[];
  /** The placement's start date in this position ('YYYY-MM-DD'). */
  startDate: string;
  requirements: readonly Requirement[];
};

export type FitInput = {
  person: PersonFacts;
  position: PositionFacts | null;
  campaignLevels: readonly CampaignLevel[];
  tests: readonly TestLevel[];
  /** Competency evidence of completed classes; absent: none. */
  trainings?: readonly TrainingLevel[];
  graceMonths: number;
  /** Today in Vietnam ('YYYY-MM-DD'). */
  today: string;
};

export type FitResult = {
  competencies: CompetencyFit[];
  rank: Check;
  education: Check;
  qualificationField: Check;
  /** true / false / null (unknown). */
  meetsPosition: boolean | null;
  reasons: Reason[];
  graceDeadline: string | null;
  status: FitStatus;
};

/** council ?? supervisor ?? self: each later stage overrides the earlier one's judgement. */
export function finalLevel(l: Pick<CampaignLevel, 'selfLevel' | 'supervisorLevel' | 'councilLevel'>): Assessed['level'] | null {
  return l.councilLevel ?? l.supervisorLevel ?? l.selfLevel ?? null;
}

function stageOf(l: CampaignLevel): 'COUNCIL' | 'SUPERVISOR' | 'SELF' {
  if (l.councilLevel !== null) return 'COUNCIL';
  return l.supervisorLevel !== null ? 'SUPERVISOR' : 'SELF';
}

/** The assessed level of one competency and where it came from, or null when never assessed. */
export function assessedLevel(
  code: string,
  campaignLevels: readonly CampaignLevel[],
  tests: readonly TestLevel[],
  trainings: readonly TrainingLevel[] = [],
): Assessed | null {
  return withTraining(code, assessedFromReviews(code, campaignLevels, tests), trainings);
}

/**
 * The floor a completed class sets: among the classes of this competency completed on or
 * after the date of `base` (any, when never assessed), the highest level (then the latest
 * date, then the latest enrolment) — taken when it is above `base`, else `base` stands.
 */
export function withTraining(code: string, base: Assessed | null, trainings: readonly TrainingLevel[]): Assessed | null {
  let best: TrainingLevel | undefined;
  for (const t of trainings) {
    if (t.competencyCode !== code || (base !== null && t.achievedOn < base.origin.on)) continue;
    if (
      !best ||
      t.level > best.level ||
      (t.level === best.level && (t.achievedOn > best.achievedOn || (t.achievedOn === best.achievedOn && t.enrolmentId > best.enrolmentId)))
    )
      best = t;
  }
  if (!best || (base !== null && best.level <= base.level)) return base;
  return {
    level: best.level,
    origin: {
      kind: 'TRAINING',
      enrolmentId: best.enrolmentId,
      classId: best.classId,
      classCode: best.classCode,
      courseCode: best.courseCode,
      courseName: best.courseName,
      on: best.achievedOn,
    },
  };
}

function assessedFromReviews(code: string, campaignLevels: readonly CampaignLevel[], tests: readonly TestLevel[]): Assessed | null {
  let campaign: CampaignLevel | undefined;
  for (const l of campaignLevels) {
    if (l.competencyCode !== code || finalLevel(l) === null) continue;
    if (!campaign || l.lockedOn > campaign.lockedOn || (l.lockedOn === campaign.lockedOn && l.campaignId > campaign.campaignId))
      campaign = l;
  }
  let test: TestLevel | undefined;
  for (const t of tests) {
    if (t.competencyCode !== code) continue;
    if (!test || t.takenOn > test.takenOn || (t.takenOn === test.takenOn && t.id > test.id)) test = t;
  }
  if (test && (!campaign || test.takenOn > campaign.lockedOn)) {
    return {
      level: test.levelAchieved,
      origin: { kind: 'TEST', testId: test.id, testName: test.testName, on: test.takenOn, passed: test.passed },
    };
  }
  if (!campaign) return null;
  return {
    level: finalLevel(campaign) as number,
    origin: {
      kind: 'CAMPAIGN',
      campaignId: campaign.campaignId,
      campaignName: campaign.campaignName,
      on: campaign.lockedOn,
      stage: stageOf(campaign),
    },
  };
}

export function competencyFits(
  requirements: readonly Requirement[],
  campaignLevels: readonly CampaignLevel[],
  tests: readonly TestLevel[],
  trainings: readonly TrainingLevel[] = [],
): CompetencyFit[] {
  return requirements.map((r) => {
    const assessed = assessedLevel(r.competencyCode, campaignLevels, tests, trainings);
    return {
      competencyCode: r.competencyCode,
      required: r.level,
      assessed,
      gap: assessed === null ? null : Math.max(0, r.level - assessed.level),
    };
  });
}

/** A tier list highest first: met when the actual tier is at or above the required one. */
function tierCheck(tiers: readonly string[], required: string, actual: string | null): Check {
  const need = tiers.indexOf(required);
  const have = actual === null ? -1 : tiers.indexOf(actual);
  if (need < 0 || have < 0) return { status: 'UNKNOWN', required, actual };
  return { status: have <= need ? 'MET' : 'NOT_MET', required, actual };
}

export function rankCheck(required: string, actual: string): Check {
  return tierCheck(RANK_TIERS, required, actual);
}

/**
 * The education level of a staff record: HR offices write the highest degree as free text
 * ("Thạc sĩ", "Cử nhân", "Kỹ sư", "Cao đẳng", "Trung cấp"); an EDUCATION_LEVELS code is taken
 * as is. General education only ("12/12") counts as upper secondary. Unknown text: null.
 */
const DEGREE_WORDS: readonly (readonly [string, (typeof EDUCATION_LEVELS)[number]])[] = [
  ['tien si', 'POSTGRADUATE'],
  ['thac si', 'POSTGRADUATE'],
  ['sau dai hoc', 'POSTGRADUATE'],
  ['chuyen khoa', 'POSTGRADUATE'],
  ['cu nhan', 'UNIVERSITY'],
  ['ky su', 'UNIVERSITY'],
  ['kien truc su', 'UNIVERSITY'],
  ['bac si', 'UNIVERSITY'],
  ['duoc si', 'UNIVERSITY'],
  ['dai hoc', 'UNIVERSITY'],
  ['cao dang', 'COLLEGE'],
  ['trung cap', 'VOCATIONAL'],
  ['so cap', 'VOCATIONAL'],
];

export function educationLevelOf(qualification: string | null, education: string | null): string | null {
  if (qualification !== null && (EDUCATION_LEVELS as readonly string[]).includes(qualification)) return qualification;
  const key = qualification === null ? '' : searchKey(qualification);
  if (key !== '') {
    const hit = DEGREE_WORDS.find(([word]) => key.startsWith(word));
    if (hit) return hit[1];
    return null;
  }
  if (education !== null && /^12\s*\/\s*12$/.test(education.trim())) return 'UPPER_SECONDARY';
  return null;
}

export function educationCheck(required: string, person: Pick<PersonFacts, 'qualification' | 'education'>): Check {
  return tierCheck(EDUCATION_LEVELS, required, educationLevelOf(person.qualification, person.education));
}

/** One of the position's fields, ignoring case and diacritics; "Luật kinh tế" is a field of "Luật". */
export function fieldCheck(required: readonly string[], actual: string | null): Check {
  const label = required.length === 0 ? null : required.join('; ');
  if (required.length === 0) return { status: 'MET', required: null, actual };
  if (actual === null || actual.trim() === '') return { status: 'UNKNOWN', required: label, actual: null };
  const have = searchKey(actual);
  const met = required.some((r) => {
    const need = searchKey(r);
    return have === need || have.startsWith(`${need} `);
  });
  return { status: met ? 'MET' : 'NOT_MET', required: label, actual };
}

/** 'YYYY-MM-DD' plus whole months; the day is clamped to the target month's last day. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, last))}`;
}

export function evaluateFit(input: FitInput): FitResult {
  const { person, position } = input;
  if (!position) {
    const unknown: Check = { status: 'UNKNOWN', required: null, actual: null };
    return {
      competencies: [],
      rank: { ...unknown, actual: person.rank },
      education: unknown,
      qualificationField: { ...unknown, actual: person.qualificationField },
      meetsPosition: null,
      reasons: [{ code: 'NO_POSITION', subject: null, required: null, actual: null }],
      graceDeadline: null,
      status: 'NO_POSITION',
    };
  }
  const competencies = competencyFits(position.requirements, input.campaignLevels, input.tests, input.trainings ?? []);
  const rank = rankCheck(position.requiredRank, person.rank);
  const education = educationCheck(position.educationLevel, person);
  const qualificationField = fieldCheck(position.qualificationFields, person.qualificationField);

  const reasons: Reason[] = [];
  for (const c of competencies) {
    if (c.gap === null)
      reasons.push({ code: 'COMPETENCY_NOT_ASSESSED', subject: c.competencyCode, required: String(c.required), actual: null });
    else if (c.gap > 0)
      reasons.push({
        code: 'COMPETENCY_GAP',
        subject: c.competencyCode,
        required: String(c.required),
        actual: String(c.assessed?.level),
      });
  }
  const checkReason = (check: Check, below: ReasonCode, unknown: ReasonCode) => {
    if (check.status === 'NOT_MET') reasons.push({ code: below, subject: null, required: check.required, actual: check.actual });
    if (check.status === 'UNKNOWN') reasons.push({ code: unknown, subject: null, required: check.required, actual: check.actual });
  };
  checkReason(rank, 'RANK_BELOW', 'RANK_UNKNOWN');
  checkReason(education, 'EDUCATION_BELOW', 'EDUCATION_UNKNOWN');
  checkReason(qualificationField, 'FIELD_MISMATCH', 'FIELD_UNKNOWN');

  const failing = new Set<ReasonCode>(['COMPETENCY_GAP', 'RANK_BELOW', 'EDUCATION_BELOW', 'FIELD_MISMATCH']);
  const meetsPosition = reasons.some((r) => failing.has(r.code)) ? false : reasons.length > 0 ? null : true;
  const graceDeadline = addMonths(position.startDate, input.graceMonths);
  // Not shown to meet the position (false or unknown): the grace period runs from the placement.
  const status: FitStatus = meetsPosition === true ? 'MEETS' : graceDeadline > input.today ? 'WITHIN_GRACE' : 'GRACE_EXPIRED';
  return { competencies, rank, education, qualificationField, meetsPosition, reasons, graceDeadline, status };
}
