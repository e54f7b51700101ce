import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewRating } from '../../../platform/rules/defaults/reviews-common.config.ts';
import {
  DEFAULT_SCREENING_178_CONFIG,
  SCREENING_OUTCOMES,
  type Screening178Config,
  Screening178ConfigSchema,
} from '../../../platform/rules/defaults/screening-178.config.ts';
import { type AnnualResult, type Screening178Input, screen178, screening178InputProblems } from './screening-178.ts';

const config = DEFAULT_SCREENING_178_CONFIG;
const d90 = (year: number, rating: ReviewRating): AnnualResult => ({ year, regime: 'DECREE_90', rating });

// Competence 70% → 30 × 0.7 = 21; ethics 18 of 20 points → 18; innovation 40% → 5 × 0.4 = 2.
const COUNCIL = { COMPETENCE: { percent: 70 }, ETHICS: { points: 18 }, INNOVATION: { percent: 40 } };
const NO_GAP = { gapCount: 0, largestGap: 0 };

const input = (changes: Partial<Screening178Input>): Screening178Input => ({
  lastYear: 2025,
  criteria: COUNCIL,
  annualResults: [d90(2023, 'GOOD'), d90(2024, 'EXCELLENT'), d90(2025, 'COMPLETED')],
  positionGap: NO_GAP,
  ...changes,
});

describe('Decree 178 screening: hand-computed cases with the Nghe An weights', () => {
  it('retains a solid official when no rule fires', () => {
    // Results: Good 80, Excellent 100, Completed 60 → mean 80% → 45 × 0.8 = 36.
    // Total 21 + 36 + 18 + 2 = 77: no exit (≥ 50), no retrain (≥ 70, competence 70% ≥ 50%, no gap) → fallback Retain.
    const r = screen178(config, input({}));
    expect(r.lookBack).toMatchObject({ years: [2023, 2024, 2025], missingYears: [], percent: 80 });
    expect(r.criteria.map((c) => [c.code, c.points])).toEqual([
      ['COMPETENCE', 21],
      ['RESULTS', 36],
      ['ETHICS', 18],
      ['INNOVATION', 2],
    ]);
    expect(r.total).toBe(77);
    expect(r).toMatchObject({ outcome: 'RETAIN', firedRule: null, complete: true });
    expect(r.rules).toHaveLength(config.rules.length);
    expect(r.trace.at(-1)).toMatchObject({ rule: 'fallback', result: 'RETAIN' });
  });

  it('reassigns when the competence gap against the position is two levels or more', () => {
    const r = screen178(config, input({ positionGap: { gapCount: 3, largestGap: 2 } }));
    expect(r).toMatchObject({ outcome: 'REASSIGN', firedRule: 'REASSIGN_POSITION_MISMATCH' });
    // The rules before it were looked at and did not fire; none after it.
    expect(r.rules.map((x) => [x.id, x.fired])).toEqual([
      ['EXIT_LOW_TOTAL', false],
      ['EXIT_REPEATED_NOT_COMPLETED', false],
      ['REASSIGN_POSITION_MISMATCH', true],
    ]);
    expect(r.trace.find((t) => t.rule === 'rule.REASSIGN_POSITION_MISMATCH')).toMatchObject({
      inputs: { gapCount: 3, largestGap: 2 },
      result: 'REASSIGN',
    });
  });

  it('retrains someone with one year Not completed', () => {
    // Results 0, 80, 80 → 53.33…% → 45 × 0.5333… = 24. Total 21 + 24 + 18 + 2 = 65.
    const r = screen178(config, input({ annualResults: [d90(2023, 'NOT_COMPLETED'), d90(2024, 'GOOD'), d90(2025, 'GOOD')] }));
    expect(r.total).toBe(65);
    expect(r).toMatchObject({ outcome: 'RETRAIN', firedRule: 'RETRAIN_YEAR_NOT_COMPLETED' });
  });

  it('makes someone with two years Not completed an exit candidate even above 50 points', () => {
    // Results 0, 0, 80 → 26.67% → 12. Total 21 + 12 + 18 + 2 = 53 (not below 50).
    const r = screen178(config, input({ annualResults: [d90(2023, 'NOT_COMPLETED'), d90(2024, 'NOT_COMPLETED'), d90(2025, 'GOOD')] }));
    expect(r.total).toBe(53);
    expect(r).toMatchObject({ outcome: 'EXIT_CANDIDATE', firedRule: 'EXIT_REPEATED_NOT_COMPLETED' });
  });

  it('makes a total below 50 an exit candidate; exactly 50 is retrained, exactly 70 retained', () => {
    const completed3 = [d90(2023, 'COMPLETED'), d90(2024, 'COMPLETED'), d90(2025, 'COMPLETED')]; // 60% → 27
    // 20% competence → 6; ethics 50% → 10; innovation 0: 6 + 27 + 10 + 0 = 43.
    const low = screen178(
      config,
      input({ annualResults: completed3, criteria: { COMPETENCE: { percent: 20 }, ETHICS: { percent: 50 }, INNOVATION: { percent: 0 } } }),
    );
    expect(low).toMatchObject({ total: 43, outcome: 'EXIT_CANDIDATE', firedRule: 'EXIT_LOW_TOTAL' });
    // 50% → 15; ethics 40% → 8: 15 + 27 + 8 + 0 = 50.
    const fifty = screen178(
      config,
      input({ annualResults: completed3, criteria: { COMPETENCE: { percent: 50 }, ETHICS: { percent: 40 }, INNOVATION: { points: 0 } } }),
    );
    expect(fifty).toMatchObject({ total: 50, outcome: 'RETRAIN', firedRule: 'RETRAIN_LOW_TOTAL' });
    // 100% → 30; ethics 65% → 13: 30 + 27 + 13 + 0 = 70.
    const seventy = screen178(
      config,
      input({ annualResults: completed3, criteria: { COMPETENCE: { percent: 100 }, ETHICS: { percent: 65 }, INNOVATION: { percent: 0 } } }),
    );
    expect(seventy).toMatchObject({ total: 70, outcome: 'RETAIN', firedRule: null });
  });

  it('marks the outcome provisional when the position gap or a year is missing', () => {
    const r = screen178(config, input({ positionGap: null }));
    expect(r).toMatchObject({ outcome: 'RETAIN', complete: false, missingInputs: ['positionGap'] });
    expect(r.trace.find((t) => t.rule === 'rule.REASSIGN_POSITION_MISMATCH')?.formula).toContain('undecided');

    // Only 2024 Good (80) and 2025 Excellent (100): the mean of available years is 90%; counted as zero it is 180 / 3 = 60%.
    const twoYears = input({ annualResults: [d90(2022, 'NOT_COMPLETED'), d90(2024, 'GOOD'), d90(2025, 'EXCELLENT')] });
    const mean = screen178(config, twoYears);
    expect(mean.lookBack).toMatchObject({ missingYears: [2023], percent: 90 });
    expect(mean.missingInputs).toEqual(['annualResults.2023']);
    expect(mean.trace.some((t) => t.rule === 'lookBack.outside' && t.inputs.year === 2022)).toBe(true);
    const zero = screen178({ ...config, annualResults: { ...config.annualResults, missingYear: 'COUNT_AS_ZERO' } }, twoYears);
    expect(zero.lookBack.percent).toBe(60);
  });

  it('scores a missing council criterion 0 and says so', () => {
    const r = screen178(config, input({ criteria: { COMPETENCE: { percent: 70 }, ETHICS: { points: 18 } } }));
    expect(r.criteria.find((c) => c.code === 'INNOVATION')?.points).toBe(0);
    expect(r.missingInputs).toEqual(['criteria.INNOVATION']);
  });

  it('counts Decree 335 years by band, or by score when configured', () => {
    // 2026 rated Good with 86 points; 2024 and 2025 Good under Decree 90 (80 each).
    const mixed = input({
      lastYear: 2026,
      annualResults: [d90(2024, 'GOOD'), d90(2025, 'GOOD'), { year: 2026, regime: 'DECREE_335', rating: 'GOOD', score: 86 }],
    });
    expect(screen178(config, mixed).lookBack.percent).toBe(80);
    // (80 + 80 + 86) / 3 = 82.
    expect(screen178({ ...config, annualResults: { ...config.annualResults, decree335Basis: 'SCORE' } }, mixed).lookBack.percent).toBe(82);
  });

  it('uses the province’s weights and rules, not constants', () => {
    const province: Screening178Config = {
      ...config,
      criteria: config.criteria.map((c) => ({ ...c, weight: c.code === 'RESULTS' ? 50 : c.code === 'COMPETENCE' ? 25 : c.weight })),
      rules: [{ id: 'ALWAYS_REVIEW_BELOW_90', outcome: 'RETRAIN', when: [{ kind: 'TOTAL_BELOW', points: 90 }], certainty: 'NC' }],
    };
    expect(Screening178ConfigSchema.safeParse(province).success).toBe(true);
    // 25 × 0.7 + 50 × 0.8 + 18 + 2 = 17.5 + 40 + 20 = 77.5.
    expect(screen178(province, input({}))).toMatchObject({ total: 77.5, outcome: 'RETRAIN', firedRule: 'ALWAYS_REVIEW_BELOW_90' });
  });
});

describe('input problems and config checks', () => {
  it('names each problem of an input', () => {
    expect(
      screening178InputProblems(
        config,
        input({
          criteria: { COMPETENCE: { percent: 120 }, ETHICS: { points: 25 }, RESULTS: { percent: 50 }, OTHER: { percent: 1 } },
          annualResults: [d90(2024, 'GOOD'), d90(2024, 'GOOD')],
          positionGap: { gapCount: -1, largestGap: 0 },
        }),
      ),
    ).toEqual([
      'criteria.COMPETENCE.percent: 0–100',
      'criteria.ETHICS.points: 0–20',
      'criteria.RESULTS: computed from the annual results, not entered',
      'criteria.OTHER: not a criterion of 178-default-1',
      'annualResults.2024: given twice',
      'positionGap: whole numbers ≥ 0',
    ]);
    expect(() => screen178(config, input({ lastYear: 25 }))).toThrow(RangeError);
  });

  it('accepts the default config and refuses weights not adding up to 100 or rules naming unknown criteria', () => {
    expect(Screening178ConfigSchema.safeParse(config).success).toBe(true);
    const messages = (c: Screening178Config) => (Screening178ConfigSchema.safeParse(c).error?.issues ?? []).map((i) => i.message);
    expect(messages({ ...config, criteria: config.criteria.map((c) => ({ ...c, weight: 20 })) })).toContain(
      'criterion weights add up to 80, not 100',
    );
    expect(
      messages({
        ...config,
        rules: [{ id: 'X', outcome: 'RETRAIN', when: [{ kind: 'CRITERION_BELOW', criterion: 'NOPE', percent: 1 }], certainty: 'NC' }],
      }),
    ).toContain('X: unknown criterion NOPE');
  });
});

describe('properties', () => {
  const ratingArb = fc.constantFrom<ReviewRating>('EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED');
  const inputArb = fc.record({
    lastYear: fc.constant(2026),
    criteria: fc.record({
      COMPETENCE: fc.record({ percent: fc.double({ min: 0, max: 100, noNaN: true }) }),
      ETHICS: fc.record({ points: fc.double({ min: 0, max: 20, noNaN: true }) }),
      INNOVATION: fc.record({ percent: fc.double({ min: 0, max: 100, noNaN: true }) }),
    }),
    annualResults: fc
      .subarray([2024, 2025, 2026])
      .chain((years) =>
        fc.tuple(
          ...years.map((year) => fc.record({ year: fc.constant(year), regime: fc.constant('DECREE_90' as const), rating: ratingArb })),
        ),
      ),
    positionGap: fc.option(fc.record({ gapCount: fc.nat(10), largestGap: fc.nat(4) }), { nil: null }),
  });

  it('keeps the total within 0..100 and fires the first rule whose conditions all hold', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const r = screen178(config, i);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        expect(SCREENING_OUTCOMES).toContain(r.outcome);
        const firstAllTrue = r.rules.find((x) => x.conditions.every((c) => c.holds === true));
        expect(r.firedRule).toBe(firstAllTrue?.id ?? null);
        expect(r.outcome).toBe(firstAllTrue?.outcome ?? config.fallbackOutcome);
      }),
    );
  });

  it('never makes someone an exit candidate for having one year fewer rated Not completed', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const better = {
          ...i,
          annualResults: i.annualResults.map((a) => (a.rating === 'NOT_COMPLETED' ? { ...a, rating: 'COMPLETED' as const } : a)),
        };
        if (screen178(config, i).outcome !== 'EXIT_CANDIDATE') expect(screen178(config, better).outcome).not.toBe('EXIT_CANDIDATE');
      }),
    );
  });
});
