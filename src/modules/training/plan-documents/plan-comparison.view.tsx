/**
 * Two plan versions side by side (mounted by the plan-version routes at
 * /training/plans/compare?a=&b=). Aggregate tables are complete; the lists of courses and
 * people are capped with "and N more", so a province plan of thousands of attendances keeps
 * the page under its 50 KB budget. Differences read B − A.
 */
import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatInstant, formatNumber } from '../../../platform/time/format.ts';
import { formatVnd, fundingLabel } from '../training.labels.ts';
import type { Attendance, FigureDelta, PlanDiff, PlanSide, YearClasses } from './plan-compare.ts';
import { gapText, objectiveText, solverStatusLabel } from './plan-text.ts';

/** Rows of each capped list (courses, people only in A, only in B, moved). */
export const COMPARE_LIST_MAX = 40;

export const planHref = (id: number) => `/training/plans/${id}`;

const signed = (n: number, text: string) => (n > 0 ? `+${text}` : text);
const signedCount = (n: number, locale: string) => signed(n, formatNumber(n, locale));
const signedMoney = (n: number, locale: ViewContext['locale']) => signed(n, formatVnd(locale, n));

function PlanName({ p }: { p: PlanSide }) {
  return p.planId === null ? p.planName : <a href={planHref(p.planId)}>{p.planName}</a>;
}

function Overview({ ctx, diff }: { ctx: ViewContext; diff: PlanDiff }) {
  const { t, locale } = ctx;
  const { a, b, all } = diff;
  const row = (label: string, va: string, vb: string, d: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td class="num">{va}</td>
      <td class="num">{vb}</td>
      <td class="num">{d}</td>
    </tr>
  );
  return (
    <div class="table-scroll">
      <table>
        <caption>{t('planCompare.overview')}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">
              A: <PlanName p={a} />
            </th>
            <th scope="col">
              B: <PlanName p={b} />
            </th>
            <th scope="col">{t('planCompare.delta')}</th>
          </tr>
        </thead>
        <tbody>
          {row(t('planDoc.f.generatedAt'), formatInstant(a.generatedAt), formatInstant(b.generatedAt), '')}
          {row(t('planDoc.f.status'), solverStatusLabel(t, a.status), solverStatusLabel(t, b.status), '')}
          {row(
            t('planDoc.f.objective'),
            objectiveText(a.objective, locale),
            objectiveText(b.objective, locale),
            diff.objectiveDelta === null ? '–' : signed(diff.objectiveDelta, formatNumber(diff.objectiveDelta, locale, 2)),
          )}
          {row(
            t('planDoc.f.gap'),
            gapText(a.gap, locale),
            gapText(b.gap, locale),
            diff.gapDelta === null ? '–' : signed(diff.gapDelta, gapText(diff.gapDelta, locale)),
          )}
          {row(
            t('planDoc.f.people'),
            formatNumber(a.people, locale),
            formatNumber(b.people, locale),
            signedCount(b.people - a.people, locale),
          )}
          {row(
            t('planDoc.col.classes'),
            formatNumber(all.a.classes, locale),
            formatNumber(all.b.classes, locale),
            signedCount(all.delta.classes, locale),
          )}
          {row(
            t('planDoc.col.participants'),
            formatNumber(all.a.participants, locale),
            formatNumber(all.b.participants, locale),
            signedCount(all.delta.participants, locale),
          )}
          {row(t('planDoc.col.cost'), formatVnd(locale, all.a.cost), formatVnd(locale, all.b.cost), signedMoney(all.delta.cost, locale))}
          {row(
            t('planDoc.col.budget'),
            formatVnd(locale, all.budgetA),
            formatVnd(locale, all.budgetB),
            signedMoney(all.budgetB - all.budgetA, locale),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Classes, participants and cost of A, B and the difference, for one row. */
function FigureCells({ ctx, f }: { ctx: ViewContext; f: FigureDelta }) {
  const { locale } = ctx;
  return (
    <>
      <td class="num">{formatNumber(f.a.classes, locale)}</td>
      <td class="num">{formatNumber(f.b.classes, locale)}</td>
      <td class="num">{signedCount(f.delta.classes, locale)}</td>
      <td class="num">{formatNumber(f.a.participants, locale)}</td>
      <td class="num">{formatNumber(f.b.participants, locale)}</td>
      <td class="num">{signedCount(f.delta.participants, locale)}</td>
      <td class="num">{formatVnd(locale, f.a.cost)}</td>
      <td class="num">{formatVnd(locale, f.b.cost)}</td>
      <td class="num">{signedMoney(f.delta.cost, locale)}</td>
    </>
  );
}

function FigureHead({ ctx, first }: { ctx: ViewContext; first: MessageKey[] }) {
  const { t } = ctx;
  const groups: MessageKey[] = ['planDoc.col.classes', 'planDoc.col.participants', 'planDoc.col.cost'];
  return (
    <thead>
      <tr>
        {first.map((k) => (
          <th scope="col" rowspan={2}>
            {t(k)}
          </th>
        ))}
        {groups.map((k) => (
          <th scope="colgroup" colspan={3}>
            {t(k)}
          </th>
        ))}
      </tr>
      <tr>
        {groups.map(() => (
          <>
            <th scope="col">A</th>
            <th scope="col">B</th>
            <th scope="col">{t('planCompare.delta')}</th>
          </>
        ))}
      </tr>
    </thead>
  );
}

function ByYear({ ctx, diff }: { ctx: ViewContext; diff: PlanDiff }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="cmp-years">
      <h2 id="cmp-years">{t('planCompare.byYear')}</h2>
      <div class="table-scroll">
        <table>
          <caption>{t('planCompare.byYearSource.caption')}</caption>
          <FigureHead ctx={ctx} first={['planDoc.col.year', 'planDoc.col.fundingSource']} />
          <tbody>
            {diff.byYear.map((y) => (
              <>
                {diff.byYearSource
                  .filter((l) => l.year === y.year)
                  .map((l) => (
                    <tr>
                      <td>{l.year}</td>
                      <td>{fundingLabel(t, l.fundingSource)}</td>
                      <FigureCells ctx={ctx} f={l} />
                    </tr>
                  ))}
                <tr>
                  <th scope="row" colspan={2}>
                    {t('planDoc.xlsx.yearTotal', { year: y.year })}
                  </th>
                  <FigureCells ctx={ctx} f={y} />
                </tr>
              </>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan={2}>
                {t('planDoc.xlsx.grandTotal')}
              </th>
              <FigureCells ctx={ctx} f={diff.all} />
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

const yearsText = (l: YearClasses[]) => l.map((y) => `${y.year}: ${y.classes}`).join(', ') || '–';
const attendText = (l: Attendance[]) => l.map((x) => `${x.courseCode} (${x.year})`).join(', ') || '–';

function More({ ctx, n }: { ctx: ViewContext; n: number }) {
  return n > 0 ? <p class="muted">{ctx.t('planCompare.more', { n })}</p> : null;
}

function Courses({ ctx, diff, max }: { ctx: ViewContext; diff: PlanDiff; max: number }) {
  const { t, locale } = ctx;
  const c = diff.courseCounts;
  return (
    <section aria-labelledby="cmp-courses">
      <h2 id="cmp-courses">{t('planCompare.courses')}</h2>
      <p>{t('planCompare.courseCounts', { added: c.added, removed: c.removed, changed: c.changed, same: c.same })}</p>
      {diff.courses.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption>{t('planCompare.courses.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('planDoc.col.courseCode')}</th>
                <th scope="col">{t('planDoc.col.courseName')}</th>
                <th scope="col">{t('planCompare.change')}</th>
                <th scope="col">{t('planCompare.classesA')}</th>
                <th scope="col">{t('planCompare.classesB')}</th>
                <th scope="col">{t('planCompare.delta')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.courses.slice(0, max).map((x) => (
                <tr>
                  <th scope="row">{x.courseCode}</th>
                  <td>{x.courseName}</td>
                  <td>{t(`planCompare.kind.${x.kind}` as MessageKey)}</td>
                  <td>{yearsText(x.a.byYear)}</td>
                  <td>{yearsText(x.b.byYear)}</td>
                  <td class="num">{signedCount(x.b.classes - x.a.classes, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <More ctx={ctx} n={diff.courses.length - max} />
    </section>
  );
}

function People({ ctx, diff, max }: { ctx: ViewContext; diff: PlanDiff; max: number }) {
  const { t } = ctx;
  const p = diff.people;
  const list = (id: string, title: string, items: { staffId: number; fullName: string; unitName: string }[]) => (
    <>
      <h3 id={id}>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p class="muted">{t('planCompare.none')}</p>
      ) : (
        <ul aria-labelledby={id}>
          {items.slice(0, max).map((x) => (
            <li>
              {x.fullName} – {x.unitName}
            </li>
          ))}
        </ul>
      )}
      <More ctx={ctx} n={items.length - max} />
    </>
  );
  return (
    <section aria-labelledby="cmp-people">
      <h2 id="cmp-people">{t('planCompare.people')}</h2>
      <p>{t('planCompare.peopleCounts', { ...p.counts })}</p>
      {list('cmp-only-a', t('planCompare.onlyA'), p.onlyA)}
      {list('cmp-only-b', t('planCompare.onlyB'), p.onlyB)}
      <h3 id="cmp-moved">
        {t('planCompare.moved')} ({p.moved.length})
      </h3>
      {p.moved.length === 0 ? (
        <p class="muted">{t('planCompare.none')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{t('planCompare.moved.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('planDoc.col.fullName')}</th>
                <th scope="col">{t('planDoc.col.unit')}</th>
                <th scope="col">{t('planCompare.change')}</th>
                <th scope="col">{t('planCompare.inA')}</th>
                <th scope="col">{t('planCompare.inB')}</th>
              </tr>
            </thead>
            <tbody>
              {p.moved.slice(0, max).map((m) => (
                <tr>
                  <th scope="row">{m.fullName}</th>
                  <td>{m.unitName}</td>
                  <td>{t(`planCompare.move.${m.kind}` as MessageKey)}</td>
                  <td>{attendText(m.a)}</td>
                  <td>{attendText(m.b)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <More ctx={ctx} n={p.moved.length - max} />
    </section>
  );
}

/** The comparison itself, for a page or a fragment. */
export function PlanComparison({ ctx, diff, max = COMPARE_LIST_MAX }: { ctx: ViewContext; diff: PlanDiff; max?: number }) {
  return (
    <>
      <Overview ctx={ctx} diff={diff} />
      <ByYear ctx={ctx} diff={diff} />
      <Courses ctx={ctx} diff={diff} max={max} />
      <People ctx={ctx} diff={diff} max={max} />
    </>
  );
}

/** The whole page at /training/plans/compare?a=&b=. */
export function PlanComparisonPage({ ctx, diff }: { ctx: ViewContext; diff: PlanDiff }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('planCompare.title')}>
      <p>
        <a href="/training/plans">{t('planCompare.back')}</a>
      </p>
      <h1>{t('planCompare.title')}</h1>
      <p class="muted">{t('planCompare.intro')}</p>
      <PlanComparison ctx={ctx} diff={diff} />
    </Layout>
  );
}
