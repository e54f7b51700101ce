import { roleHas } from '../../../../platform/auth/roles.ts';
import { type AppError, ERROR_TABLE } from '../../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import { TrustedHtml } from '../../../../platform/html/raw.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { MessageKey, Translate } from '../../../../platform/i18n/index.ts';
import { formatDate, formatInstant, formatNumber } from '../../../../platform/time/format.ts';
import { fieldLabel } from '../../../units/units.labels.ts';
import type { NormLine } from '../../norm.schemas.ts';
import { type RunLine, type RunNote, type RunSummary, type StaffingRun, WISN_STATUSES, type WisnStatus } from '../run.schemas.ts';
import { horizontalBarSvg } from './run-charts.ts';
import {
  buildMatrix,
  fieldsOf,
  type LineFilter,
  rankExpertise,
  rankPressure,
  STATUS_CLASS,
  STATUS_ICON,
  shortageWithGaps,
  unitsOf,
} from './run-view.ts';

/** Display rounding only (domain.md §10.2): 2 decimals for staff, 1 for ratios. */
export const staffText = (n: number, locale: string) => formatNumber(n, locale, 2);
export const ratioText = (n: number | null, locale: string) => (n === null ? '–' : formatNumber(n, locale, 1));
/** A difference with its sign, so a surplus reads "+0,5" and a shortage "-1,25". */
export const signedText = (n: number, locale: string, digits = 2) => `${n > 0 ? '+' : ''}${formatNumber(n, locale, digits)}`;

export const statusLabel = (t: Translate, s: WisnStatus) => t(`staffingReport.status.${s}` as MessageKey);

/** Lines listed in the "short of staff and of expertise" section; the XLSX holds them all. */
const BOTH_LIST_MAX = 20;

export type RunReportView = {
  run: StaffingRun;
  /** The run's lines after the filter (the matrix rows and cells). */
  lines: RunLine[];
  /** Every line the actor may see, unfiltered: the filter's options and the columns. */
  all: RunLine[];
  filter: LineFilter;
  /** Staffing norm of 09/CV-BCĐ and headcount per unit (listNorms), by unit id. */
  norms: Map<number, NormLine>;
  /** Where the report is shown: /staffing (latest run) or /staffing/runs/:id. */
  base: 'home' | 'run';
};

/** A drill-down link, relative to the page so the 560 cells of a demo province stay light. */
/** Absolute, so the same link works from the run page, the province page and the expertise page. */
function lineHref(view: RunReportView, unitId: number, field: string) {
  return `/staffing/runs/${view.run.id}/units/${unitId}/fields/${encodeURIComponent(field)}`;
}

export const runHref = (id: number) => `/staffing/runs/${id}`;

function exportQuery(filter: LineFilter): string {
  const q = new URLSearchParams();
  if (filter.unitId !== undefined) q.set('unitId', String(filter.unitId));
  if (filter.field !== undefined) q.set('field', filter.field);
  if (filter.status !== undefined) q.set('status', filter.status);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function Legend({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="legend-title">
      <h2 id="legend-title">{t('staffingReport.legend.title')}</h2>
      <ul class="ws-legend">
        {WISN_STATUSES.map((s) => (
          <li>
            <span class={`ws ${STATUS_CLASS[s]}`}>
              <span aria-hidden="true">{STATUS_ICON[s]}</span> {statusLabel(t, s)}
            </span>{' '}
            {t(`staffingReport.legend.${s}` as MessageKey)}
          </li>
        ))}
      </ul>
      <p class="muted">{t('staffingReport.legend.cell')}</p>
    </section>
  );
}

/**
 * The unit / field / status filter over a run's lines, a plain GET form (works without
 * JavaScript); the field × unit table and the per-position table both use it.
 */
export function RunLineFilters({
  ctx,
  action,
  lines,
  filter: f,
  idPrefix,
}: {
  ctx: ViewContext;
  action: string;
  /** Every line the actor may see: the options. */
  lines: readonly RunLine[];
  filter: LineFilter;
  idPrefix: string;
}) {
  const { t } = ctx;
  const fields = fieldsOf(lines)
    .map((code) => ({ code, label: fieldLabel(t, code) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return (
    <search>
      <form method="get" action={action} class="filters" aria-label={t('staffingReport.filter.title')}>
        <label for={`${idPrefix}-unit`}>
          {t('staffingReport.col.unit')}
          <select id={`${idPrefix}-unit`} name="unitId">
            <option value="">{t('staffingReport.filter.allUnits')}</option>
            {unitsOf(lines).map((u) => (
              <option value={String(u.unitId)} selected={u.unitId === f.unitId}>
                {u.unitName}
              </option>
            ))}
          </select>
        </label>
        <label for={`${idPrefix}-field`}>
          {t('staffingReport.col.field')}
          <select id={`${idPrefix}-field`} name="field">
            <option value="">{t('staffingReport.filter.allFields')}</option>
            {fields.map((x) => (
              <option value={x.code} selected={x.code === f.field}>
                {x.label}
              </option>
            ))}
          </select>
        </label>
        <label for={`${idPrefix}-status`}>
          {t('staffingReport.col.status')}
          <select id={`${idPrefix}-status`} name="status">
            <option value="">{t('staffingReport.filter.allStatuses')}</option>
            {WISN_STATUSES.map((s) => (
              <option value={s} selected={s === f.status}>
                {STATUS_ICON[s]} {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('common.filter')}</button>
      </form>
    </search>
  );
}

/**
 * Above this many units the cells carry no link of their own: 40 units × 14 fields of links
 * would push the page past its 50 KB budget for slow networks. The unit's name then links to
 * the unit's row alone, whose cells link to the drill-down (two clicks instead of one).
 */
export const MAX_LINKED_ROWS = 10;

/** One cell: icon, ratio and difference (rounded for display), linking to the drill-down when `linked`. */
function Cell({ ctx, view, line, linked }: { ctx: ViewContext; view: RunReportView; line: RunLine | null; linked: boolean }) {
  if (!line) return <td />;
  const r = line.result;
  const text = `${STATUS_ICON[line.status]} ${r ? ratioText(r.ratio?.value ?? null, ctx.locale) : '–'}${r ? ` ${signedText(r.difference.value, ctx.locale)}` : ''}`;
  return <td class={STATUS_CLASS[line.status]}>{linked ? <a href={lineHref(view, line.unitId, line.field)}>{text}</a> : text}</td>;
}

function MatrixTable({ ctx, view }: { ctx: ViewContext; view: RunReportView }) {
  const { t, locale } = ctx;
  const allFields = fieldsOf(view.all)
    .map((code) => ({ code, label: fieldLabel(t, code) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  const shownFields = view.filter.field === undefined ? allFields : allFields.filter((f) => f.code === view.filter.field);
  const m = buildMatrix(
    view.lines,
    shownFields.map((f) => f.code),
  );
  if (m.rows.length === 0) {
    const filtered = view.filter.unitId !== undefined || view.filter.field !== undefined || view.filter.status !== undefined;
    return <p class="alert">{t(filtered ? 'staffingReport.matrix.empty' : 'staffingReport.matrix.noLines')}</p>;
  }
  const linked = m.rows.length <= MAX_LINKED_ROWS;
  return (
    <div class="table-scroll">
      {linked ? null : <p class="muted">{t('staffingReport.matrix.openUnit')}</p>}
      <table class="ws-matrix">
        <caption>{t('staffingReport.matrix.caption', { id: view.run.id, year: view.run.year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffingReport.col.unit')}</th>
            {shownFields.map((f) => (
              <th scope="col">{f.label}</th>
            ))}
            <th scope="col">{t('staffingReport.col.required')}</th>
            <th scope="col">{t('staffingReport.col.actual')}</th>
            <th scope="col">{t('staffingReport.col.difference')}</th>
            <th scope="col">{t('staffingReport.col.norm')}</th>
            <th scope="col">{t('staffingReport.col.headcount')}</th>
          </tr>
        </thead>
        <tbody>
          {m.rows.map((row) => {
            const norm = view.norms.get(row.unitId);
            return (
              <tr>
                <th scope="row">{linked ? row.unitName : <a href={`${runHref(view.run.id)}?unitId=${row.unitId}`}>{row.unitName}</a>}</th>
                {row.cells.map((c) => (
                  <Cell ctx={ctx} view={view} line={c} linked={linked} />
                ))}
                <td class="num">{staffText(row.sums.required, locale)}</td>
                <td class="num">{staffText(row.sums.actual, locale)}</td>
                <td class="num">{signedText(row.sums.difference, locale)}</td>
                <td class="num">{norm?.norm ?? '–'}</td>
                <td class="num">{norm ? norm.headcount : '–'}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('staffingReport.matrix.total')}</th>
            {m.fieldSums.map((s) => (
              <td class="num">
                {staffText(s.required, locale)}
                <br />
                {staffText(s.actual, locale)}
              </td>
            ))}
            <td class="num">{staffText(m.sums.required, locale)}</td>
            <td class="num">{staffText(m.sums.actual, locale)}</td>
            <td class="num">{signedText(m.sums.difference, locale)}</td>
            <td colspan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function PressureSection({ ctx, view }: { ctx: ViewContext; view: RunReportView }) {
  const { t, locale } = ctx;
  const ranked = rankPressure(view.lines);
  if (ranked.length === 0) return null;
  const title = t('staffingReport.pressure.title');
  const svg = horizontalBarSvg({
    title,
    labels: ranked.map((p) => fieldLabel(t, p.field)),
    values: ranked.map((p) => p.gap),
    valueLabels: ranked.map((p) => signedText(p.gap, locale)),
  });
  return (
    <section aria-labelledby="pressure-title">
      <h2 id="pressure-title">{title}</h2>
      <p class="muted">{t('staffingReport.pressure.intro')}</p>
      <figure class="chart" aria-describedby="pressure-table">
        {/* Trusted: SVG rendered server-side by ECharts from our own figures and translated labels (cspSafeSvg + slimSvg). */}
        <TrustedHtml html={svg} as="span" />
      </figure>
      <div class="table-scroll">
        <table id="pressure-table">
          <caption>{t('staffingReport.pressure.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffingReport.col.field')}</th>
              <th scope="col">{t('staffingReport.col.required')}</th>
              <th scope="col">{t('staffingReport.col.actual')}</th>
              <th scope="col">{t('staffingReport.col.gap')}</th>
              <th scope="col">{t('staffingReport.col.ratio')}</th>
              <th scope="col">{t('staffingReport.col.pressure')}</th>
              <th scope="col">{t('staffingReport.col.shortageUnits')}</th>
              <th scope="col">{t('staffingReport.col.refused')}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((p) => (
              <tr>
                <th scope="row">{fieldLabel(t, p.field)}</th>
                <td class="num">{staffText(p.required, locale)}</td>
                <td class="num">{staffText(p.actual, locale)}</td>
                <td class="num">{signedText(p.gap, locale)}</td>
                <td class="num">{ratioText(p.ratio, locale)}</td>
                <td class="num">{ratioText(p.pressure, locale)}</td>
                <td class="num">{p.shortageUnits}</td>
                <td class="num">{p.refused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * On the run page only the count and a link: the full view (chart, table, lines short of both
 * staff and expertise) has its own page, which keeps the run page within its 50 KB budget.
 */
function ExpertiseTeaser({ ctx, view }: { ctx: ViewContext; view: RunReportView }) {
  const { t } = ctx;
  const both = shortageWithGaps(view.lines);
  const q = exportQuery(view.filter);
  return (
    <section aria-labelledby="expertise-title">
      <h2 id="expertise-title">{t('staffingReport.expertise.title')}</h2>
      <p>
        {t('staffingReport.expertise.teaser', { n: both.length })}{' '}
        <a href={`${runHref(view.run.id)}/expertise${q}`}>{t('staffingReport.expertise.open')}</a>
      </p>
    </section>
  );
}

/** The page of the combined view: WISN shortage with the competency gaps of the staff placed. */
export function ExpertisePage({ ctx, view }: { ctx: ViewContext; view: RunReportView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staffingReport.expertise.title')}>
      <p>
        <a href={runHref(view.run.id)}>{t('staffingReport.run.title', { id: view.run.id })}</a>
      </p>
      <h1>{t('staffingReport.expertise.title')}</h1>
      <ExpertiseSection ctx={ctx} view={view} />
    </Layout>
  );
}

function ExpertiseSection({ ctx, view }: { ctx: ViewContext; view: RunReportView }) {
  const { t, locale } = ctx;
  const ranked = rankExpertise(view.lines);
  const both = shortageWithGaps(view.lines);
  const title = t('staffingReport.expertise.title');
  return (
    <section aria-labelledby="expertise-title">
      <h2 id="expertise-title">{title}</h2>
      <p class="muted">{t('staffingReport.expertise.intro')}</p>
      {ranked.length === 0 ? (
        <p>{t('staffingReport.expertise.none')}</p>
      ) : (
        <>
          <figure class="chart" aria-describedby="expertise-table">
            {/* Trusted: SVG rendered server-side by ECharts from our own counts and translated labels (cspSafeSvg + slimSvg). */}
            <TrustedHtml
              html={horizontalBarSvg({
                title: t('staffingReport.expertise.chart'),
                labels: ranked.map((e) => fieldLabel(t, e.field)),
                values: ranked.map((e) => e.notMeeting),
                valueLabels: ranked.map((e) => `${e.notMeeting}/${e.placed}`),
              })}
              as="span"
            />
          </figure>
          <div class="table-scroll">
            <table id="expertise-table">
              <caption>{t('staffingReport.expertise.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staffingReport.col.field')}</th>
                  <th scope="col">{t('staffingReport.col.both')}</th>
                  <th scope="col">{t('staffingReport.col.gap')}</th>
                  <th scope="col">{t('staffingReport.col.placed')}</th>
                  <th scope="col">{t('staffingReport.col.notMeeting')}</th>
                  <th scope="col">{t('staffingReport.col.gapCompetencies')}</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((e) => (
                  <tr>
                    <th scope="row">{fieldLabel(t, e.field)}</th>
                    <td>
                      {e.both ? `${STATUS_ICON.SHORTAGE} ${t('staffingReport.expertise.bothYes')}` : t('staffingReport.expertise.bothNo')}
                    </td>
                    <td class="num">{signedText(e.gap, locale)}</td>
                    <td class="num">{e.placed}</td>
                    <td class="num">{e.notMeeting}</td>
                    <td>
                      {e.gaps
                        .slice(0, 3)
                        .map((g) => `${g.name} (${g.staffBelow})`)
                        .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>{t('staffingReport.expertise.bothLines')}</h3>
      {both.length === 0 ? (
        <p>{t('staffingReport.expertise.bothNone')}</p>
      ) : (
        <ul>
          {both.slice(0, BOTH_LIST_MAX).map((l) => (
            <li>
              <a href={lineHref(view, l.unitId, l.field)}>
                {l.unitName} – {fieldLabel(t, l.field)}
              </a>
              {': '}
              {t('staffingReport.expertise.bothLine', {
                difference: signedText(l.result?.difference.value ?? 0, locale),
                notMeeting: l.expertise.notMeeting,
                placed: l.expertise.placed,
              })}
            </li>
          ))}
          {both.length > BOTH_LIST_MAX && <li>{t('staffingReport.expertise.more', { n: both.length - BOTH_LIST_MAX })}</li>}
        </ul>
      )}
    </section>
  );
}

/** Run facts: year, period, formula, who and when, totals. */
export function RunFacts({ ctx, run }: { ctx: ViewContext; run: RunSummary }) {
  const { t, locale } = ctx;
  return (
    <dl class="kv">
      <dt>{t('staffingReport.run.year')}</dt>
      <dd>{run.year}</dd>
      <dt>{t('staffingReport.run.period')}</dt>
      <dd>
        {formatDate(run.periodFrom)} – {formatDate(run.periodTo)}
      </dd>
      <dt>{t('staffingReport.run.formula')}</dt>
      <dd>{run.formulaVersion}</dd>
      <dt>{t('staffingReport.run.createdAt')}</dt>
      <dd>{formatInstant(run.createdAt)}</dd>
      {run.note && (
        <>
          <dt>{t('staffingReport.run.note')}</dt>
          <dd>{run.note}</dd>
        </>
      )}
      {run.notes && run.notes.length > 0 && (
        <>
          <dt>{t('staffingReport.run.notes')}</dt>
          <dd>
            <ul>
              {run.notes.map((n) => (
                <li>{noteText(t, n)}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
      <dt>{t('staffingReport.run.totals')}</dt>
      <dd>
        {t('staffingReport.run.totalsText', {
          units: run.totals.units,
          lines: run.totals.lines,
          shortage: run.totals.shortage,
          balanced: run.totals.balanced,
          surplus: run.totals.surplus,
          required: staffText(run.totals.requiredStaff, locale),
          actual: staffText(run.totals.actualStaff, locale),
        })}
      </dd>
    </dl>
  );
}

/** A run note in the reader's language; dates as dd/mm/yyyy. */
export function noteText(t: Translate, n: RunNote): string {
  const params: Record<string, string | number> = { ...n.params };
  for (const k of ['from', 'to'] as const) if (typeof params[k] === 'string') params[k] = formatDate(params[k] as string);
  return t(`staffingReport.note.${n.code}` as MessageKey, params);
}

/** The report of one run: facts, exports, filters, legend, matrix, charts and the expertise view. */
export function RunReport({ ctx, view }: { ctx: ViewContext; view: RunReportView }) {
  const { t } = ctx;
  const q = exportQuery(view.filter);
  return (
    <>
      <RunFacts ctx={ctx} run={view.run} />
      <p>
        <a class="button" href={`${runHref(view.run.id)}/export.xlsx${q}`} download>
          {t('staffingReport.export.xlsx')}
        </a>{' '}
        <a class="button" href={`${runHref(view.run.id)}/export.pdf${q}`} download>
          {t('staffingReport.export.pdf')}
        </a>{' '}
        <a href={`${runHref(view.run.id)}/positions${q}`}>{t('staffingPositions.link')}</a>
        {' · '}
        <a href={`${runHref(view.run.id)}/projection`}>{t('staffingReport.link.projection')}</a>
        {ctx.actor && roleHas(ctx.actor.role, 'staffing.place') ? (
          <>
            {' · '}
            <a href={`${runHref(view.run.id)}/placements`}>{t('staffingReport.link.placements')}</a>
          </>
        ) : null}
      </p>
      <RunLineFilters ctx={ctx} action={runHref(view.run.id)} lines={view.all} filter={view.filter} idPrefix="f" />
      <Legend ctx={ctx} />
      <section aria-labelledby="matrix-title">
        <h2 id="matrix-title">{t('staffingReport.matrix.title')}</h2>
        <p class="muted">{t('staffingReport.matrix.intro')}</p>
        <MatrixTable ctx={ctx} view={view} />
      </section>
      <PressureSection ctx={ctx} view={view} />
      <ExpertiseTeaser ctx={ctx} view={view} />
      <RulesUsed ctx={ctx} run={view.run} />
    </>
  );
}

function RulesUsed({ ctx, run }: { ctx: ViewContext; run: RunSummary }) {
  const { t } = ctx;
  if (run.rulesUsed.length === 0) return null;
  return (
    <details>
      <summary>{t('staffingReport.rules.title')}</summary>
      <table>
        <caption>{t('staffingReport.rules.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffingReport.rules.key')}</th>
            <th scope="col">{t('staffingReport.rules.version')}</th>
            <th scope="col">{t('staffingReport.rules.effectiveFrom')}</th>
            <th scope="col">{t('staffingReport.rules.source')}</th>
          </tr>
        </thead>
        <tbody>
          {run.rulesUsed.map((r) => (
            <tr>
              <th scope="row">{r.key}</th>
              <td>{r.version}</td>
              <td>{r.effectiveFrom ? formatDate(r.effectiveFrom) : '–'}</td>
              <td>{r.sourceNote}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The list of runs, newest first: the run selector (plain links, so it works without JavaScript). */
export function RunSelector({ ctx, runs, current }: { ctx: ViewContext; runs: RunSummary[]; current: number | null }) {
  const { t } = ctx;
  if (runs.length === 0) return null;
  return (
    <nav aria-labelledby="runs-title">
      <h2 id="runs-title">{t('staffingReport.runs.title')}</h2>
      <ul>
        {runs.map((r) => (
          <li>
            <a href={runHref(r.id)} aria-current={r.id === current ? 'page' : undefined}>
              {t('staffingReport.runs.item', {
                id: r.id,
                year: r.year,
                from: formatDate(r.periodFrom),
                to: formatDate(r.periodTo),
                at: formatInstant(r.createdAt),
              })}
            </a>
            {r.id === current ? ` (${t('staffingReport.runs.shown')})` : ''}
            {r.note ? ` – ${r.note}` : ''}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export type RunFormValues = { year: string; periodFrom: string; periodTo: string; note: string };
export type RunFormView = { values: RunFormValues; error: AppError | null };

const FORM_FIELDS = ['year', 'periodFrom', 'periodTo', 'note'] as const;

/** "Compute from the dossier records": posts to POST /staffing/runs; a refusal comes back here with the values kept. */
export function RunForm({ ctx, form }: { ctx: ViewContext; form: RunFormView }) {
  const { t } = ctx;
  const problems = form.error?.fieldProblems ?? [];
  const mine = (f: string) => problems.filter((p) => p.path === f);
  const other = problems.filter((p) => !(FORM_FIELDS as readonly string[]).includes(p.path));
  const input = (f: (typeof FORM_FIELDS)[number], type: 'number' | 'date' | 'text') => {
    const own = mine(f);
    const common = {
      id: `run-${f}`,
      name: f,
      value: form.values[f],
      'aria-invalid': own.length ? ('true' as const) : undefined,
      'aria-describedby': own.length ? `run-${f}-error` : undefined,
    };
    return (
      <p>
        <label for={`run-${f}`}>{t(`staffingReport.form.${f}` as MessageKey)}</label>
        {own.length > 0 && (
          <span class="field-error" id={`run-${f}-error`}>
            {own.map((p) => p.message).join(' ')}
          </span>
        )}
        {type === 'number' ? (
          <input type="number" min={2000} max={2100} step={1} inputMode="numeric" {...common} />
        ) : type === 'date' ? (
          <input type="date" {...common} />
        ) : (
          <input type="text" maxLength={1000} {...common} />
        )}
      </p>
    );
  };
  return (
    <section aria-labelledby="run-form-title">
      <h2 id="run-form-title">{t('staffingReport.form.title')}</h2>
      <p class="muted">{t('staffingReport.form.intro')}</p>
      {form.error && (
        <div class="alert error" role="alert" id="run-form-errors" tabindex={-1}>
          <p>
            <strong>{t(ERROR_TABLE[form.error.code].key as MessageKey, form.error.params)}</strong>
          </p>
          {problems.length > 0 && (
            <ul>
              {problems.map((p) => (
                <li>
                  {(FORM_FIELDS as readonly string[]).includes(p.path) ? (
                    <a href={`#run-${p.path}`}>{t(`staffingReport.form.${p.path}` as MessageKey)}</a>
                  ) : (
                    p.path
                  )}
                  {p.path ? ': ' : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
          {other.length > 0 && <p class="muted">{t('staffingReport.form.otherProblems')}</p>}
        </div>
      )}
      <form method="post" action="/staffing/runs" novalidate>
        <CsrfField ctx={ctx} />
        {input('year', 'number')}
        {input('periodFrom', 'date')}
        {input('periodTo', 'date')}
        {input('note', 'text')}
        <p>
          <button type="submit">{t('staffingReport.form.submit')}</button>
        </p>
      </form>
    </section>
  );
}

function Links({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <p>
      <a href="/staffing/wisn">{t('staffingReport.link.calculator')}</a> · <a href="/staffing/norms">{t('staffing.norm.link')}</a>
    </p>
  );
}

export type StaffingHomeView = {
  runs: RunSummary[];
  report: RunReportView | null;
  /** Shown to staffing.run roles only. */
  form: RunFormView | null;
};

/** /staffing: the latest run (or the empty state), the run selector and, for staffing.run roles, the compute form. */
export function StaffingHomePage({ ctx, view }: { ctx: ViewContext; view: StaffingHomeView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staffingReport.title')}>
      <h1>{t('staffingReport.title')}</h1>
      <p class="muted">{t('staffingReport.intro')}</p>
      <Links ctx={ctx} />
      {view.form?.error && <RunForm ctx={ctx} form={view.form} />}
      {view.report ? (
        <>
          <h2>{t('staffingReport.latest', { id: view.report.run.id })}</h2>
          <RunReport ctx={ctx} view={view.report} />
        </>
      ) : (
        <p class="alert" role="status">
          {t(view.form ? 'staffingReport.empty.canRun' : 'staffingReport.empty.cannotRun')}
        </p>
      )}
      <RunSelector ctx={ctx} runs={view.runs} current={view.report?.run.id ?? null} />
      {view.form && !view.form.error && <RunForm ctx={ctx} form={view.form} />}
    </Layout>
  );
}

/** /staffing/runs/:id */
export function RunPage({ ctx, view, runs }: { ctx: ViewContext; view: RunReportView; runs: RunSummary[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staffingReport.run.title', { id: view.run.id })}>
      <p>
        <a href="/staffing">{t('staffingReport.title')}</a>
      </p>
      <h1>{t('staffingReport.run.title', { id: view.run.id })}</h1>
      <RunReport ctx={ctx} view={view} />
      <RunSelector ctx={ctx} runs={runs} current={view.run.id} />
    </Layout>
  );
}
