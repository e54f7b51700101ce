import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { isUniqueViolation } from '../../../platform/db/errors.ts';
import * as repo from './supplied.repository.ts';

const JAN = { kind: 'MONTH', year: 2026, number: 1 } as const;
const Q1 = { kind: 'QUARTER', year: 2026, number: 1 } as const;

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return null;
}

describe.each(testDialects())('supplied 766 counts repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    // Creating and migrating a PostgreSQL database can take a while on a busy machine.
  }, 60_000);
  afterAll(async () => h?.close());

  const values = (n: number, d: number, sourceNote = 'Báo cáo số 12/BC-UBND') => ({ numerator: n, denominator: d, sourceNote });

  it('stores a province row and a unit row and reads them back with unit and author', async () => {
    const leader = f.users.unit_leader_a;
    const analyst = f.users.province_analyst;
    if (!leader || !analyst) throw new Error('fixture users');
    await repo.insertEntry(
      h.db,
      { provinceCode: 'T1', unitId: null, period: JAN, indicator: '1.1', ...values(8, 10) },
      NOW,
      analyst.userId,
    );
    await repo.insertEntry(
      h.db,
      { provinceCode: 'T1', unitId: f.unitA, period: JAN, indicator: '5.2', ...values(3, 4) },
      NOW,
      leader.userId,
    );
    await repo.insertEntry(h.db, { provinceCode: 'T1', unitId: f.unitB, period: Q1, indicator: '5.2', ...values(1, 2) }, NOW, null);

    const province = await repo.listEntriesAt(h.db, 'T1', null, JAN);
    expect(province).toEqual([
      {
        id: expect.any(Number),
        indicator: '1.1',
        unit: null,
        period: JAN,
        numerator: 8,
        denominator: 10,
        sourceNote: 'Báo cáo số 12/BC-UBND',
        enteredBy: { id: analyst.userId, name: `Test ${analyst.username}` },
        enteredAt: NOW,
        version: 1,
      },
    ]);
    const unitA = await repo.listEntriesAt(h.db, 'T1', f.unitA, JAN);
    expect(unitA.map((e) => [e.indicator, e.unit?.code, e.unit?.name, e.enteredBy.name])).toEqual([
      ['5.2', '10001', 'Xã Hòa Bình', `Test ${leader.username}`],
    ]);
    // Another province sees none of it.
    expect(await repo.listEntriesAt(h.db, 'T2', null, JAN)).toEqual([]);
  });

  it('lists for a unit card its own rows and the province rows, for the province card every row', async () => {
    const forA = await repo.listEntriesForCard(h.db, 'T1', f.unitA, 2026, 2026);
    expect(forA.map((e) => [e.indicator, e.unit?.id ?? null]).sort()).toEqual([
      ['1.1', null],
      ['5.2', f.unitA],
    ]);
    const forProvince = await repo.listEntriesForCard(h.db, 'T1', null, 2026, 2026);
    expect(forProvince).toHaveLength(3);
    expect(await repo.listEntriesForCard(h.db, 'T1', null, 2025, 2025)).toEqual([]);
  });

  it('updates only at the expected version, and bumps it', async () => {
    const [row] = await repo.listEntriesAt(h.db, 'T1', null, JAN);
    if (!row) throw new Error('row');
    expect(await repo.updateEntry(h.db, row.id, 2, values(9, 10), NOW, null)).toBe(false);
    expect(await repo.updateEntry(h.db, row.id, 1, values(9, 10, 'Sửa'), '2026-03-03T00:00:00.000Z', null)).toBe(true);
    const [after] = await repo.listEntriesAt(h.db, 'T1', null, JAN);
    expect(after).toMatchObject({ numerator: 9, sourceNote: 'Sửa', version: 2, enteredBy: { id: null, name: null } });
    expect(after?.enteredAt).toBe('2026-03-03T00:00:00.000Z');
  });

  it('refuses a second province row for the same indicator and period (NULL unit included in the unique key)', async () => {
    const e = await failure(
      repo.insertEntry(h.db, { provinceCode: 'T1', unitId: null, period: JAN, indicator: '1.1', ...values(1, 1) }, NOW, null),
    );
    expect(isUniqueViolation(e)).toBe(true);
    // The same indicator for another period, or at a unit, is a different row.
    await repo.insertEntry(h.db, { provinceCode: 'T1', unitId: null, period: Q1, indicator: '1.1', ...values(1, 1) }, NOW, null);
  });

  it('refuses a numerator above the denominator and negative counts in the database too', async () => {
    const over = await failure(
      repo.insertEntry(h.db, { provinceCode: 'T1', unitId: f.unitA, period: Q1, indicator: '3.5', ...values(5, 4) }, NOW, null),
    );
    expect(over).not.toBeNull();
    const negative = await failure(
      repo.insertEntry(h.db, { provinceCode: 'T1', unitId: f.unitA, period: Q1, indicator: '3.5', ...values(-1, 4) }, NOW, null),
    );
    expect(negative).not.toBeNull();
    expect(await repo.listEntriesAt(h.db, 'T1', f.unitA, Q1)).toEqual([]);
  });
});
