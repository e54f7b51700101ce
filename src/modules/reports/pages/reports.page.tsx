import type { AppError } from '../../../platform/errors/app-error.ts';
import { ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import type { ReportFormValues } from '../report-form.ts';
import { REPORT_KINDS, type ReportList, type ReportListQuery, type ReportView } from '../reports.schemas.ts';
import { periodLabel, scopeLabel, statusLabel } from './report-labels.tsx';

export type ReportsPageView = {
  list: ReportList;
  query: ReportListQuery;
  /** Scopes the actor may name: 'province' (province roles) and units. */
  scopes: { value: string; label: string }[];
  canGenerate: boolean;
  form: ReportFormValues;
  error: AppError | null;
};

const YEARS_BACK = 5;
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const QUARTERS = [1, 2, 3, 4];

function Select({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

function ErrorSummary({ ctx, error }: { ctx: ViewContext; error: AppError | null }) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id="form-errors" tabindex={-1}>
      <p>
        <strong>{ctx.t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</strong>
      </p>
      {error.fieldProblems.length > 0 && (
        <ul>
          {error.fieldProblems.map((p) => (
            <li>
              {p.path}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function GenerateForm({ ctx, view, years }: { ctx: ViewContext; view: ReportsPageView; years: string[] }) {
  const { t } = ctx;
  const f = view.form;
  return (
    <section aria-labelledby="generate-title">
      <h2 id="generate-title">{t('reports.form.title')}</h2>
      <ErrorSummary ctx={ctx} error={view.error} />
      <form method="post" action="/reports" class="stacked">
        <CsrfField ctx={ctx} />
        <Select id="g-unit" name="unit" label={t('reports.field.unit')} value={f.unit} options={view.scopes} />
        <Select
          id="g-kind"
          name="kind"
          label={t('reports.field.kind')}
          value={f.kind}
          options={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
        />
        <Select
          id="g-year"
          name="year"
          label={t('reports.field.year')}
          value={f.year}
          options={years.map((y) => ({ value: y, label: y }))}
        />
        <p class="muted" id="g-hint">
          {t('reports.form.hint')}
        </p>
        <Select
          id="g-month"
          name="month"
          label={t('reports.field.month')}
          value={f.month}
          options={MONTHS.map((m) => ({ value: String(m), label: String(m) }))}
        />
        <Select
          id="g-quarter"
          name="quarter"
          label={t('reports.field.quarter')}
          value={f.quarter}
          options={QUARTERS.map((q) => ({ value: String(q), label: String(q) }))}
        />
        <button type="submit">{t('reports.form.submit')}</button>
      </form>
    </section>
  );
}

function Filters({ ctx, view, years }: { ctx: ViewContext; view: ReportsPageView; years: string[] }) {
  const { t } = ctx;
  const q = view.query;
  const all = { value: '', label: t('reports.filter.all') };
  return (
    <form method="get" action="/reports" class="filters" aria-label={t('reports.filter.title')}>
      {view.scopes.length > 1 && (
        <Select id="f-unit" name="unit" label={t('reports.field.unit')} value={q.unit ?? ''} options={[all, ...view.scopes]} />
      )}
      <Select
        id="f-kind"
        name="kind"
        label={t('reports.field.kind')}
        value={q.kind ?? ''}
        options={[all, ...REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))]}
      />
      <Select
        id="f-year"
        name="year"
        label={t('reports.field.year')}
        value={q.year === undefined ? '' : String(q.year)}
        options={[all, ...years.map((y) => ({ value: y, label: y }))]}
      />
      <button type="submit">{t('reports.filter.submit')}</button>
    </form>
  );
}

function Files({ ctx, r }: { ctx: ViewContext; r: ReportView }) {
  const { t } = ctx;
  const names = { period: periodLabel(t, r), scope: scopeLabel(t, r) };
  if (r.status !== 'DONE') {
    return (
      <a href={r.links.page} aria-label={t('reports.openOf', names)}>
        {t('reports.open')}
      </a>
    );
  }
  return (
    <>
      <a href={r.links.pdf} download aria-label={t('reports.pdfOf', names)}>
        PDF
      </a>{' '}
      <a href={r.links.xlsx} download aria-label={t('reports.xlsxOf', names)}>
        XLSX
      </a>{' '}
      <a href={r.links.page} aria-label={t('reports.openOf', names)}>
        {t('reports.open')}
      </a>
    </>
  );
}

function ReportTable({ ctx, view }: { ctx: ViewContext; view: ReportsPageView }) {
  const { t } = ctx;
  const { list, query } = view;
  if (list.items.length === 0) return <p id="report-list">{t('reports.empty')}</p>;
  return (
    <div id="report-list">
      <table class="data reports-table">
        <caption class="visually-hidden">{t('reports.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.col.period')}</th>
            <th scope="col">{t('reports.col.scope')}</th>
            <th scope="col">{t('reports.col.trigger')}</th>
            <th scope="col">{t('reports.col.status')}</th>
            <th scope="col">{t('reports.col.builtAt')}</th>
            <th scope="col">{t('reports.col.files')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((r) => (
            <tr data-report-id={r.id}>
              <th scope="row">{periodLabel(t, r)}</th>
              <td>{scopeLabel(t, r)}</td>
              <td>{t(`reports.trigger.${r.trigger}`)}</td>
              <td>{statusLabel(t, r.status)}</td>
              <td>{r.builtAt ? formatInstant(r.builtAt) : '–'}</td>
              <td>
                <Files ctx={ctx} r={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        ctx={ctx}
        base="/reports"
        params={{ kind: query.kind, unit: query.unit, year: query.year, pageSize: query.pageSize === 20 ? undefined : query.pageSize }}
        page={list.page}
        pageSize={list.pageSize}
        total={list.total}
        target="#report-list"
      />
    </div>
  );
}

/** /reports: the reports the actor may see, filters, and the on-demand form. */
export function ReportsPage({ ctx, view, thisYear }: { ctx: ViewContext; view: ReportsPageView; thisYear: number }) {
  const { t } = ctx;
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => String(thisYear - i));
  return (
    <Layout ctx={ctx} title={t('reports.title')}>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      {view.canGenerate && <GenerateForm ctx={ctx} view={view} years={years} />}
      <section aria-labelledby="list-title">
        <h2 id="list-title">{t('reports.filter.title')}</h2>
        <Filters ctx={ctx} view={view} years={years} />
        <ReportTable ctx={ctx} view={view} />
      </section>
    </Layout>
  );
}
