import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { hasMessage, type Translate } from '../../../platform/i18n/index.ts';
import { formatDate, formatInstant, formatNumber } from '../../../platform/time/format.ts';
import type { Alert, OverviewResponse, Trend } from '../overview.schemas.ts';

/** Small view helpers shared by the province and the commune overview. */

export const DASH = '–';

export function pct(v: number | null, locale: string): string {
  return v === null ? DASH : `${formatNumber(v * 100, locale, 1)} %`;
}

export function dec(v: number | null, locale: string, digits = 1): string {
  return v === null ? DASH : formatNumber(v, locale, digits);
}

/** A staff category (position field) or a procedure field, by its catalogue label when there is one. */
export function fieldLabel(t: Translate, code: string): string {
  if (code === '') return t('overview.field.none');
  const k = `field.${code}`;
  if (hasMessage(k)) return t(k);
  const p = `procedureField.${code}`;
  return hasMessage(p) ? t(p) : code;
}

const ARROW: Record<Trend, string> = { UP: '▲', DOWN: '▼', SAME: '=', NONE: '' };

/** The arrow against the previous period, with its meaning for screen readers. */
export function TrendArrow({ ctx, trend }: { ctx: ViewContext; trend: Trend }) {
  if (trend === 'NONE') return null;
  return (
    <span class={`trend trend-${trend.toLowerCase()}`} role="img" aria-label={ctx.t(`overview.trend.${trend}`)}>
      {` ${ARROW[trend]}`}
    </span>
  );
}

/** A figure that opens the page explaining it. */
export function Fig({ href, children }: { href: string | null; children: ComponentChildren }) {
  return href ? <a href={href}>{children}</a> : <>{children}</>;
}

function alertText(ctx: ViewContext, a: Alert): string {
  const { t, locale } = ctx;
  const unit = a.unit?.name ?? t('overview.alert.province');
  switch (a.kind) {
    case 'DUE_SOON':
      return t('overview.alert.DUE_SOON', { code: a.subject, unit, at: formatInstant(a.at) });
    case 'ON_TIME_LOW':
      return t('overview.alert.ON_TIME_LOW', { unit, value: pct(a.value, locale) });
    case 'WISN_LOW':
      return t('overview.alert.WISN_LOW', { unit, field: fieldLabel(t, a.subject), value: dec(a.value, locale, 2) });
    case 'CAMPAIGN_LATE':
      return t('overview.alert.CAMPAIGN_LATE', { name: a.subject, unit, at: formatDate(a.at) });
  }
}

const KINDS = ['DUE_SOON', 'ON_TIME_LOW', 'WISN_LOW', 'CAMPAIGN_LATE'] as const;

/**
 * Alerts of one kind shown on the page (the API gives up to ALERTS_PER_KIND): the page stays
 * under 50 KB for slow networks even when every unit raises one, as all of them do in the first
 * hours of a month (its on-time share is then measured on the carried-over dossiers alone).
 */
export const ALERTS_SHOWN_PER_KIND = 10;

export function AlertsPanel({ ctx, view }: { ctx: ViewContext; view: OverviewResponse }) {
  const { t, locale } = ctx;
  const total = KINDS.reduce((n, k) => n + view.alertTotals[k], 0);
  return (
    <section aria-labelledby="alerts-title" class="overview-alerts">
      <h2 id="alerts-title">{t('overview.alerts.title')}</h2>
      <p class="muted">
        {t('overview.alerts.rule', {
          days: view.rule.dueWithinWorkingDays,
          onTime: pct(view.rule.onTimeShareBelow, locale),
          ratio: dec(view.rule.wisnRatioBelow, locale, 2),
        })}
      </p>
      {total === 0 ? (
        <p>{t('overview.alerts.none')}</p>
      ) : (
        KINDS.filter((k) => view.alertTotals[k] > 0).map((k) => {
          const items = view.alerts.filter((a) => a.kind === k).slice(0, ALERTS_SHOWN_PER_KIND);
          return (
            <details open={k === 'DUE_SOON' || k === 'ON_TIME_LOW'}>
              <summary>{t(`overview.alerts.kind.${k}`, { count: view.alertTotals[k] })}</summary>
              <ul>
                {items.map((a) => (
                  <li>
                    <a href={a.link}>{alertText(ctx, a)}</a>
                  </li>
                ))}
              </ul>
              {view.alertTotals[k] > items.length ? (
                <p class="muted">{t('overview.alerts.more', { count: view.alertTotals[k] - items.length })}</p>
              ) : null}
            </details>
          );
        })
      )}
    </section>
  );
}
