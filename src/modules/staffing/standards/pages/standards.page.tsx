import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatDate, formatNumber } from '../../../../platform/time/format.ts';
import { fieldLabel } from '../../../procedures/procedures.labels.ts';
import { type ServiceStandard, type ServiceStandardList, STANDARD_SOURCE_KINDS } from '../standards.schemas.ts';

export const STANDARDS_PATH = '/staffing/standards';

export type StandardsView = {
  list: ServiceStandardList;
  /** The actor may record new versions (staffing.run). */
  canEdit: boolean;
  /** Saved: the procedure code; shown as a status line. */
  saved: string | null;
  /** A refused form: its procedure, the translated message and the values typed. */
  formError: { code: string; message: string; values: Record<string, string> } | null;
};

const idOf = (code: string) => `std-${code.replace(/[^A-Za-z0-9]/g, '-')}`;

function EditForm({ ctx, item, view }: { ctx: ViewContext; item: ServiceStandard; view: StandardsView }) {
  const { t } = ctx;
  const err = view.formError?.code === item.procedureCode ? view.formError : null;
  const v = err?.values ?? {};
  const id = idOf(item.procedureCode);
  const s = item.standard;
  return (
    <details open={err !== null}>
      <summary>{t('staffing.standards.edit')}</summary>
      <form method="post" action={`${STANDARDS_PATH}/${encodeURIComponent(item.procedureCode)}`} class="stack">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={String(s?.version ?? 0)} />
        {err && (
          <p role="alert" class="error">
            {err.message}
          </p>
        )}
        <p>
          <label for={`${id}-m`}>{t('staffing.standards.field.minutesPerDossier')}</label>{' '}
          <input
            id={`${id}-m`}
            name="minutesPerDossier"
            type="number"
            min="0.1"
            step="any"
            required
            value={v.minutesPerDossier ?? (s ? String(s.minutesPerDossier) : '')}
          />
        </p>
        <p>
          <label for={`${id}-k`}>{t('staffing.standards.field.sourceKind')}</label>{' '}
          <select id={`${id}-k`} name="sourceKind">
            {STANDARD_SOURCE_KINDS.map((k) => (
              <option value={k} selected={(v.sourceKind ?? s?.sourceKind ?? 'EXPERT_ESTIMATE') === k}>
                {t(`staffing.standards.source.${k}`)}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for={`${id}-n`}>{t('staffing.standards.field.sourceNote')}</label>{' '}
          <input id={`${id}-n`} name="sourceNote" type="text" maxlength={1000} required value={v.sourceNote ?? ''} />
        </p>
        <p>
          <label for={`${id}-d`}>{t('staffing.standards.field.effectiveFrom')}</label>{' '}
          <input id={`${id}-d`} name="effectiveFrom" type="date" required value={v.effectiveFrom ?? view.list.asOf} />
        </p>
        <p>
          <button type="submit">{t('staffing.standards.save')}</button>
        </p>
      </form>
    </details>
  );
}

/** The service standards of every procedure, with a plain form per row (works without JavaScript). */
export function StandardsPage({ ctx, view }: { ctx: ViewContext; view: StandardsView }) {
  const { t } = ctx;
  const { list } = view;
  return (
    <Layout ctx={ctx} title={t('staffing.standards.title')}>
      <h1>{t('staffing.standards.title')}</h1>
      <p class="muted">{t('staffing.standards.intro')}</p>
      <p>{t('staffing.standards.asOf', { date: formatDate(list.asOf) })}</p>
      <p>{t('staffing.standards.default', { minutes: formatNumber(list.defaultMinutesPerDossier, ctx.locale, 2) })}</p>
      {view.saved && <p role="status">{t('staffing.standards.saved', { code: view.saved })}</p>}
      <table>
        <caption>{t('staffing.standards.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffing.standards.col.code')}</th>
            <th scope="col">{t('staffing.standards.col.procedure')}</th>
            <th scope="col">{t('staffing.standards.col.field')}</th>
            <th scope="col">{t('staffing.standards.col.minutes')}</th>
            <th scope="col">{t('staffing.standards.col.source')}</th>
            <th scope="col">{t('staffing.standards.col.effectiveFrom')}</th>
            {view.canEdit && <th scope="col">{t('staffing.standards.col.edit')}</th>}
          </tr>
        </thead>
        <tbody>
          {list.items.map((item) => (
            <tr id={idOf(item.procedureCode)}>
              <td>
                <code>{item.procedureCode}</code>
              </td>
              <th scope="row">{item.procedureName}</th>
              <td>{fieldLabel(t, item.field)}</td>
              <td class="num">
                {item.standard ? formatNumber(item.standard.minutesPerDossier, ctx.locale, 2) : t('staffing.standards.none')}
              </td>
              <td>
                {item.standard ? (
                  <>
                    {t(`staffing.standards.source.${item.standard.sourceKind}`)}
                    <br />
                    <small>{item.standard.sourceNote}</small>
                  </>
                ) : (
                  '—'
                )}
                {item.upcoming > 0 && (
                  <>
                    <br />
                    <small>{t('staffing.standards.upcoming', { n: item.upcoming })}</small>
                  </>
                )}
              </td>
              <td>{item.standard ? formatDate(item.standard.effectiveFrom) : '—'}</td>
              {view.canEdit && (
                <td>
                  <EditForm ctx={ctx} item={item} view={view} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
