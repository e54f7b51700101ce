import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import type { BatchView } from '../staffing/placement/placement.schemas.ts';
import { generateBatch } from '../staffing/placement/use-cases/placements.ts';
import { createRun } from '../staffing/runs/use-cases/runs.ts';
import { CROSS_FIELD_TEST_NAME } from './demo-reviews.ts';
import { seedDemo } from './seed-demo.ts';

const clock = fixedClock('2026-03-02T03:00:00.000Z');

/**
 * The default demo (40 units × 40 staff, 14 days of dossiers): a WISN run and one placement
 * batch with the rule's defaults. Cross-field tests (demo-reviews.ts planCrossFieldTests) let
 * assessed expertise, not only the post held, decide some moves: some recommendations move an
 * official to a position of ANOTHER field, each backed by a passed test of that field.
 */
describe.each(testDialects())('demo placement on %s', (dialect) => {
  let database: DatabaseHandle;
  let batch: BatchView;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const db = database.db;
    await seedDemo(db, { trainingPlan: false, seed: 2025, password: 'perfume river at dusk', clock, dossierDays: 14 });
    const actor = SYSTEM_ACTOR('46');
    const meta = { actor, requestId: null, at: clock.now().toISOString(), provinceCode: '46' };
    const run = await createRun({ db, clock }, actor, {}, meta);
    batch = await generateBatch({ db, clock }, actor, run.id, {}, meta);
  }, 240_000);
  afterAll(async () => database?.close());

  it('recommends cross-field moves as well as same-field ones, each cross-field one backed by a passed test of the new field', async () => {
    const cross = batch.recommendations.filter((r) => r.fromField !== r.toField);
    const same = batch.recommendations.filter((r) => r.fromField === r.toField);
    expect(cross.length).toBeGreaterThanOrEqual(3);
    expect(same.length).toBeGreaterThanOrEqual(1);
    const tests = await database.db
      .selectFrom('competencyTestResults')
      .select(['staffId', 'competencyCode', 'passed'])
      .where('testName', '=', CROSS_FIELD_TEST_NAME)
      .execute();
    for (const r of cross) {
      const mine = tests.filter((t) => Number(t.staffId) === r.staffId && (t.passed === true || t.passed === 1));
      expect({ staffId: r.staffId, passed: mine.length > 0 }).toEqual({ staffId: r.staffId, passed: true });
      expect(r.explanation.eligibility.fit.meetsPosition).toBe(true);
    }
  });
});
