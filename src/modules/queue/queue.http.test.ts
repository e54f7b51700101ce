import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';

type Json = Record<string, unknown>;
type Ticket = {
  id: number;
  label: string;
  status: string;
  number: number;
  callCount: number;
  counterLabel: string | null;
  dossierCode: string | null;
};

const MINUTE = 60_000;

describe.each(testDialects())('counter queue on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string | null, method: 'GET' | 'POST', url: string, payload?: Json) =>
    t.app.inject({ method, url, headers: name ? { authorization: user(name).bearer } : {}, ...(payload ? { payload } : {}) });
  const page = (name: string, method: 'GET' | 'POST', url: string, form?: Record<string, string>) =>
    t.app.inject({
      method,
      url,
      headers: {
        cookie: user(name).cookie,
        'x-csrf-token': user(name).csrf,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
  const issue = (field: string, unitCode = '10001') => api(null, 'POST', `/api/v1/public/queue/${unitCode}/tickets`, { field });
  const act = (name: string, id: number, action: string, counter?: string) =>
    api(name, 'POST', `/api/v1/queue/tickets/${id}/actions`, { action, ...(counter ? { counter } : {}) });
  const callNext = (name: string, counter: string, fields?: string[]) =>
    api(name, 'POST', '/api/v1/queue/call-next', { counter, ...(fields ? { fields } : {}) });

  /** A dossier as the counter intake leaves it (written directly: this module only reads dossiers). */
  const receivedDossier = async (code: string, unitId: number) => {
    const db = t.database.db;
    const procedure = await db.selectFrom('procedures').select('id').orderBy('id').executeTakeFirstOrThrow();
    const row = await db
      .insertInto('dossiers')
      .values({
        provinceCode: 'T1',
        code,
        receivingUnitId: unitId,
        competentUnitId: unitId,
        procedureId: procedure.id,
        channel: 1,
        status: 2,
        applicantName: 'Trần Thị Hồng Nhung',
        applicantNameSearch: 'tran thi hong nhung',
        pausedMs: 0,
        receivedAt: NOW,
        createdAt: NOW,
        updatedAt: NOW,
        createdBy: null,
        assigneeId: null,
      })
      .returning(['id', 'code'])
      .executeTakeFirstOrThrow();
    return row;
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
  });
  beforeEach(() => t.clock.set(NOW));
  afterAll(async () => t?.close());

  it('issues numbered tickets per field at a public kiosk, and refuses unknown units and fields', async () => {
    const first = await issue('CIVIL_STATUS');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ label: 'A001', number: 1, field: 'CIVIL_STATUS', day: '2026-03-02', waitingAhead: 0 });
    expect((await issue('CIVIL_STATUS')).json()).toMatchObject({ label: 'A002', waitingAhead: 1 });
    expect((await issue('LAND')).json()).toMatchObject({ label: 'D001', waitingAhead: 0 });
    const unknown = await issue('LAND', '99999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ code: 'QUEUE_UNIT_NOT_FOUND' });
    expect((await issue('LAND', '90001')).statusCode).toBe(404); // a former ward has no counter
    const bad = await issue('ASTROLOGY');
    expect(bad.statusCode).toBe(400);
    expect(await t.database.db.selectFrom('queueTickets').select('id').execute()).toHaveLength(3);
  });

  it('calls the longest-waiting ticket of the counter’s fields and records wait and service times', async () => {
    t.clock.advanceMs(10 * MINUTE);
    const called = await callNext('counter_officer_a', 'Quầy 2', ['CIVIL_STATUS']);
    expect(called.statusCode).toBe(200);
    const ticket = called.json() as Ticket;
    expect(ticket).toMatchObject({ label: 'A001', status: 'CALLED', counterLabel: 'Quầy 2', callCount: 1 });
    t.clock.advanceMs(MINUTE);
    expect((await act('counter_officer_a', ticket.id, 'recall', 'Quầy 3')).json()).toMatchObject({
      status: 'CALLED',
      callCount: 2,
      counterLabel: 'Quầy 3',
    });
    t.clock.advanceMs(MINUTE);
    expect((await act('counter_officer_a', ticket.id, 'start')).json()).toMatchObject({ status: 'SERVING' });
    t.clock.advanceMs(5 * MINUTE);
    const done = await act('counter_officer_a', ticket.id, 'finish');
    expect(done.json()).toMatchObject({ status: 'DONE', finishedAt: new Date(Date.parse(NOW) + 17 * MINUTE).toISOString() });

    const stats = await api('unit_leader_a', 'GET', '/api/v1/queue/stats?from=2026-03-02&to=2026-03-02');
    expect(stats.statusCode).toBe(200);
    const rows = (stats.json() as { rows: { field: string | null; issued: number; wait: Json; service: Json }[] }).rows;
    expect(rows.find((r) => r.field === 'CIVIL_STATUS')).toMatchObject({
      issued: 2,
      served: 1,
      wait: { count: 1, averageSeconds: 600, medianSeconds: 600 },
      service: { count: 1, averageSeconds: 300, medianSeconds: 300 },
    });
    expect(rows.at(-1)).toMatchObject({ field: null, issued: 3 });
    const audit = await t.database.db.selectFrom('auditLog').select('action').where('action', 'like', 'queue.%').execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['queue.issue', 'queue.call', 'queue.recall', 'queue.start', 'queue.finish']),
    );
  });

  it('refuses invalid transitions with 409 and the reason, changing nothing', async () => {
    const list = await api('counter_officer_a', 'GET', '/api/v1/queue/tickets?status=DONE');
    const [done] = (list.json() as { items: Ticket[] }).items;
    if (!done) throw new Error('no finished ticket');
    const res = await act('counter_officer_a', done.id, 'start');
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'QUEUE_TICKET_CLOSED', detail: 'Số A001 đã kết thúc, không thể thay đổi.' });
    const waiting = (await api('counter_officer_a', 'GET', '/api/v1/queue/tickets?status=WAITING')).json() as { items: Ticket[] };
    const a002 = waiting.items.find((k) => k.label === 'A002');
    if (!a002) throw new Error('A002 not waiting');
    expect((await act('counter_officer_a', a002.id, 'finish')).json()).toMatchObject({ code: 'QUEUE_TICKET_NOT_CALLED' });
    const after = (await api('counter_officer_a', 'GET', '/api/v1/queue/tickets')).json() as { items: Ticket[] };
    expect(after.items.find((k) => k.id === a002.id)?.status).toBe('WAITING');
    expect((await callNext('counter_officer_a', 'Quầy 1', ['CULTURE'])).json()).toMatchObject({ code: 'QUEUE_NOTHING_WAITING' });
  });

  it('marks a no-show, after which the ticket is closed', async () => {
    const called = (await callNext('counter_officer_a', 'Quầy 1', ['LAND'])).json() as Ticket;
    expect(called.label).toBe('D001');
    expect((await act('counter_officer_a', called.id, 'no_show')).json()).toMatchObject({ status: 'NO_SHOW' });
    const again = await act('counter_officer_a', called.id, 'recall');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'QUEUE_TICKET_CLOSED' });
  });

  it('keeps commune B’s officers away from commune A’s tickets (404, audited)', async () => {
    const waiting = (await api('counter_officer_a', 'GET', '/api/v1/queue/tickets?status=WAITING')).json() as { items: Ticket[] };
    const id = waiting.items[0]?.id ?? 0;
    const res = await callNext('counter_officer_b', 'Quầy 1');
    expect(res.json()).toMatchObject({ code: 'QUEUE_NOTHING_WAITING' });
    const foreign = await act('counter_officer_b', id, 'recall');
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'QUEUE_TICKET_NOT_FOUND' });
    const denied = await t.database.db
      .selectFrom('auditLog')
      .select('entityId')
      .where('action', '=', 'authz.denied')
      .where('entityId', '=', `POST /api/v1/queue/tickets/${id}/actions`)
      .execute();
    expect(denied).toHaveLength(1);
    expect(((await api('counter_officer_b', 'GET', '/api/v1/queue/tickets')).json() as { items: unknown[] }).items).toEqual([]);
    expect((await act('counter_officer_a', id, 'start')).json()).toMatchObject({ code: 'QUEUE_TICKET_NOT_CALLED' });
  });

  it('links a served ticket to the dossier received at the unit, once each way', async () => {
    const ticket = (await callNext('counter_officer_a', 'Quầy 2')).json() as Ticket;
    expect((await api('counter_officer_a', 'POST', `/api/v1/queue/tickets/${ticket.id}/link`, { dossierCode: 'X' })).json()).toMatchObject({
      code: 'QUEUE_TICKET_NOT_SERVING',
    });
    await act('counter_officer_a', ticket.id, 'start');
    const dossier = await receivedDossier('10001-260302-0001', t.fixture.unitA);
    const elsewhere = await receivedDossier('10002-260302-0001', t.fixture.unitB);

    const wrongUnit = await api('counter_officer_a', 'POST', `/api/v1/queue/tickets/${ticket.id}/link`, { dossierCode: elsewhere.code });
    expect(wrongUnit.statusCode).toBe(422);
    expect(wrongUnit.json()).toMatchObject({ code: 'QUEUE_DOSSIER_INVALID' });
    const linked = await api('counter_officer_a', 'POST', `/api/v1/queue/tickets/${ticket.id}/link`, {
      dossierCode: dossier.code.toLowerCase(),
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ dossierId: dossier.id, dossierCode: dossier.code, status: 'SERVING' });
    const twice = await api('counter_officer_a', 'POST', `/api/v1/queue/tickets/${ticket.id}/link`, { dossierCode: dossier.code });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'QUEUE_ALREADY_LINKED' });

    await issue('LAND');
    const other = (await callNext('counter_officer_a', 'Quầy 2', ['LAND'])).json() as Ticket;
    await act('counter_officer_a', other.id, 'start');
    const reused = await api('counter_officer_a', 'POST', `/api/v1/queue/tickets/${other.id}/link`, { dossierCode: dossier.code });
    expect(reused.json()).toMatchObject({ code: 'QUEUE_ALREADY_LINKED' });
  });

  it('shows called numbers on a self-refreshing display page without script', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/queue-display/10001' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html).toContain('<html lang="vi">');
    expect(html).toMatch(/<meta http-equiv="refresh" content="5"/);
    expect(html).not.toContain('<script');
    expect(html).toContain('<h1>');
    expect(html).toContain('D002');
    expect(Buffer.byteLength(html)).toBeLessThan(4096);
    const json = await api(null, 'GET', '/api/v1/public/queue/10001/display');
    expect(json.json()).toMatchObject({ unitName: 'Xã Hòa Bình', called: [{ label: 'D002', counterLabel: 'Quầy 2' }, { label: 'A002' }] });
    expect((await t.app.inject({ method: 'GET', url: '/queue-display/99999' })).statusCode).toBe(404);
  });

  it('runs the kiosk and counter pages with plain forms', async () => {
    const form = await t.app.inject({ method: 'GET', url: '/kiosk/10001' });
    expect(form.statusCode).toBe(200);
    const anon = form.cookies.find((c) => c.name === 'cadre_anon');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    if (!anon || !csrf) throw new Error('no anonymous session on the kiosk page');
    const press = (field: string) =>
      t.app.inject({
        method: 'POST',
        url: '/kiosk/10001',
        headers: { cookie: `cadre_anon=${anon.value}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, field }).toString(),
      });
    const kiosk = await press('HEALTH');
    expect(kiosk.statusCode).toBe(201);
    expect(kiosk.body).toContain('L001');
    const badKiosk = await press('NOPE');
    expect(badKiosk.statusCode).toBe(400);
    expect(badKiosk.body).toContain('role="alert"');

    const call = await page('counter_officer_a', 'POST', '/queue/call-next', { counter: 'Quầy 5', fields: 'HEALTH' });
    expect(call.statusCode).toBe(303);
    expect(call.headers.location).toBe('/queue?counter=Qu%E1%BA%A7y+5&fields=HEALTH&called=L001');
    const view = await page('counter_officer_a', 'GET', call.headers.location as string);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Đã gọi số L001 tới Quầy 5.');
    expect(view.body).toContain('Thời gian chờ và phục vụ');
    const empty = await page('counter_officer_a', 'POST', '/queue/call-next', { counter: 'Quầy 5', fields: 'HEALTH' });
    expect(empty.statusCode).toBe(409);
    expect(empty.body).toContain('Không có ai đang chờ ở các lĩnh vực của quầy.');
    expect((await page('unit_leader_a', 'GET', '/queue')).statusCode).toBe(403);
  });

  it('refuses a reversed or too long statistics range', async () => {
    const res = await api('counter_officer_a', 'GET', '/api/v1/queue/stats?from=2026-03-05&to=2026-03-01');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'QUEUE_RANGE_INVALID' });
    expect((await api('counter_officer_a', 'GET', '/api/v1/queue/stats?from=2025-01-01&to=2026-03-01')).statusCode).toBe(400);
  });

  it('documents the queue API in the OpenAPI description', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/public/queue/{unitCode}/tickets',
        '/api/v1/public/queue/{unitCode}/display',
        '/api/v1/queue/call-next',
        '/api/v1/queue/tickets/{id}/actions',
        '/api/v1/queue/tickets/{id}/link',
        '/api/v1/queue/stats',
      ]),
    );
  });
});
