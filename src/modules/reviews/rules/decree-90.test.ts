import { describe, expect, it } from 'vitest';
import { DEFAULT_DECREE_90_CONFIG, Decree90ConfigSchema } from '../../../platform/rules/defaults/reviews-90.config.ts';
import { checkDecree90ExcellentCap, type Decree90Input, levelDecree90 } from './decree-90.ts';

const config = DEFAULT_DECREE_90_CONFIG;
const input = (changes: Partial<Decree90Input>): Decree90Input => ({
  subject: 'CIVIL_SERVANT',
  judgedLevel: 'GOOD',
  metrics: {},
  absenceMonths: 0,
  ...changes,
});

describe('Decree 90 levels: non-manager Excellent', () => {
  it('confirms Excellent when every task was on time and to standard and at least 50% went beyond the required level', () => {
    const r = levelDecree90(
      config,
      input({ judgedLevel: 'EXCELLENT', metrics: { ALL_TASKS_ON_TIME_AND_TO_STANDARD: true, SHARE_TASKS_BEYOND_REQUIRED: 0.5 } }),
    );
    expect(r.level).toBe('EXCELLENT');
    expect(r.gateChecks.map((g) => [g.gateId, g.passed])).toEqual([['EXCELLENT_NON_MANAGER', true]]);
    expect(r.missingMetrics).toEqual([]);
  });

  it('steps down to Good when only 49% went beyond, and says which condition failed', () => {
    const r = levelDecree90(
      config,
      input({ judgedLevel: 'EXCELLENT', metrics: { ALL_TASKS_ON_TIME_AND_TO_STANDARD: true, SHARE_TASKS_BEYOND_REQUIRED: 0.49 } }),
    );
    expect(r.level).toBe('GOOD');
    expect(r.gateChecks[0]?.conditions.map((c) => c.holds)).toEqual([true, false]);
    expect(r.trace.find((t) => t.rule === 'gate.EXCELLENT_NON_MANAGER')?.formula).toBe(
      'EXCELLENT: ALL_TASKS_ON_TIME_AND_TO_STANDARD is true (saw true), SHARE_TASKS_BEYOND_REQUIRED ≥ 0.5 (saw 0.49)',
    );
  });

  it('does not confirm Excellent without the metrics, and lists what is missing', () => {
    const r = levelDecree90(config, input({ judgedLevel: 'EXCELLENT' }));
    expect(r.level).toBe('GOOD');
    expect(r.gateChecks[0]?.passed).toBeNull();
    expect(r.missingMetrics).toEqual(['ALL_TASKS_ON_TIME_AND_TO_STANDARD', 'SHARE_TASKS_BEYOND_REQUIRED']);
  });

  it('keeps a judged Good or Completed as judged when no gate guards it', () => {
    expect(levelDecree90(config, input({ judgedLevel: 'GOOD' })).level).toBe('GOOD');
    expect(levelDecree90(config, input({ judgedLevel: 'COMPLETED' })).level).toBe('COMPLETED');
    expect(levelDecree90(config, input({ judgedLevel: 'NOT_COMPLETED' })).level).toBe('NOT_COMPLETED');
  });
});

describe('Decree 90 levels: managers', () => {
  const excellentUnit = {
    UNIT_ALL_TARGETS_MET: true,
    UNIT_SHARE_TARGETS_EXCEEDED: 0.5,
    SUBORDINATE_UNITS_ALL_COMPLETED_OR_BETTER: true,
    SUBORDINATE_UNITS_SHARE_GOOD_OR_EXCELLENT: 0.7,
    UNIT_SHARE_TARGETS_MET_ON_TIME: 1,
  };

  it('confirms Excellent at exactly 50% exceeded and 70% Good or Excellent subordinate units', () => {
    const r = levelDecree90(config, input({ subject: 'MANAGER', judgedLevel: 'EXCELLENT', metrics: excellentUnit }));
    expect(r.level).toBe('EXCELLENT');
    // Cumulative gates: Excellent must also pass Good's ≥ 80% on time.
    expect(r.gateChecks.map((g) => g.gateId)).toEqual(['EXCELLENT_MANAGER', 'GOOD_MANAGER']);
  });

  it('steps an Excellent manager with a subordinate unit not completed down to Good', () => {
    const r = levelDecree90(
      config,
      input({
        subject: 'MANAGER',
        judgedLevel: 'EXCELLENT',
        metrics: { ...excellentUnit, SUBORDINATE_UNITS_ALL_COMPLETED_OR_BETTER: false },
      }),
    );
    expect(r.level).toBe('GOOD');
  });

  it('rates a manager with 79% of targets met on time no better than Completed, and 80% Good', () => {
    expect(levelDecree90(config, input({ subject: 'MANAGER', metrics: { UNIT_SHARE_TARGETS_MET_ON_TIME: 0.79 } })).level).toBe('COMPLETED');
    expect(levelDecree90(config, input({ subject: 'MANAGER', metrics: { UNIT_SHARE_TARGETS_MET_ON_TIME: 0.8 } })).level).toBe('GOOD');
  });

  it('checks only the judged level’s own gates when gates are not cumulative', () => {
    const r = levelDecree90(
      { ...config, cumulativeGates: false },
      input({ subject: 'MANAGER', judgedLevel: 'EXCELLENT', metrics: { ...excellentUnit, UNIT_SHARE_TARGETS_MET_ON_TIME: 0.1 } }),
    );
    expect(r.level).toBe('EXCELLENT');
  });
});

describe('Decree 90 levels: public employees and absence', () => {
  it('rates a public employee Completed with at most 20% of criteria late or poor, Not completed above', () => {
    const judged = input({ subject: 'PUBLIC_EMPLOYEE', judgedLevel: 'COMPLETED' });
    expect(levelDecree90(config, { ...judged, metrics: { SHARE_CRITERIA_LATE_POOR_OR_INEFFICIENT: 0.2 } }).level).toBe('COMPLETED');
    expect(levelDecree90(config, { ...judged, metrics: { SHARE_CRITERIA_LATE_POOR_OR_INEFFICIENT: 0.21 } }).level).toBe('NOT_COMPLETED');
  });

  it('caps someone absent 3 to under 6 months at Completed', () => {
    const metrics = { ALL_TASKS_ON_TIME_AND_TO_STANDARD: true, SHARE_TASKS_BEYOND_REQUIRED: 0.9 };
    expect(levelDecree90(config, input({ judgedLevel: 'EXCELLENT', metrics, absenceMonths: 2.9 })).level).toBe('EXCELLENT');
    const r = levelDecree90(config, input({ judgedLevel: 'EXCELLENT', metrics, absenceMonths: 3 }));
    expect(r).toMatchObject({ level: 'COMPLETED', afterAbsence: 'COMPLETED' });
    expect(r.trace.some((t) => t.rule === 'absence.cap')).toBe(true);
    expect(levelDecree90(config, input({ judgedLevel: 'GOOD', absenceMonths: 5.9 })).level).toBe('COMPLETED');
    // domain.md gives no rule from 6 months on: not applied.
    expect(levelDecree90(config, input({ judgedLevel: 'GOOD', absenceMonths: 6 })).level).toBe('GOOD');
  });

  it('refuses shares outside 0–1', () => {
    expect(() => levelDecree90(config, input({ metrics: { SHARE_TASKS_BEYOND_REQUIRED: 50 } }))).toThrow(/must be a share 0–1/);
  });
});

describe('Decree 48/2023 Excellent cap and the config', () => {
  it('applies the configurable cap (20% of Good, no exemption by default)', () => {
    const group = (good: number, excellent: number) => ({
      members: [
        ...Array.from({ length: good }, (_, i) => ({ personId: `g${i}`, rating: 'GOOD' as const })),
        ...Array.from({ length: excellent }, (_, i) => ({ personId: `e${i}`, rating: 'EXCELLENT' as const })),
      ],
      outstandingUnit: true,
    });
    expect(checkDecree90ExcellentCap(config, group(10, 2)).violates).toBe(false);
    expect(checkDecree90ExcellentCap(config, group(10, 3))).toMatchObject({ violates: true, excess: 1 });
  });

  it('accepts the default config and refuses an inverted absence window', () => {
    expect(Decree90ConfigSchema.safeParse(config).success).toBe(true);
    expect(Decree90ConfigSchema.safeParse({ ...config, absence: { fromMonths: 6, belowMonths: 3, bestLevel: 'COMPLETED' } }).success).toBe(
      false,
    );
    expect(
      Decree90ConfigSchema.safeParse({
        ...config,
        gates: [
          {
            id: 'X',
            level: 'NOT_COMPLETED',
            subjects: ['MANAGER'],
            conditions: [{ metric: 'UNIT_ALL_TARGETS_MET', op: 'IS_TRUE' }],
            certainty: 'NC',
          },
        ],
      }).success,
    ).toBe(false);
  });
});
