import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import type { ReportView } from '../reports.schemas.ts';
import { periodLabel, scopeLabel, statusLabel } from './report-labels.tsx';

/** Seconds between reloads when scripts are off. */
export const REPORT_REFRESH_SECONDS = 3;

/**
 * One report: its progress while it is built, its files once it is DONE. With scripts,
 * /static/report-progress.js polls the report's status and reloads the page when the stage
 * changes; without, the page reloads itself (the meta refresh sits in <noscript>, so it only
 * exists when scripts are off, and axe's timing rule is not tripped).
 */
export function ReportDetailPage({ ctx, report }: { ctx: ViewContext; report: ReportView }) {
  const { t } = ctx;
  const title = t('reports.detail.title', { period: periodLabel(t, report), scope: scopeLabel(t, report) });
  const job = report.job;
  const building = report.status === 'QUEUED' || report.status === 'RUNNING';
  const fraction = report.status === 'DONE' ? 1 : (job?.progress?.fraction ?? 0);
  const messageKey = job?.progress?.messageKey ?? 'jobs.progress.queued';
  return (
    <Layout ctx={ctx} title={title}>
      {building && (
        <noscript>
          <meta http-equiv="refresh" content={String(REPORT_REFRESH_SECONDS)} />
        </noscript>
      )}
      <h1>{title}</h1>
      <div id="report-progress" data-status-url={report.links.self} data-status={report.status} data-stage={messageKey}>
        <p>
          {t('reports.col.status')}: <strong id="report-status">{statusLabel(t, report.status)}</strong>{' '}
          {job && building && <span class="muted">{t('reports.detail.attempt', { attempt: job.attempts, max: job.maxAttempts })}</span>}
        </p>
        {building && (
          <>
            <label for="report-progress-bar">{t('reports.detail.progress')}</label>
            <progress id="report-progress-bar" max={100} value={Math.round(fraction * 100)}>
              {Math.round(fraction * 100)} %
            </progress>
            <p id="report-progress-message" aria-live="polite">
              {t(messageKey as MessageKey)}
            </p>
          </>
        )}
        {report.status === 'FAILED' && (
          <div class="alert error" role="alert">
            <p>{t('reports.detail.failed')}</p>
            <p class="muted">{report.error ?? ''}</p>
          </div>
        )}
      </div>
      {report.status === 'DONE' && (
        <section aria-labelledby="files-title">
          <h2 id="files-title">{t('reports.detail.ready')}</h2>
          <p>
            {t('reports.col.builtAt')}: {formatInstant(report.builtAt)}
          </p>
          <ul>
            <li>
              <a href={report.links.pdf} download>
                {t('reports.pdf')}
              </a>
            </li>
            <li>
              <a href={report.links.xlsx} download>
                {t('reports.xlsx')}
              </a>
            </li>
            <li>
              <a href={report.links.snapshot}>{t('reports.snapshot')}</a>
            </li>
          </ul>
          <p class="muted">{t('reports.detail.sha', { sha: report.snapshotSha256 ?? '' })}</p>
        </section>
      )}
      <p>
        <a href="/reports">{t('reports.back')}</a>
      </p>
      {building && <script src="/static/report-progress.js" defer />}
    </Layout>
  );
}
