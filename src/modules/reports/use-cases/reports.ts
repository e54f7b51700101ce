import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJob, getJob, isDuplicateKey, jobForIdempotencyKey } from '../../../platform/jobs/job-queue.ts';
import type { JobRecord } from '../../../platform/jobs/jobs.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { periodNumber, periodOf, type ReportPeriod } from '../report-snapshot.ts';
import * as repo from '../reports.repository.ts';
import type { CreateReportBody, ReportJob, ReportList, ReportListQuery, ReportView } from '../reports.schemas.ts';
import { REPORT_JOB_KIND, type ReportDeps, type ReportJobPayload } from './build-report.ts';

export type ReportIdempotency = { key: string; hash: string };
export type Outcome<T> = { statusCode: number; body: T; replayed: boolean };

/** How many build attempts a report gets before it is FAILED (a crash counts one). */
export const REPORT_MAX_ATTEMPTS = 3;

export const linksOf = (id: number) => ({
  self: `/api/v1/reports/${id}`,
  pdf: `/api/v1/reports/${id}/pdf`,
  xlsx: `/api/v1/reports/${id}/xlsx`,
  snapshot: `/api/v1/reports/${id}/snapshot`,
  page: `/reports/${id}`,
});

function jobViewOf(j: JobRecord | undefined): ReportJob | null {
  if (!j) return null;
  return { id: j.id, status: j.status, attempts: j.attempts, maxAttempts: j.maxAttempts, progress: j.progress, error: j.error };
}

export function reportViewOf(r: repo.ReportRow, job?: JobRecord): ReportView {
  const { year, n } = periodNumber({ kind: r.kind, from: r.periodFrom, to: r.periodTo });
  return {
    id: r.id,
    kind: r.kind,
    year,
    month: r.kind === 'MONTH' ? n : null,
    quarter: r.kind === 'QUARTER' ? n : null,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    unit: r.unitId === null ? null : { id: r.unitId, code: r.unitCode ?? '', name: r.unitName ?? '' },
    trigger: r.trigger,
    status: r.status,
    createdAt: r.createdAt,
    builtAt: r.builtAt,
    snapshotSha256: r.snapshotSha256,
    pdfSha256: r.pdfSha256,
    xlsxSha256: r.xlsxSha256,
    error: r.error,
    job: jobViewOf(job),
    links: linksOf(r.id),
  };
}

/**
 * A report the actor may see: their province's, and for a unit role only their own unit's
 * (the province's report and other units' answer 404, audited as a refusal).
 */
export async function visibleReport(deps: ReportDeps, actor: Actor, id: number): Promise<repo.ReportRow> {
  const r = await repo.findReport(deps.db, id);
  if (!r) throw new AppError('REPORT_NOT_FOUND');
  if (r.provinceCode !== actor.provinceCode) throw AppError.denied('REPORT_NOT_FOUND');
  if (isUnitRole(actor.role) && r.unitId !== actor.unitId) throw AppError.denied('REPORT_NOT_FOUND');
  return r;
}

export async function getReport(deps: ReportDeps, actor: Actor, id: number): Promise<ReportView> {
  const r = await visibleReport(deps, actor, id);
  return reportViewOf(r, r.jobId === null ? undefined : await getJob(deps.db, r.jobId));
}

/** The unit filter of a list: unit roles always see their own unit only. */
async function unitFilter(deps: ReportDeps, actor: Actor, unit: string | undefined): Promise<number | null | undefined> {
  if (isUnitRole(actor.role)) return actor.unitId ?? -1;
  if (unit === undefined) return undefined;
  if (unit === 'province') return null;
  // An unknown code filters to nothing rather than failing the page.
  return (await repo.findCurrentUnit(deps.db, actor.provinceCode, unit))?.id ?? -1;
}

export async function listReports(deps: ReportDeps, actor: Actor, q: ReportListQuery): Promise<ReportList> {
  const filter: repo.ReportFilter = {
    provinceCode: actor.provinceCode,
    unitId: await unitFilter(deps, actor, q.unit),
    kind: q.kind,
    year: q.year,
  };
  const [rows, total] = await Promise.all([
    repo.listReports(deps.db, filter, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }),
    repo.countReports(deps.db, filter),
  ]);
  const jobs = await Promise.all(rows.map((r) => (r.jobId === null || r.status === 'DONE' ? undefined : getJob(deps.db, r.jobId))));
  return { items: rows.map((r, i) => reportViewOf(r, jobs[i])), total, page: q.page, pageSize: q.pageSize };
}

/**
 * The scope a request names, checked against the actor: 'province' for province roles only, a
 * unit code of a current unit of the actor's province, and for a unit leader their own unit.
 * Anything else answers 404 (an unknown code and another province's unit look the same).
 */
async function scopeOf(deps: ReportDeps, actor: Actor, unit: string): Promise<{ unitId: number | null }> {
  if (unit === 'province') {
    if (isUnitRole(actor.role)) throw AppError.denied('UNIT_NOT_FOUND');
    return { unitId: null };
  }
  const found = await repo.findCurrentUnit(deps.db, actor.provinceCode, unit);
  if (!found) throw new AppError('UNIT_NOT_FOUND');
  if (isUnitRole(actor.role) && found.id !== actor.unitId) throw AppError.denied('UNIT_NOT_FOUND');
  return { unitId: found.id };
}

/** The period of a request; a period that has not started yet has no figures (422). */
export function requestedPeriod(body: CreateReportBody, today: string): ReportPeriod {
  const period = periodOf(body.kind, body.year, (body.kind === 'MONTH' ? body.month : body.quarter) ?? 0);
  if (period.from > today) throw new AppError('REPORT_PERIOD_FUTURE');
  return period;
}

async function outcomeOfJob(deps: ReportDeps, job: JobRecord): Promise<ReportView> {
  const r = await repo.findReportByJob(deps.db, job.id);
  if (!r) throw new AppError('REPORT_NOT_FOUND');
  return reportViewOf(r, job);
}

/**
 * POST /api/v1/reports: stores the report (QUEUED, ON_DEMAND) and its build job in one audited
 * transaction; the worker does the rest. With an Idempotency-Key, a retry of the same request
 * within 24 hours gets the same report back; another request with the key is 422.
 */
export async function requestReport(
  deps: ReportDeps,
  actor: Actor,
  body: CreateReportBody,
  meta: AuditMeta,
  idem?: ReportIdempotency,
): Promise<Outcome<ReportView>> {
  const now = deps.clock.now();
  const key = idem ? { key: `u${actor.userId}:${idem.key}`, hash: idem.hash } : undefined;
  const replay = async () => {
    const prior = key ? await jobForIdempotencyKey(deps.db, REPORT_JOB_KIND, key, now) : undefined;
    return prior ? { statusCode: 202, body: await outcomeOfJob(deps, prior), replayed: true } : undefined;
  };
  const before = await replay();
  if (before) return before;
  const period = requestedPeriod(body, domainToday(now));
  const { unitId } = await scopeOf(deps, actor, body.unit);
  const createdBy = actor.userId > 0 ? actor.userId : null;
  try {
    const job = await audited(deps.db, meta, 'report.request', 'report', async (trx) => {
      const reportId = await repo.insertReport(trx, {
        provinceCode: actor.provinceCode,
        unitId,
        kind: period.kind,
        periodFrom: period.from,
        periodTo: period.to,
        trigger: 'ON_DEMAND',
        scheduleKey: null,
        requestedBy: createdBy,
        createdAt: now.toISOString(),
      });
      if (reportId === undefined) throw new Error('an on-demand report has no schedule key to collide on');
      const payload: ReportJobPayload = { reportId };
      const job = await enqueueJob(
        trx,
        {
          kind: REPORT_JOB_KIND,
          provinceCode: actor.provinceCode,
          payload,
          createdBy,
          maxAttempts: REPORT_MAX_ATTEMPTS,
          idempotencyKey: key?.key ?? null,
          requestHash: key?.hash ?? null,
        },
        now,
      );
      await repo.setReportJob(trx, reportId, job.id);
      return { result: job, entityId: reportId, after: { unitId, period, jobId: job.id } };
    });
    return { statusCode: 202, body: await outcomeOfJob(deps, job), replayed: false };
  } catch (e) {
    // Two requests with one key raced: the loser's transaction rolled back; answer with the winner's.
    if (key && isDuplicateKey(e)) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw e;
  }
}

/** A finished report's file; 409 while it is not DONE. */
export async function reportFile(
  deps: ReportDeps,
  actor: Actor,
  id: number,
  format: 'pdf' | 'xlsx',
): Promise<{ report: repo.ReportRow; bytes: Buffer }> {
  const report = await visibleReport(deps, actor, id);
  if (report.status !== 'DONE') throw new AppError('REPORT_NOT_READY');
  const bytes = await repo.findReportFile(deps.db, id, format);
  if (!bytes) throw new AppError('REPORT_NOT_READY');
  return { report, bytes };
}

/** The snapshot JSON exactly as stored (its SHA-256 is the stored digest); 409 while not DONE. */
export async function reportSnapshot(deps: ReportDeps, actor: Actor, id: number): Promise<{ snapshot: string; sha256: string }> {
  const report = await visibleReport(deps, actor, id);
  if (report.status !== 'DONE') throw new AppError('REPORT_NOT_READY');
  const stored = await repo.findReportSnapshot(deps.db, id);
  if (!stored) throw new AppError('REPORT_NOT_READY');
  return stored;
}

/** A download's file name: bao-cao-<scope>-<period>.<ext>, ASCII only. */
export function fileNameOf(r: repo.ReportRow, ext: 'pdf' | 'xlsx'): string {
  const { year, n } = periodNumber({ kind: r.kind, from: r.periodFrom, to: r.periodTo });
  const period = r.kind === 'MONTH' ? `${year}-${String(n).padStart(2, '0')}` : `${year}-Q${n}`;
  const scope = r.unitCode ?? 'tinh';
  return `bao-cao-${scope.replace(/[^A-Za-z0-9.]/g, '')}-${period}.${ext}`;
}
