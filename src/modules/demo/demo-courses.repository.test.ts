import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { seedInterimFramework } from '../positions/seed-framework.ts';
import { demoCourses, seedDemoCourses } from './demo-courses.ts';

const NOW = '2026-03-02T03:00:00.000Z';

describe.each(testDialects())('demo course catalogue seed on %s', (dialect) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    await h.db.insertInto('provinces').values({ code: 'T1', name: 'Tỉnh Một', createdAt: NOW }).execute();
  });
  afterAll(async () => h?.close());

  it('refuses the catalogue while the province has no framework (its competencies are unknown), writing nothing', async () => {
    await expect(h.db.transaction().execute((trx) => seedDemoCourses(trx, fixedClock(NOW), 'T1', NOW))).rejects.toThrow(
      /competencyUnknown/,
    );
    const n = await h.db
      .selectFrom('trainingCourses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('writes every course with its competencies once the framework is published, and skips them on a second run', async () => {
    await seedInterimFramework(h.db, 'T1', NOW);
    const first = await h.db.transaction().execute((trx) => seedDemoCourses(trx, fixedClock(NOW), 'T1', NOW));
    expect(first.inserted).toBe(demoCourses().length);
    const links = await h.db
      .selectFrom('trainingCourseCompetencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(links.n)).toBe(demoCourses().reduce((s, c) => s + c.competencies.length, 0));
    const again = await h.db.transaction().execute((trx) => seedDemoCourses(trx, fixedClock(NOW), 'T1', NOW));
    expect(again.inserted).toBe(0);
  });
});
