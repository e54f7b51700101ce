import { barChartSvg } from '../../../../platform/charts/bar-chart.ts';
import { Layout } from '../../../../platform/html/layout.tsx';
import { pageHref } from '../../../../platform/html/pager.tsx';
import { TrustedHtml } from '../../../../platform/html/raw.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { hasMessage, type MessageKey, type Translate } from '../../../../platform/i18n/index.ts';
import type { TrainingNeedWeightsConfig } from '../../../../platform/rules/defaults/training-needs.config.ts';
import { formatDate, formatNumber } from '../../../../platform/time/format.ts';
import { codeLabel, fieldLabel } from '../../../units/units.labels.ts';
import type { AggregateView, NeedsList, NeedsQuery, NeedsSummaryView, NeedView, PersonNeedsView } from '../needs.schemas.ts';

export type NeedsPageView = {
  query: NeedsQuery;
  summary: NeedsSummaryView;
  list: NeedsList;
  units: { id: number; name: string }[];
  /** Unit roles see their own unit only: no "whole province" choice. */
  provinceWide: boolean;
  fields: string[];
  competencies: { code: string; nameVi: string; nameEn: string }[];
  weights: TrainingNeedWeightsConfig;
};

/** Bars on a chart; the table below it lists every group. */
const CHART_BARS = 12;

const num = (ctx: ViewContext, n: number | null | undefined, digits = 2) => formatNumber(n ?? null, ctx.locale, digits);

function competencyName(ctx: ViewContext, n: Pick<NeedView, 'competencyCode' | 'competencyNameVi' | 'competencyNameEn'>): string {
  const name = ctx.locale === 'vi' ? n.competencyNameVi : n.competencyNameEn;
  return name ?? n.competencyCode ?? '';
}

/** One factor as a sentence: the message of its factor and source, with the figures of its detail. */
export function factorText(ctx: ViewContext, f: NeedView['factors'][number]): string {
  const { t } = ctx;
  const key = `needs.factor.${f.factor}.${f.source}`;
  if (!hasMessage(key)) return `${f.factor} ${num(ctx, f.value, 3)} (${f.source})`;
  const d = f.detail;
  const text = (v: string | number | null | undefined) =>
    v === null || v === undefined ? '—' : typeof v === 'number' ? num(ctx, v, 3) : v;
  const group = typeof d.group === 'string' ? codeLabel(t, 'competencies.group', d.group) : '—';
  const from =
    d.assessedFrom === 'CAMPAIGN' || d.assessedFrom === 'TEST' || d.assessedFrom === 'TRAINING' ? t(`needs.source.${d.assessedFrom}`) : '—';
  return t(key as MessageKey, {
    value: num(ctx, f.value, 3),
    required: text(d.required),
    assessed: text(d.assessed),
    from: f.factor === 'GAP' ? from : text(d.criticalFromLevel),
    on: typeof d.assessedOn === 'string' ? formatDate(d.assessedOn) : '—',
    level: text(d.notAssessedLevel),
    group,
    groupWeight: text(d.groupWeight),
    multiplier: text(d.criticalMultiplier),
    slope: text(d.slope),
    ratio: text(d.ratio),
    max: text(d.maxFactor),
    field: typeof d.field === 'string' ? fieldLabel(t, d.field) : '—',
    runId: text(d.runId),
    status: text(d.status),
    unitCode: text(d.unitCode),
  });
}

function needTitle(ctx: ViewContext, n: NeedView): string {
  const weight = num(ctx, n.weight);
  if (n.kind === 'MANDATORY') return ctx.t('needs.need.mandatory', { name: n.candidateCourses[0]?.nameVi ?? n.courseCode ?? '', weight });
  const name = competencyName(ctx, n);
  return n.notAssessed
    ? ctx.t('needs.need.notAssessed', { name, required: n.required ?? '', weight })
    : ctx.t('needs.need.competency', { name, required: n.required ?? '', assessed: n.assessed ?? '', weight });
}

function NeedDetails({ ctx, need }: { ctx: ViewContext; need: NeedView }) {
  const { t } = ctx;
  const terms = need.factors.map((f) => num(ctx, f.value, 3)).join(' × ');
  return (
    <details>
      <summary>{needTitle(ctx, need)}</summary>
      <ul>
        {need.factors.map((f) => (
          <li>{factorText(ctx, f)}</li>
        ))}
      </ul>
      <p>{t('needs.need.formula', { terms, weight: num(ctx, need.weight, 3) })}</p>
      {need.kind === 'COMPETENCY' &&
        (need.candidateCourses.length === 0 ? (
          <p class="muted">{t('needs.need.noCandidates')}</p>
        ) : (
          <p>
            {t('needs.need.candidates')}{' '}
            {need.candidateCourses.map((c, i) => (
              <>
                {i > 0 && '; '}
                <a href={`/training/courses/${c.id}`}>
                  <code>{c.code}</code> {ctx.locale === 'vi' ? c.nameVi : c.nameEn}
                </a>{' '}
                ({t('needs.need.raisesTo', { level: c.raisesToLevel })})
              </>
            ))}
          </p>
        ))}
    </details>
  );
}

function AggregateTable({
  ctx,
  id,
  title,
  rows,
  label,
  chart = false,
}: {
  ctx: ViewContext;
  id: string;
  title: string;
  rows: AggregateView[];
  label: (r: AggregateView) => string;
  /** One chart per page (by field): each SVG costs about 7 KB of the page's 50 KB budget; the tables carry the rest. */
  chart?: boolean;
}) {
  const { t } = ctx;
  if (rows.length === 0) return null;
  const top = rows.slice(0, CHART_BARS);
  // Trusted: an SVG string produced by our own ECharts renderer from numbers and our labels.
  const svg = chart
    ? barChartSvg({
        title: t('needs.chart.title'),
        labels: top.map(label),
        values: top.map((r) => Math.round(r.totalWeight * 100) / 100),
        width: 720,
        height: 280,
      })
    : null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {svg && <TrustedHtml html={svg} as="figure" />}
      {svg && rows.length > CHART_BARS && <p class="muted">{t('needs.chart.top', { n: CHART_BARS })}</p>}
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('needs.col.group')}</th>
            <th scope="col">{t('needs.col.people')}</th>
            <th scope="col">{t('needs.col.needs')}</th>
            <th scope="col">{t('needs.col.notAssessed')}</th>
            <th scope="col">{t('needs.col.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{label(r)}</th>
              <td>{num(ctx, r.people, 0)}</td>
              <td>{num(ctx, r.needs, 0)}</td>
              <td>{num(ctx, r.notAssessed, 0)}</td>
              <td>{num(ctx, r.totalWeight)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * One official. In the list each need is a line with a link to the official's own view, where
 * every need opens (details) to its explanation: all explanations of 20 people would not fit
 * the page's budget on a slow network.
 */
function PersonRow({ ctx, p, explained }: { ctx: ViewContext; p: PersonNeedsView; explained: boolean }) {
  const { t, locale } = ctx;
  return (
    <tr>
      <th scope="row">
        <a href={`/staff/${p.staffId}`}>{p.fullName}</a>
      </th>
      <td>{p.unitName}</td>
      <td>
        <code>{p.positionCode}</code> {locale === 'vi' ? p.positionNameVi : p.positionNameEn}
        {p.field && <> ({fieldLabel(t, p.field)})</>}
      </td>
      <td>{num(ctx, p.totalWeight)}</td>
      <td>
        {p.needs.length === 0 ? (
          t('needs.person.none')
        ) : (
          <>
            <ul class="needs">
              {p.needs.map((n) => (
                <li>{explained ? <NeedDetails ctx={ctx} need={n} /> : needTitle(ctx, n)}</li>
              ))}
            </ul>
            {!explained && <a href={`/training/needs?staffId=${p.staffId}`}>{t('needs.person.explain')}</a>}
          </>
        )}
      </td>
    </tr>
  );
}

function Basis({ ctx, view }: { ctx: ViewContext; view: NeedsPageView }) {
  const { t } = ctx;
  const { summary: s, weights: w } = view;
  return (
    <>
      <p>
        {t('needs.asOf', { date: formatDate(s.asOf) })}{' '}
        {s.run ? t('needs.run', { id: s.run.id, from: formatDate(s.run.periodFrom), to: formatDate(s.run.periodTo) }) : t('needs.noRun')}
      </p>
      <details>
        <summary>{t('needs.formula.title')}</summary>
        <ul>
          <li>{t('needs.formula.competency')}</li>
          <li>{t('needs.formula.gap', { level: w.notAssessedLevel })}</li>
          <li>
            {t('needs.formula.criticality', {
              field: num(ctx, w.groupWeights.FIELD),
              general: num(ctx, w.groupWeights.GENERAL),
              multiplier: num(ctx, w.criticalMultiplier),
              from: w.criticalFromLevel,
            })}
          </li>
          <li>
            {t('needs.formula.pressure', {
              slope: num(ctx, w.pressure.slope),
              max: num(ctx, w.pressure.maxFactor),
              neutral: num(ctx, w.pressure.neutral),
            })}
          </li>
          <li>{t('needs.formula.mandatory', { weight: num(ctx, w.mandatoryWeight) })}</li>
          {s.rules.map((r) => (
            <li>
              {t('needs.rule', { key: r.key, version: r.version })}{' '}
              {r.effectiveFrom ? t('needs.rule.from', { date: formatDate(r.effectiveFrom) }) : t('needs.rule.default')}: {r.sourceNote}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

function Filters({ ctx, view }: { ctx: ViewContext; view: NeedsPageView }) {
  const { t, locale } = ctx;
  const q = view.query;
  return (
    <form method="get" action="/training/needs" class="stack">
      <label for="needs-unit">{t('needs.filter.unit')}</label>
      <select id="needs-unit" name="unitId">
        {view.provinceWide && <option value="">{t('needs.filter.allUnits')}</option>}
        {view.units.map((u) => (
          <option value={String(u.id)} selected={view.summary.unitId === u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <label for="needs-field">{t('needs.filter.field')}</label>
      <select id="needs-field" name="field">
        <option value="">{t('needs.filter.allFields')}</option>
        {view.fields.map((f) => (
          <option value={f} selected={q.field === f}>
            {fieldLabel(t, f)}
          </option>
        ))}
      </select>
      <label for="needs-competency">{t('needs.filter.competency')}</label>
      <select id="needs-competency" name="competency">
        <option value="">{t('needs.filter.allCompetencies')}</option>
        {view.competencies.map((c) => (
          <option value={c.code} selected={q.competency === c.code}>
            {c.code} – {locale === 'vi' ? c.nameVi : c.nameEn}
          </option>
        ))}
      </select>
      <button type="submit">{t('needs.filter.show')}</button>
    </form>
  );
}

const fieldRowLabel = (t: Translate) => (r: AggregateView) => (r.key === '' ? t('needs.noField') : fieldLabel(t, r.key));

/** /training/needs: summaries by field, competency and unit with bar charts, then each person's needs, each one explained. */
export function NeedsPage({ ctx, view }: { ctx: ViewContext; view: NeedsPageView }) {
  const { t, locale } = ctx;
  const { summary: s, list } = view;
  const names = new Map(view.competencies.map((c) => [c.code, locale === 'vi' ? c.nameVi : c.nameEn]));
  const params = { unitId: view.query.unitId, field: view.query.field, competency: view.query.competency };
  const first = list.total === 0 ? 0 : (list.page - 1) * list.pageSize + 1;
  const last = Math.min(list.total, list.page * list.pageSize);
  return (
    <Layout ctx={ctx} title={t('needs.title')}>
      <h1>{t('needs.title')}</h1>
      <Filters ctx={ctx} view={view} />
      <Basis ctx={ctx} view={view} />
      <p>{t('needs.totals', { people: s.people, withNeeds: s.peopleWithNeeds, needs: s.needs, weight: num(ctx, s.totalWeight) })}</p>
      {s.needs === 0 ? (
        <p>{t('needs.none')}</p>
      ) : (
        <>
          <AggregateTable ctx={ctx} id="needs-by-field" title={t('needs.byField')} rows={s.byField} label={fieldRowLabel(t)} chart />
          <AggregateTable
            ctx={ctx}
            id="needs-by-competency"
            title={t('needs.byCompetency')}
            rows={s.byCompetency}
            label={(r) => `${r.key} – ${names.get(r.key) ?? r.label}`}
          />
          <AggregateTable ctx={ctx} id="needs-by-unit" title={t('needs.byUnit')} rows={s.byUnit} label={(r) => r.label} />
          <AggregateTable
            ctx={ctx}
            id="needs-by-mandatory"
            title={t('needs.byMandatory')}
            rows={s.byMandatoryCourse}
            label={(r) => r.label}
          />
        </>
      )}
      <section aria-labelledby="needs-people">
        <h2 id="needs-people">{t('needs.people.title')}</h2>
        <p>{t('needs.people.count', { from: first, to: last, total: list.total })}</p>
        {list.items.length > 0 && (
          <table>
            <caption>{t('needs.people.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('needs.col.person')}</th>
                <th scope="col">{t('needs.col.unit')}</th>
                <th scope="col">{t('needs.col.position')}</th>
                <th scope="col">{t('needs.col.total')}</th>
                <th scope="col">{t('needs.col.needList')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => (
                <PersonRow ctx={ctx} p={p} explained={view.query.staffId !== undefined} />
              ))}
            </tbody>
          </table>
        )}
        {list.total > list.pageSize && (
          <nav class="pager" aria-label={t('common.page', { page: list.page })}>
            {list.page > 1 && (
              <a href={pageHref('/training/needs', params, list.page - 1)} rel="prev">
                {t('common.previous')}
              </a>
            )}
            <span>
              {t('common.page', { page: list.page })} / {Math.ceil(list.total / list.pageSize)}
            </span>
            {last < list.total && (
              <a href={pageHref('/training/needs', params, list.page + 1)} rel="next">
                {t('common.next')}
              </a>
            )}
          </nav>
        )}
      </section>
    </Layout>
  );
}
