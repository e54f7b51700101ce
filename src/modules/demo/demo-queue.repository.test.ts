import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { DEMO_QUEUE_DAYS, seedDemoQueue } from './demo-queue.ts';

// Wednesday 4 March 2026, 10:00 in Vietnam: Monday to Wednesday are the three working days.
const UNTIL = new Date('2026-03-04T03:00:00.000Z');

describe.each(testDialects())('demo queue tickets on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let count = 0;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    const ids = new Map([
      ['10001', f.unitA],
      ['10002', f.unitB],
    ]);
    count = await seedDemoQueue(
      h.db,
      { provinceCode: 'T1', current: [{ code: '10001' }, { code: '10002' }] },
      (c) => ids.get(c) ?? 0,
      7,
      UNTIL,
    );
  });
  afterAll(async () => h?.close());

  it('numbers each unit, field and day 1…n, matching the day counters', async () => {
    const rows = await h.db.selectFrom('queueTickets').select(['unitId', 'field', 'day', 'number']).execute();
    expect(rows).toHaveLength(count);
    const byKey = new Map<string, number[]>();
    for (const r of rows) {
      const key = `${r.unitId}:${r.field}:${String(r.day).slice(0, 10)}`;
      byKey.set(key, [...(byKey.get(key) ?? []), Number(r.number)]);
    }
    const counters = await h.db.selectFrom('queueTicketCounters').select(['unitId', 'field', 'day', 'lastNumber']).execute();
    expect(counters).toHaveLength(byKey.size);
    for (const c of counters) {
      const numbers = (byKey.get(`${c.unitId}:${c.field}:${String(c.day).slice(0, 10)}`) ?? []).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: Number(c.lastNumber) }, (_, i) => i + 1));
    }
    const days = new Set(rows.map((r) => String(r.day).slice(0, 10)));
    expect([...days].sort()).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(days.size).toBe(DEMO_QUEUE_DAYS);
  });

  it('closes past days, and issues and calls nothing after the clock', async () => {
    const rows = await h.db.selectFrom('queueTickets').select(['day', 'status', 'issuedAt', 'calledAt', 'finishedAt']).execute();
    const past = rows.filter((r) => String(r.day).slice(0, 10) !== '2026-03-04');
    expect(past.every((r) => r.status === 'DONE' || r.status === 'NO_SHOW')).toBe(true);
    for (const r of rows) {
      expect(new Date(r.issuedAt).getTime()).toBeLessThanOrEqual(UNTIL.getTime());
      if (r.calledAt) expect(new Date(r.calledAt).getTime()).toBeGreaterThan(new Date(r.issuedAt).getTime());
      if (r.finishedAt) expect(new Date(r.finishedAt).getTime()).toBeLessThanOrEqual(UNTIL.getTime());
    }
    const today = rows.filter((r) => String(r.day).slice(0, 10) === '2026-03-04');
    expect(today.some((r) => r.status === 'DONE')).toBe(true);
    expect(today.some((r) => r.status === 'WAITING' || r.status === 'CALLED' || r.status === 'SERVING')).toBe(true);
  });
});
