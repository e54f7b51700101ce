import { Layout } from '../../../../platform/html/layout.tsx';
import { pageHref } from '../../../../platform/html/pager.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatInstant } from '../../../../platform/time/format.ts';
import { formatVnd, fundingLabel } from '../../training.labels.ts';
import type { PlanDetail, PlanDetailQuery } from '../plan-versions.schemas.ts';
import { figure, percent, planMethodLabel, planStatusLabel } from './plan-labels.tsx';

/**
 * The page must stay under 50 KB while an online class can hold hundreds of people: a page shows
 * PAGE_CLASSES classes with their first PREVIEW_ATTENDEES attendees each, and one class
 * (?classId=) shows CLASS_ATTENDEES attendees a page.
 */
export const PAGE_CLASSES = 5;
export const PREVIEW_ATTENDEES = 20;
export const CLASS_ATTENDEES = 100;

export type PlanDetailView = { plan: PlanDetail; query: PlanDetailQuery; attendeePage: number };

type Need = PlanDetail['classes'][number]['attendees'][number]['needs'][number];

function needText(ctx: ViewContext, n: Need): string {
  const w = figure(n.weight, ctx.locale, 2);
  if (n.kind === 'MANDATORY') return ctx.t('trainingPlans.why.mandatory', { course: n.courseCode ?? '', weight: w });
  return ctx.t('trainingPlans.why.competency', {
    code: n.competencyCode ?? '',
    assessed: n.assessed ?? '–',
    required: n.required ?? '–',
    weight: w,
  });
}

function Outcome({ ctx, plan }: { ctx: ViewContext; plan: PlanDetail }) {
  const { t, locale } = ctx;
  const p = plan.parameters;
  const rows: [string, string][] = [
    [t('trainingPlans.col.status'), planStatusLabel(t, plan.status)],
    [t('trainingPlans.col.method'), `${planMethodLabel(t, plan.method)} (${plan.solverStatus ?? '–'})`],
    [t('trainingPlans.col.objective'), figure(plan.objective, locale, 2)],
    [t('trainingPlans.detail.bound'), figure(plan.bestBound, locale, 2)],
    [t('trainingPlans.col.gap'), percent(plan.gap, locale)],
    [t('trainingPlans.col.greedy'), figure(plan.greedyObjective, locale, 2)],
    [t('trainingPlans.detail.gapClosed'), figure(plan.gapClosed, locale, 2)],
    [t('trainingPlans.col.cost'), plan.totalCost === null ? '–' : formatVnd(locale, plan.totalCost)],
    [t('trainingPlans.detail.seconds'), figure(plan.solveSeconds, locale, 1)],
    [
      t('trainingPlans.detail.limits'),
      t('trainingPlans.detail.limitsText', {
        days: p.maxDaysPerPersonYear,
        share: percent(p.maxUnitShareAway, locale),
        seconds: p.timeLimitSeconds,
      }),
    ],
    [
      t('trainingPlans.detail.input'),
      t('trainingPlans.detail.inputText', {
        people: plan.inputSummary?.people ?? '–',
        courses: plan.inputSummary?.courses ?? '–',
        needs: plan.inputSummary?.needs ?? '–',
      }),
    ],
    [t('trainingPlans.detail.digest'), plan.inputDigest ?? '–'],
    [t('trainingPlans.col.created'), `${formatInstant(plan.createdAt)} ${plan.createdByName ?? ''}`],
  ];
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

function Costs({ ctx, plan }: { ctx: ViewContext; plan: PlanDetail }) {
  const { t, locale } = ctx;
  return (
    <table class="data">
      <caption>{t('trainingPlans.detail.costs')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('trainingPlans.col.year')}</th>
          <th scope="col">{t('trainingPlans.col.source')}</th>
          <th scope="col">{t('trainingPlans.col.classes')}</th>
          <th scope="col">{t('trainingPlans.col.participants')}</th>
          <th scope="col">{t('trainingPlans.col.cost')}</th>
          <th scope="col">{t('trainingPlans.col.budget')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.costs.map((c) => (
          <tr>
            <td>{c.year}</td>
            <td>{fundingLabel(t, c.fundingSource)}</td>
            <td class="num">{c.classes}</td>
            <td class="num">{c.participants}</td>
            <td class="num">{formatVnd(locale, c.cost)}</td>
            <td class="num">{formatVnd(locale, c.budget)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Filter({ ctx, plan, query }: { ctx: ViewContext; plan: PlanDetail; query: PlanDetailQuery }) {
  const { t } = ctx;
  return (
    <form method="get" action={`/training/plans/${plan.id}`} class="inline">
      <label for="f-year">{t('trainingPlans.col.year')}</label>
      <select id="f-year" name="year">
        <option value="">{t('trainingPlans.filter.allYears')}</option>
        {plan.parameters.years.map((y) => (
          <option value={String(y)} selected={query.year === y}>
            {y}
          </option>
        ))}
      </select>
      <label for="f-course">{t('trainingPlans.col.course')}</label>
      <select id="f-course" name="course">
        <option value="">{t('trainingPlans.filter.allCourses')}</option>
        {plan.courseCodes.map((c) => (
          <option value={c} selected={query.course === c}>
            {c}
          </option>
        ))}
      </select>
      <button type="submit">{t('trainingPlans.filter.show')}</button>
    </form>
  );
}

function PagerLinks({ ctx, href, page, last }: { ctx: ViewContext; href: (page: number) => string; page: number; last: number }) {
  const { t } = ctx;
  if (last <= 1) return null;
  return (
    <nav class="pager" aria-label={t('common.page', { page })}>
      {page > 1 && (
        <a rel="prev" href={href(page - 1)}>
          {t('common.previous')}
        </a>
      )}
      <span>
        {t('common.page', { page })} / {last}
      </span>
      {page < last && (
        <a rel="next" href={href(page + 1)}>
          {t('common.next')}
        </a>
      )}
    </nav>
  );
}

function Classes({ ctx, view }: { ctx: ViewContext; view: PlanDetailView }) {
  const { t, locale } = ctx;
  const { plan, query } = view;
  if (plan.classes.length === 0) return <p>{t('trainingPlans.detail.noClasses')}</p>;
  const last = Math.max(1, Math.ceil(plan.totalClasses / plan.pageSize));
  const params = { year: query.year, course: query.course };
  const base = `/training/plans/${plan.id}`;
  const one = query.classId !== undefined;
  const from = one ? (view.attendeePage - 1) * CLASS_ATTENDEES : 0;
  const count = one ? CLASS_ATTENDEES : PREVIEW_ATTENDEES;
  return (
    <>
      {plan.classes.map((c) => (
        <section aria-labelledby={`class-${c.id}`}>
          <h3 id={`class-${c.id}`}>
            {t('trainingPlans.detail.classTitle', {
              year: c.year,
              code: c.courseCode,
              name: locale === 'vi' ? c.courseNameVi : c.courseNameEn,
              no: c.classNo,
            })}
          </h3>
          <p class="muted">
            {t('trainingPlans.detail.classFacts', {
              participants: c.participants,
              cost: formatVnd(locale, c.cost),
              source: fundingLabel(t, c.fundingSource),
            })}
          </p>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('trainingPlans.col.person')}</th>
                <th scope="col">{t('trainingPlans.col.unit')}</th>
                <th scope="col">{t('trainingPlans.col.why')}</th>
              </tr>
            </thead>
            <tbody>
              {c.attendees.slice(from, from + count).map((a) => (
                <tr>
                  <td>{a.fullName}</td>
                  <td>{a.unitName}</td>
                  <td>{a.needs.length === 0 ? t('trainingPlans.why.none') : a.needs.map((n) => needText(ctx, n)).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!one && c.attendees.length > PREVIEW_ATTENDEES && (
            <p>
              <a href={pageHref(base, { classId: c.id }, 1)}>{t('trainingPlans.detail.allAttendees', { n: c.attendees.length })}</a>
            </p>
          )}
          {one && (
            <PagerLinks
              ctx={ctx}
              href={(p) => pageHref(base, { classId: c.id, apage: p > 1 ? p : undefined }, 1)}
              page={view.attendeePage}
              last={Math.max(1, Math.ceil(c.attendees.length / CLASS_ATTENDEES))}
            />
          )}
        </section>
      ))}
      {!one && <PagerLinks ctx={ctx} href={(p) => pageHref(base, params, p)} page={plan.page} last={last} />}
    </>
  );
}

/** /training/plans/:id: outcome, cost against budget, then classes a page at a time with who attends and why. */
export function PlanDetailPage({ ctx, view }: { ctx: ViewContext; view: PlanDetailView }) {
  const { t } = ctx;
  const { plan, query } = view;
  return (
    <Layout ctx={ctx} title={plan.name}>
      <p>
        <a href="/training/plans">{t('trainingPlans.back')}</a>
      </p>
      <h1>{plan.name}</h1>
      {plan.status === 'FAILED' && (
        <div class="alert error" role="alert">
          <p>{t('trainingPlans.progress.failed')}</p>
          <p class="muted">{plan.error ?? ''}</p>
        </div>
      )}
      <Outcome ctx={ctx} plan={plan} />
      {/* Exports: the model here; the plan documents (XLSX/PDF) and the comparison view are linked here by issue 6 §4. */}
      <nav aria-label={t('trainingPlans.detail.exports')} id="plan-exports">
        <ul class="inline">
          {plan.status === 'DONE' && (
            <>
              <li>
                <a href={`/training/plans/${plan.id}/plan.xlsx`}>{t('planExports.xlsx')}</a>
              </li>
              <li>
                <a href={`/training/plans/${plan.id}/plan.pdf`}>{t('planExports.pdf')}</a>
              </li>
            </>
          )}
          <li>
            <a href={`/api/v1/training/plans/${plan.id}/model.lp`}>{t('trainingPlans.detail.exportLp')}</a>
          </li>
          <li>
            <a href={`/api/v1/training/plans/${plan.id}/model.mps`}>{t('trainingPlans.detail.exportMps')}</a>
          </li>
        </ul>
      </nav>
      <Costs ctx={ctx} plan={plan} />
      <h2>{t('trainingPlans.detail.classes', { total: plan.totalClasses })}</h2>
      <Filter ctx={ctx} plan={plan} query={query} />
      <Classes ctx={ctx} view={view} />
    </Layout>
  );
}
