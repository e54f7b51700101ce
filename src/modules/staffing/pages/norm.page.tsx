import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate, formatNumber } from '../../../platform/time/format.ts';
import type { NormLine, NormReport, NormSort } from '../norm.schemas.ts';

export const NORM_PATH = '/staffing/norms';

/** A link to the same report with another sort, keeping the date (and unit) asked for. */
export function normHref(report: NormReport, sort: NormSort, unitId?: number | undefined): string {
  const params = new URLSearchParams();
  params.set('onDate', report.onDate);
  if (unitId !== undefined) params.set('unitId', String(unitId));
  if (sort !== 'name') params.set('sort', sort);
  return `${NORM_PATH}?${params.toString()}`;
}

const STATUS_CLASS: Record<NormLine['status'], string> = {
  OVER: 'badge',
  UNDER: 'badge off',
  AT_NORM: 'badge on',
  UNKNOWN: 'badge',
};

function StatusWords({ ctx, line }: { ctx: ViewContext; line: NormLine }) {
  const { t } = ctx;
  const n = formatNumber(Math.abs(line.difference ?? 0), ctx.locale);
  const words =
    line.status === 'OVER'
      ? t('staffing.norm.status.OVER', { n })
      : line.status === 'UNDER'
        ? t('staffing.norm.status.UNDER', { n })
        : line.status === 'AT_NORM'
          ? t('staffing.norm.status.AT_NORM')
          : t('staffing.norm.status.UNKNOWN');
  return <span class={STATUS_CLASS[line.status]}>{words}</span>;
}

function NormCell({ ctx, line }: { ctx: ViewContext; line: NormLine }) {
  const { t } = ctx;
  if (line.norm === null) return <>{line.unknownReason ? t(`staffing.norm.unknown.${line.unknownReason}`) : t('common.none')}</>;
  return (
    <details>
      <summary>
        {formatNumber(line.norm, ctx.locale)} {line.capped ? t('staffing.norm.capped') : null}
      </summary>
      <table>
        <caption>{t('staffing.norm.formula')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffing.wisn.step')}</th>
            <th scope="col">{t('staffing.wisn.formula')}</th>
            <th scope="col">{t('staffing.wisn.values')}</th>
            <th scope="col">{t('staffing.wisn.value')}</th>
          </tr>
        </thead>
        <tbody>
          {line.trace.map((s) => (
            <tr>
              <th scope="row">{t(`staffing.norm.step.${s.step}`)}</th>
              <td>
                <code>{s.formula}</code>
              </td>
              <td>
                <code>{s.values}</code>
              </td>
              <td class="num">{formatNumber(s.result, ctx.locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function signed(n: number | null, locale: string): string {
  if (n === null) return '—';
  return n > 0 ? `+${formatNumber(n, locale)}` : formatNumber(n, locale);
}

export function NormPage({ ctx, report, unitId }: { ctx: ViewContext; report: NormReport; unitId?: number | undefined }) {
  const { t } = ctx;
  const r = report.rule;
  const differenceSort: NormSort = report.sort === 'difference' ? '-difference' : 'difference';
  return (
    <Layout ctx={ctx} title={t('staffing.norm.title')}>
      <p>
        <a href="/staffing/wisn">{t('staffing.norm.toWisn')}</a>
      </p>
      <h1>{t('staffing.norm.title')}</h1>
      <p class="muted">{t('staffing.norm.intro')}</p>
      <form method="get" action={NORM_PATH} class="stack">
        <p>
          <label for="norm-onDate">{t('staffing.norm.onDate')}</label>{' '}
          <input id="norm-onDate" name="onDate" type="date" value={report.onDate} required />
          {unitId !== undefined && <input type="hidden" name="unitId" value={String(unitId)} />}
          {report.sort !== 'name' && <input type="hidden" name="sort" value={report.sort} />}{' '}
          <button type="submit">{t('staffing.norm.show')}</button>
        </p>
      </form>
      <section aria-labelledby="norm-rule">
        <p id="norm-rule">
          {t('staffing.norm.rule', {
            version: r.version,
            from: formatDate(r.effectiveFrom),
            origin: t(`staffing.norm.origin.${r.origin}`),
          })}
        </p>
        <p>
          {t('staffing.norm.ruleFigures', {
            base: formatNumber(r.base, ctx.locale),
            per: formatNumber(r.residentsPerExtraPost, ctx.locale),
            threshold: formatNumber(r.populationThreshold, ctx.locale),
            perMountain: formatNumber(r.residentsPerExtraPostMountainous, ctx.locale),
            communeCap: formatNumber(r.ceilings.COMMUNE, ctx.locale),
            wardCap: formatNumber(r.ceilings.WARD, ctx.locale),
            zoneCap: formatNumber(r.ceilings.SPECIAL_ZONE, ctx.locale),
          })}{' '}
          {t(`staffing.norm.partial.${r.partialBlock}`)}
        </p>
        <p>{t('staffing.norm.excludes')}</p>
        <p>{t('staffing.norm.headcountBasis')}</p>
        <details>
          <summary>{t('staffing.norm.source')}</summary>
          <p>{r.sourceNote}</p>
          <p>
            {t('staffing.norm.certainty', {
              figures: t(`staffing.norm.certainty.${r.certainty.figures}`),
              partial: t(`staffing.norm.certainty.${r.certainty.partialBlock}`),
            })}
          </p>
        </details>
      </section>
      <p role="status">
        {t('staffing.norm.totals', {
          units: report.totals.units,
          over: report.totals.over,
          under: report.totals.under,
          atNorm: report.totals.atNorm,
          unknown: report.totals.unknown,
          norm: formatNumber(report.totals.norm, ctx.locale),
          headcount: formatNumber(report.totals.headcount, ctx.locale),
        })}
      </p>
      {report.items.length === 0 ? (
        <p>{t('staffing.norm.none')}</p>
      ) : (
        <>
          <p>
            {t(`staffing.norm.sortedBy.${report.sort}`)}{' '}
            {report.sort === 'name' ? (
              <a href={normHref(report, 'difference', unitId)}>{t('staffing.norm.sortByDifference')}</a>
            ) : (
              <a href={normHref(report, 'name', unitId)}>{t('staffing.norm.sortByName')}</a>
            )}
          </p>
          <div class="table-scroll">
            <table>
              <caption>{t('staffing.norm.caption', { date: formatDate(report.onDate) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staffing.norm.col.unit')}</th>
                  <th scope="col">{t('staffing.norm.col.kind')}</th>
                  <th scope="col">{t('staffing.norm.col.population')}</th>
                  <th scope="col">{t('staffing.norm.col.mountainous')}</th>
                  <th scope="col">{t('staffing.norm.col.norm')}</th>
                  <th scope="col">{t('staffing.norm.col.headcount')}</th>
                  <th
                    scope="col"
                    aria-sort={report.sort === 'difference' ? 'ascending' : report.sort === '-difference' ? 'descending' : undefined}
                  >
                    <a
                      href={normHref(report, differenceSort, unitId)}
                      title={t(differenceSort === 'difference' ? 'staffing.norm.sortByDifference' : 'staffing.norm.sortByDifferenceDesc')}
                    >
                      {t('staffing.norm.col.difference')}
                    </a>
                  </th>
                  <th scope="col">{t('staffing.norm.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {report.items.map((line) => (
                  <tr>
                    <th scope="row">{line.name}</th>
                    <td>{t(`unitKind.${line.kind}`)}</td>
                    <td class="num">{line.population === null ? t('common.none') : formatNumber(line.population, ctx.locale)}</td>
                    <td>{line.isMountainous ? t('common.yes') : t('common.no')}</td>
                    <td class="num">
                      <NormCell ctx={ctx} line={line} />
                    </td>
                    <td class="num">{formatNumber(line.headcount, ctx.locale)}</td>
                    <td class="num">{signed(line.difference, ctx.locale)}</td>
                    <td>
                      <StatusWords ctx={ctx} line={line} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}
