import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { RosterLimits } from '../limits.ts';
import type { ImportReport } from '../roster.schemas.ts';
import { megabytes } from '../use-cases/import-roster.ts';

export const REPORT_ID = 'import-report';

/** The report of a check or an import: summary, then every problem by row and column. */
export function ImportReportView({ ctx, report }: { ctx: ViewContext; report: ImportReport | null }) {
  const { t } = ctx;
  if (!report) return <div id={REPORT_ID} aria-live="polite" />;
  const failed = report.errors > 0;
  return (
    <div id={REPORT_ID} aria-live="polite">
      <h2>{t('roster.report.title', { file: report.fileName || '—' })}</h2>
      <div class={failed ? 'alert error' : 'alert success'} role={failed ? 'alert' : 'status'}>
        <p>
          {t('roster.report.summary', { rows: report.rows, valid: report.validRows, errors: report.errors, warnings: report.warnings })}
        </p>
        <p>
          {report.committed
            ? t('roster.report.committed', { n: report.imported })
            : failed
              ? t('roster.report.notCommitted')
              : `${t('roster.report.clean')} ${t('roster.import.reselect')}`}
        </p>
        {report.normalisedCells > 0 && <p>{t('roster.report.nfc', { n: report.normalisedCells })}</p>}
      </div>
      {report.problems.length > 0 && (
        <table>
          <caption>{t('roster.report.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('roster.report.row')}</th>
              <th scope="col">{t('roster.report.column')}</th>
              <th scope="col">{t('roster.report.cell')}</th>
              <th scope="col">{t('roster.report.value')}</th>
              <th scope="col">{t('roster.report.severity')}</th>
              <th scope="col">{t('roster.report.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p) => (
              <tr>
                <th scope="row">{p.row === 0 ? t('roster.report.file') : p.row}</th>
                <td>{p.columnLabel ?? p.column ?? ''}</td>
                <td>{p.cell ?? ''}</td>
                <td>{p.value === null ? '' : <code>{p.value}</code>}</td>
                <td>{p.severity === 'error' ? t('roster.report.error') : t('roster.report.warning')}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A plain multipart form (works without JavaScript); htmx posts it in place and swaps the report. */
export function ImportPage({ ctx, limits, report }: { ctx: ViewContext; limits: RosterLimits; report: ImportReport | null }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('roster.import.title')}>
      <p>
        <a href="/staff">{t('staff.backToList')}</a>
      </p>
      <h1>{t('roster.import.title')}</h1>
      <p>{t('roster.import.intro')}</p>
      <p>
        <a href="/api/v1/staff/import/template.xlsx" download>
          {t('roster.import.template')}
        </a>
      </p>
      <form
        method="post"
        action="/staff/import"
        enctype="multipart/form-data"
        hx-post="/staff/import"
        hx-encoding="multipart/form-data"
        hx-target={`#${REPORT_ID}`}
        hx-swap="outerHTML"
      >
        <CsrfField ctx={ctx} />
        <p>
          <label for="roster-file">{t('roster.import.file', { max: megabytes(limits.maxFileBytes), rows: limits.maxRows })}</label>
          <input
            id="roster-file"
            type="file"
            name="file"
            required
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
        </p>
        <p>
          <button type="submit" name="mode" value="dryRun">
            {t('roster.import.dryRun')}
          </button>{' '}
          <button type="submit" name="mode" value="commit">
            {t('roster.import.commit')}
          </button>
        </p>
      </form>
      <ImportReportView ctx={ctx} report={report} />
    </Layout>
  );
}
