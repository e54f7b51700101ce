import { type AppError, ERROR_TABLE } from '../../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import type { StaffingPlacementConfig } from '../../../../platform/rules/defaults/staffing-placement.config.ts';
import { formatDate, formatInstant, formatNumber } from '../../../../platform/time/format.ts';
import { fieldLabel } from '../../../units/units.labels.ts';
import type { BatchList, BatchView, RecommendationView } from '../placement.schemas.ts';
import {
  batchStatusLabel,
  costsText,
  decisionText,
  eligibilityText,
  fixesText,
  ineligibleLabel,
  kindLabel,
  positionText,
} from '../placement-text.ts';

export const batchHref = (id: number) => `/staffing/placements/${id}`;
export const runPlacementsHref = (runId: number) => `/staffing/runs/${runId}/placements`;

function ErrorAlert({ ctx, error }: { ctx: ViewContext; error: AppError | null }) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id="placement-error" tabindex={-1}>
      <p>
        <strong>{ctx.t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</strong>
      </p>
      {error.fieldProblems.length > 0 && (
        <ul>
          {error.fieldProblems.map((p) => (
            <li>{`${p.path}: ${p.message}`}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export type GenerateFormView = {
  rule: Pick<
    StaffingPlacementConfig,
    'version' | 'maxShareMovedPerUnit' | 'maxShareMovedPerUnitBounds' | 'includeLeadershipDefault' | 'forbidOutsideDistrictDefault'
  >;
  error: AppError | null;
};

function GenerateForm({ ctx, runId, form }: { ctx: ViewContext; runId: number; form: GenerateFormView }) {
  const { t } = ctx;
  const pct = (share: number) => String(Math.round(share * 100));
  return (
    <section aria-labelledby="placement-generate-title">
      <h2 id="placement-generate-title">{t('placement.form.title')}</h2>
      <p class="muted">{t('placement.form.intro', { version: form.rule.version })}</p>
      <ErrorAlert ctx={ctx} error={form.error} />
      <form method="post" action={runPlacementsHref(runId)}>
        <CsrfField ctx={ctx} />
        <p>
          <label>
            <input type="checkbox" name="includeLeadership" value="on" checked={form.rule.includeLeadershipDefault} />{' '}
            {t('placement.form.includeLeadership')}
          </label>
        </p>
        <p>
          <label>
            <input type="checkbox" name="forbidOutsideDistrict" value="on" checked={form.rule.forbidOutsideDistrictDefault} />{' '}
            {t('placement.form.forbidOutsideDistrict')}
          </label>
        </p>
        <p>
          <label for="placement-share">{t('placement.form.share')}</label>{' '}
          <input
            id="placement-share"
            name="maxSharePercent"
            type="number"
            min={pct(form.rule.maxShareMovedPerUnitBounds.min)}
            max={pct(form.rule.maxShareMovedPerUnitBounds.max)}
            step="1"
            value={pct(form.rule.maxShareMovedPerUnit)}
            aria-describedby="placement-share-hint"
          />{' '}
          %
          <br />
          <span class="muted" id="placement-share-hint">
            {t('placement.form.shareHint', {
              min: pct(form.rule.maxShareMovedPerUnitBounds.min),
              max: pct(form.rule.maxShareMovedPerUnitBounds.max),
            })}
          </span>
        </p>
        <p>
          <button type="submit">{t('placement.form.submit')}</button>
        </p>
      </form>
    </section>
  );
}

function BatchTable({ ctx, list }: { ctx: ViewContext; list: BatchList }) {
  const { t, locale } = ctx;
  if (list.items.length === 0) return <p class="muted">{t('placement.batches.none')}</p>;
  return (
    <table>
      <caption>{t('placement.batches.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('placement.col.batch')}</th>
          <th scope="col">{t('placement.col.createdAt')}</th>
          <th scope="col">{t('placement.col.recommended')}</th>
          <th scope="col">{t('placement.col.objective')}</th>
          <th scope="col">{t('placement.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {list.items.map((b) => (
          <tr>
            <td>
              <a href={batchHref(b.id)}>{t('placement.batch.title', { id: b.id })}</a>
            </td>
            <td>{formatInstant(b.createdAt)}</td>
            <td>{b.recommended}</td>
            <td>{formatNumber(b.objective, locale, 2)}</td>
            <td>{batchStatusLabel(t, b.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NotLatest({ ctx, show }: { ctx: ViewContext; show: boolean }) {
  if (!show) return null;
  return (
    <p class="alert" role="status">
      {ctx.t('placement.notLatest')}
    </p>
  );
}

/** /staffing/runs/:runId/placements: the generate form, the latest batch's summary and every batch of the run. */
export function RunPlacementsPage({
  ctx,
  list,
  latest,
  form,
}: {
  ctx: ViewContext;
  list: BatchList;
  latest: BatchView | null;
  form: GenerateFormView;
}) {
  const { t } = ctx;
  const title = t('placement.run.title', { id: list.runId });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/staffing/runs/${list.runId}`}>{t('placement.backToRun', { id: list.runId })}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">{t('placement.intro')}</p>
      <NotLatest ctx={ctx} show={!list.isLatestRun} />
      <GenerateForm ctx={ctx} runId={list.runId} form={form} />
      {latest && (
        <section aria-labelledby="placement-latest-title">
          <h2 id="placement-latest-title">{t('placement.latest', { id: latest.id })}</h2>
          <Summary ctx={ctx} batch={latest} />
          <p>
            <a href={batchHref(latest.id)}>{t('placement.openBatch')}</a>
          </p>
        </section>
      )}
      <section aria-labelledby="placement-batches-title">
        <h2 id="placement-batches-title">{t('placement.batches.title')}</h2>
        <BatchTable ctx={ctx} list={list} />
      </section>
    </Layout>
  );
}

function Summary({ ctx, batch }: { ctx: ViewContext; batch: BatchView }) {
  const { t, locale } = ctx;
  const s = batch.params.summary;
  const o = batch.params.options;
  return (
    <dl class="facts">
      <dt>{t('placement.col.createdAt')}</dt>
      <dd>{formatInstant(batch.createdAt)}</dd>
      <dt>{t('placement.col.status')}</dt>
      <dd>{batchStatusLabel(t, batch.status)}</dd>
      <dt>{t('placement.summary.rule')}</dt>
      <dd>{`${batch.params.rule.version} (${formatDate(batch.params.rule.effectiveFrom)})`}</dd>
      <dt>{t('placement.summary.options')}</dt>
      <dd>
        {t('placement.summary.optionsText', {
          share: formatNumber(o.maxShareMovedPerUnit * 100, locale, 1),
          leadership: t(o.includeLeadership ? 'placement.yes' : 'placement.no'),
          district: t(o.forbidOutsideDistrict ? 'placement.yes' : 'placement.no'),
        })}
      </dd>
      <dt>{t('placement.summary.figures')}</dt>
      <dd>{t('placement.summary.figuresText', { ...s })}</dd>
      <dt>{t('placement.col.objective')}</dt>
      <dd>{formatNumber(batch.objective, locale, 2)}</dd>
    </dl>
  );
}

function DecisionForms({ ctx, r }: { ctx: ViewContext; r: RecommendationView }) {
  const { t } = ctx;
  const id = r.id;
  return (
    <>
      <details>
        <summary>{t('placement.accept.title')}</summary>
        <form method="post" action={`/staffing/placements/recommendations/${id}/accept`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="version" value={String(r.version)} />
          <p>
            <label for={`start-${id}`}>{t('placement.accept.startDate')}</label> <input id={`start-${id}`} type="date" name="startDate" />
          </p>
          <p>
            <label for={`kind-${id}`}>{t('placement.accept.kind')}</label>{' '}
            <select id={`kind-${id}`} name="kind">
              {(['TRANSFER', 'SECONDMENT'] as const).map((k) => (
                <option value={k} selected={k === r.kind}>
                  {kindLabel(t, k)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for={`end-${id}`}>{t('placement.accept.endDate')}</label>{' '}
            <input id={`end-${id}`} type="date" name="endDate" aria-describedby={`end-hint-${id}`} />
            <br />
            <span class="muted" id={`end-hint-${id}`}>
              {t('placement.accept.endHint')}
            </span>
          </p>
          <p>
            <button type="submit">{t('placement.accept.submit')}</button>
          </p>
        </form>
      </details>
      <details>
        <summary>{t('placement.reject.title')}</summary>
        <form method="post" action={`/staffing/placements/recommendations/${id}/reject`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="version" value={String(r.version)} />
          <p>
            <label for={`reason-${id}`}>{t('placement.reject.reason')}</label>
            <br />
            <textarea id={`reason-${id}`} name="reason" rows={2} maxLength={1000} required />
          </p>
          <p>
            <button type="submit">{t('placement.reject.submit')}</button>
          </p>
        </form>
      </details>
    </>
  );
}

/** /staffing/placements/:batchId: every recommendation with its explanation and, while open, the decision forms. */
/** Recommendations per page: each carries its explanation and decision forms, so a batch page stays under 50 KB. */
export const BATCH_PAGE_SIZE = 8;
/** People left out, listed by name on the page (all of them are in the XLSX export). */
const EXCLUDED_SHOWN = 30;

export function BatchPage({ ctx, batch, error, page = 1 }: { ctx: ViewContext; batch: BatchView; error: AppError | null; page?: number }) {
  const { t, locale } = ctx;
  const title = t('placement.batch.title', { id: batch.id });
  const last = Math.max(1, Math.ceil(batch.recommendations.length / BATCH_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), last);
  const shown = batch.recommendations.slice((current - 1) * BATCH_PAGE_SIZE, current * BATCH_PAGE_SIZE);
  const pageLink = (p: number) => (p > 1 ? `${batchHref(batch.id)}?page=${p}` : batchHref(batch.id));
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={runPlacementsHref(batch.runId)}>{t('placement.run.title', { id: batch.runId })}</a>
      </p>
      <h1>{title}</h1>
      <ErrorAlert ctx={ctx} error={error} />
      <NotLatest ctx={ctx} show={!batch.isLatestRun} />
      <Summary ctx={ctx} batch={batch} />
      <p>
        <a href={`${batchHref(batch.id)}/export.xlsx`}>{t('placement.export.xlsx')}</a> ·{' '}
        <a href={`${batchHref(batch.id)}/export.pdf`}>{t('placement.export.pdf')}</a>
      </p>
      {batch.recommendations.length === 0 ? (
        <p class="alert" role="status">
          {t('placement.empty')}
        </p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{t('placement.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('placement.col.person')}</th>
                <th scope="col">{t('placement.col.from')}</th>
                <th scope="col">{t('placement.col.to')}</th>
                <th scope="col">{t('placement.col.kind')}</th>
                <th scope="col">{t('placement.col.fixes')}</th>
                <th scope="col">{t('placement.col.costs')}</th>
                <th scope="col">{t('placement.col.eligibility')}</th>
                <th scope="col">{t('placement.col.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr id={`rec-${r.id}`}>
                  <th scope="row">{r.fullName}</th>
                  <td>
                    {r.fromUnitName}
                    <br />
                    {fieldLabel(t, r.fromField)}
                    {r.fromPositionName ? (
                      <>
                        <br />
                        {r.fromPositionName}
                      </>
                    ) : null}
                  </td>
                  <td>
                    {r.toUnitName}
                    <br />
                    {fieldLabel(t, r.toField)}
                    <br />
                    {positionText(r)}
                  </td>
                  <td>
                    {kindLabel(t, r.kind)}
                    {r.endDate ? (
                      <>
                        <br />
                        {t('placement.until', { date: formatDate(r.endDate) })}
                      </>
                    ) : null}
                  </td>
                  <td>
                    {fixesText(t, locale, r.explanation)}
                    <br />
                    <span class="muted">{t('placement.benefit', { value: formatNumber(r.benefit, locale, 2) })}</span>
                  </td>
                  <td>
                    {costsText(t, locale, r.explanation)}
                    <br />
                    <span class="muted">{t('placement.cost', { value: formatNumber(r.cost, locale, 2) })}</span>
                  </td>
                  <td>{eligibilityText(t, r.explanation)}</td>
                  <td>
                    <p>{decisionText(t, r)}</p>
                    {r.status === 'PROPOSED' && batch.isLatestRun && <DecisionForms ctx={ctx} r={r} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {last > 1 && (
            <nav class="pager" aria-label={t('common.page', { page: current })}>
              {current > 1 && (
                <a href={pageLink(current - 1)} rel="prev">
                  {t('common.previous')}
                </a>
              )}
              <span>
                {t('common.page', { page: current })} / {last}
              </span>
              {current < last && (
                <a href={pageLink(current + 1)} rel="next">
                  {t('common.next')}
                </a>
              )}
            </nav>
          )}
        </div>
      )}
      {batch.params.excluded.length > 0 && (
        <section aria-labelledby="placement-excluded-title">
          <h2 id="placement-excluded-title">{t('placement.excluded.title')}</h2>
          <p class="muted">{t('placement.excluded.intro')}</p>
          <ul>
            {batch.params.excluded.slice(0, EXCLUDED_SHOWN).map((x) => (
              <li>{`${x.fullName} (${fieldLabel(t, x.field)}): ${x.reasons.map((c) => ineligibleLabel(t, c)).join('; ')}`}</li>
            ))}
          </ul>
          {batch.params.excluded.length > EXCLUDED_SHOWN && (
            <p>{t('placement.excluded.more', { count: batch.params.excluded.length - EXCLUDED_SHOWN })}</p>
          )}
        </section>
      )}
    </Layout>
  );
}
