import { AppError, type FieldProblem } from '../../../platform/errors/app-error.ts';
import type { ReviewRegime } from '../../../platform/rules/defaults/reviews-common.config.ts';
import type { ReviewRegimeConfig } from '../../../platform/rules/defaults/reviews-regime.config.ts';
import { chooseRegime } from '../rules/regime.ts';

/**
 * The review campaign's lifecycle (issue 4 §4), pure: OPEN → SELF_ASSESSMENT →
 * SUPERVISOR_REVIEW → COUNCIL → LOCKED. `advance` moves one step forward and never into
 * LOCKED; only `lock` locks (from COUNCIL), and only `reopen` (with a reason) leaves LOCKED,
 * back to COUNCIL. Each stage allows one kind of assessment write.
 */

export const CAMPAIGN_STATUSES = ['OPEN', 'SELF_ASSESSMENT', 'SUPERVISOR_REVIEW', 'COUNCIL', 'LOCKED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const INSTRUMENTS = ['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export const SCOPE_KINDS = ['UNITS', 'POSITIONS', 'PEOPLE'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** The kinds of assessment write; C2's assessment endpoints ask `stageAllows` before each. */
export type WriteKind = 'SELF' | 'SUPERVISOR' | 'COUNCIL';

/** Minimum length of a reopening reason, after trimming. */
export const REOPEN_REASON_MIN = 10;

const STAGE_OF: Record<WriteKind, CampaignStatus> = {
  SELF: 'SELF_ASSESSMENT',
  SUPERVISOR: 'SUPERVISOR_REVIEW',
  COUNCIL: 'COUNCIL',
};

export function isCampaignStatus(v: unknown): v is CampaignStatus {
  return typeof v === 'string' && (CAMPAIGN_STATUSES as readonly string[]).includes(v);
}

export function isLocked(status: string): boolean {
  return status === 'LOCKED';
}

/** Whether the campaign's stage takes writes of this kind (self only in SELF_ASSESSMENT, and so on). */
export function stageAllows(status: string, kind: WriteKind): boolean {
  return status === STAGE_OF[kind];
}

/**
 * The guard every campaign write except reopening runs first: a locked campaign answers
 * 409 REVIEW_CAMPAIGN_LOCKED ("campaign is locked", translated).
 */
export function assertNotLocked(status: string): void {
  if (isLocked(status)) throw campaignLockedError();
}

export function campaignLockedError(): AppError {
  return new AppError('REVIEW_CAMPAIGN_LOCKED');
}

export type Refusal = 'LOCKED' | 'STAGE_INVALID' | 'REASON_REQUIRED';
export type Transition = { ok: true; next: CampaignStatus } | { ok: false; refusal: Refusal };

const ADVANCES: Partial<Record<CampaignStatus, CampaignStatus>> = {
  OPEN: 'SELF_ASSESSMENT',
  SELF_ASSESSMENT: 'SUPERVISOR_REVIEW',
  SUPERVISOR_REVIEW: 'COUNCIL',
};

/** One step forward; COUNCIL goes no further (it is locked with `lock`). */
export function advance(status: CampaignStatus): Transition {
  if (status === 'LOCKED') return { ok: false, refusal: 'LOCKED' };
  const next = ADVANCES[status];
  return next ? { ok: true, next } : { ok: false, refusal: 'STAGE_INVALID' };
}

export function lock(status: CampaignStatus): Transition {
  if (status === 'LOCKED') return { ok: false, refusal: 'LOCKED' };
  return status === 'COUNCIL' ? { ok: true, next: 'LOCKED' } : { ok: false, refusal: 'STAGE_INVALID' };
}

export function reopen(status: CampaignStatus, reason: string): Transition {
  if (status !== 'LOCKED') return { ok: false, refusal: 'STAGE_INVALID' };
  if (reason.trim().length < REOPEN_REASON_MIN) return { ok: false, refusal: 'REASON_REQUIRED' };
  return { ok: true, next: 'COUNCIL' };
}

/** The AppError for a refused transition. */
export function refusalError(refusal: Refusal): AppError {
  if (refusal === 'LOCKED') return campaignLockedError();
  if (refusal === 'REASON_REQUIRED') return new AppError('REVIEW_CAMPAIGN_REOPEN_REASON_REQUIRED');
  return new AppError('REVIEW_CAMPAIGN_STAGE_INVALID');
}

/** Applies a transition or throws its refusal. */
export function expectTransition(t: Transition): CampaignStatus {
  if (!t.ok) throw refusalError(t.refusal);
  return t.next;
}

const addYears = (year: number, delta: number) => String(year + delta).padStart(4, '0');

/**
 * The review period must run forward (from ≤ to), overlap the review year, and stay within
 * the year before and the year after it (a 2025 review may run from December 2024 to
 * January 2026, not from 2023). Dates are 'YYYY-MM-DD'.
 */
export function periodProblems(year: number, from: string, to: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const earliest = `${addYears(year, -1)}-01-01`;
  const latest = `${addYears(year, 1)}-12-31`;
  if (from > to) problems.push({ path: 'periodTo', message: 'BEFORE_PERIOD_FROM' });
  if (from < earliest || from > latest) problems.push({ path: 'periodFrom', message: 'TOO_FAR_FROM_YEAR' });
  if (to < earliest || to > latest) problems.push({ path: 'periodTo', message: 'TOO_FAR_FROM_YEAR' });
  if (problems.length === 0 && (to < `${addYears(year, 0)}-01-01` || from > `${addYears(year, 0)}-12-31`))
    problems.push({ path: 'periodFrom', message: 'DOES_NOT_OVERLAP_YEAR' });
  return problems;
}

/** Decree 90/2020 before 2026, Decree 335/2025 from 2026 (as configured): the regime of civil servants for the year. */
export function regimeForYear(config: ReviewRegimeConfig, year: number): ReviewRegime | null {
  return chooseRegime(config, year, 'CIVIL_SERVANT').regime;
}

/** Instruments deduplicated in the canonical order. */
export function normaliseInstruments(instruments: readonly Instrument[]): Instrument[] {
  return INSTRUMENTS.filter((i) => instruments.includes(i));
}
