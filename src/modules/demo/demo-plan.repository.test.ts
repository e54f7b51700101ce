import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { getPlanVersion } from '../training/plan-versions/use-cases/plan-versions.ts';
import { DEMO_PLAN_BODY, seedDemoPlan } from './demo-plan.ts';
import { type SeedResult, seedDemo } from './seed-demo.ts';

const clock = fixedClock('2026-03-02T03:00:00.000Z');

/** Issue 6 §6: the demo seed ends with a generated 2026–2030 plan version, the same every time. */
describe.each(testDialects())('demo training plan on %s', (dialect) => {
  let database: DatabaseHandle;
  let result: SeedResult;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    result = await seedDemo(database.db, { seed: 2025, password: 'perfume river at dusk', staffPerUnit: 12, clock, dossierDays: 0 });
  }, 120_000);
  afterAll(async () => database?.close());

  const attendances = async (planId: number) => {
    const plan = await getPlanVersion({ db: database.db, clock }, SYSTEM_ACTOR(result.provinceCode), planId, { page: 1, pageSize: 500 });
    return {
      plan,
      rows: plan.classes.flatMap((c) => c.attendees.map((a) => `${c.year}:${c.courseCode}:${c.classNo}:${a.staffId}`)).sort(),
    };
  };

  it('stores a finished 2026–2030 version with classes within every budget line, each class there for someone’s need', async () => {
    expect(result.trainingPlan?.status).toBe('DONE');
    const { plan, rows } = await attendances(result.trainingPlan?.planId ?? 0);
    expect(plan).toMatchObject({ status: 'DONE', method: 'GREEDY', name: DEMO_PLAN_BODY.name });
    expect(plan.parameters.years).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(plan.totalClasses).toBeGreaterThan(5);
    expect(rows.length).toBeGreaterThan(50);
    for (const line of plan.costs) expect(line.cost).toBeLessThanOrEqual(line.budget);
    // Fillers up to a class's minimum size may close nothing; every class is there for someone's need.
    expect(plan.classes.every((c) => c.attendees.some((a) => a.needs.length > 0 && a.weight > 0))).toBe(true);
  });

  it('generates the same plan again from the same data', async () => {
    const again = await seedDemoPlan(database.db, clock, result.provinceCode);
    expect(again.status).toBe('DONE');
    expect(again.planId).not.toBe(result.trainingPlan?.planId);
    expect((await attendances(again.planId)).rows).toEqual((await attendances(result.trainingPlan?.planId ?? 0)).rows);
  }, 60_000);
});
