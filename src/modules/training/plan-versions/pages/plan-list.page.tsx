import type { AppError } from '../../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatInstant } from '../../../../platform/time/format.ts';
import { FUNDING_SOURCES } from '../../courses.ts';
import { PLAN_YEARS } from '../../plan/plan-model.ts';
import { formatVnd, fundingLabel } from '../../training.labels.ts';
import { budgetField, type PlanFormValues } from '../plan-form.ts';
import { PLAN_METHODS, type PlanSummary } from '../plan-versions.schemas.ts';
import { ErrorSummary, figure, percent, planMethodLabel, planStatusLabel } from './plan-labels.tsx';

export type PlanListView = { plans: PlanSummary[]; canManage: boolean; form: PlanFormValues; error: AppError | null };

function Field({
  form,
  name,
  label,
  hint,
  text = false,
}: {
  form: PlanFormValues;
  name: string;
  label: string;
  hint?: string;
  /** A free-text field (the name: up to 200 characters as the API takes) rather than a figure. */
  text?: boolean;
}) {
  return (
    <>
      <label for={`f-${name}`}>{label}</label>
      {hint && (
        <span class="muted" id={`f-${name}-hint`}>
          {hint}
        </span>
      )}
      <input
        id={`f-${name}`}
        name={name}
        inputmode={text ? undefined : 'decimal'}
        maxLength={text ? 200 : 20}
        value={form[name] ?? ''}
        aria-describedby={hint ? `f-${name}-hint` : undefined}
      />
    </>
  );
}

function GenerateForm({ ctx, view }: { ctx: ViewContext; view: PlanListView }) {
  const { t } = ctx;
  const f = view.form;
  return (
    <section aria-labelledby="generate-title">
      <h2 id="generate-title">{t('trainingPlans.form.title')}</h2>
      <ErrorSummary t={t} error={view.error} />
      <form method="post" action="/training/plans" class="stacked" novalidate>
        <CsrfField ctx={ctx} />
        <Field form={f} name="name" label={t('trainingPlans.form.name')} text />
        <table class="data">
          <caption>{t('trainingPlans.form.budgets')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trainingPlans.col.year')}</th>
              {FUNDING_SOURCES.map((s) => (
                <th scope="col">{fundingLabel(t, s)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PLAN_YEARS.map((year) => (
              <tr>
                <th scope="row">{year}</th>
                {FUNDING_SOURCES.map((s) => (
                  <td>
                    <input
                      name={budgetField(year, s)}
                      inputmode="numeric"
                      maxLength={20}
                      value={f[budgetField(year, s)] ?? ''}
                      aria-label={t('trainingPlans.form.budgetCell', { year, source: fundingLabel(t, s) })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">{t('trainingPlans.form.budgetHint')}</p>
        <Field form={f} name="maxDaysPerPersonYear" label={t('trainingPlans.form.maxDays')} />
        <Field form={f} name="maxUnitSharePercent" label={t('trainingPlans.form.maxShare')} hint={t('trainingPlans.form.maxShareHint')} />
        <Field form={f} name="timeLimitSeconds" label={t('trainingPlans.form.timeLimit')} />
        <label for="f-method">{t('trainingPlans.form.method')}</label>
        <select id="f-method" name="method">
          {PLAN_METHODS.map((m) => (
            <option value={m} selected={(f.method ?? 'MIP') === m}>
              {planMethodLabel(t, m)}
            </option>
          ))}
        </select>
        <p>
          <button type="submit">{t('trainingPlans.form.submit')}</button>
        </p>
      </form>
    </section>
  );
}

/** Two finished versions side by side: a plain GET form (works without scripts). */
function CompareForm({ ctx, plans }: { ctx: ViewContext; plans: PlanSummary[] }) {
  const { t } = ctx;
  const done = plans.filter((p) => p.status === 'DONE');
  if (done.length < 2) return null;
  const option = (p: PlanSummary, selected: boolean) => (
    <option value={String(p.id)} selected={selected}>
      {`${p.name} (#${p.id}, ${formatInstant(p.createdAt)})`}
    </option>
  );
  return (
    <section aria-labelledby="compare-title">
      <h2 id="compare-title">{t('planExports.compare.title')}</h2>
      <form method="get" action="/training/plans/compare" class="stacked">
        <label for="compare-a">{t('planExports.compare.a')}</label>
        <select id="compare-a" name="a">
          {done.map((p, i) => option(p, i === 1))}
        </select>
        <label for="compare-b">{t('planExports.compare.b')}</label>
        <select id="compare-b" name="b">
          {done.map((p, i) => option(p, i === 0))}
        </select>
        <p>
          <button type="submit">{t('planExports.compare.submit')}</button>
        </p>
      </form>
    </section>
  );
}

/** /training/plans: the province's plan versions and, for planners, the generate form. */
export function PlanListPage({ ctx, view }: { ctx: ViewContext; view: PlanListView }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('trainingPlans.title')}>
      <h1>{t('trainingPlans.title')}</h1>
      <p>{t('trainingPlans.intro')}</p>
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('trainingPlans.versions')}</h2>
        {view.plans.length === 0 ? (
          <p>{t('trainingPlans.none')}</p>
        ) : (
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('trainingPlans.col.name')}</th>
                <th scope="col">{t('trainingPlans.col.status')}</th>
                <th scope="col">{t('trainingPlans.col.objective')}</th>
                <th scope="col">{t('trainingPlans.col.gap')}</th>
                <th scope="col">{t('trainingPlans.col.greedy')}</th>
                <th scope="col">{t('trainingPlans.col.cost')}</th>
                <th scope="col">{t('trainingPlans.col.method')}</th>
                <th scope="col">{t('trainingPlans.col.created')}</th>
              </tr>
            </thead>
            <tbody>
              {view.plans.map((p) => (
                <tr>
                  <td>
                    <a href={p.status === 'DONE' || !p.jobId ? `/training/plans/${p.id}` : `/training/plans/jobs/${p.jobId}`}>{p.name}</a>
                  </td>
                  <td>{planStatusLabel(t, p.status)}</td>
                  <td class="num">{figure(p.objective, locale)}</td>
                  <td class="num">{percent(p.gap, locale)}</td>
                  <td class="num">{figure(p.greedyObjective, locale)}</td>
                  <td class="num">{p.totalCost === null ? '–' : formatVnd(locale, p.totalCost)}</td>
                  <td>{planMethodLabel(t, p.method)}</td>
                  <td>
                    {formatInstant(p.createdAt)} {p.createdByName ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <CompareForm ctx={ctx} plans={view.plans} />
      {view.canManage && <GenerateForm ctx={ctx} view={view} />}
    </Layout>
  );
}
