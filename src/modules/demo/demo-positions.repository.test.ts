import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { listPositions, unitVacancies } from '../positions/use-cases/positions.ts';
import { seedDemo } from './seed-demo.ts';

const clock = fixedClock('2026-03-02T03:00:00.000Z');

describe.each(testDialects())('demo positions on %s', (dialect) => {
  let database: DatabaseHandle;
  let provinceCode: string;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    provinceCode = (
      await seedDemo(database.db, {
        trainingPlan: false,
        seed: 2025,
        password: 'perfume river at dusk',
        staffPerUnit: 12,
        clock,
        dossierDays: 0,
      })
    ).provinceCode;
  }, 60_000);
  afterAll(async () => database?.close());

  const deps = () => ({ db: database.db, clock });

  it('publishes the interim 43-position list with its frameworks', async () => {
    const list = await listPositions(deps(), SYSTEM_ACTOR(provinceCode), {});
    expect(list.items).toHaveLength(43);
    expect(list.version).toMatchObject({ status: 'PUBLISHED', effectiveFrom: '2025-10-01' });
  });

  it('places the demo staff, so every unit shows posts against holders', async () => {
    const units = await database.db
      .selectFrom('administrativeUnits')
      .select('id')
      .where('provinceCode', '=', provinceCode)
      .where('kind', 'in', ['WARD', 'COMMUNE'])
      .where('validTo', 'is', null)
      .execute();
    let holders = 0;
    for (const u of units) {
      const v = await unitVacancies(deps(), SYSTEM_ACTOR(provinceCode), u.id);
      expect(v.totals.posts).toBeGreaterThan(20);
      holders += v.totals.holders;
      // Heads of the Office, of two departments and of the PASC are always there (leadershipPosts).
      expect(v.lines.find((l) => l.positionCode === 'LD.01')?.holders).toBe(1);
      expect(v.lines.find((l) => l.positionCode === 'LD.05')?.holders).toBe(1);
    }
    const placed = await database.db
      .selectFrom('staffPositions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(placed.n)).toBe(holders);
    // 12 people per unit against 30-odd posts: vacancies everywhere in the demo.
    const first = units[0];
    if (!first) throw new Error('no units');
    expect((await unitVacancies(deps(), SYSTEM_ACTOR(provinceCode), first.id)).totals.vacant).toBeGreaterThan(0);
  });
});
