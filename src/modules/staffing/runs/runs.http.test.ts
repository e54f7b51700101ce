import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { seedProcedureCatalogue } from '../../procedures/seed-catalogue.ts';
import { RunLineSchema, RunSummarySchema, StaffingRunSchema } from './run.schemas.ts';

describe.each(testDialects())('WISN runs and service standards over HTTP on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: { authorization: user(name).bearer }, ...(payload ? { payload } : {}) });
  const form = (name: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'x-csrf-token': user(name).csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const db = t.database.db;
    await seedProcedureCatalogue(db, 'T1', '2025-07-01T00:00:00.000Z');
    const { id: birth } = await db.selectFrom('procedures').select('id').where('nationalCode', '=', '1.001193').executeTakeFirstOrThrow();
    // Two birth registrations competent to commune A: one received at A's counter, one online.
    for (const [i, channel] of [1, 2].entries()) {
      await db
        .insertInto('dossiers')
        .values({
          provinceCode: 'T1',
          code: `HTTP-RUN-${i}`,
          receivingUnitId: t.fixture.unitA,
          competentUnitId: t.fixture.unitA,
          procedureId: birth,
          channel,
          status: 9,
          applicantName: 'Nguyễn Văn A',
          applicantNameSearch: 'nguyen van a',
          applicantIdNumber: null,
          applicantPhone: null,
          applicantEmail: null,
          applicantAddress: null,
          summary: null,
          receivedAt: '2026-02-02T02:00:00.000Z',
          validAt: '2026-02-02T02:00:00.000Z',
          dueAt: null,
          finishedAt: null,
          returnedAt: null,
          pausedMs: 0,
          createdAt: '2026-02-02T02:00:00.000Z',
          updatedAt: '2026-02-02T02:00:00.000Z',
          createdBy: null,
          assigneeId: null,
        })
        .execute();
    }
  });
  afterAll(async () => t?.close());

  let runId = 0;

  it('POST computes and stores a run (201), audited; unit roles may not', async () => {
    const res = await api('province_analyst', 'POST', '/api/v1/staffing/runs', {
      year: 2026,
      periodFrom: '2026-02-01',
      periodTo: '2026-02-28',
    });
    expect(res.statusCode).toBe(201);
    const run = RunSummarySchema.parse(res.json());
    runId = run.id;
    expect(run.id).toBeGreaterThan(t.fixture.staffingRun);
    expect(run).toMatchObject({ year: 2026, periodFrom: '2026-02-01', periodTo: '2026-02-28', createdBy: user('province_analyst').userId });
    // Commune A: birth processing (JUSTICE_CIVIL_STATUS, no staff) and reception (ONE_STOP, no staff): both short.
    expect(run.totals).toMatchObject({ lines: 2, shortage: 2 });
    expect((await api('unit_leader_a', 'POST', '/api/v1/staffing/runs', {})).statusCode).toBe(403);
    const audit = await t.database.db.selectFrom('auditLog').select('entityId').where('action', '=', 'staffing.run.create').execute();
    expect(audit.map((a) => a.entityId)).toEqual([String(run.id)]);
  });

  it('refuses a bad period with a translated problem, and unknown fields', async () => {
    const future = await api('province_admin', 'POST', '/api/v1/staffing/runs', { periodTo: '2026-03-03' });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ code: 'STAFFING_RUN_PERIOD_FUTURE', detail: 'Kỳ số liệu không được kết thúc sau ngày hôm nay.' });
    const reversed = await api('province_admin', 'POST', '/api/v1/staffing/runs', { periodFrom: '2026-02-10', periodTo: '2026-02-01' });
    expect(reversed.json().code).toBe('STAFFING_RUN_PERIOD_INVALID');
    const unknown = await api('province_admin', 'POST', '/api/v1/staffing/runs', { year: 2026, extra: 1 });
    expect(unknown.json().code).toBe('VALIDATION_FAILED');
    const runs = (await api('province_admin', 'GET', '/api/v1/staffing/runs')).json() as { id: number }[];
    expect(runs.map((r) => r.id)).toEqual([runId, t.fixture.staffingRun]);
  });

  it('GET a run filters its lines; unit roles only reach their own unit', async () => {
    const all = StaffingRunSchema.parse((await api('unit_hr_a', 'GET', `/api/v1/staffing/runs/${runId}`)).json());
    expect(all.lines.map((l) => l.field)).toEqual(['JUSTICE_CIVIL_STATUS', 'ONE_STOP']);
    const short = (await api('province_analyst', 'GET', `/api/v1/staffing/runs/${runId}?status=SHORTAGE&field=ONE_STOP`)).json();
    expect(short.lines).toHaveLength(1);
    expect(short.lines[0].workloadSources.map((s: { channel: string }) => s.channel)).toEqual(['COUNTER', 'ONLINE']);
    expect((await api('province_analyst', 'GET', `/api/v1/staffing/runs/${runId}?status=NOPE`)).json().code).toBe('VALIDATION_FAILED');
    const leaderB = await api('unit_leader_b', 'GET', `/api/v1/staffing/runs/${runId}?unitId=${t.fixture.unitA}`);
    expect(leaderB.statusCode).toBe(404);
    expect((await api('unit_leader_b', 'GET', `/api/v1/staffing/runs/${runId}`)).json().lines).toEqual([]);
    expect((await api('other_province_admin', 'GET', `/api/v1/staffing/runs/${runId}`)).statusCode).toBe(404);
  });

  it('GET one line: inputs, figures and sources', async () => {
    const res = await api('unit_leader_a', 'GET', `/api/v1/staffing/runs/${runId}/lines/${t.fixture.unitA}/JUSTICE_CIVIL_STATUS`);
    expect(res.statusCode).toBe(200);
    const line = RunLineSchema.parse(res.json().line);
    // February 2026 is 28 days: 2 dossiers × 365 / 28 a year at the placeholder 25 min.
    expect(line.input.service[0]?.annualWorkload).toBeCloseTo((2 * 365) / 28, 10);
    expect(line.workloadSources[0]).toMatchObject({ procedureCode: '1.001193', dossiers: 2, minutesPerDossier: 25 });
    expect(line.result?.trace.map((s) => s.step)).toContain('required');
    const missing = await api('province_analyst', 'GET', `/api/v1/staffing/runs/${runId}/lines/${t.fixture.unitA}/HEALTH`);
    expect(missing.json().code).toBe('STAFFING_RUN_LINE_NOT_FOUND');
    expect((await api('unit_leader_b', 'GET', `/api/v1/staffing/runs/${runId}/lines/${t.fixture.unitA}/ONE_STOP`)).statusCode).toBe(404);
  });

  it('standards: list, new version with the version token, conflict 409, unknown procedure 404', async () => {
    const list = (await api('unit_leader_a', 'GET', '/api/v1/staffing/standards')).json();
    expect(list.items).toHaveLength(62);
    const birth = list.items.find((i: { procedureCode: string }) => i.procedureCode === '1.001193');
    expect(birth.standard).toMatchObject({ minutesPerDossier: 25, sourceKind: 'CADRE_PLACEHOLDER', version: 1 });
    const body = {
      minutesPerDossier: 18,
      sourceKind: 'TIME_STUDY',
      sourceNote: 'Bấm giờ tháng 2',
      effectiveFrom: '2026-03-01',
      version: 1,
    };
    const ok = await api('province_admin', 'PUT', '/api/v1/staffing/standards/1.001193', body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ minutesPerDossier: 18, version: 2 });
    expect((await api('province_admin', 'PUT', '/api/v1/staffing/standards/1.001193', body)).statusCode).toBe(409);
    expect((await api('province_admin', 'PUT', '/api/v1/staffing/standards/NO.SUCH', { ...body, version: 0 })).statusCode).toBe(404);
    expect((await api('province_admin', 'PUT', '/api/v1/staffing/standards/1.001193', { ...body, minutesPerDossier: 0 })).statusCode).toBe(
      400,
    );
    expect((await api('unit_leader_a', 'PUT', '/api/v1/staffing/standards/1.001193', { ...body, version: 2 })).statusCode).toBe(403);
    const after = (await api('province_admin', 'GET', '/api/v1/staffing/standards')).json();
    expect(after.items.find((i: { procedureCode: string }) => i.procedureCode === '1.001193').standard).toMatchObject({
      minutesPerDossier: 18,
      version: 2,
    });
  });

  it('the standards page lists every procedure and saves a version from a plain form', async () => {
    const page = await t.app.inject({ url: '/staffing/standards', headers: { cookie: user('province_admin').cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Định mức thời gian xử lý hồ sơ');
    expect(page.body).toContain('Giá trị tạm của Cadre');
    expect(page.body).toContain('action="/staffing/standards/DEMO.DD.01"');
    // Readers without staffing.run see no form.
    const reader = await t.app.inject({ url: '/staffing/standards', headers: { cookie: user('unit_leader_a').cookie } });
    expect(reader.body).not.toContain('action="/staffing/standards/');
    const fields = {
      minutesPerDossier: '200',
      sourceKind: 'EXPERT_ESTIMATE',
      sourceNote: 'Ý kiến cán bộ địa chính',
      effectiveFrom: '2026-03-02',
      version: '1',
    };
    const bad = await form('province_admin', '/staffing/standards/DEMO.DD.01', { ...fields, minutesPerDossier: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Chưa lưu: kiểm tra Phút/hồ sơ');
    const stale = await form('province_admin', '/staffing/standards/DEMO.DD.01', { ...fields, version: '7' });
    expect(stale.statusCode).toBe(409);
    const saved = await form('province_admin', '/staffing/standards/DEMO.DD.01', fields);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toContain('/staffing/standards?saved=DEMO.DD.01');
    const again = await t.app.inject({ url: '/staffing/standards?saved=DEMO.DD.01', headers: { cookie: user('province_admin').cookie } });
    expect(again.body).toContain('Đã lưu định mức của thủ tục DEMO.DD.01.');
    expect(again.body).toContain('Ý kiến cán bộ địa chính');
  });

  it('is documented in OpenAPI with the formulas in words', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const post = doc.paths['/api/v1/staffing/runs'].post;
    expect(post.description).toContain('annualised × 365 / N');
    expect(post.description).toContain('RECEIVING unit');
    expect(doc.paths['/api/v1/staffing/runs/{id}'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'field',
      'id',
      'status',
      'unitId',
    ]);
    expect(doc.paths['/api/v1/staffing/standards/{procedureCode}'].put.summary).toContain('service standard');
  });
});
