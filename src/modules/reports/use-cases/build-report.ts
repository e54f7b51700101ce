import { createHash } from 'node:crypto';
import type { Db } from '../../../platform/db/database.ts';
import type { JobContext, JobHandler } from '../../../platform/jobs/jobs.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { renderReportPdf } from '../document/report-pdf.ts';
import { renderReportXlsx } from '../document/report-xlsx.ts';
import { buildReportSnapshot, type ReportSnapshot } from '../report-snapshot.ts';
import * as repo from '../reports.repository.ts';

export const REPORT_JOB_KIND = 'report.build';
/** Gathering a province's figures and rendering two documents: a generous lease, renewed every third. */
const REPORT_LEASE_MS = 120_000;

export type ReportDeps = { db: Db; clock: Clock };
/**
 * The job also reads the figures from the analytics connection (the overview page's own: SQLite's
 * read threads or the PostgreSQL replica): on SQLite's main connection every query of a
 * province's overview ran synchronously in one stretch of the event loop, long enough on a busy
 * machine for the load-shedding guard to answer other users 503 (browser tests of 6ee1592).
 */
export type ReportJobDeps = ReportDeps & { readDb: Db };
export type ReportJobPayload = { reportId: number };
/** The document renderers (replaceable in tests, e.g. to crash one attempt). */
export type ReportRenderers = {
  pdf: (s: ReportSnapshot) => Promise<Buffer>;
  xlsx: (s: ReportSnapshot) => Promise<Buffer>;
};
const DEFAULT_RENDERERS: ReportRenderers = { pdf: renderReportPdf, xlsx: renderReportXlsx };

export const sha256Hex = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Builds one report: the snapshot from the overview's figures (progress from its onProgress),
 * then the PDF (in the PDF worker-thread pool, so requests are not held up) and the XLSX, then
 * ONE commit that stores snapshot, files, hashes and DONE with the job's own DONE mark. A crash
 * before that commit leaves nothing half written: the lease runs out and another attempt
 * starts again from the data (it never doubles the report: it is the same row).
 */
/** Lets waiting requests run between the build's stages (each stage is long and mostly synchronous). */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

async function build(deps: ReportJobDeps, ctx: JobContext, render: ReportRenderers): Promise<void> {
  const { reportId } = ctx.job.payload as ReportJobPayload;
  const report = await repo.findReport(deps.db, reportId);
  if (!report || report.status === 'DONE') return; // gone, or built already: nothing to do
  await repo.markReportRunning(deps.db, reportId);
  await ctx.heartbeat({ fraction: 0.02, messageKey: 'reports.progress.gathering' });
  const snapshot = await buildReportSnapshot(
    { db: deps.readDb, clock: deps.clock },
    { provinceCode: report.provinceCode, unitId: report.unitId },
    { kind: report.kind, from: report.periodFrom, to: report.periodTo },
    (fraction) => ctx.heartbeat({ fraction: 0.02 + 0.6 * fraction, messageKey: 'reports.progress.gathering' }),
  );
  const json = JSON.stringify(snapshot);
  await yieldToRequests();
  await ctx.heartbeat({ fraction: 0.65, messageKey: 'reports.progress.pdf' });
  const pdf = await render.pdf(snapshot);
  await ctx.heartbeat({ fraction: 0.85, messageKey: 'reports.progress.xlsx' });
  await yieldToRequests();
  const xlsx = await render.xlsx(snapshot);
  await yieldToRequests();
  await ctx.heartbeat({ fraction: 0.97, messageKey: 'reports.progress.storing' });
  const result: repo.ReportResult = {
    builtAt: snapshot.builtAt,
    snapshot: json,
    snapshotSha256: sha256Hex(json),
    pdf,
    xlsx,
    pdfSha256: sha256Hex(pdf),
    xlsxSha256: sha256Hex(xlsx),
  };
  await ctx.complete(async (trx) => {
    await repo.storeReportResult(trx, reportId, result);
    return { reportId, snapshotSha256: result.snapshotSha256 };
  });
}

/** The job handler of `report.build`. */
export function reportJobHandler(deps: ReportJobDeps, render: ReportRenderers = DEFAULT_RENDERERS): JobHandler {
  return {
    kind: REPORT_JOB_KIND,
    leaseMs: REPORT_LEASE_MS,
    run: (ctx) => build(deps, ctx, render),
    onFailed: async (trx, job, error) => {
      const { reportId } = job.payload as ReportJobPayload;
      await repo.markReportFailed(trx, reportId, error);
    },
  };
}

/** Renders a stored snapshot again (reproducibility check): the same bytes as the stored files. */
export async function rerenderSnapshot(json: string, render: ReportRenderers = DEFAULT_RENDERERS) {
  const snapshot = JSON.parse(json) as ReportSnapshot;
  const [pdf, xlsx] = [await render.pdf(snapshot), await render.xlsx(snapshot)];
  return { pdfSha256: sha256Hex(pdf), xlsxSha256: sha256Hex(xlsx) };
}
