import { describe, expect, it } from 'vitest';
import { DEFAULT_DECREE_90_CONFIG } from '../../platform/rules/defaults/reviews-90.config.ts';
import { DEFAULT_EXCELLENT_QUOTA_CONFIG } from '../../platform/rules/defaults/reviews-quota.config.ts';
import { DEFAULT_SCREENING_178_CONFIG } from '../../platform/rules/defaults/screening-178.config.ts';
import { interimPositions } from '../positions/interim-catalogue.ts';
import {
  CROSS_FIELD_TEST_NAME,
  type CrossFieldPosition,
  planCrossFieldTests,
  type ReviewPerson,
  type ReviewPlanInput,
} from './demo-reviews.ts';

const positions: CrossFieldPosition[] = interimPositions()
  .filter((p) => p.group === 'PROFESSIONAL' && p.field !== null)
  .map((p) => ({
    code: p.code,
    field: p.field as string,
    qualificationFields: p.qualificationFields,
    requirements: p.requirements.map((r) => ({ competencyCode: r.competencyCode, requiredLevel: r.level })),
  }));
const byCode = new Map(positions.map((p) => [p.code, p]));

/** 400 professionals of home affairs (CM.23) and the one-stop desk (CM.31), half law graduates. */
function people(): ReviewPerson[] {
  return Array.from({ length: 400 }, (_, i) => {
    const code = i % 2 === 0 ? 'CM.23' : 'CM.31';
    return {
      staffId: i + 1,
      key: `0460${String(i).padStart(8, '0')}`,
      unitId: 100 + (i % 40),
      orgBodyId: null,
      positionId: i % 2 === 0 ? 23 : 31,
      positionCode: code,
      positionGroup: 'PROFESSIONAL',
      requirements: byCode.get(code)?.requirements ?? [],
      qualificationField: i % 4 < 2 ? 'Luật' : 'Y tế công cộng',
    };
  });
}

function input(over: Partial<ReviewPlanInput> = {}): ReviewPlanInput {
  return {
    seed: 2025,
    people: people(),
    chairs: [],
    accounts: [],
    now: '2026-03-02T03:00:00.000Z',
    decree90: DEFAULT_DECREE_90_CONFIG,
    quota2025: DEFAULT_EXCELLENT_QUOTA_CONFIG,
    screening178: DEFAULT_SCREENING_178_CONFIG,
    positions,
    ...over,
  };
}

describe('cross-field tests of the demo', () => {
  const tests = planCrossFieldTests(input());
  const personOf = new Map(people().map((p) => [p.staffId, p]));

  it('tests only people qualified for a position of another field, on that position’s field competencies', () => {
    expect(tests.length).toBeGreaterThan(50);
    for (const t of tests) {
      const p = personOf.get(t.staffId);
      // Only law graduates qualify elsewhere here ('Y tế công cộng' is asked by CM.29 only, which is… health: another field too).
      const target = positions.find(
        (q) => q.requirements.some((r) => r.competencyCode === t.competencyCode) && q.field !== byCode.get(p?.positionCode ?? '')?.field,
      );
      expect(target).toBeDefined();
      expect(t.competencyCode.startsWith('FLD.')).toBe(true);
      expect(p?.requirements.some((r) => r.competencyCode === t.competencyCode)).toBe(false);
      expect(t.testName).toBe(CROSS_FIELD_TEST_NAME);
      expect(t.takenOn >= '2026-01-05' && t.takenOn <= '2026-03-02').toBe(true);
      expect(t.passed).toBe(t.levelAchieved >= 3);
    }
    // Law graduates reach civil status (CM.05: FLD.JUSTICE and FLD.CIVIL_STATUS).
    const codes = new Set(tests.filter((t) => personOf.get(t.staffId)?.qualificationField === 'Luật').map((t) => t.competencyCode));
    expect(codes.has('FLD.CIVIL_STATUS')).toBe(true);
    // Most reach the required level, some do not.
    const passed = tests.filter((t) => t.passed).length;
    expect(passed / tests.length).toBeGreaterThan(0.6);
    expect(passed).toBeLessThan(tests.length);
  });

  it('is deterministic, draws from each person’s own stream, and plans nothing without the positions', () => {
    expect(planCrossFieldTests(input())).toEqual(tests);
    // Dropping other people changes nothing for the ones kept.
    const some = people().slice(0, 100);
    const kept = planCrossFieldTests(input({ people: some }));
    expect(kept).toEqual(tests.filter((t) => t.staffId <= 100));
    expect(planCrossFieldTests(input({ positions: undefined }))).toEqual([]);
    // Leadership posts and people without a qualification field are not tested.
    const leaders = people().map((p) => ({ ...p, positionGroup: 'LEADERSHIP' }));
    expect(planCrossFieldTests(input({ people: leaders }))).toEqual([]);
    const unknown = people().map((p) => ({ ...p, qualificationField: null }));
    expect(planCrossFieldTests(input({ people: unknown }))).toEqual([]);
  });
});
