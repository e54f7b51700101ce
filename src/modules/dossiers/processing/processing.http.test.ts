import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { intakeBody, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp } from '../../../../test/support/fixture.ts';

type Json = Record<string, unknown>;

describe.each(testDialects())('dossier processing over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
  });
  afterAll(async () => t?.close());

  const user = (name: string) => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const form = (name: string, url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'x-csrf-token': user(name).csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  const page = (name: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: user(name).cookie, ...headers } });

  /** A dossier received at the counter of commune A (or B), competent there: status 2, version 1. */
  const receive = async (unit: 'a' | 'b' = 'a', over: Json = {}): Promise<number> => {
    const res = await api(
      `counter_officer_${unit}`,
      'POST',
      '/api/v1/dossiers',
      intakeBody(unit === 'a' ? t.fixture.unitA : t.fixture.unitB, over),
    );
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  };
  /** A dossier received at the counter of commune B at `instant`; the clock goes back to NOW after. */
  const at = async (instant: string) => {
    t.clock.set(instant);
    try {
      return await receive('b');
    } finally {
      t.clock.set(NOW);
    }
  };
  const act = (name: string, id: number, body: Json) => api(name, 'POST', `/api/v1/dossiers/${id}/transitions`, body);
  const row = (id: number) => t.database.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = async (id: number) =>
    (await t.database.db.selectFrom('dossierEvents').select('kind').where('dossierId', '=', id).orderBy('id').execute()).map((e) => e.kind);

  it('walks the whole workflow: receive → start → forward to the leader → finish → return, each with an event and an audit entry', async () => {
    const id = await receive();
    const specialist = user('field_specialist_a').userId;
    let res = await act('counter_officer_a', id, { action: 'START_PROCESSING', version: 1, assigneeId: specialist });
    expect(res.statusCode).toBe(200);
    // The counter may still only withdraw it, at the citizen's request.
    expect(res.json()).toMatchObject({
      status: 4,
      step: 'SPECIALIST',
      version: 2,
      assignee: { id: specialist },
      allowedActions: ['WITHDRAW'],
    });

    res = await act('field_specialist_a', id, { action: 'FORWARD', version: 2, note: 'Đủ điều kiện' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 4, step: 'LEADER_APPROVAL', version: 3 });

    res = await act('unit_leader_a', id, { action: 'FINISH', version: 3 });
    expect(res.json()).toMatchObject({ status: 9, step: 'RETURN', version: 4, dueState: 'EARLY' });
    expect((await row(id)).finishedAt).toBeTruthy();

    res = await act('counter_officer_a', id, { action: 'RETURN_RESULT', version: 4 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 10, version: 5, allowedActions: [] });
    const stored = await row(id);
    expect(stored.returnedAt).toBeTruthy();
    expect(Number(stored.status)).toBe(10);
    expect(await events(id)).toEqual(['RECEIVED', 'START_PROCESSING', 'FORWARD', 'FINISH', 'RETURN_RESULT']);
    const audits = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'dossier')
      .where('entityId', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'dossier.receive',
      'dossier.start_processing',
      'dossier.forward',
      'dossier.finish',
      'dossier.return_result',
    ]);
  });

  it('refuses a transition the status does not allow with 409, a reason code and a translated message, and changes nothing', async () => {
    const id = await receive();
    const res = await act('counter_officer_a', id, { action: 'RETURN_RESULT', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'DOSSIER_TRANSITION_NOT_ALLOWED', detail: expect.stringContaining('trạng thái hiện tại') });
    expect(Number((await row(id)).version)).toBe(1);
    expect(await events(id)).toEqual(['RECEIVED']);
  });

  it('refuses a role the workflow step does not allow, and a leader acting before the approval step', async () => {
    const id = await receive();
    let res = await act('field_specialist_a', id, { action: 'START_PROCESSING', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOSSIER_ROLE_NOT_ALLOWED_AT_STEP');
    await act('counter_officer_a', id, { action: 'START_PROCESSING', version: 1 });
    res = await act('unit_leader_a', id, { action: 'FINISH', version: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOSSIER_ACTION_NOT_AT_THIS_STEP');
    res = await act('unit_leader_a', id, { action: 'FORWARD', version: 2 });
    expect(res.json().code).toBe('DOSSIER_ROLE_NOT_ALLOWED_AT_STEP');
    expect(Number((await row(id)).version)).toBe(2);
  });

  it('scopes acting to the competent unit: another commune gets 404, province roles 403', async () => {
    const id = await receive();
    expect((await act('counter_officer_b', id, { action: 'START_PROCESSING', version: 1 })).statusCode).toBe(404);
    expect((await act('province_admin', id, { action: 'START_PROCESSING', version: 1 })).statusCode).toBe(403);
    // Province roles still read where it stands.
    const read = await api('province_analyst', 'GET', `/api/v1/dossiers/${id}/processing`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ status: 2, step: 'RECEIVE', allowedActions: [], dueState: 'NOT_DUE' });
  });

  it('answers 409 VERSION_CONFLICT to a stale version and changes nothing', async () => {
    const id = await receive();
    expect((await act('counter_officer_a', id, { action: 'START_PROCESSING', version: 1 })).statusCode).toBe(200);
    const res = await act('counter_officer_a', id, { action: 'WITHDRAW', reason: 'Công dân xin rút', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
    expect(Number((await row(id)).status)).toBe(4);
  });

  it('requires a written reason, pauses the clock for a supplement and records the paused time once resumed', async () => {
    const id = await receive();
    await act('counter_officer_a', id, { action: 'START_PROCESSING', version: 1 });
    let res = await act('field_specialist_a', id, { action: 'REQUEST_SUPPLEMENT', version: 2 });
    expect(res.json().code).toBe('DOSSIER_REASON_REQUIRED');
    res = await act('field_specialist_a', id, { action: 'REQUEST_SUPPLEMENT', version: 2, reason: 'Thiếu bản sao CCCD' });
    expect(res.json()).toMatchObject({ status: 5, version: 3, dueState: 'NOT_DUE' });
    res = await act('field_specialist_a', id, { action: 'REQUEST_SUPPLEMENT', version: 3, reason: 'Lần nữa' });
    expect(res.json().code).toBe('DOSSIER_SUPPLEMENT_ALREADY_REQUESTED');
    t.clock.set('2026-03-03T03:00:00.000Z');
    try {
      res = await act('counter_officer_a', id, { action: 'SUPPLEMENT_RECEIVED', version: 3 });
      expect(res.statusCode).toBe(200);
      // One working day paused: the appointment moves from Thursday 5 to Friday 6 March, 17:00.
      expect(res.json()).toMatchObject({ status: 4, dueAt: '2026-03-05T10:00:00.000Z', appointmentAt: '2026-03-06T10:00:00.000Z' });
    } finally {
      t.clock.set(NOW);
    }
    const stored = await row(id);
    // Stored as office time, the measure the due date is extended by: Monday 10:00–11:30 and
    // 13:00–17:00, Tuesday 07:30–10:00 = 8 hours, not the 24 wall-clock hours between them.
    expect(Number(stored.pausedMs)).toBe(8 * 3_600_000);
    expect(Number(stored.supplementRequests)).toBe(1);
  });

  it('assigns only an active field specialist of the competent unit', async () => {
    const id = await receive();
    let res = await api('unit_leader_a', 'POST', `/api/v1/dossiers/${id}/assignment`, {
      assigneeId: user('field_specialist_b').userId,
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('DOSSIER_ASSIGNEE_INVALID');
    res = await api('unit_leader_a', 'POST', `/api/v1/dossiers/${id}/assignment`, {
      assigneeId: user('counter_officer_a').userId,
      version: 1,
    });
    expect(res.json().code).toBe('DOSSIER_ASSIGNEE_INVALID');
    res = await api('unit_leader_a', 'POST', `/api/v1/dossiers/${id}/assignment`, {
      assigneeId: user('field_specialist_a').userId,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ assignee: { id: user('field_specialist_a').userId }, version: 2 });
    expect(await events(id)).toEqual(['RECEIVED', 'ASSIGNED']);
    // Field specialists cannot assign.
    expect((await api('field_specialist_a', 'POST', `/api/v1/dossiers/${id}/assignment`, { assigneeId: 1, version: 2 })).statusCode).toBe(
      403,
    );
  });

  it('bulk start reports per id and changes nothing for the refused ones', async () => {
    const fresh = await receive();
    const started = await receive();
    await act('counter_officer_a', started, { action: 'START_PROCESSING', version: 1 });
    const other = await receive('b');
    const res = await api('counter_officer_a', 'POST', '/api/v1/dossiers/bulk', {
      action: 'START_PROCESSING',
      ids: [fresh, started, other],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toEqual([
      { id: fresh, ok: true },
      { id: started, ok: false, code: 'DOSSIER_TRANSITION_NOT_ALLOWED', message: expect.any(String) },
      { id: other, ok: false, code: 'DOSSIER_NOT_FOUND', message: expect.any(String) },
    ]);
    expect(Number((await row(fresh)).status)).toBe(4);
    expect(Number((await row(started)).version)).toBe(2);
    expect(Number((await row(other)).status)).toBe(2);
  });

  it('bulk assign through the no-JS inbox form reports refusals by id', async () => {
    const a = await receive();
    const done = await receive();
    await act('counter_officer_a', done, { action: 'WITHDRAW', version: 1, reason: 'Công dân rút' });
    const res = await form('unit_leader_a', '/inbox/bulk', {
      action: 'ASSIGN',
      assigneeId: String(user('field_specialist_a').userId),
      ids: [String(a), String(done)],
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Đã thực hiện 1 hồ sơ; 1 hồ sơ bị từ chối.');
    expect(res.body).toContain(`Hồ sơ #${done}:`);
    expect((await row(a)).assigneeId).toBe(user('field_specialist_a').userId);
    expect((await row(done)).assigneeId).toBeNull();
  });

  it('orders the inbox overdue first, then near due, then by appointment, and filters by due state', async () => {
    const notDue = await at('2026-02-27T03:00:00.000Z'); // due Wed 4 March
    const overdue = await at('2026-02-20T03:00:00.000Z'); // due Wed 25 February
    const nearDue = await at('2026-02-25T03:00:00.000Z'); // due Mon 2 March 17:00: less than a working day left
    const later = await at(NOW); // due Thu 5 March
    const res = await api('counter_officer_b', 'GET', '/api/v1/inbox');
    expect(res.statusCode).toBe(200);
    const mine = new Set([notDue, overdue, nearDue, later]);
    const items = (res.json().items as Json[]).filter((i) => mine.has(i.id as number));
    expect(items.map((i) => i.id)).toEqual([overdue, nearDue, notDue, later]);
    expect(items.map((i) => i.dueState)).toEqual(['OVERDUE', 'NEAR_DUE', 'NOT_DUE', 'NOT_DUE']);
    expect(items[0]).toMatchObject({ allowedActions: ['START_PROCESSING'], needsApology: true, assignee: null });
    expect(items[0]?.procedure).toMatchObject({ nationalCode: expect.stringMatching(/\S/), nameVi: expect.stringMatching(/\S/) });
    expect(res.json().totalCapped).toBe(false);
    const filtered = await api('counter_officer_b', 'GET', '/api/v1/inbox?due=OVERDUE');
    expect(filtered.json().items.map((i: Json) => i.id)).toEqual([overdue]);
    // A leader has nothing to approve in commune B yet.
    expect((await api('unit_leader_b', 'GET', '/api/v1/inbox')).json().total).toBe(0);
  });

  it('puts a dossier in the specialist’s inbox once assigned, and in the leader’s once forwarded', async () => {
    const id = await receive('b');
    const specialist = user('field_specialist_b').userId;
    await act('counter_officer_b', id, { action: 'START_PROCESSING', version: 1, assigneeId: specialist });
    const mine = (await api('field_specialist_b', 'GET', '/api/v1/inbox')).json().items as Json[];
    expect(mine.map((i) => i.id)).toEqual([id]);
    expect(mine[0]).toMatchObject({ step: 'SPECIALIST', assignee: { id: specialist } });
    await act('field_specialist_b', id, { action: 'FORWARD', version: 2 });
    expect((await api('field_specialist_b', 'GET', '/api/v1/inbox')).json().total).toBe(0);
    const leader = (await api('unit_leader_b', 'GET', '/api/v1/inbox')).json().items as Json[];
    expect(leader.map((i) => [i.id, i.allowedActions])).toEqual([[id, ['REQUEST_SUPPLEMENT', 'REQUEST_PAYMENT', 'STOP', 'FINISH']]]);
  });

  it('orders a rescheduled dossier by its new appointment among the plain ones, and pages the merged order without gaps or repeats', async () => {
    const rescheduled = await at('2026-02-19T03:00:00.000Z'); // due Tue 24 February, then a slip to 10 March
    const overdue = await at('2026-02-20T03:00:00.000Z'); // due Wed 25 February
    const slip = await api('counter_officer_b', 'POST', `/api/v1/dossiers/${rescheduled}/apology`, {
      reason: 'Chờ xác minh',
      newDueAt: '2026-03-10',
    });
    expect(slip.statusCode).toBe(201);
    const overdueOnly = (await api('counter_officer_b', 'GET', '/api/v1/inbox?due=OVERDUE&pageSize=100')).json();
    const ids = (overdueOnly.items as Json[]).map((i) => i.id);
    // Both overdue by the statutory date; the slip's later appointment puts it after the other.
    expect(ids.indexOf(overdue)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(rescheduled)).toBeGreaterThan(ids.indexOf(overdue));
    expect((overdueOnly.items as Json[]).find((i) => i.id === rescheduled)).toMatchObject({
      dueState: 'OVERDUE',
      appointmentAt: expect.stringMatching(/^2026-03-10/),
    });
    const whole = (await api('counter_officer_b', 'GET', '/api/v1/inbox?pageSize=100')).json();
    expect(whole.total).toBeLessThanOrEqual(100);
    const paged: unknown[] = [];
    for (let p = 1; p <= Math.ceil(whole.total / 3); p++) {
      const res = (await api('counter_officer_b', 'GET', `/api/v1/inbox?pageSize=3&page=${p}`)).json();
      expect(res.total).toBe(whole.total);
      paged.push(...(res.items as Json[]).map((i) => i.id));
    }
    expect(paged).toEqual((whole.items as Json[]).map((i) => i.id));
  });

  it('counts every open dossier however many, and says when more than 2,000 rescheduled ones are past what it weighs', async () => {
    const id = await receive('a');
    const before = (await api('counter_officer_a', 'GET', '/api/v1/inbox?pageSize=1')).json().total as number;
    const { id: _id, code, ...rest } = await row(id);
    const copies = Array.from({ length: 2000 }, (_, i) => ({ ...rest, pausedMs: Number(rest.pausedMs), code: `${code}-cap${i}` }));
    const db = t.database.db;
    try {
      for (let i = 0; i < copies.length; i += 200)
        await db
          .insertInto('dossiers')
          .values(copies.slice(i, i + 200))
          .execute();
      const plain = await api('counter_officer_a', 'GET', '/api/v1/inbox?pageSize=5');
      expect(plain.statusCode).toBe(200);
      expect(plain.json()).toMatchObject({ total: before + 2000, totalCapped: false, pageSize: 5 });
      expect(plain.json().items).toHaveLength(5);
      const last = await api('counter_officer_a', 'GET', `/api/v1/inbox?pageSize=5&page=${Math.ceil((before + 2000) / 5)}`);
      expect(last.json().items.length).toBe((before + 2000) % 5 || 5);

      // 2,001 rescheduled: the copies and the original.
      const copyIds = (await db.selectFrom('dossiers').select('id').where('code', 'like', `${code}-cap%`).execute()).map((r) =>
        Number(r.id),
      );
      copyIds.push(id);
      const slip = {
        provinceCode: rest.provinceCode,
        reason: 'Chờ xác minh',
        previousDueAt: rest.dueAt as string,
        newDueAt: '2026-03-20T10:00:00.000Z',
      };
      const slips = copyIds.map((dossierId) => ({
        ...slip,
        dossierId,
        issuedAt: NOW,
        issuedBy: user('counter_officer_a').userId,
        channel: 'COUNTER',
      }));
      for (let i = 0; i < slips.length; i += 200)
        await db
          .insertInto('apologySlips')
          .values(slips.slice(i, i + 200))
          .execute();
      const capped = await api('counter_officer_a', 'GET', '/api/v1/inbox?pageSize=5');
      expect(capped.json()).toMatchObject({ totalCapped: true, pageSize: 5 });
      expect(capped.json().total).toBeLessThanOrEqual(before + 2000);
      expect(capped.json().total).toBeGreaterThan(1900);
      const html = await page('counter_officer_a', '/inbox');
      expect(html.body).toContain('chỉ 2.000 hồ sơ đến hạn sớm nhất');
    } finally {
      const ids = db.selectFrom('dossiers').select('id').where('code', 'like', `${code}-cap%`);
      await db
        .deleteFrom('apologySlips')
        .where((eb) => eb.or([eb('dossierId', 'in', ids), eb('dossierId', '=', id)]))
        .execute();
      await db.deleteFrom('dossiers').where('code', 'like', `${code}-cap%`).execute();
    }
    const after = await api('counter_officer_a', 'GET', '/api/v1/inbox');
    expect(after.json()).toMatchObject({ total: before, totalCapped: false });
    expect((await page('counter_officer_a', '/inbox')).body).not.toContain('2.000 hồ sơ đến hạn sớm nhất');
  });

  describe('HTML', () => {
    it('shows the allowed actions as forms, applies one and redirects back with a notice', async () => {
      const id = await receive();
      const detail = await page('counter_officer_a', `/dossiers/${id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toContain(`action="/dossiers/${id}/transitions"`);
      expect(detail.body).toContain('value="START_PROCESSING"');
      expect(detail.body).toContain('Trong hạn');
      const res = await form('counter_officer_a', `/dossiers/${id}/transitions`, { action: 'START_PROCESSING', version: '1', note: '' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/dossiers/${id}?done=START_PROCESSING`);
      const after = await page('counter_officer_a', res.headers.location as string);
      expect(after.body).toContain('Đã thực hiện: Chuyển xử lý.');
      expect(after.body).toContain('Chuyển xử lý → Đang xử lý</td>');
    });

    it('shows a refusal translated on the dossier page, with the refusal status', async () => {
      const id = await receive();
      const res = await form('counter_officer_a', `/dossiers/${id}/transitions`, { action: 'STOP', version: '1', reason: 'x' });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái hiện tại.');
      expect(Number((await row(id)).status)).toBe(2);
    });

    it('renders the inbox page with text badges, and only the results for htmx', async () => {
      const full = await page('counter_officer_b', '/inbox');
      expect(full.statusCode).toBe(200);
      expect(full.body).toContain('<h1>Hộp việc</h1>');
      expect(full.body).toMatch(/class="badge off">Quá hạn</);
      expect(full.body).toContain('name="ids"');
      const fragment = await page('counter_officer_b', '/inbox?due=NEAR_DUE', { 'hx-request': 'true' });
      expect(fragment.body).not.toContain('<html');
      expect(fragment.body).toContain('Sắp đến hạn');
      expect(fragment.body).not.toContain('Quá hạn');
    });
  });
});
