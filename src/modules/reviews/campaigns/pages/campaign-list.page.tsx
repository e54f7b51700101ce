import { Layout } from '../../../../platform/html/layout.tsx';
import { Pager } from '../../../../platform/html/pager.tsx';
import { optionsOf, type SearchField, SearchForm } from '../../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatDate } from '../../../../platform/time/format.ts';
import { campaignStatusLabel, instrumentLabel } from '../../reviews.labels.ts';
import { CAMPAIGN_STATUSES } from '../campaign-workflow.ts';
import type { CampaignList, CampaignListQuery } from '../campaigns.schemas.ts';

export type CampaignListView = { query: CampaignListQuery; result: CampaignList; canManage: boolean; years: number[] };

const RESULTS_ID = 'campaign-results';

export function CampaignResults({ ctx, view }: { ctx: ViewContext; view: CampaignListView }) {
  const { t } = ctx;
  const { result, query } = view;
  return (
    <section id={RESULTS_ID} aria-live="polite">
      <p role="status">{t('common.results', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('reviewCampaigns.list.empty')}</p>
      ) : (
        <table>
          <caption>{t('reviewCampaigns.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reviewCampaigns.f.name')}</th>
              <th scope="col">{t('reviewCampaigns.f.year')}</th>
              <th scope="col">{t('reviewCampaigns.list.period')}</th>
              <th scope="col">{t('reviewCampaigns.f.instruments')}</th>
              <th scope="col">{t('reviewCampaigns.detail.status')}</th>
              <th scope="col">{t('reviewCampaigns.list.owner')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/reviews/campaigns/${c.id}`}>{c.name}</a>
                </th>
                <td>{c.year}</td>
                <td>
                  {formatDate(c.periodFrom)} – {formatDate(c.periodTo)}
                </td>
                <td>{c.instruments.map((i) => instrumentLabel(t, i)).join('; ')}</td>
                <td>{campaignStatusLabel(t, c.status)}</td>
                <td>{c.ownerUnitId === null ? t('reviewCampaigns.list.province') : t('reviewCampaigns.list.unit')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        ctx={ctx}
        base="/reviews/campaigns"
        params={{ year: query.year, status: query.status }}
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        target={`#${RESULTS_ID}`}
      />
    </section>
  );
}

export function CampaignListPage({ ctx, view }: { ctx: ViewContext; view: CampaignListView }) {
  const { t } = ctx;
  const fields: SearchField<keyof CampaignListQuery>[] = [
    {
      type: 'select',
      name: 'year',
      label: 'reviewCampaigns.f.year',
      all: 'reviewCampaigns.list.allYears',
      options: optionsOf(view.years, (y) => String(y)),
    },
    {
      type: 'select',
      name: 'status',
      label: 'reviewCampaigns.detail.status',
      all: 'reviewCampaigns.list.allStatuses',
      options: optionsOf(CAMPAIGN_STATUSES, (s) => campaignStatusLabel(t, s)),
    },
  ];
  return (
    <Layout ctx={ctx} title={t('reviewCampaigns.list.title')}>
      <h1>{t('reviewCampaigns.list.title')}</h1>
      {view.canManage && (
        <p>
          <a class="button" href="/reviews/campaigns/new">
            {t('reviewCampaigns.list.new')}
          </a>
        </p>
      )}
      <SearchForm
        ctx={ctx}
        action="/reviews/campaigns"
        idPrefix="rc"
        fields={fields}
        values={view.query}
        results={RESULTS_ID}
        label="reviewCampaigns.list.filters"
      />
      <CampaignResults ctx={ctx} view={view} />
    </Layout>
  );
}
