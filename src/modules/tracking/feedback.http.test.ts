import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { intakeBody, seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';

type Json = Record<string, unknown>;

describe.each(testDialects())('citizen feedback (PAKN) on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string | null, method: 'GET' | 'POST', url: string, payload?: Json) =>
    t.app.inject({
      method,
      url,
      headers: name ? { authorization: user(name).bearer } : {},
      ...(payload ? { payload } : {}),
    });
  const submit = (over: Json = {}) =>
    api(null, 'POST', '/api/v1/public/feedback', { unitId: t.fixture.unitA, text: 'Đường vào bộ phận một cửa bị ngập nước.', ...over });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
  });
  afterAll(async () => t?.close());

  it('sets the answer due date to 15 working days by the calendar (receipt day not counted)', async () => {
    const res = await submit({ kind: 'COMPLAINT', contact: 'dan@example.vn' });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { id: number; dueAt: string };
    // Received Monday 2 March 2026, 10:00 in Vietnam: the 15th working day after is Monday 23 March, closing at 17:00.
    expect(body.dueAt).toBe('2026-03-23T10:00:00.000Z');
    const calc = await api(
      'province_admin',
      'GET',
      `/api/v1/calendar/due-date?from=${encodeURIComponent(NOW)}&amount=15&unit=working_days`,
    );
    expect(calc.statusCode).toBe(200);
    expect(calc.json()).toMatchObject({ due: body.dueAt });
    const audit = await t.database.db.selectFrom('auditLog').select('after').where('action', '=', 'feedback.receive').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain('dan@example.vn');
  });

  it('links a dossier code of the province, and refuses a unit that is not a current commune', async () => {
    const intake = await api('counter_officer_a', 'POST', '/api/v1/dossiers', intakeBody(t.fixture.unitA));
    const code = (intake.json() as { code: string }).code;
    const res = await submit({ dossierCode: code.toLowerCase() });
    expect(res.statusCode).toBe(201);
    const row = await t.database.db
      .selectFrom('feedback')
      .select(['dossierId', 'dossierCode'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ dossierId: (intake.json() as { id: number }).id, dossierCode: code });
    const bad = await submit({ unitId: t.fixture.formerUnitA });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'FEEDBACK_UNIT_INVALID' });
    expect((await submit({ text: 'ngắn' })).statusCode).toBe(400);
  });

  it('lists the unit’s feedback only, overdue first', async () => {
    // Sent on 5 January: its 15 working days ended in January, so it is overdue on NOW (2 March).
    t.clock.set('2026-01-05T03:00:00.000Z');
    try {
      expect((await submit({ text: 'Phản ánh cũ đã quá hạn trả lời.' })).statusCode).toBe(201);
    } finally {
      t.clock.set(NOW);
    }
    await submit({ unitId: t.fixture.unitB, text: 'Phản ánh gửi phường Đông Ba.' });
    const res = await api('unit_leader_a', 'GET', '/api/v1/feedback');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { text: string; isOverdue: boolean; unitId: number }[];
    expect(items.length).toBeGreaterThan(1);
    expect(items[0]).toMatchObject({ text: 'Phản ánh cũ đã quá hạn trả lời.', isOverdue: true });
    expect(items.slice(1).every((i) => !i.isOverdue)).toBe(true);
    expect(items.every((i) => i.unitId === t.fixture.unitA)).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: '/feedback/manage', headers: { cookie: user('unit_leader_a').cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Quá hạn');
    expect(page.body).not.toContain('Đông Ba.');
    const pageB = await t.app.inject({ method: 'GET', url: '/feedback/manage', headers: { cookie: user('unit_leader_b').cookie } });
    expect(pageB.body).toContain('Đông Ba.');
    expect(pageB.body).not.toContain('Phản ánh cũ');
  });

  it('answers once, audited; another unit gets 404', async () => {
    const created = await submit({ text: 'Xin hỏi lịch tiếp công dân tháng này.' });
    const id = created.json().id as number;
    const other = await api('unit_leader_b', 'POST', `/api/v1/feedback/${id}/answer`, { decision: 'ANSWERED', answer: 'x', version: 1 });
    expect(other.statusCode).toBe(404);
    const res = await api('unit_leader_a', 'POST', `/api/v1/feedback/${id}/answer`, {
      decision: 'ANSWERED',
      answer: 'Lịch tiếp công dân vào sáng thứ Năm hằng tuần.',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ANSWERED', answeredAt: NOW });
    const again = await api('counter_officer_a', 'POST', `/api/v1/feedback/${id}/answer`, { decision: 'REFUSED', answer: 'x', version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'FEEDBACK_ALREADY_CLOSED' });
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'actorUserId', 'before', 'after'])
      .where('entityType', '=', 'feedback')
      .where('entityId', '=', String(id))
      .where('action', '=', 'feedback.answer')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorUserId).toBe(user('unit_leader_a').userId);
  });

  it('fixes the refusal and information-request deadlines at receipt and judges each decision by its own', async () => {
    const first = (await submit({ text: 'Đề nghị sửa đèn đường thôn 3.' })).json().id as number;
    const second = (await submit({ text: 'Hỏi về thủ tục đăng ký kết hôn.' })).json().id as number;
    const read = async (id: number) =>
      ((await api('unit_leader_a', 'GET', '/api/v1/feedback?pageSize=100')).json().items as Json[]).find((f) => f.id === id);
    // Received Monday 2 March 2026, 10:00: 2 and 5 working days later at 17:00 (rules feedback.refuseWorkingDays / infoRequestWorkingDays).
    expect(await read(first)).toMatchObject({
      refuseDueAt: '2026-03-04T10:00:00.000Z',
      infoDueAt: '2026-03-09T10:00:00.000Z',
      dueAt: '2026-03-23T10:00:00.000Z',
      handledOnTime: null,
    });
    t.clock.set('2026-03-05T02:00:00.000Z'); // Thursday 09:00: past the refusal deadline, within the others
    try {
      const refused = await api('unit_leader_a', 'POST', `/api/v1/feedback/${first}/answer`, {
        decision: 'REFUSED',
        answer: 'Không thuộc thẩm quyền của xã.',
        version: 1,
      });
      expect(refused.json()).toMatchObject({ status: 'REFUSED', handledOnTime: false });
      const asked = await api('unit_leader_a', 'POST', `/api/v1/feedback/${second}/answer`, {
        decision: 'INFO_REQUESTED',
        answer: 'Đề nghị cho biết nơi cư trú của hai bên.',
        version: 1,
      });
      expect(asked.json()).toMatchObject({ status: 'INFO_REQUESTED', handledOnTime: true });
    } finally {
      t.clock.set(NOW);
    }
    // The page, with the clock back at the session's sign-in time (sessions expire when idle).
    const page = await t.app.inject({
      method: 'GET',
      url: `/feedback/manage/${first}`,
      headers: { cookie: user('unit_leader_a').cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hạn từ chối tiếp nhận');
    expect(page.body).toContain('Trễ hạn');
  });

  it('works as HTML forms: public form, staff answer with redirect', async () => {
    const form = await t.app.inject({ method: 'GET', url: '/feedback' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Xã Hòa Bình');
    const anon = form.cookies.find((c) => c.name === 'cadre_anon');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
    if (!anon || !csrf) throw new Error('no anonymous session on the feedback form');
    const posted = await t.app.inject({
      method: 'POST',
      url: '/feedback?province=T1',
      headers: { cookie: `cadre_anon=${anon.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrf,
        unitId: String(t.fixture.unitA),
        kind: 'PETITION',
        text: 'Đề nghị lắp thêm đèn đường.',
        dossierCode: '',
        contact: '',
      }).toString(),
    });
    expect(posted.statusCode).toBe(201);
    expect(posted.body).toContain('23/03/2026 17:00');
    const id = Number(/số (\d+)\./.exec(posted.body)?.[1]);
    const leader = user('unit_leader_a');
    const answered = await t.app.inject({
      method: 'POST',
      url: `/feedback/manage/${id}/answer`,
      headers: { cookie: leader.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: leader.csrf, decision: 'REFUSED', answer: 'Không thuộc thẩm quyền.', version: '1' }).toString(),
    });
    expect(answered.statusCode).toBe(303);
    const detail = await t.app.inject({ method: 'GET', url: answered.headers.location as string, headers: { cookie: leader.cookie } });
    expect(detail.body).toContain('Không thuộc thẩm quyền.');
    expect(detail.body).toContain('Từ chối');
  });
});
