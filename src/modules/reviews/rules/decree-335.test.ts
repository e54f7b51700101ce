import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECREE_335_CONFIG,
  type Decree335Config,
  Decree335ConfigSchema,
} from '../../../platform/rules/defaults/reviews-335.config.ts';
import { bandOf, type Decree335Input, decree335InputProblems, scoreDecree335, scoreItem, type WorkItem } from './decree-335.ts';
import { roundHalfUp } from './trace.ts';

const config = DEFAULT_DECREE_335_CONFIG;

const item = (id: string, changes: Partial<WorkItem> = {}): WorkItem => ({
  id,
  coefficient: 1,
  completed: true,
  sendBacks: 0,
  delays: 0,
  objectiveCauseConfirmed: false,
  ...changes,
});

const input = (changes: Partial<Decree335Input> = {}): Decree335Input => ({
  isLeader: false,
  generalScores: {},
  periods: [],
  vetoes: [],
  ...changes,
});

/** Every default general criterion at its maximum: 5 + 5 + 4 + 4 + 4 + 4 + 4 = 30. */
const FULL_GENERAL = Object.fromEntries(config.general.criteria.map((c) => [c.code, c.maxPoints]));
/** A period where every item is done, on time, to the bar: a = b = c = 1 → 70. */
const PERFECT = { label: 'Q4', items: [item('P1', { coefficient: 2 }), item('P2')] };

const withConfig = (changes: (c: Decree335Config) => Decree335Config) => changes(structuredClone(config) as Decree335Config);

describe('Decree 335 items: quantity, quality and progress points with the 25% deductions', () => {
  it('deducts 25% of the coefficient per send-back from quality and per delay from progress', () => {
    // coefficient 2, 1 send-back, 2 delays: quality 2 − 1 × 0.25 × 2 = 1.5; progress 2 − 2 × 0.25 × 2 = 1.
    const r = scoreItem(config, item('X', { coefficient: 2, sendBacks: 1, delays: 2 }));
    expect(r.quantityPoints).toBe(2);
    expect(r.quality).toEqual({ base: 2, count: 1, exempt: false, deduction: 0.5, points: 1.5 });
    expect(r.progress).toEqual({ base: 2, count: 2, exempt: false, deduction: 1, points: 1 });
  });

  it('deducts nothing when a competent authority confirmed an objective cause', () => {
    const r = scoreItem(config, item('X', { sendBacks: 2, delays: 3, objectiveCauseConfirmed: true }));
    expect(r.quality).toEqual({ base: 1, count: 2, exempt: true, deduction: 0, points: 1 });
    expect(r.progress.points).toBe(1);
    // …unless a province turns the exemption off.
    const strict = withConfig((c) => ({ ...c, tasks: { ...c.tasks, objectiveCauseExempts: false } }));
    expect(scoreItem(strict, item('X', { sendBacks: 2, objectiveCauseConfirmed: true })).quality.points).toBe(0.5);
  });

  it('never takes an item below 0, and an unfinished item or one below the bar has nothing to deduct', () => {
    // 5 send-backs × 25% = 125% of the item: capped at its 1 point.
    expect(scoreItem(config, item('X', { sendBacks: 5 })).quality).toMatchObject({ deduction: 1, points: 0 });
    expect(scoreItem(config, item('X', { completed: false, delays: 2 })).progress).toMatchObject({ base: 0, deduction: 0, points: 0 });
    const belowBar = scoreItem(config, item('X', { meetsQualityBar: false, sendBacks: 1 }));
    expect(belowBar.quantityPoints).toBe(1);
    expect(belowBar.quality).toMatchObject({ base: 0, deduction: 0, points: 0 });
    expect(belowBar.progress.points).toBe(1);
  });
});

describe('scoreDecree335: a hand-computed year', () => {
  // General: 5 + 5 + 4 + 3 + 4 + 3 + 2 = 26 (under the 30 cap).
  const general = {
    POLITICAL_QUALITY: 5,
    ETHICS: 5,
    SERVICE_CULTURE: 4,
    DISCIPLINE: 3,
    RESPONSIBILITY: 4,
    SERVICE_ATTITUDE: 3,
    INNOVATION: 2,
  };
  // Q1, assigned 2 + 1 + 1 + 1 + 1 = 6:
  //   A (2) clean:                  quantity 2, quality 2,    progress 2
  //   B (1) 1 send-back:            quantity 1, quality 0.75, progress 1
  //   C (1) 2 delays:               quantity 1, quality 1,    progress 0.5
  //   D (1) not done (1 delay):     0, 0, 0
  //   E (1) 1 send-back, 1 delay, objective cause confirmed: 1, 1, 1
  //   a = 5/6, b = 4.75/6, c = 4.5/6; a + b + c = 14.25/6 = 2.375
  //   points = 70 × 2.375 / 3 = 55.41666…
  // Q2, assigned 3, all clean: a = b = c = 1 → 70.
  // Year (mean of periods) = (55.41666… + 70) / 2 = 62.708333…
  // Total = 26 + 62.708333… = 88.708333… → 88.71 → Good (70 ≤ 88.71 < 90).
  const periods = [
    {
      label: 'Q1',
      items: [
        item('A', { coefficient: 2 }),
        item('B', { sendBacks: 1 }),
        item('C', { delays: 2 }),
        item('D', { completed: false, delays: 1 }),
        item('E', { sendBacks: 1, delays: 1, objectiveCauseConfirmed: true }),
      ],
    },
    { label: 'Q2', items: [item('F', { coefficient: 3 })] },
  ];

  it('adds general criteria and task results, rolls periods up by the mean and bands the total', () => {
    const r = scoreDecree335(config, input({ generalScores: general, periods }));
    expect(r.general.points).toBe(26);
    const [q1, q2] = r.tasks.periods;
    expect(q1?.assigned).toBe(6);
    expect(q1?.quantity).toBeCloseTo(5 / 6, 12);
    expect(q1?.quality).toBeCloseTo(4.75 / 6, 12);
    expect(q1?.progress).toBeCloseTo(4.5 / 6, 12);
    expect(q1?.points).toBeCloseTo(166.25 / 3, 12);
    expect(q2?.points).toBe(70);
    expect(r.tasks.ownPoints).toBeCloseTo(62.708333333, 8);
    expect(r.total).toBe(88.71);
    expect(r.band).toBe('GOOD');
  });

  it('traces every deduction, the objective-cause exemption, the combination and the rule that banded it', () => {
    const r = scoreDecree335(config, input({ generalScores: general, periods }));
    const rules = r.trace.map((t) => t.rule);
    expect(rules.filter((x) => x === 'tasks.item.sendBackDeduction')).toHaveLength(1);
    // C's 2 delays and D's delay (nothing to deduct from an unfinished item, but still shown).
    expect(r.trace.filter((t) => t.rule === 'tasks.item.delayDeduction').map((t) => [t.inputs.item, t.result])).toEqual([
      ['C', 0.5],
      ['D', 0],
    ]);
    expect(rules.filter((x) => x.endsWith('.objectiveCause'))).toHaveLength(2);
    const combination = r.trace.find((t) => t.rule === 'tasks.combination.MEAN');
    expect(combination?.formula).toBe('Q1: 70 × (0.8333 + 0.7917 + 0.75) / 3 = 55.4167');
    expect(combination?.certainty).toBe('NC');
    expect(r.trace.find((t) => t.rule === 'tasks.rollUp.MEAN')?.certainty).toBe('NC');
    expect(r.trace.at(-1)).toMatchObject({ rule: 'band.GOOD', result: 'GOOD' });
  });

  it('weights periods by their assigned coefficients when configured', () => {
    // (55.41666… × 6 + 70 × 3) / 9 = (332.5 + 210) / 9 = 60.2777… ; total 86.2777… → 86.28.
    const weighted = withConfig((c) => ({ ...c, tasks: { ...c.tasks, rollUp: { method: 'WEIGHTED_BY_ASSIGNED', certainty: 'NC' } } }));
    const r = scoreDecree335(weighted, input({ generalScores: general, periods }));
    expect(r.tasks.ownPoints).toBeCloseTo(542.5 / 9, 10);
    expect(r.total).toBe(86.28);
  });

  it('combines quantity, quality and progress with configured weights', () => {
    // Weights 2 / 1 / 1 on Q1: 70 × (2 × 5/6 + 4.75/6 + 4.5/6) / 4 = 70 × 19.25 / 24 = 56.1458333…
    const weighted = withConfig((c) => ({
      ...c,
      tasks: { ...c.tasks, combination: { mode: 'WEIGHTED', weights: { quantity: 2, quality: 1, progress: 1 }, certainty: 'NC' } },
    }));
    const [first] = periods;
    const r = scoreDecree335(weighted, input({ periods: first ? [first] : [] }));
    expect(r.tasks.periods[0]?.points).toBeCloseTo((70 * 19.25) / 24, 10);
    expect(r.trace.some((t) => t.rule === 'tasks.combination.WEIGHTED')).toBe(true);
  });

  it('caps the general criteria at 30 when a province lists criteria worth more', () => {
    const generous = withConfig((c) => ({
      ...c,
      general: { ...c.general, criteria: c.general.criteria.map((k) => ({ ...k, maxPoints: 10 })) },
    }));
    // 7 criteria × 10 = 70 → min(70, 30) = 30.
    const all10 = Object.fromEntries(generous.general.criteria.map((c) => [c.code, 10]));
    const r = scoreDecree335(generous, input({ generalScores: all10, periods: [PERFECT] }));
    expect(r.general.sum).toBe(70);
    expect(r.general.points).toBe(30);
    expect(r.total).toBe(100);
  });

  it('leaves periods without assigned work out of the roll-up, and scores 0 task points when none has any', () => {
    const empty = { label: 'Q1', items: [] };
    expect(scoreDecree335(config, input({ periods: [empty, PERFECT] })).tasks.ownPoints).toBe(70);
    const none = scoreDecree335(config, input({ generalScores: FULL_GENERAL, periods: [empty] }));
    expect(none.tasks).toMatchObject({ ownPoints: 0, noAssignedWork: true, points: 0 });
    expect(none.total).toBe(30);
    expect(none.band).toBe('NOT_COMPLETED');
  });
});

describe('scoreDecree335: leaders', () => {
  // Own tasks 70 (share 1). Unit result 0.9, a subordinate Not completed → 0.9 × 50% = 0.45.
  // Organising not on plan, assessed 0.8. Weights 60 / 20 / 20:
  // 70 × (60 × 1 + 20 × 0.45 + 20 × 0.8) / 100 = 70 × 85 / 100 = 59.5; total 30 + 59.5 = 89.5 → Good.
  const leader = { unitResultShare: 0.9, anySubordinateNotCompleted: true, organisingOnPlanAndOnTime: false, organisingShare: 0.8 };

  it('counts the unit result at 50% when any subordinate is Not completed', () => {
    const r = scoreDecree335(config, input({ isLeader: true, leader, generalScores: FULL_GENERAL, periods: [PERFECT] }));
    expect(r.tasks.leader).toEqual({ ownShare: 1, unitShare: 0.45, organisingShare: 0.8, points: 59.5 });
    expect(r.total).toBe(89.5);
    expect(r.band).toBe('GOOD');
    expect(r.trace.some((t) => t.rule === 'tasks.leader.unit.anyNotCompleted')).toBe(true);
  });

  it('counts it at 100% when every subordinate is Completed or better, and organising at 100% on plan', () => {
    // 70 × (60 + 20 × 0.9 + 20 × 1) / 100 = 70 × 0.98 = 68.6; total 98.6 → Excellent.
    const r = scoreDecree335(
      config,
      input({
        isLeader: true,
        leader: { unitResultShare: 0.9, anySubordinateNotCompleted: false, organisingOnPlanAndOnTime: true },
        generalScores: FULL_GENERAL,
        periods: [PERFECT],
      }),
    );
    expect(r.tasks.points).toBeCloseTo(68.6, 10);
    expect(r.total).toBe(98.6);
    expect(r.band).toBe('EXCELLENT');
  });
});

describe('bands and vetoes', () => {
  // General criteria adding up to exactly 20 and 15.
  const general20 = { POLITICAL_QUALITY: 5, ETHICS: 5, SERVICE_CULTURE: 4, DISCIPLINE: 4, RESPONSIBILITY: 2 };
  const general15 = { POLITICAL_QUALITY: 5, ETHICS: 5, SERVICE_CULTURE: 4, DISCIPLINE: 1 };
  // One of two equal items done cleanly: a = b = c = 0.5 → 70 × 1.5 / 3 = 35.
  const HALF = { label: 'Q1', items: [item('H1'), item('H2', { completed: false })] };

  it('rates exactly 90 Excellent, exactly 70 Good and exactly 50 Completed', () => {
    expect(scoreDecree335(config, input({ generalScores: general20, periods: [PERFECT] }))).toMatchObject({ total: 90, band: 'EXCELLENT' });
    expect(scoreDecree335(config, input({ periods: [PERFECT] }))).toMatchObject({ total: 70, band: 'GOOD' });
    expect(scoreDecree335(config, input({ generalScores: general15, periods: [HALF] }))).toMatchObject({ total: 50, band: 'COMPLETED' });
  });

  it('puts a total just under each threshold in the band below', () => {
    expect(bandOf(89.99, config.bands)).toBe('GOOD');
    expect(bandOf(69.99, config.bands)).toBe('COMPLETED');
    expect(bandOf(49.99, config.bands)).toBe('NOT_COMPLETED');
    expect(bandOf(0, config.bands)).toBe('NOT_COMPLETED');
    expect(bandOf(100, config.bands)).toBe('EXCELLENT');
  });

  it('bands the total rounded to the configured decimals (89.995 rounds to 90)', () => {
    expect(roundHalfUp(89.995, 2)).toBe(90);
    expect(roundHalfUp(89.994, 2)).toBe(89.99);
    expect(roundHalfUp(1e-7, 2)).toBe(0);
  });

  it('rates a vetoed person Not completed even with 100 points', () => {
    const r = scoreDecree335(
      config,
      input({ generalScores: FULL_GENERAL, periods: [PERFECT], vetoes: ['DISCIPLINED_REPRIMAND_OR_HEAVIER'] }),
    );
    expect(r.total).toBe(100);
    expect(r.band).toBe('NOT_COMPLETED');
    expect(r.vetoes).toEqual(['DISCIPLINED_REPRIMAND_OR_HEAVIER']);
    expect(r.trace.at(-1)?.rule).toBe('veto');
  });

  it('follows thresholds from the config, not constants', () => {
    const stricter = withConfig((c) => ({
      ...c,
      bands: [
        { band: 'EXCELLENT', minPoints: 95 },
        { band: 'GOOD', minPoints: 75 },
        { band: 'COMPLETED', minPoints: 50 },
        { band: 'NOT_COMPLETED', minPoints: 0 },
      ],
    }));
    expect(scoreDecree335(stricter, input({ generalScores: general20, periods: [PERFECT] })).band).toBe('GOOD');
  });
});

describe('input problems and config checks', () => {
  it('names each problem of an input and refuses to score it', () => {
    const bad = input({
      generalScores: { ETHICS: 6, UNKNOWN: 1 },
      periods: [{ label: 'Q1', items: [item('X', { coefficient: 0, sendBacks: -1, delays: 1.5 })] }],
      vetoes: ['UNIT_CORRUPTION_OR_WASTE', 'NOPE'],
    });
    expect(decree335InputProblems(config, bad)).toEqual([
      'general.ETHICS: must be 0–5',
      'general.UNKNOWN: not a criterion of 335-default-1',
      'periods.Q1.X.coefficient: must be above 0',
      'periods.Q1.X.sendBacks: must be a whole number ≥ 0',
      'periods.Q1.X.delays: must be a whole number ≥ 0',
      'vetoes.UNIT_CORRUPTION_OR_WASTE: applies to leaders only',
      'vetoes.NOPE: not a veto of 335-default-1',
    ]);
    expect(() => scoreDecree335(config, bad)).toThrow(RangeError);
    expect(decree335InputProblems(config, input({ isLeader: true }))).toEqual(['leader: required for a leader']);
    expect(
      decree335InputProblems(
        config,
        input({ isLeader: true, leader: { unitResultShare: 1.2, anySubordinateNotCompleted: false, organisingOnPlanAndOnTime: false } }),
      ),
    ).toEqual(['leader.unitResultShare: must be 0–1', 'leader.organisingShare: required when not everything was on plan and on time']);
  });

  it('accepts the default config and refuses inconsistent versions', () => {
    expect(Decree335ConfigSchema.safeParse(config).success).toBe(true);
    const messages = (c: Decree335Config) => (Decree335ConfigSchema.safeParse(c).error?.issues ?? []).map((i) => i.message);
    expect(messages(withConfig((c) => ({ ...c, tasks: { ...c.tasks, maxPoints: 60 } })))).toContain(
      'general and task maxima must add up to 100',
    );
    expect(
      messages(
        withConfig((c) => ({
          ...c,
          bands: [
            { band: 'EXCELLENT', minPoints: 60 },
            { band: 'GOOD', minPoints: 70 },
            { band: 'COMPLETED', minPoints: 50 },
            { band: 'NOT_COMPLETED', minPoints: 0 },
          ],
        })),
      ),
    ).toContain('band minima must not rise from Excellent to Not completed');
    expect(
      messages(
        withConfig((c) => ({
          ...c,
          tasks: { ...c.tasks, combination: { mode: 'WEIGHTED', weights: { quantity: 0, quality: 0, progress: 0 }, certainty: 'NC' } },
        })),
      ),
    ).toContain('combination weights must not all be 0');
  });
});

describe('properties', () => {
  const itemArb = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    coefficient: fc.double({ min: 0.1, max: 10, noNaN: true }),
    completed: fc.boolean(),
    meetsQualityBar: fc.option(fc.boolean(), { nil: undefined }),
    sendBacks: fc.nat(6),
    delays: fc.nat(6),
    objectiveCauseConfirmed: fc.boolean(),
  });
  const periodsArb = fc.array(fc.record({ label: fc.constantFrom('M1', 'M2', 'M3'), items: fc.array(itemArb, { maxLength: 8 }) }), {
    minLength: 1,
    maxLength: 4,
  });
  const generalArb = fc.record(
    Object.fromEntries(config.general.criteria.map((c) => [c.code, fc.double({ min: 0, max: c.maxPoints, noNaN: true })])),
  );
  const configArb = fc
    .record({
      combination: fc.oneof(
        fc.constant({ mode: 'MEAN' as const, certainty: 'NC' as const }),
        fc.record({
          mode: fc.constant('WEIGHTED' as const),
          weights: fc
            .record({ quantity: fc.nat(5), quality: fc.nat(5), progress: fc.nat(5) })
            .filter((w) => w.quantity + w.quality + w.progress > 0),
          certainty: fc.constant('NC' as const),
        }),
      ),
      method: fc.constantFrom('MEAN' as const, 'WEIGHTED_BY_ASSIGNED' as const),
    })
    .map(({ combination, method }) =>
      withConfig((c) => ({ ...c, tasks: { ...c.tasks, combination, rollUp: { method, certainty: 'NC' } } })),
    );

  it('keeps the total within 0..100 and every item axis within 0..coefficient', () => {
    fc.assert(
      fc.property(configArb, generalArb, periodsArb, (cfg, generalScores, periods) => {
        const r = scoreDecree335(cfg, input({ generalScores, periods }));
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        for (const p of r.tasks.periods) {
          for (const i of p.items) {
            for (const ax of [i.quality, i.progress]) {
              expect(ax.deduction).toBeGreaterThanOrEqual(0);
              expect(ax.points).toBeGreaterThanOrEqual(0);
              expect(ax.points).toBeLessThanOrEqual(i.coefficient);
            }
          }
        }
      }),
    );
  });

  it('never lowers the score when one more item is completed', () => {
    fc.assert(
      fc.property(configArb, periodsArb, fc.nat(), (cfg, periods, pick) => {
        const open = periods.flatMap((p, pi) => p.items.map((i, ii) => ({ pi, ii, i })).filter((x) => !x.i.completed));
        fc.pre(open.length > 0);
        const target = open[pick % open.length];
        if (!target) return;
        const after = periods.map((p, pi) => ({
          ...p,
          items: p.items.map((i, ii) => (pi === target.pi && ii === target.ii ? { ...i, completed: true } : i)),
        }));
        const before = scoreDecree335(cfg, input({ periods })).rawTotal;
        expect(scoreDecree335(cfg, input({ periods: after })).rawTotal).toBeGreaterThanOrEqual(before - 1e-9);
      }),
    );
  });

  it('never raises the score when an item gets one more send-back or delay', () => {
    fc.assert(
      fc.property(periodsArb, fc.nat(), fc.boolean(), (periods, pick, sendBack) => {
        const all = periods.flatMap((p, pi) => p.items.map((_, ii) => ({ pi, ii })));
        fc.pre(all.length > 0);
        const target = all[pick % all.length];
        if (!target) return;
        const after = periods.map((p, pi) => ({
          ...p,
          items: p.items.map((i, ii) =>
            pi === target.pi && ii === target.ii ? (sendBack ? { ...i, sendBacks: i.sendBacks + 1 } : { ...i, delays: i.delays + 1 }) : i,
          ),
        }));
        const before = scoreDecree335(config, input({ periods })).rawTotal;
        expect(scoreDecree335(config, input({ periods: after })).rawTotal).toBeLessThanOrEqual(before + 1e-9);
      }),
    );
  });
});
