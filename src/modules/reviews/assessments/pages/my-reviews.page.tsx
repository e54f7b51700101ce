import { Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { hasMessage } from '../../../../platform/i18n/index.ts';
import { formatInstant } from '../../../../platform/time/format.ts';
import { campaignStatusLabel } from '../../reviews.labels.ts';
import type { Participation, Waiting } from '../inbox.repository.ts';

export type MyReviewsView = {
  /** null when the account is not linked to a staff record. */
  mine: Participation[] | null;
  /** null when the role does not supervise / sit on the council. */
  supervise: Waiting[] | null;
  council: Waiting[] | null;
  limit: number;
};

export const participantPath = (campaignId: number, participantId: number, step: 'self' | 'supervisor' | 'council') =>
  `/reviews/campaigns/${campaignId}/participants/${participantId}/${step}`;

function expected(ctx: ViewContext, p: Participation): string {
  const { t } = ctx;
  if (p.status === 'SELF_ASSESSMENT' && p.selfSubmittedAt) return t('assess.expect.SELF_DONE', { at: formatInstant(p.selfSubmittedAt) });
  const key = `assess.expect.${p.status}`;
  return t(hasMessage(key) ? key : 'assess.expect.OPEN');
}

function WaitingTable({
  ctx,
  rows,
  caption,
  none,
  step,
  limit,
}: {
  ctx: ViewContext;
  rows: Waiting[];
  caption: string;
  none: string;
  step: 'supervisor' | 'council';
  limit: number;
}) {
  const { t } = ctx;
  if (rows.length === 0) return <p>{none}</p>;
  const campaigns = [...new Map(rows.map((r) => [r.campaignId, r.campaignName])).entries()];
  return (
    <>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assess.col.person')}</th>
            <th scope="col">{t('assess.col.unit')}</th>
            <th scope="col">{t('assess.col.campaign')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={participantPath(r.campaignId, r.participantId, step)}>
                  {step === 'supervisor' ? t('assess.link.review', { name: r.fullName }) : t('assess.link.decide', { name: r.fullName })}
                </a>
              </th>
              <td>{r.unitName}</td>
              <td>
                {r.campaignName} ({r.year})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length >= limit && <p class="muted">{t('assess.mine.truncated', { n: limit })}</p>}
      {step === 'council' && (
        <ul>
          {campaigns.map(([id, name]) => (
            <li>
              <a href={`/reviews/campaigns/${id}/council`}>{t('assess.link.councilList', { campaign: name })}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** /reviews/mine: my campaigns and what each expects of me, and the people waiting for me as supervisor or council. */
export function MyReviewsPage({ ctx, view }: { ctx: ViewContext; view: MyReviewsView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('assess.mine.title')}>
      <h1>{t('assess.mine.title')}</h1>
      <p>{t('assess.mine.intro')}</p>
      <section aria-labelledby="mine">
        <h2 id="mine">{t('assess.mine.campaigns')}</h2>
        {view.mine === null ? (
          <p>{t('assess.mine.noStaff')}</p>
        ) : view.mine.length === 0 ? (
          <p>{t('assess.mine.none')}</p>
        ) : (
          <table>
            <caption>{t('assess.mine.campaigns')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assess.col.campaign')}</th>
                <th scope="col">{t('assess.col.stage')}</th>
                <th scope="col">{t('assess.col.expected')}</th>
              </tr>
            </thead>
            <tbody>
              {view.mine.map((p) => (
                <tr>
                  <th scope="row">
                    {p.campaignName} ({p.year})
                  </th>
                  <td>{campaignStatusLabel(t, p.status)}</td>
                  <td>
                    {expected(ctx, p)}
                    {p.status !== 'OPEN' && (
                      <>
                        <br />
                        <a href={participantPath(p.campaignId, p.participantId, 'self')}>
                          {p.status === 'SELF_ASSESSMENT'
                            ? t('assess.link.writeSelf', { campaign: p.campaignName })
                            : t('assess.link.viewSelf', { campaign: p.campaignName })}
                        </a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {view.supervise && (
        <section aria-labelledby="supervise">
          <h2 id="supervise">{t('assess.mine.supervise')}</h2>
          <WaitingTable
            ctx={ctx}
            rows={view.supervise}
            caption={t('assess.mine.supervise')}
            none={t('assess.mine.superviseNone')}
            step="supervisor"
            limit={view.limit}
          />
        </section>
      )}
      {view.council && (
        <section aria-labelledby="council">
          <h2 id="council">{t('assess.mine.council')}</h2>
          <WaitingTable
            ctx={ctx}
            rows={view.council}
            caption={t('assess.mine.council')}
            none={t('assess.mine.councilNone')}
            step="council"
            limit={view.limit}
          />
        </section>
      )}
    </Layout>
  );
}
