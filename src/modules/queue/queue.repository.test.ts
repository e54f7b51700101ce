import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { AuditMeta } from '../../platform/audit/audited.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { findOldestWaiting, insertTicket, listTicketTimes, nextTicketNumber, updateTicketFrom } from './queue.repository.ts';
import { callNext } from './use-cases/counter.ts';
import { issueTicket } from './use-cases/issue-ticket.ts';

describe.each(testDialects())('queue repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  const deps = () => ({ db: h.db, clock: fixedClock(NOW) });
  const officer = (name: string, unitId: number): Actor => {
    const u = f.users[name];
    if (!u) throw new Error(`fixture user ${name} missing`);
    return {
      userId: u.userId,
      username: u.username,
      displayName: u.username,
      role: 'counter_officer',
      provinceCode: 'T1',
      unitId,
      locale: 'vi',
      sessionId: null,
      via: 'token',
    };
  };
  const meta = (actor: Actor): AuditMeta => ({ actor, requestId: null, at: NOW, provinceCode: 'T1' });

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
  });
  afterAll(async () => h?.close());

  it('numbers 30 concurrent kiosk tickets 1…30 without gaps or duplicates', async () => {
    const issued = await Promise.all(Array.from({ length: 30 }, (_, i) => issueTicket(deps(), '10001', { field: 'LAND' }, `r${i}`)));
    expect(issued.map((t) => t.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(issued.map((t) => t.label)).size).toBe(30);
    expect(issued.every((t) => t.day === '2026-03-02')).toBe(true);
    const rows = await h.db.selectFrom('queueTickets').select(['number']).where('field', '=', 'LAND').execute();
    expect(rows).toHaveLength(30);
    const counter = await h.db.selectFrom('queueTicketCounters').selectAll().where('field', '=', 'LAND').executeTakeFirstOrThrow();
    expect(counter).toMatchObject({ unitId: f.unitA, day: '2026-03-02', lastNumber: 30, provinceCode: 'T1' });
    const audits = await h.db.selectFrom('auditLog').select('entityId').where('action', '=', 'queue.issue').execute();
    expect(audits).toHaveLength(30);
  });

  it('starts a new sequence per field, per unit and per day', async () => {
    expect(await nextTicketNumber(h.db, 'T1', f.unitA, 'CULTURE', '2026-03-02')).toBe(1);
    expect(await nextTicketNumber(h.db, 'T1', f.unitA, 'CULTURE', '2026-03-02')).toBe(2);
    expect(await nextTicketNumber(h.db, 'T1', f.unitB, 'CULTURE', '2026-03-02')).toBe(1);
    expect(await nextTicketNumber(h.db, 'T1', f.unitA, 'CULTURE', '2026-03-03')).toBe(1);
  });

  it('gives a rolled-back ticket’s number back', async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        await nextTicketNumber(trx, 'T1', f.unitA, 'HEALTH', '2026-03-02');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await nextTicketNumber(h.db, 'T1', f.unitA, 'HEALTH', '2026-03-02')).toBe(1);
  });

  it('gives 10 counters calling at once 10 different tickets, oldest first', async () => {
    const counters = Array.from({ length: 10 }, () => officer('counter_officer_a', f.unitA));
    const called = await Promise.all(counters.map((a, i) => callNext(deps(), a, { counter: `Quầy ${i + 1}`, fields: ['LAND'] }, meta(a))));
    const numbers = called.map((t) => t.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(called.every((t) => t.status === 'CALLED' && t.calledAt === NOW && t.callCount === 1)).toBe(true);
    const waiting = await h.db
      .selectFrom('queueTickets')
      .select('id')
      .where('status', '=', 'WAITING')
      .where('field', '=', 'LAND')
      .execute();
    expect(waiting).toHaveLength(20);
  });

  it('calls nothing for another unit, and says so', async () => {
    const b = officer('counter_officer_b', f.unitB);
    const err = await callNext(deps(), b, { counter: 'Quầy 1', fields: [] }, meta(b)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('QUEUE_NOTHING_WAITING');
  });

  it('moves a ticket only from the status it was read in', async () => {
    const id = await insertTicket(h.db, {
      provinceCode: 'T1',
      unitId: f.unitB,
      field: 'LABOUR',
      day: '2026-03-02',
      number: 1,
      issuedAt: NOW,
    });
    expect(await findOldestWaiting(h.db, f.unitB, '2026-03-02', ['LABOUR'])).toBe(id);
    expect(await findOldestWaiting(h.db, f.unitB, '2026-03-02', ['LAND'])).toBeUndefined();
    expect(await updateTicketFrom(h.db, id, 'WAITING', { status: 'CALLED', calledAt: NOW, addCall: true })).toBe(true);
    expect(await updateTicketFrom(h.db, id, 'WAITING', { status: 'CALLED', calledAt: NOW, addCall: true })).toBe(false);
    const row = await h.db.selectFrom('queueTickets').select(['status', 'callCount']).where('id', '=', id).executeTakeFirstOrThrow();
    expect({ ...row, callCount: Number(row.callCount) }).toEqual({ status: 'CALLED', callCount: 1 });
  });

  it('returns instants as UTC ISO strings for a day range', async () => {
    const times = await listTicketTimes(h.db, f.unitB, '2026-03-01', '2026-03-02');
    expect(times).toEqual([{ field: 'LABOUR', status: 'CALLED', issuedAt: NOW, calledAt: NOW, servedAt: null, finishedAt: null }]);
    expect(await listTicketTimes(h.db, f.unitB, '2026-03-03', '2026-03-04')).toEqual([]);
  });
});
