import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { intakeBody, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp } from '../../../../test/support/fixture.ts';

type Json = Record<string, unknown>;

/** NOW is Monday 2 March 2026, 10:00 in Vietnam; 3 working days end Thursday 5 March at 17:00 (10:00 UTC). */
const THURSDAY_CLOSE = '2026-03-05T10:00:00.000Z';
const FRIDAY_CLOSE = '2026-03-06T10:00:00.000Z';
const HOLIDAY = {
  date: '2026-03-04',
  kind: 'HOLIDAY',
  nameVi: 'Ngày nghỉ đột xuất',
  nameEn: 'Extra day off',
  decidingDocument: 'Văn bản thử',
};

describe.each(testDialects())('re-timing open dossiers when a holiday changes, on %s', (dialect) => {
  let t: TestApp;
  const ids = { open: 0, promised: 0, finished: 0, later: 0 };
  const PROMISED = '2026-03-12T10:00:00.000Z';

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
    ids.open = await receive();
    ids.promised = await receive();
    // An apology slip's new appointment, as apology.ts records it.
    await t.database.db.updateTable('dossiers').set({ promisedAt: PROMISED }).where('id', '=', ids.promised).execute();
    ids.finished = await receive();
    const specialist = t.fixture.users.field_specialist_a?.userId;
    expect(
      (await act('counter_officer_a', ids.finished, { action: 'START_PROCESSING', version: 1, assigneeId: specialist })).statusCode,
    ).toBe(200);
    expect((await act('field_specialist_a', ids.finished, { action: 'FORWARD', version: 2 })).statusCode).toBe(200);
    expect((await act('unit_leader_a', ids.finished, { action: 'FINISH', version: 3 })).statusCode).toBe(200);
    // Received on Thursday: its counting starts after the new holiday.
    t.clock.set('2026-03-05T03:00:00.000Z');
    try {
      ids.later = await receive();
    } finally {
      t.clock.set(NOW);
    }
  });
  afterAll(async () => t?.close());

  const api = (name: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return t.app.inject({
      method,
      url,
      headers: { authorization: u.bearer },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  async function receive(): Promise<number> {
    const res = await api('counter_officer_a', 'POST', '/api/v1/dossiers', intakeBody(t.fixture.unitA));
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  }
  const act = (name: string, id: number, body: Json) => api(name, 'POST', `/api/v1/dossiers/${id}/transitions`, body);
  const stored = (id: number) =>
    t.database.db
      .selectFrom('dossiers')
      .select(['dueAt', 'promisedAt', 'version', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const due = async (id: number) => new Date((await stored(id)).dueAt as string).toISOString();
  const retimeAudits = () =>
    t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'dossier.retime').orderBy('seq').execute();
  const retimeEvents = (id: number) =>
    t.database.db.selectFrom('dossierEvents').selectAll().where('dossierId', '=', id).where('kind', '=', 'RETIMED').orderBy('id').execute();

  it('starts from the due dates intake computed', async () => {
    expect(await due(ids.open)).toBe(THURSDAY_CLOSE);
    expect(await due(ids.promised)).toBe(THURSDAY_CLOSE);
    expect(await due(ids.finished)).toBe(THURSDAY_CLOSE);
    expect(await due(ids.later)).toBe('2026-03-10T10:00:00.000Z');
    expect(Number((await stored(ids.finished)).status)).toBe(9);
  });

  it('adding a holiday inside the counting moves open dossiers one working day later, each with an audit entry and a timeline event', async () => {
    const res = await api('province_admin', 'POST', '/api/v1/calendar/holidays', HOLIDAY);
    expect(res.statusCode).toBe(201);

    expect(await due(ids.open)).toBe(FRIDAY_CLOSE);
    expect(await due(ids.promised)).toBe(FRIDAY_CLOSE);
    // The promise made to the citizen in writing stays.
    expect(new Date((await stored(ids.promised)).promisedAt as string).toISOString()).toBe(PROMISED);
    // Finished dossiers keep the due date they were judged by; later receipts are not reached.
    expect(await due(ids.finished)).toBe(THURSDAY_CLOSE);
    expect(await due(ids.later)).toBe('2026-03-10T10:00:00.000Z');
    // Re-timing is not an officer's edit: open forms keep their version.
    expect(Number((await stored(ids.open)).version)).toBe(1);

    const audits = await retimeAudits();
    expect(audits.map((a) => Number(a.entityId))).toEqual([ids.open, ids.promised]);
    const holidayEntry = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'calendar.holiday.add')
      .executeTakeFirstOrThrow();
    for (const a of audits) {
      expect(a).toMatchObject({
        entityType: 'dossier',
        provinceCode: 'T1',
        actorUsername: 'province_admin',
        requestId: holidayEntry.requestId,
      });
      expect(JSON.parse(a.before ?? '{}')).toEqual({ dueAt: THURSDAY_CLOSE });
      expect(JSON.parse(a.after ?? '{}')).toEqual({
        dueAt: FRIDAY_CLOSE,
        reason: { action: 'calendar.holiday.add', date: '2026-03-04', kind: 'HOLIDAY', nameVi: 'Ngày nghỉ đột xuất' },
      });
      // The dossier entries come before the change's own entry in the chain.
      expect(Number(a.seq)).toBeLessThan(Number(holidayEntry.seq));
    }
    const summary = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'calendar.retime')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(summary.after ?? '{}')).toMatchObject({ dates: ['2026-03-04'], dossiersRetimed: 2, provinces: ['T1'] });

    const events = await retimeEvents(ids.open);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.data ?? '{}')).toMatchObject({ previousDueAt: THURSDAY_CLOSE, dueAt: FRIDAY_CLOSE });
    expect(await retimeEvents(ids.finished)).toEqual([]);

    const detail = await api('counter_officer_a', 'GET', `/api/v1/dossiers/${ids.open}`);
    expect(detail.json()).toMatchObject({ dueAt: FRIDAY_CLOSE });
    expect(detail.json().events.map((e: Json) => e.kind)).toEqual(['RECEIVED', 'RETIMED']);
  });

  it('removing it moves them back, again with an entry each', async () => {
    const row = await t.database.db.selectFrom('holidays').select('id').where('date', '=', HOLIDAY.date).executeTakeFirstOrThrow();
    const res = await api('system_admin', 'DELETE', `/api/v1/calendar/holidays/${row.id}`);
    expect(res.statusCode).toBe(204);

    expect(await due(ids.open)).toBe(THURSDAY_CLOSE);
    expect(await due(ids.promised)).toBe(THURSDAY_CLOSE);
    expect(await due(ids.finished)).toBe(THURSDAY_CLOSE);
    expect(await due(ids.later)).toBe('2026-03-10T10:00:00.000Z');
    const audits = await retimeAudits();
    expect(audits.map((a) => Number(a.entityId))).toEqual([ids.open, ids.promised, ids.open, ids.promised]);
    expect(JSON.parse(audits[2]?.after ?? '{}')).toMatchObject({ dueAt: THURSDAY_CLOSE, reason: { action: 'calendar.holiday.remove' } });
    expect(await retimeEvents(ids.open)).toHaveLength(2);
  });

  it('a holiday outside every open dossier’s counting moves nothing and writes no dossier entry', async () => {
    const res = await api('province_admin', 'POST', '/api/v1/calendar/holidays', { ...HOLIDAY, date: '2026-03-20' });
    expect(res.statusCode).toBe(201);
    expect(await retimeAudits()).toHaveLength(4);
    expect(await due(ids.open)).toBe(THURSDAY_CLOSE);
  });
});
