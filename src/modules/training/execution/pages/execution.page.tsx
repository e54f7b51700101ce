import { Layout } from '../../../../platform/html/layout.tsx';
import { type SearchField, SearchForm } from '../../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatDate, formatNumber } from '../../../../platform/time/format.ts';
import { formatVnd } from '../../training.labels.ts';
import type { ExecutionQuery, ExecutionView } from '../execution.schemas.ts';

export type ExecutionPageView = {
  query: ExecutionQuery;
  report: ExecutionView;
  plans: readonly { id: number; name: string; createdAt: string }[];
  units: readonly { id: number; name: string }[];
  years: readonly number[];
};

/** Rows shown at once (a province is 40+ units × 5 years); the filters narrow to the rest, keeping the page under 50 KB. */
const MAX_ROWS = 80;

/** Plan versus actual per unit and year: one table, figures as text (no colour-only meaning). */
export function ExecutionPage({ ctx, view }: { ctx: ViewContext; view: ExecutionPageView }) {
  const { t, locale } = ctx;
  const { report } = view;
  const n = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v, locale));
  const filters: SearchField<keyof ExecutionQuery>[] = [
    {
      type: 'select',
      name: 'planId',
      label: 'trainingExec.report.plan',
      all: 'trainingExec.report.latestPlan',
      options: view.plans.map((p) => ({ value: p.id, label: `${p.name} (${formatDate(p.createdAt.slice(0, 10))})` })),
    },
    {
      type: 'select',
      name: 'year',
      label: 'trainingExec.filter.year',
      all: 'trainingExec.filter.allYears',
      options: view.years.map((y) => ({ value: y, label: String(y) })),
    },
    {
      type: 'select',
      name: 'unitId',
      label: 'trainingExec.col.unit',
      all: 'trainingExec.report.allUnits',
      options: view.units.map((u) => ({ value: u.id, label: u.name })),
    },
  ];
  return (
    <Layout ctx={ctx} title={t('trainingExec.report.title')}>
      <h1>{t('trainingExec.report.title')}</h1>
      <SearchForm
        ctx={ctx}
        action="/training/execution"
        idPrefix="exec"
        fields={filters}
        values={view.query}
        submitLabel="trainingExec.report.show"
      />
      <p>
        {report.plan ? t('trainingExec.report.planUsed', { name: report.plan.name, id: report.plan.id }) : t('trainingExec.report.noPlan')}
      </p>
      {report.rows.length === 0 ? (
        <p>{t('common.noResults')}</p>
      ) : (
        <table>
          <caption>{t('trainingExec.report.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trainingExec.col.unit')}</th>
              <th scope="col" class="num">
                {t('trainingExec.filter.year')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.report.plannedPeople')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.report.heldPeople')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.col.completed')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.report.rate')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.report.plannedClasses')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.report.heldClasses')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.report.plannedCost')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.report.heldCost')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.slice(0, MAX_ROWS).map((r) => (
              <tr>
                <th scope="row">{r.unitName}</th>
                <td class="num">{r.year}</td>
                <td class="num">{n(r.planned?.participants)}</td>
                <td class="num">{n(r.actual?.participants)}</td>
                <td class="num">{n(r.actual?.completed)}</td>
                <td class="num">{r.completionRate === null ? '—' : `${formatNumber(r.completionRate * 100, locale, 1)} %`}</td>
                <td class="num">{n(r.planned?.classes)}</td>
                <td class="num">{n(r.actual?.classes)}</td>
                <td class="num">{r.planned ? formatVnd(locale, r.planned.cost) : '—'}</td>
                <td class="num">{r.actual ? formatVnd(locale, r.actual.cost) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rows.length > MAX_ROWS && (
        <p role="status">{t('trainingExec.report.narrow', { shown: MAX_ROWS, total: report.rows.length })}</p>
      )}
      <p class="muted">{t('trainingExec.report.costRule')}</p>
    </Layout>
  );
}
