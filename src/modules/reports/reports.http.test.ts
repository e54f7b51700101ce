import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { JobWorker } from '../../platform/jobs/job-worker.ts';
import { claimNextJob } from '../../platform/jobs/jobs.repository.ts';
import { BACKGROUND_PRIORITY } from '../../platform/jobs/jobs.ts';
import { renderReportPdf } from './document/report-pdf.ts';
import { renderReportXlsx } from './document/report-xlsx.ts';
import type { ReportSnapshot } from './report-snapshot.ts';
import type { ReportView } from './reports.schemas.ts';
import { REPORT_JOB_KIND, reportJobHandler, rerenderSnapshot } from './use-cases/build-report.ts';
import { enqueueScheduledReports } from './use-cases/report-schedule.ts';

/** pdfmake loads its fonts on first use; on a shared machine a build can take a while. */
const SLOW = 120_000;
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadre-report-http-'));
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

/**
 * Periodic reports over HTTP (issue 7 §3) on the shared fixture (NOW = 2026-03-02, so February 2026
 * is the last complete month and Q4 2025 the last complete quarter): bad input changes nothing,
 * on-demand generation through the job gives downloadable, reproducible files, a crash is retried
 * into exactly one report, the schedule enqueues once however often it runs, and a commune leader
 * never sees another unit's report.
 */
describe.each(testDialects())('periodic reports over HTTP on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const get = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const post = (name: string, payload: unknown, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: {
        authorization: user(name).bearer,
        'content-type': 'application/json',
        'accept-language': 'vi',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      payload: JSON.stringify(payload),
    });
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('reports')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const reportJobs = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('jobs')
          .where('kind', '=', REPORT_JOB_KIND)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('refuses bad input with a translated problem and stores nothing', async () => {
    const before = [await count(), await reportJobs()];
    const month13 = await post('province_analyst', { kind: 'MONTH', year: 2026, month: 13, unit: 'province' });
    expect(month13.statusCode).toBe(400);
    expect(month13.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const mixed = await post('province_analyst', { kind: 'QUARTER', year: 2026, month: 1, unit: 'province' });
    expect(mixed.statusCode).toBe(400);
    const unknown = await post('province_analyst', { kind: 'MONTH', year: 2026, month: 2, unit: '99999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'UNIT_NOT_FOUND', title: 'Không tìm thấy đơn vị hành chính.' });
    const future = await post('province_analyst', { kind: 'MONTH', year: 2026, month: 4, unit: 'province' });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ code: 'REPORT_PERIOD_FUTURE', title: 'Kỳ báo cáo chưa bắt đầu: chưa có số liệu.' });
    expect([await count(), await reportJobs()]).toEqual(before);
  });

  let built: ReportView;

  it(
    'generates on demand once per Idempotency-Key; the job stores a PDF and an XLSX that download',
    async () => {
      const first = await post('province_analyst', { kind: 'MONTH', year: 2026, month: 2, unit: '10001' }, 'report-key-1');
      expect(first.statusCode).toBe(202);
      const queued = first.json() as ReportView;
      expect(queued).toMatchObject({ status: 'QUEUED', trigger: 'ON_DEMAND', kind: 'MONTH', year: 2026, month: 2 });
      expect(queued.unit).toMatchObject({ code: '10001', name: 'Xã Hòa Bình' });
      expect(first.headers.location).toBe(`/api/v1/reports/${queued.id}`);
      const again = await post('province_analyst', { kind: 'MONTH', year: 2026, month: 2, unit: '10001' }, 'report-key-1');
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect((again.json() as ReportView).id).toBe(queued.id);
      // Not DONE yet: the files answer 409.
      expect((await get('province_analyst', `/api/v1/reports/${queued.id}/pdf`)).statusCode).toBe(409);

      const ran = await t.app.jobs.tick();
      expect(ran).toMatchObject({ kind: REPORT_JOB_KIND, status: 'DONE' });
      built = (await get('province_analyst', `/api/v1/reports/${queued.id}`)).json() as ReportView;
      expect(built.status).toBe('DONE');
      expect(built.job).toMatchObject({ status: 'DONE', attempts: 1 });
      expect(built.builtAt).not.toBeNull();

      const pdf = await get('province_analyst', `/api/v1/reports/${queued.id}/pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe('attachment; filename="bao-cao-10001-2026-02.pdf"');
      expect(pdf.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(sha256(pdf.rawPayload)).toBe(built.pdfSha256);
      expect(pdfText(pdf.rawPayload)).toContain('Hòa Bình');

      const xlsx = await get('province_analyst', `/api/v1/reports/${queued.id}/xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toMatch(/^attachment; filename="bao-cao-10001-2026-02\.xlsx"$/);
      expect(sha256(xlsx.rawPayload)).toBe(built.xlsxSha256);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.length).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'keeps the snapshot it was built from: its SHA-256 matches, and rendering it again gives the same files',
    async () => {
      const res = await get('province_analyst', `/api/v1/reports/${built.id}/snapshot`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-cadre-sha256']).toBe(built.snapshotSha256);
      expect(sha256(res.rawPayload)).toBe(built.snapshotSha256);
      const snapshot = JSON.parse(res.body) as { schemaVersion: number; scope: { unit: { code: string } } };
      expect(snapshot.schemaVersion).toBe(1);
      expect(snapshot.scope.unit.code).toBe('10001');
      expect(await rerenderSnapshot(res.body)).toEqual({ pdfSha256: built.pdfSha256, xlsxSha256: built.xlsxSha256 });
    },
    SLOW,
  );

  it('shows a commune leader their own unit’s reports only', async () => {
    expect((await get('unit_leader_a', `/api/v1/reports/${built.id}`)).statusCode).toBe(200);
    expect((await get('unit_leader_b', `/api/v1/reports/${built.id}`)).statusCode).toBe(404);
    expect((await get('unit_leader_b', `/api/v1/reports/${built.id}/pdf`)).statusCode).toBe(404);
    const listB = (await get('unit_leader_b', '/api/v1/reports')).json() as { items: ReportView[] };
    expect(listB.items.every((r) => r.unit?.code === '10002')).toBe(true);
    const listA = (await get('unit_leader_a', '/api/v1/reports?unit=province')).json() as { items: ReportView[] };
    expect(listA.items.length).toBeGreaterThan(0);
    expect(listA.items.every((r) => r.unit?.code === '10001')).toBe(true);
    const before = await count();
    expect((await post('unit_leader_a', { kind: 'MONTH', year: 2026, month: 2, unit: 'province' })).statusCode).toBe(404);
    expect((await post('unit_leader_a', { kind: 'MONTH', year: 2026, month: 2, unit: '10002' })).statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it(
    'retries a build that crashed into exactly one DONE report with its files',
    async () => {
      const res = await post('province_admin', { kind: 'QUARTER', year: 2025, quarter: 4, unit: 'province' });
      const report = res.json() as ReportView;
      // A worker whose PDF renderer throws on its first call: attempt 1 fails, attempt 2 builds it.
      let calls = 0;
      const worker = new JobWorker({ db: t.database.db, clock: t.clock, retryDelayMs: () => 0 });
      const crashOnce = async (s: ReportSnapshot) => {
        calls += 1;
        if (calls === 1) throw new Error('renderer crashed');
        return renderReportPdf(s);
      };
      worker.register(
        reportJobHandler({ db: t.database.db, readDb: t.database.readDb, clock: t.clock }, { pdf: crashOnce, xlsx: renderReportXlsx }),
      );
      const failed = await worker.tick();
      expect(failed).toMatchObject({ status: 'QUEUED', attempts: 1, error: 'renderer crashed' });
      expect(((await get('province_admin', `/api/v1/reports/${report.id}`)).json() as ReportView).status).toBe('RUNNING');
      const done = await worker.tick();
      expect(done).toMatchObject({ status: 'DONE', attempts: 2 });
      const rows = await t.database.db
        .selectFrom('reports')
        .select(['id', 'status', 'pdfSha256', 'xlsxSha256'])
        .where('kind', '=', 'QUARTER')
        .where('periodFrom', '=', '2025-10-01')
        .where('unitId', 'is', null)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: report.id, status: 'DONE' });
      expect(rows[0]?.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0]?.xlsxSha256).toMatch(/^[0-9a-f]{64}$/);
    },
    SLOW,
  );

  it(
    'takes over a build whose process died (lease lost) and finishes it once',
    async () => {
      const res = await post('province_admin', { kind: 'MONTH', year: 2026, month: 1, unit: '10002' });
      const report = res.json() as ReportView;
      // Another process claims the job and dies without a heartbeat.
      const start = t.clock.now().toISOString();
      const lease = new Date(t.clock.now().getTime() + 60_000).toISOString();
      const claimed = await claimNextJob(t.database.db, [REPORT_JOB_KIND], start, { until: lease, token: 'dead-process' });
      expect(claimed?.id).toBe(report.job?.id);
      expect(await t.app.jobs.tick()).toBeNull(); // leased: nobody else may take it yet
      t.clock.set(new Date(t.clock.now().getTime() + 10 * 60_000).toISOString());
      try {
        const done = await t.app.jobs.tick();
        expect(done).toMatchObject({ id: report.job?.id, status: 'DONE', attempts: 2 });
      } finally {
        t.clock.set(start);
      }
      const rows = await t.database.db
        .selectFrom('reports')
        .select(['status'])
        .where('kind', '=', 'MONTH')
        .where('periodFrom', '=', '2026-01-01')
        .where('unitId', '=', t.fixture.unitB)
        .execute();
      expect(rows).toEqual([{ status: 'DONE' }]);
    },
    SLOW,
  );

  const page = (name: string, url: string, lang?: string) =>
    t.app.inject({ url, headers: { cookie: `${user(name).cookie}${lang ? `; cadre_lang=${lang}` : ''}` } });
  const postForm = (name: string, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/reports',
      headers: { cookie: user(name).cookie, 'x-csrf-token': user(name).csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });

  it('renders the reports page under 50 KB in vi, en and id, with the files of a finished report', async () => {
    const vi = await page('province_analyst', '/reports');
    expect(vi.statusCode).toBe(200);
    expect(Buffer.byteLength(vi.body)).toBeLessThanOrEqual(50 * 1024);
    expect(vi.body).toContain('<h1>Báo cáo định kỳ</h1>');
    expect(vi.body).toContain(`href="/api/v1/reports/${built.id}/pdf"`);
    expect(vi.body).toContain('<option value="province" selected>Toàn tỉnh</option>');
    expect((await page('province_analyst', '/reports', 'en')).body).toContain('<h1>Periodic reports</h1>');
    expect((await page('province_analyst', '/reports', 'id')).body).toContain('<h1>Laporan berkala</h1>');
    const detail = await page('province_analyst', `/reports/${built.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain(built.snapshotSha256 ?? 'missing');
    // A commune leader may only name their own unit.
    const leader = await page('unit_leader_a', '/reports');
    expect(leader.body).not.toContain('value="province"');
    expect(leader.body).not.toContain('value="10002"');
  });

  it('keeps the form with a translated error on bad input and stores nothing; a good form opens the progress page', async () => {
    const before = await count();
    const bad = await postForm('province_analyst', { kind: 'MONTH', year: '2026', month: '13', quarter: '1', unit: 'province' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    const future = await postForm('province_analyst', { kind: 'QUARTER', year: '2026', month: '1', quarter: '3', unit: 'province' });
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('Kỳ báo cáo chưa bắt đầu: chưa có số liệu.');
    expect(await count()).toBe(before);
    const ok = await postForm('province_analyst', { kind: 'MONTH', year: '2026', month: '1', quarter: '1', unit: 'province' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^\/reports\/\d+$/);
    const progress = await page('province_analyst', String(ok.headers.location));
    expect(progress.body).toContain('<progress id="report-progress-bar"');
    expect(progress.body).toContain('/static/report-progress.js');
    expect(await count()).toBe(before + 1);
  });

  it('enqueues the scheduled reports of the last month and quarter once, however often the schedule runs', async () => {
    const scheduled = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('reports')
            .where('trigger', '=', 'SCHEDULED')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const deps = { db: t.database.db, clock: t.clock };
    // T1: the province, commune A and ward B; T2: the province and its commune; × February 2026 and Q4 2025.
    const [a, b] = await Promise.all([enqueueScheduledReports(deps, t.clock.now()), enqueueScheduledReports(deps, t.clock.now())]);
    expect(a + b).toBe(10);
    expect(await enqueueScheduledReports(deps, t.clock.now())).toBe(0);
    expect(await scheduled()).toBe(10);
    const rows = await t.database.db
      .selectFrom('reports')
      .select(['provinceCode', 'unitId', 'kind', 'periodFrom', 'status', 'jobId'])
      .where('trigger', '=', 'SCHEDULED')
      .where('provinceCode', '=', 'T1')
      .execute();
    expect(new Set(rows.map((r) => `${r.kind}:${r.periodFrom}`))).toEqual(new Set(['MONTH:2026-02-01', 'QUARTER:2025-10-01']));
    expect(rows.every((r) => r.status === 'QUEUED' && r.jobId !== null)).toBe(true);
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select(['idempotencyKey', 'priority'])
      .where('kind', '=', REPORT_JOB_KIND)
      .where('idempotencyKey', 'like', 'schedule:%')
      .execute();
    expect(jobs).toHaveLength(10);
    // Below what people ask for: an on-demand report or a plan is claimed before the batch.
    expect(new Set(jobs.map((j) => Number(j.priority)))).toEqual(new Set([BACKGROUND_PRIORITY]));
  });
});
