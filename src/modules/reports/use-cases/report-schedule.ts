import { enqueueJob } from '../../../platform/jobs/job-queue.ts';
import { BACKGROUND_PRIORITY } from '../../../platform/jobs/jobs.ts';
import { getRuleInForce } from '../../../platform/rules/rules.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { lastCompletePeriod, type ReportPeriod } from '../report-snapshot.ts';
import * as repo from '../reports.repository.ts';
import { REPORT_JOB_KIND, type ReportDeps, type ReportJobPayload } from './build-report.ts';
import { REPORT_MAX_ATTEMPTS } from './reports.ts';

/** How often a process looks for a period that ended (the first look is at start). */
export const REPORT_SCHEDULE_EVERY_MS = 15 * 60_000;
export const REPORT_SCHEDULE_NAME = 'reports.schedule';

/** The unique key of a scheduled report: one per province × scope × kind × period, whichever process makes it. */
export function scheduleKeyOf(provinceCode: string, unitId: number | null, period: ReportPeriod): string {
  return `${provinceCode}:${unitId ?? 'P'}:${period.kind}:${period.from}`;
}

/** What the schedule wants on `today` for one province (pure): the periods and the scopes. */
export function wantedReports(
  rule: { enabled: boolean; monthly: boolean; quarterly: boolean; includeUnits: boolean },
  today: string,
  unitIds: readonly number[],
): { unitId: number | null; period: ReportPeriod }[] {
  if (!rule.enabled) return [];
  const periods: ReportPeriod[] = [];
  if (rule.monthly) periods.push(lastCompletePeriod('MONTH', today));
  if (rule.quarterly) periods.push(lastCompletePeriod('QUARTER', today));
  const scopes: (number | null)[] = [null, ...(rule.includeUnits ? unitIds : [])];
  return periods.flatMap((period) => scopes.map((unitId) => ({ unitId, period })));
}

/**
 * One run of the reports schedule: for each province with current units, the reports its rule
 * `reports.schedule` wants for the last complete month and quarter, enqueued only when missing.
 * The report's unique schedule key (and the job's idempotency key) make a second run, here or
 * in another process, add nothing. Returns how many reports it created.
 */
export async function enqueueScheduledReports(deps: ReportDeps, now: Date): Promise<number> {
  const today = domainToday(now);
  const byProvince = new Map<string, number[]>();
  for (const u of await repo.listCurrentUnits(deps.db)) {
    const ids = byProvince.get(u.provinceCode);
    if (ids) ids.push(u.id);
    else byProvince.set(u.provinceCode, [u.id]);
  }
  let created = 0;
  for (const [provinceCode, unitIds] of byProvince) {
    const rule = (await getRuleInForce(deps.db, 'reports.schedule', provinceCode, today)).value;
    const wanted = wantedReports(rule, today, unitIds).map((w) => ({ ...w, key: scheduleKeyOf(provinceCode, w.unitId, w.period) }));
    if (wanted.length === 0) continue;
    // One query for what exists already, so a quiet run costs no transaction per unit.
    const existing = await repo.existingScheduleKeys(
      deps.db,
      wanted.map((w) => w.key),
    );
    for (const w of wanted) {
      if (existing.has(w.key)) continue;
      const at = now.toISOString();
      const made = await deps.db.transaction().execute(async (trx) => {
        const reportId = await repo.insertReport(trx, {
          provinceCode,
          unitId: w.unitId,
          kind: w.period.kind,
          periodFrom: w.period.from,
          periodTo: w.period.to,
          trigger: 'SCHEDULED',
          scheduleKey: w.key,
          requestedBy: null,
          createdAt: at,
        });
        if (reportId === undefined) return false; // another process made it meanwhile
        const payload: ReportJobPayload = { reportId };
        const job = await enqueueJob(
          trx,
          {
            kind: REPORT_JOB_KIND,
            provinceCode,
            payload,
            createdBy: null,
            maxAttempts: REPORT_MAX_ATTEMPTS,
            idempotencyKey: `schedule:${w.key}`,
            // Nobody waits for a scheduled report: a plan or an on-demand report goes first.
            priority: BACKGROUND_PRIORITY,
          },
          now,
        );
        await repo.setReportJob(trx, reportId, job.id);
        return true;
      });
      if (made) created += 1;
    }
  }
  return created;
}
