import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { translator } from '../../../platform/i18n/index.ts';
import type { OverviewResponse } from '../overview.schemas.ts';
import { ALERTS_SHOWN_PER_KIND, AlertsPanel } from './overview-parts.tsx';

const ctx: ViewContext = { t: translator('vi'), locale: 'vi', actor: null, csrfToken: 'csrf', path: '/overview', requestId: 'r' };

/** The first hours of a month: every one of 40 units below the on-time threshold (the API lists 20). */
const view = {
  rule: { dueWithinWorkingDays: 1, onTimeShareBelow: 0.9, wisnRatioBelow: 0.8 },
  alertTotals: { DUE_SOON: 0, ON_TIME_LOW: 40, WISN_LOW: 0, CAMPAIGN_LATE: 0 },
  alerts: Array.from({ length: 20 }, (_, i) => ({
    kind: 'ON_TIME_LOW' as const,
    unit: { code: `460${String(i).padStart(2, '0')}`, name: `Phường ${i}` },
    subject: `Phường ${i}`,
    at: null,
    value: 0,
    link: `/scorecard?unit=460${String(i).padStart(2, '0')}`,
  })),
} as unknown as OverviewResponse;

describe('the alerts panel of the overview page', () => {
  it(`lists ${ALERTS_SHOWN_PER_KIND} alerts of a kind and counts the rest, so the page stays small`, () => {
    const html = renderToString(<AlertsPanel ctx={ctx} view={view} />);
    expect(html.match(/href="\/scorecard\?unit=/g)).toHaveLength(ALERTS_SHOWN_PER_KIND);
    expect(html).toContain('(40)');
    expect(html).toContain(`… và ${40 - ALERTS_SHOWN_PER_KIND} cảnh báo khác cùng loại.`);
  });
});
