import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { DOSSIER_PROCEDURES, intakeBody, onlineBody, seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp } from '../../../test/support/fixture.ts';

type Json = Record<string, unknown>;

describe.each(testDialects())('dossiers over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
  });
  afterAll(async () => t?.close());

  const bearer = (name: string) => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u.bearer;
  };
  const api = (name: string | null, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url,
      headers: { ...(name ? { authorization: bearer(name) } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const receive = (name: string, body: Json, headers: Record<string, string> = {}) => api(name, 'POST', '/api/v1/dossiers', body, headers);
  const count = async () => (await t.database.db.selectFrom('dossiers').select('id').execute()).length;
  const keyCount = async () => (await t.database.db.selectFrom('idempotencyKeys').select('id').execute()).length;

  describe('POST /api/v1/dossiers', () => {
    it('receives a dossier: code, status 2, due date from the calendar, a timeline event and an audit entry', async () => {
      const res = await receive('counter_officer_a', intakeBody(t.fixture.unitA));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        code: '10001-260302-0001',
        status: 2,
        channel: 'IN_PERSON',
        procedure: { nationalCode: DOSSIER_PROCEDURES.commune, nameVi: 'Đăng ký thành lập hộ kinh doanh' },
        receivingUnit: { id: t.fixture.unitA, name: 'Xã Hòa Bình' },
        competentUnit: { id: t.fixture.unitA, name: 'Xã Hòa Bình' },
        applicant: { name: 'Trần Thị Hồng Nhung', idNumber: '046190001234', phone: '0905111222' },
        receivedAt: NOW,
        // Monday 10:00 plus 3 working days: Thursday 5 March at the close of office (17:00 in Vietnam).
        dueAt: '2026-03-05T10:00:00.000Z',
        version: 1,
      });
      expect(body.events).toEqual([
        { at: NOW, kind: 'RECEIVED', actorName: expect.any(String), fromStatus: null, toStatus: 2, note: null },
      ]);
      const audit = await t.database.db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'dossier.receive')
        .executeTakeFirstOrThrow();
      expect(audit.entityId).toBe(String(body.id));
      // The audit image keeps routing and status, not the applicant's personal data.
      expect(audit.after).not.toContain('046190001234');
    });

    it('answers intake with exactly what a later read of the dossier shows', async () => {
      const res = await receive('counter_officer_a', intakeBody(t.fixture.unitA, { applicantName: 'Hồ Thị Mỹ Duyên' }));
      expect(res.statusCode).toBe(201);
      const created = res.json();
      const read = await api('counter_officer_a', 'GET', `/api/v1/dossiers/${created.id}`);
      expect(read.statusCode).toBe(200);
      expect(created).toEqual(read.json());
    });

    it('sees a holiday added after an earlier intake: reference data is cached per generation, not per time', async () => {
      const first = await receive('counter_officer_a', intakeBody(t.fixture.unitA));
      expect(first.json().dueAt).toBe('2026-03-05T10:00:00.000Z');
      // Written straight to the table, as any other process would: the trigger moves the generation.
      await t.database.db
        .insertInto('holidays')
        .values({
          date: '2026-03-04',
          kind: 'HOLIDAY',
          nameVi: 'Nghỉ thử nghiệm',
          nameEn: 'Test day off',
          decidingDocument: 'test',
          confirmed: dialect === 'postgres' ? (true as never) : (1 as never),
          createdAt: NOW,
          updatedAt: NOW,
        })
        .execute();
      try {
        const second = await receive('counter_officer_a', intakeBody(t.fixture.unitA));
        expect(second.json().dueAt).toBe('2026-03-06T10:00:00.000Z');
      } finally {
        await t.database.db.deleteFrom('holidays').where('date', '=', '2026-03-04').execute();
      }
      const third = await receive('counter_officer_a', intakeBody(t.fixture.unitA));
      expect(third.json().dueAt).toBe('2026-03-05T10:00:00.000Z');
    });

    it('counts the time limit across the Tết 2026 break', async () => {
      t.clock.set('2026-02-13T03:00:00.000Z');
      try {
        const res = await receive('counter_officer_a', intakeBody(t.fixture.unitA));
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ code: '10001-260213-0001', dueAt: '2026-02-25T10:00:00.000Z' });
      } finally {
        t.clock.set(NOW);
      }
    });

    it('routes a province-level procedure to the province, whatever commune the form names', async () => {
      const res = await receive(
        'counter_officer_b',
        intakeBody(t.fixture.unitA, { procedureCode: DOSSIER_PROCEDURES.province, channel: 'POST' }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        code: '10002-260302-0001',
        channel: 'POST',
        receivingUnit: { id: t.fixture.unitB },
        competentUnit: { name: 'Tỉnh Thử Nghiệm' },
      });
    });

    it('refuses paper dossiers for an essential service, in person and by post, and creates nothing', async () => {
      const before = await count();
      for (const channel of ['IN_PERSON', 'POST']) {
        const res = await receive(
          'counter_officer_a',
          intakeBody(t.fixture.unitA, { procedureCode: DOSSIER_PROCEDURES.essential, channel }),
        );
        expect(res.statusCode).toBe(422);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'DOSSIER_PAPER_REFUSED' });
        expect(res.json().detail).toContain('VNeID');
      }
      expect(await count()).toBe(before);
    });

    it('answers 400 to bad input and changes nothing', async () => {
      const before = await count();
      const bad: Json[] = [
        intakeBody(t.fixture.unitA, { applicantName: '' }),
        intakeBody(t.fixture.unitA, { channel: 'ONLINE' }),
        intakeBody(t.fixture.unitA, { isAdmin: true }),
        intakeBody(t.fixture.unitA, { procedureCode: 'NO.SUCH.CODE' }),
        intakeBody(t.fixture.formerUnitA),
        intakeBody(t.fixture.otherProvinceUnit),
        intakeBody(t.fixture.unitA, { applicantEmail: 'not-an-email' }),
      ];
      for (const body of bad) {
        const res = await receive('counter_officer_a', body);
        expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
        expect(res.json().code).toMatch(/^(VALIDATION_FAILED|DOSSIER_PROCEDURE_NOT_IN_FORCE|DOSSIER_COMPETENT_UNIT_INVALID)$/);
      }
      const badKey = await receive('counter_officer_a', intakeBody(t.fixture.unitA), { 'idempotency-key': 'has space' });
      expect(badKey.statusCode).toBe(400);
      expect(badKey.json().code).toBe('IDEMPOTENCY_KEY_INVALID');
      expect(await count()).toBe(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response for the same key and body, and refuses the key with another body', async () => {
      const before = await count();
      const body = intakeBody(t.fixture.unitA, { applicantName: 'Phạm Minh Khôi' });
      const headers = { 'idempotency-key': 'intake-7f3a' };
      const first = await receive('counter_officer_a', body, headers);
      expect(first.statusCode).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await receive('counter_officer_a', { ...body }, headers);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      const other = await receive('counter_officer_a', { ...body, summary: 'khác' }, headers);
      expect(other.statusCode).toBe(422);
      expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
      // Another officer's identical key is their own.
      const colleague = await receive('counter_officer_b', body, headers);
      expect(colleague.statusCode).toBe(201);
      expect(colleague.json().code).not.toBe(first.json().code);
      expect(await count()).toBe(before + 2);
    });

    it('forgets a key after 24 hours', async () => {
      const body = intakeBody(t.fixture.unitA, { applicantName: 'Võ Thị Lan' });
      const headers = { 'idempotency-key': 'intake-expiring' };
      const first = await receive('counter_officer_a', body, headers);
      t.clock.set('2026-03-03T03:00:01.000Z');
      try {
        const later = await receive('counter_officer_a', body, headers);
        expect(later.statusCode).toBe(201);
        expect(later.headers['idempotent-replayed']).toBeUndefined();
        expect(later.json().code).not.toBe(first.json().code);
      } finally {
        t.clock.set(NOW);
      }
    });

    it('stores no key when the intake is refused', async () => {
      const before = await keyCount();
      const res = await receive('counter_officer_a', intakeBody(t.fixture.unitA, { procedureCode: DOSSIER_PROCEDURES.essential }), {
        'idempotency-key': 'refused-1',
      });
      expect(res.statusCode).toBe(422);
      expect(await keyCount()).toBe(before);
    });
  });

  describe('listing, reading and scoping', () => {
    it('lets ward B see a dossier it received for commune A, and both units list it', async () => {
      const res = await receive('counter_officer_b', intakeBody(t.fixture.unitA, { applicantName: 'Đặng Văn Bảo' }));
      const id = res.json().id as number;
      expect((await api('field_specialist_b', 'GET', `/api/v1/dossiers/${id}`)).statusCode).toBe(200);
      expect((await api('unit_leader_a', 'GET', `/api/v1/dossiers/${id}`)).statusCode).toBe(200);
      const listB = (await api('counter_officer_b', 'GET', '/api/v1/dossiers?q=dang%20van%20bao')).json();
      expect(listB.items.map((d: Json) => d.id)).toEqual([id]);
    });

    it('hides a dossier received and decided by commune A from ward B', async () => {
      const res = await receive('counter_officer_a', intakeBody(t.fixture.unitA, { applicantName: 'Hoàng Thị Mai' }));
      const { id, code } = res.json() as { id: number; code: string };
      const b = await api('counter_officer_b', 'GET', `/api/v1/dossiers/${id}`);
      expect(b.statusCode).toBe(404);
      expect(b.json().code).toBe('DOSSIER_NOT_FOUND');
      expect((await api('counter_officer_b', 'GET', `/api/v1/dossiers?q=${code}`)).json().total).toBe(0);
      expect((await api('other_province_admin', 'GET', `/api/v1/dossiers/${id}`)).statusCode).toBe(404);
      const analyst = (await api('province_analyst', 'GET', `/api/v1/dossiers?q=${code}`)).json();
      expect(analyst.items.map((d: Json) => d.code)).toEqual([code]);
      expect((await api('counter_officer_a', 'GET', '/api/v1/dossiers?q=HOANG%20thi%20mai&status=2')).json()).toMatchObject({
        total: 1,
        totalCapped: false,
      });
      expect((await api('counter_officer_a', 'GET', '/api/v1/dossiers?q=hoang%20thi%20mai&status=3')).json().total).toBe(0);
    });
  });

  describe('online submission', () => {
    const submit = (body: Json, headers: Record<string, string> = {}) => api(null, 'POST', '/api/v1/public/dossiers', body, headers);

    it('takes a submission without login and answers only what the citizen needs to track it', async () => {
      const res = await submit(onlineBody(t.fixture.unitA));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        code: expect.stringMatching(/^10001-260302-\d{4}$/),
        status: 1,
        submittedAt: NOW,
        procedure: {
          nationalCode: DOSSIER_PROCEDURES.commune,
          nameVi: 'Đăng ký thành lập hộ kinh doanh',
          nameEn: 'Household business registration',
        },
        competentUnitName: 'Xã Hòa Bình',
      });
      expect(res.body).not.toContain('046090009876');
      expect(res.body).not.toContain('0914333444');
    });

    it('refuses a procedure not offered online, and replays with the same key', async () => {
      const offline = await submit(onlineBody(t.fixture.unitA, { procedureCode: DOSSIER_PROCEDURES.offline }));
      expect(offline.statusCode).toBe(422);
      expect(offline.json().code).toBe('DOSSIER_ONLINE_NOT_OFFERED');
      const headers = { 'idempotency-key': 'public-1' };
      const body = onlineBody(t.fixture.unitA, { applicantName: 'Ngô Bảo Châu' });
      const first = await submit(body, headers);
      const again = await submit(body, headers);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
    });

    it('lets only the competent unit’s counter accept or refuse, once', async () => {
      const code = (await submit(onlineBody(t.fixture.unitA, { applicantName: 'Bùi Thị Thu' }))).json().code as string;
      const listed = (await api('counter_officer_a', 'GET', `/api/v1/dossiers?q=${code}`)).json().items[0] as Json;
      expect(listed).toMatchObject({ status: 1, channel: 'ONLINE', receivedAt: null, dueAt: null });
      const id = listed.id as number;
      expect((await api('counter_officer_b', 'POST', `/api/v1/dossiers/${id}/accept`, { version: 1 })).statusCode).toBe(404);
      const accepted = await api('counter_officer_a', 'POST', `/api/v1/dossiers/${id}/accept`, { version: 1 });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json()).toMatchObject({ status: 2, receivedAt: NOW, dueAt: '2026-03-05T10:00:00.000Z', version: 2 });
      expect(accepted.json().events.map((e: Json) => e.kind)).toEqual(['SUBMITTED_ONLINE', 'ACCEPTED']);
      const again = await api('counter_officer_a', 'POST', `/api/v1/dossiers/${id}/refuse`, { version: 2, reason: 'Thiếu giấy tờ' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('DOSSIER_NOT_AWAITING_RECEPTION');
    });

    it('refuses a submission with its reason on the timeline', async () => {
      const code = (await submit(onlineBody(t.fixture.unitA, { applicantName: 'Lý Văn Hùng' }))).json().code as string;
      const id = (await api('counter_officer_a', 'GET', `/api/v1/dossiers?q=${code}`)).json().items[0].id as number;
      const stale = await api('counter_officer_a', 'POST', `/api/v1/dossiers/${id}/refuse`, { version: 7, reason: 'x' });
      expect(stale.statusCode).toBe(409);
      const res = await api('counter_officer_a', 'POST', `/api/v1/dossiers/${id}/refuse`, {
        version: 1,
        reason: 'Thủ tục không thuộc thẩm quyền của xã',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 3, dueAt: null });
      expect(res.json().events.at(-1)).toMatchObject({
        kind: 'REFUSED',
        fromStatus: 1,
        toStatus: 3,
        note: 'Thủ tục không thuộc thẩm quyền của xã',
      });
    });
  });
});
