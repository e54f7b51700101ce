import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { DEFAULT_REVIEW_REGIME_CONFIG } from '../../../platform/rules/defaults/reviews-regime.config.ts';
import { campaignStatusLabel, instrumentLabel } from '../reviews.labels.ts';
import {
  advance,
  assertNotLocked,
  CAMPAIGN_STATUSES,
  expectTransition,
  INSTRUMENTS,
  isLocked,
  lock,
  normaliseInstruments,
  periodProblems,
  regimeForYear,
  reopen,
  stageAllows,
  type WriteKind,
} from './campaign-workflow.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return null;
};

describe('campaign workflow', () => {
  it('advances one step at a time up to COUNCIL, never into LOCKED', () => {
    expect(advance('OPEN')).toEqual({ ok: true, next: 'SELF_ASSESSMENT' });
    expect(advance('SELF_ASSESSMENT')).toEqual({ ok: true, next: 'SUPERVISOR_REVIEW' });
    expect(advance('SUPERVISOR_REVIEW')).toEqual({ ok: true, next: 'COUNCIL' });
    expect(advance('COUNCIL')).toEqual({ ok: false, refusal: 'STAGE_INVALID' });
    expect(advance('LOCKED')).toEqual({ ok: false, refusal: 'LOCKED' });
  });

  it('locks only from COUNCIL', () => {
    expect(lock('COUNCIL')).toEqual({ ok: true, next: 'LOCKED' });
    for (const s of ['OPEN', 'SELF_ASSESSMENT', 'SUPERVISOR_REVIEW'] as const)
      expect(lock(s)).toEqual({ ok: false, refusal: 'STAGE_INVALID' });
    expect(lock('LOCKED')).toEqual({ ok: false, refusal: 'LOCKED' });
  });

  it('reopens only a locked campaign, back to COUNCIL, with a reason of at least 10 characters after trimming', () => {
    expect(reopen('LOCKED', 'Sai sót điểm của ông A')).toEqual({ ok: true, next: 'COUNCIL' });
    expect(reopen('LOCKED', '1234567890')).toEqual({ ok: true, next: 'COUNCIL' });
    expect(reopen('LOCKED', '   123456789   ')).toEqual({ ok: false, refusal: 'REASON_REQUIRED' });
    expect(reopen('LOCKED', '')).toEqual({ ok: false, refusal: 'REASON_REQUIRED' });
    expect(reopen('COUNCIL', 'a long enough reason')).toEqual({ ok: false, refusal: 'STAGE_INVALID' });
  });

  it('maps refusals to translated error codes', () => {
    expect(codeOf(() => expectTransition(advance('LOCKED')))).toBe('REVIEW_CAMPAIGN_LOCKED');
    expect(codeOf(() => expectTransition(advance('COUNCIL')))).toBe('REVIEW_CAMPAIGN_STAGE_INVALID');
    expect(codeOf(() => expectTransition(reopen('LOCKED', 'short')))).toBe('REVIEW_CAMPAIGN_REOPEN_REASON_REQUIRED');
    expect(expectTransition(lock('COUNCIL'))).toBe('LOCKED');
  });

  it('lets each stage take exactly its own kind of write, and none when locked', () => {
    const allowed = (kind: WriteKind) => CAMPAIGN_STATUSES.filter((s) => stageAllows(s, kind));
    expect(allowed('SELF')).toEqual(['SELF_ASSESSMENT']);
    expect(allowed('SUPERVISOR')).toEqual(['SUPERVISOR_REVIEW']);
    expect(allowed('COUNCIL')).toEqual(['COUNCIL']);
    expect(CAMPAIGN_STATUSES.filter(isLocked)).toEqual(['LOCKED']);
    expect(codeOf(() => assertNotLocked('LOCKED'))).toBe('REVIEW_CAMPAIGN_LOCKED');
    expect(codeOf(() => assertNotLocked('COUNCIL'))).toBeNull();
  });

  it('checks the period: forward, overlapping the year, within a year either side', () => {
    expect(periodProblems(2025, '2025-01-01', '2025-12-15')).toEqual([]);
    expect(periodProblems(2025, '2024-12-01', '2026-01-31')).toEqual([]);
    expect(periodProblems(2025, '2025-12-15', '2025-01-01')).toEqual([{ path: 'periodTo', message: 'BEFORE_PERIOD_FROM' }]);
    expect(periodProblems(2025, '2023-06-01', '2025-06-01')).toEqual([{ path: 'periodFrom', message: 'TOO_FAR_FROM_YEAR' }]);
    expect(periodProblems(2025, '2026-02-01', '2026-03-01')).toEqual([{ path: 'periodFrom', message: 'DOES_NOT_OVERLAP_YEAR' }]);
    expect(periodProblems(2025, '2024-01-01', '2024-12-31')).toEqual([{ path: 'periodFrom', message: 'DOES_NOT_OVERLAP_YEAR' }]);
  });

  it('chooses Decree 90 before 2026 and Decree 335 from 2026 with the default regime config', () => {
    expect(regimeForYear(DEFAULT_REVIEW_REGIME_CONFIG, 2025)).toBe('DECREE_90');
    expect(regimeForYear(DEFAULT_REVIEW_REGIME_CONFIG, 2026)).toBe('DECREE_335');
    expect(regimeForYear(DEFAULT_REVIEW_REGIME_CONFIG, 2019)).toBeNull();
  });

  it('keeps instruments once each, in canonical order', () => {
    expect(normaliseInstruments(['SCREENING_178', 'COMPETENCY', 'SCREENING_178'])).toEqual(['COMPETENCY', 'SCREENING_178']);
  });
});

describe('campaign labels', () => {
  it('has a Vietnamese, English and Indonesian label for every status and instrument', () => {
    for (const locale of ['vi', 'en', 'id'] as const) {
      const t = translator(locale);
      for (const s of CAMPAIGN_STATUSES) expect(campaignStatusLabel(t, s)).not.toBe(s);
      for (const i of INSTRUMENTS) expect(instrumentLabel(t, i)).not.toBe(i);
    }
    expect(campaignStatusLabel(translator('vi'), 'LOCKED')).toBe('Đã khóa');
  });
});
