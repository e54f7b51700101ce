import { CsrfField } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { SuppliedList } from '../supplied/supplied.schemas.ts';
import { entryLine, periodLabel } from '../supplied/supplied-text.ts';

/** What the scorecard page shows about hand-entered counts: the list, a refusal and the values to put back. */
export type SuppliedView = {
  /** null when the card's range is not one month, quarter or year: nothing to enter against. */
  list: SuppliedList | null;
  saved: boolean;
  error: string | null;
  /** The submitted form values, shown again after a refusal. */
  values: Record<string, string> | null;
  /** The card's range, so the form returns to the same card. */
  from: string;
  to: string;
};

export const SUPPLIED_FORM_PATH = '/scorecard/supplied';

const indicatorName = (t: ViewContext['t'], code: string) => t(`scorecard.indicator.${code}` as MessageKey);

export function SuppliedSection({ ctx, view }: { ctx: ViewContext; view: SuppliedView }) {
  const { t } = ctx;
  const { list } = view;
  if (!list) {
    return (
      <section id="supplied" aria-labelledby="supplied-h">
        <h2 id="supplied-h">{t('scorecard.supplied.title')}</h2>
        <p>{t('scorecard.supplied.needPeriod')}</p>
      </section>
    );
  }
  const editable = list.items.filter((i) => i.editable);
  const readOnly = list.items.filter((i) => !i.editable);
  const v = (name: string, fallback: string | number | undefined) =>
    view.values?.[name] ?? (fallback === undefined ? '' : String(fallback));
  return (
    <section id="supplied" aria-labelledby="supplied-h">
      <h2 id="supplied-h">{t('scorecard.supplied.title')}</h2>
      {view.saved ? <p role="status">{t('scorecard.supplied.saved')}</p> : null}
      {view.error ? (
        <p role="alert" class="error">
          {view.error}
        </p>
      ) : null}
      {readOnly.length > 0 ? (
        <ul>
          {readOnly.map((i) => (
            <li>
              {`${i.indicator} ${indicatorName(t, i.indicator)}: `}
              {i.entry ? entryLine(t, i.entry) : t('scorecard.supplied.none')}
              {i.level === 'PROVINCE' && list.unit ? ` (${t('scorecard.supplied.readOnly')})` : null}
            </li>
          ))}
        </ul>
      ) : null}
      {editable.length > 0 ? (
        <form method="post" action={SUPPLIED_FORM_PATH}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="unit" value={list.unit?.code ?? 'province'} />
          <input type="hidden" name="period" value={list.period.token} />
          <input type="hidden" name="from" value={view.from} />
          <input type="hidden" name="to" value={view.to} />
          <p>{t('scorecard.supplied.intro', { period: periodLabel(t, list.period.token) })}</p>
          {editable.map((i) => (
            <fieldset>
              <legend>{`${i.indicator} ${indicatorName(t, i.indicator)}`}</legend>
              <p>{i.entry ? entryLine(t, i.entry) : t('scorecard.supplied.none')}</p>
              <input type="hidden" name={`v.${i.indicator}`} value={v(`v.${i.indicator}`, i.entry?.version ?? 0)} />
              <label>
                {t('scorecard.supplied.numerator', { code: i.indicator })}{' '}
                <input name={`n.${i.indicator}`} inputMode="numeric" size={8} value={v(`n.${i.indicator}`, i.entry?.numerator)} />
              </label>{' '}
              <label>
                {t('scorecard.supplied.denominator', { code: i.indicator })}{' '}
                <input name={`d.${i.indicator}`} inputMode="numeric" size={8} value={v(`d.${i.indicator}`, i.entry?.denominator)} />
              </label>{' '}
              <label>
                {t('scorecard.supplied.source', { code: i.indicator })}{' '}
                <input name={`s.${i.indicator}`} maxLength={1000} size={40} value={v(`s.${i.indicator}`, i.entry?.sourceNote)} />
              </label>
              {i.entry ? (
                <>
                  {' '}
                  <label>
                    <input type="checkbox" name={`c.${i.indicator}`} value="1" /> {t('scorecard.supplied.clear', { code: i.indicator })}
                  </label>
                </>
              ) : null}
            </fieldset>
          ))}
          <button type="submit">{t('scorecard.supplied.save')}</button>
        </form>
      ) : null}
    </section>
  );
}
