import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { DOSSIER_PROCEDURES, intakeBody, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp } from '../../../../test/support/fixture.ts';

type Json = Record<string, unknown>;

describe.each(testDialects())('Decision 766 facts over HTTP on %s', (dialect) => {
  let t: TestApp;
  let procs: Awaited<ReturnType<typeof seedDossierProcedures>>;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    procs = await seedDossierProcedures(t.database.db);
    // The "offline" procedure charges nothing here: online payment does not apply to it.
    await t.database.db.updateTable('procedures').set({ fee: 0 }).where('id', '=', procs.offline).execute();
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
  const form = (name: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'x-csrf-token': user(name).csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const page = (name: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: user(name).cookie } });
  const receive = async (over: Json = {}): Promise<number> => {
    const res = await api('counter_officer_a', 'POST', '/api/v1/dossiers', intakeBody(t.fixture.unitA, over));
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  };
  const facts = (name: string, id: number, body: Json) => api(name, 'POST', `/api/v1/dossiers/${id}/facts`, body);
  const act = (name: string, id: number, body: Json) => api(name, 'POST', `/api/v1/dossiers/${id}/transitions`, body);
  const events = async (id: number) =>
    (await t.database.db.selectFrom('dossierEvents').select('kind').where('dossierId', '=', id).orderBy('id').execute()).map((e) => e.kind);
  const audits = async (action: string) =>
    t.database.db.selectFrom('auditLog').select(['entityId', 'after']).where('action', '=', action).orderBy('seq').execute();

  it('records reuse and payment while processing, the electronic result once done, each once, with an event and an audit entry', async () => {
    const id = await receive();
    let res = await api('counter_officer_a', 'GET', `/api/v1/dossiers/${id}/facts`);
    expect(res.json()).toMatchObject({
      version: 1,
      feeBearing: true,
      electronicResultAt: null,
      paidOnlineAt: null,
      reusedData: false,
      filesDigitised: false,
      nationalSyncAt: null,
      allowed: { electronicResult: false, paidOnline: true, reusedData: true },
    });

    res = await facts('counter_officer_a', id, { reusedData: true, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, reusedData: true });

    // Not done yet: no electronic result; nothing changes, the paid-online in the same body neither.
    res = await facts('counter_officer_a', id, { electronicResult: true, paidOnline: true, version: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOSSIER_FACT_RESULT_NOT_ISSUED');
    // A stale version is refused when something would change.
    res = await facts('counter_officer_a', id, { paidOnline: true, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('VERSION_CONFLICT');
    res = await facts('counter_officer_a', id, { paidOnline: true, version: 2 });
    expect(res.json()).toMatchObject({ version: 3, paidOnlineAt: NOW, allowed: { paidOnline: false } });

    const specialist = user('field_specialist_a').userId;
    expect((await act('counter_officer_a', id, { action: 'START_PROCESSING', version: 3, assigneeId: specialist })).statusCode).toBe(200);
    expect((await act('field_specialist_a', id, { action: 'FORWARD', version: 4 })).statusCode).toBe(200);
    expect((await act('unit_leader_a', id, { action: 'FINISH', version: 5 })).statusCode).toBe(200);

    res = await facts('unit_leader_a', id, { reusedData: false, version: 6 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOSSIER_FACT_NOT_OPEN');
    res = await facts('unit_leader_a', id, { electronicResult: true, version: 6 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 7, electronicResultAt: NOW, allowed: { electronicResult: false, reusedData: false } });
    // Again, with the version read before: already recorded, so nothing is written and no conflict.
    res = await facts('unit_leader_a', id, { electronicResult: true, paidOnline: true, reusedData: true, version: 6 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 7, electronicResultAt: NOW });

    expect(await events(id)).toEqual([
      'RECEIVED',
      'FACTS_RECORDED',
      'FACTS_RECORDED',
      'START_PROCESSING',
      'FORWARD',
      'FINISH',
      'FACTS_RECORDED',
    ]);
    const entries = (await audits('dossier.facts')).filter((a) => a.entityId === String(id));
    expect(entries).toHaveLength(3);
    expect(JSON.parse(String(entries[2]?.after))).toMatchObject({ version: 7, electronicResultAt: NOW });
  });

  it('refuses online payment for a procedure without a fee, and checks the body strictly', async () => {
    const id = await receive({ procedureCode: DOSSIER_PROCEDURES.offline });
    expect((await api('counter_officer_a', 'GET', `/api/v1/dossiers/${id}/facts`)).json()).toMatchObject({
      feeBearing: false,
      allowed: { paidOnline: false, reusedData: true },
    });
    const res = await facts('counter_officer_a', id, { paidOnline: true, version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOSSIER_FACT_NO_FEE');
    expect((await facts('counter_officer_a', id, { electronicResult: false, version: 1 })).statusCode).toBe(400);
    expect((await facts('counter_officer_a', id, { reusedData: true, version: 1, syncedAt: NOW })).statusCode).toBe(400);
    expect((await facts('counter_officer_a', id, { reusedData: true })).statusCode).toBe(400);
    const stored = await t.database.db
      .selectFrom('dossiers')
      .select(['version', 'paidOnlineAt', 'reusedData'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect({ version: Number(stored.version), paidOnlineAt: stored.paidOnlineAt, reused: Boolean(stored.reusedData) }).toEqual({
      version: 1,
      paidOnlineAt: null,
      reused: false,
    });
  });

  it('answers 404 to another commune, 403 to readers who may not process, and shows no forms to them', async () => {
    const id = await receive();
    expect((await facts('counter_officer_b', id, { reusedData: true, version: 1 })).statusCode).toBe(404);
    expect((await api('counter_officer_b', 'GET', `/api/v1/dossiers/${id}/facts`)).statusCode).toBe(404);
    expect((await facts('province_analyst', id, { reusedData: true, version: 1 })).statusCode).toBe(403);
    const read = await api('province_analyst', 'GET', `/api/v1/dossiers/${id}/facts`);
    expect(read.json().allowed).toEqual({ electronicResult: false, paidOnline: false, reusedData: false });
    const denied = await t.database.db.selectFrom('auditLog').select('action').where('action', '=', 'authz.denied').execute();
    expect(denied.length).toBeGreaterThan(0);
  });

  it('shows the facts on the dossier page with small forms that record them and come back with a notice', async () => {
    const id = await receive();
    const before = await page('counter_officer_a', `/dossiers/${id}`);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Số hóa và trực tuyến (Quyết định 766)');
    expect(before.body).toContain(`action="/dossiers/${id}/facts"`);
    expect(before.body).toContain('name="reusedData" value="true"');
    expect(before.body).not.toContain('name="electronicResult"');
    // No inline script (CSP): any script element loads a file.
    expect(before.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const res = await form('counter_officer_a', `/dossiers/${id}/facts`, { reusedData: 'true', version: '1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/dossiers/${id}?facts=1`);
    const after = await page('counter_officer_a', `/dossiers/${id}?facts=1`);
    expect(after.body).toContain('Đã ghi nhận thông tin số hóa, trực tuyến của hồ sơ.');
    expect(after.body).toContain('name="reusedData" value="false"');
    // A refused form shows the dossier page again with the reason.
    const refused = await form('counter_officer_a', `/dossiers/${id}/facts`, { electronicResult: 'true', version: '2' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Chỉ ghi nhận trả kết quả điện tử khi hồ sơ đã giải quyết xong');
    const reader = await page('province_analyst', `/dossiers/${id}`);
    expect(reader.body).toContain('Số hóa và trực tuyến (Quyết định 766)');
    expect(reader.body).not.toContain(`action="/dossiers/${id}/facts"`);
  });

  describe('DVCQG sync acknowledgement', () => {
    const sync = (name: string, body: Json) => api(name, 'POST', '/api/v1/integrations/national-sync', body);
    let codes: string[];
    let otherProvinceCode: string;
    beforeAll(async () => {
      const ids = [await receive(), await receive()];
      const rows = await t.database.db.selectFrom('dossiers').select('code').where('id', 'in', ids).orderBy('id').execute();
      codes = rows.map((r) => r.code);
      otherProvinceCode = 'T2-SYNC-1';
      await t.database.db
        .insertInto('dossiers')
        .values({
          provinceCode: 'T2',
          code: otherProvinceCode,
          receivingUnitId: t.fixture.otherProvinceUnit,
          competentUnitId: t.fixture.otherProvinceUnit,
          procedureId: procs.commune,
          channel: 1,
          status: 2,
          applicantName: 'Nguyễn Văn B',
          applicantNameSearch: 'nguyen van b',
          applicantIdNumber: null,
          applicantPhone: null,
          applicantEmail: null,
          applicantAddress: null,
          summary: null,
          receivedAt: NOW,
          validAt: NOW,
          dueAt: null,
          finishedAt: null,
          returnedAt: null,
          pausedMs: 0,
          createdAt: NOW,
          updatedAt: NOW,
          createdBy: null,
        })
        .execute();
    });
    const syncedAt = async (code: string) =>
      await t.database.db.selectFrom('dossiers').select(['nationalSyncAt', 'version']).where('code', '=', code).executeTakeFirstOrThrow();

    it("marks the province's dossiers, reports unknown and other provinces' codes, and changes nothing on a repeat", async () => {
      const first = await sync('province_admin', {
        codes: [codes[0], codes[1], codes[0], 'NO-SUCH-CODE', otherProvinceCode],
        syncedAt: '2026-03-02T10:00:00+07:00',
      });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ updated: 2, alreadySynced: 0, unknown: 2, unknownCodes: ['NO-SUCH-CODE', otherProvinceCode] });
      const a = await syncedAt(String(codes[0]));
      expect(new Date(String(a.nationalSyncAt)).toISOString()).toBe('2026-03-02T03:00:00.000Z');
      // The mark comes from outside processing: an officer's open form stays valid.
      expect(Number(a.version)).toBe(1);
      expect((await syncedAt(otherProvinceCode)).nationalSyncAt).toBeNull();

      const again = await sync('system_admin', { codes, syncedAt: '2026-03-05T10:00:00Z' });
      expect(again.json()).toEqual({ updated: 0, alreadySynced: 2, unknown: 0, unknownCodes: [] });
      expect(new Date(String((await syncedAt(String(codes[1]))).nationalSyncAt)).toISOString()).toBe('2026-03-02T03:00:00.000Z');
      const entries = await audits('dossier.national_sync');
      expect(entries).toHaveLength(2);
      expect(JSON.parse(String(entries[0]?.after))).toMatchObject({ requested: 4, updated: 2, unknown: 2 });

      // The other province's administrator reaches only their own dossier.
      const theirs = await sync('other_province_admin', { codes: [otherProvinceCode, String(codes[0])], syncedAt: NOW });
      expect(theirs.json()).toEqual({ updated: 1, alreadySynced: 0, unknown: 1, unknownCodes: [codes[0]] });
      const shown = await api(
        'counter_officer_a',
        'GET',
        `/api/v1/dossiers/${(await t.database.db.selectFrom('dossiers').select('id').where('code', '=', String(codes[0])).executeTakeFirstOrThrow()).id}/facts`,
      );
      expect(shown.json().nationalSyncAt).toBe('2026-03-02T03:00:00.000Z');
    });

    it('refuses bad bodies and other roles', async () => {
      expect((await sync('province_admin', { codes: [], syncedAt: NOW })).statusCode).toBe(400);
      const tooMany = Array.from({ length: 1001 }, (_, i) => `C-${i}`);
      expect((await sync('province_admin', { codes: tooMany, syncedAt: NOW })).statusCode).toBe(400);
      expect((await sync('province_admin', { codes: ['X'], syncedAt: '2026-03-02' })).statusCode).toBe(400);
      expect((await sync('province_admin', { codes: ['X'], syncedAt: NOW, extra: 1 })).statusCode).toBe(400);
      expect((await sync('counter_officer_a', { codes: ['X'], syncedAt: NOW })).statusCode).toBe(403);
      expect((await sync('province_analyst', { codes: ['X'], syncedAt: NOW })).statusCode).toBe(403);
    });
  });
});
