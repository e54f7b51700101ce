import type { AppError } from '../../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import { Pager } from '../../../../platform/html/pager.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatDate, formatInstant } from '../../../../platform/time/format.ts';
import { positionGroupLabel } from '../../../positions/positions.labels.ts';
import { codeLabel } from '../../../units/units.labels.ts';
import { campaignStatusLabel, instrumentLabel } from '../../reviews.labels.ts';
import { REOPEN_REASON_MIN } from '../campaign-workflow.ts';
import type { CampaignDetail, ParticipantList, SnapshotList } from '../campaigns.schemas.ts';
import { ErrorSummary, Progress, type ShownProblem, StageStepper } from './parts.tsx';

export type DetailAction = 'advance' | 'lock' | 'reopen';

export type CampaignDetailView = {
  campaign: CampaignDetail;
  participants: ParticipantList;
  snapshots: SnapshotList;
  /** The actor may run this campaign (reviews.manage, and for unit roles their own unit's campaign). */
  canManage: boolean;
  links: { supervisor: boolean; council: boolean };
  /** A refused action, re-rendered in place with what the user typed. */
  failed: { action: DetailAction; error: AppError; reason: string } | null;
  notice: string | null;
};

const PARTICIPANTS_ID = 'participants';

function Participants({ ctx, view }: { ctx: ViewContext; view: CampaignDetailView }) {
  const { t } = ctx;
  const { campaign: c, participants: p } = view;
  const stamp = (iso: string | null) => (iso ? formatInstant(iso) : t('reviewCampaigns.detail.notYet'));
  return (
    <section id={PARTICIPANTS_ID} aria-labelledby="participants-title">
      <h2 id="participants-title">{t('reviewCampaigns.detail.participantsTitle')}</h2>
      {p.items.length === 0 ? (
        <p>{t('reviewCampaigns.detail.noParticipants')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{t('reviewCampaigns.detail.participantsCaption', { count: p.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reviewCampaigns.export.col.name')}</th>
                <th scope="col">{t('reviewCampaigns.export.col.unit')}</th>
                <th scope="col">{t('reviewCampaigns.export.col.position')}</th>
                <th scope="col">{t('reviewCampaigns.detail.selfAt')}</th>
                <th scope="col">{t('reviewCampaigns.detail.supervisorAt')}</th>
                <th scope="col">{t('reviewCampaigns.detail.councilAt')}</th>
                {(view.links.supervisor || view.links.council) && <th scope="col">{t('reviewCampaigns.detail.sheets')}</th>}
              </tr>
            </thead>
            <tbody>
              {p.items.map((r) => (
                <tr>
                  <th scope="row">{r.fullName}</th>
                  <td>
                    {r.unit.name}
                    {r.orgBody ? ` · ${r.orgBody.name}` : ''}
                  </td>
                  <td>
                    {r.position ? `${r.position.code}${r.position.name ? ` – ${r.position.name}` : ''}` : '—'}
                    {r.positionGroup ? ` (${positionGroupLabel(t, r.positionGroup)})` : ''}
                  </td>
                  <td>{stamp(r.selfSubmittedAt)}</td>
                  <td>{stamp(r.supervisorSubmittedAt)}</td>
                  <td>{stamp(r.councilDecidedAt)}</td>
                  {(view.links.supervisor || view.links.council) && (
                    <td>
                      {view.links.supervisor && (
                        <a
                          href={`/reviews/campaigns/${c.id}/participants/${r.id}/supervisor`}
                          aria-label={`${t('reviewCampaigns.detail.supervisorSheet')} – ${r.fullName}`}
                        >
                          {t('reviewCampaigns.detail.supervisorSheet')}
                        </a>
                      )}
                      {view.links.supervisor && view.links.council && ' · '}
                      {view.links.council && (
                        <a
                          href={`/reviews/campaigns/${c.id}/participants/${r.id}/council`}
                          aria-label={`${t('reviewCampaigns.detail.councilSheet')} – ${r.fullName}`}
                        >
                          {t('reviewCampaigns.detail.councilSheet')}
                        </a>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        ctx={ctx}
        base={`/reviews/campaigns/${c.id}`}
        params={{}}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        target={`#${PARTICIPANTS_ID}`}
      />
    </section>
  );
}

function Actions({ ctx, view }: { ctx: ViewContext; view: CampaignDetailView }) {
  const { t } = ctx;
  const c = view.campaign;
  if (!view.canManage) return null;
  const failed = view.failed;
  const confirmInvalid = (a: DetailAction) => failed?.action === a && failed.error.code === 'VALIDATION_FAILED';
  const confirm = (a: DetailAction, label: string) => (
    <p>
      <input
        type="checkbox"
        id={`${a}-confirm`}
        name="confirm"
        value="yes"
        required
        aria-invalid={confirmInvalid(a) ? 'true' : undefined}
      />{' '}
      <label for={`${a}-confirm`}>{label}</label>
    </p>
  );
  const canAdvance = c.status === 'OPEN' || c.status === 'SELF_ASSESSMENT' || c.status === 'SUPERVISOR_REVIEW';
  const reasonInvalid = failed?.action === 'reopen';
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t('reviewCampaigns.detail.actions')}</h2>
      {canAdvance && (
        <form method="post" action={`/reviews/campaigns/${c.id}/advance`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="expectedVersion" value={String(c.version)} />
          <fieldset>
            <legend>{t('reviewCampaigns.detail.advanceTitle')}</legend>
            {confirm('advance', t('reviewCampaigns.detail.advanceConfirm'))}
            <button type="submit">{t('reviewCampaigns.detail.advance')}</button>
          </fieldset>
        </form>
      )}
      {c.status === 'COUNCIL' && (
        <form method="post" action={`/reviews/campaigns/${c.id}/lock`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="expectedVersion" value={String(c.version)} />
          <fieldset>
            <legend>{t('reviewCampaigns.detail.lockTitle')}</legend>
            <p>{t('reviewCampaigns.detail.lockHint')}</p>
            {confirm('lock', t('reviewCampaigns.detail.lockConfirm'))}
            <button type="submit">{t('reviewCampaigns.detail.lock')}</button>
          </fieldset>
        </form>
      )}
      {c.status === 'LOCKED' && (
        <form method="post" action={`/reviews/campaigns/${c.id}/reopen`}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="expectedVersion" value={String(c.version)} />
          <fieldset>
            <legend>{t('reviewCampaigns.detail.reopenTitle')}</legend>
            <label for="f-reason">{t('reviewCampaigns.detail.reason')}</label>
            <span class="hint" id="f-reason-hint">
              {' '}
              {t('reviewCampaigns.detail.reasonHint', { min: REOPEN_REASON_MIN })}
            </span>
            <textarea
              id="f-reason"
              name="reason"
              rows={3}
              required
              maxLength={2000}
              aria-invalid={reasonInvalid ? 'true' : undefined}
              aria-describedby="f-reason-hint"
            >
              {failed?.action === 'reopen' ? failed.reason : ''}
            </textarea>
            <button type="submit">{t('reviewCampaigns.detail.reopen')}</button>
          </fieldset>
        </form>
      )}
    </section>
  );
}

/** Problems of a refused action: the quota groups of a refused lock, the reason or the confirmation box. */
function actionProblems(ctx: ViewContext, failed: CampaignDetailView['failed']): ShownProblem[] {
  if (!failed) return [];
  const { error, action } = failed;
  if (error.code === 'REVIEW_CAMPAIGN_EXCELLENT_QUOTA')
    return error.fieldProblems.map((p) => ({ fieldId: '', label: '', message: p.message }));
  if (action === 'reopen' && error.code === 'REVIEW_CAMPAIGN_REOPEN_REASON_REQUIRED')
    return [{ fieldId: 'f-reason', label: ctx.t('reviewCampaigns.detail.reason'), message: ctx.t('reviewCampaigns.form.required') }];
  if (error.code === 'VALIDATION_FAILED')
    return error.fieldProblems.map((p) => ({
      fieldId: p.path === 'reason' ? 'f-reason' : `${action}-confirm`,
      label: p.path === 'reason' ? ctx.t('reviewCampaigns.detail.reason') : ctx.t('reviewCampaigns.detail.confirmation'),
      message: p.message,
    }));
  return [];
}

export function CampaignDetailPage({ ctx, view }: { ctx: ViewContext; view: CampaignDetailView }) {
  const { t } = ctx;
  const c = view.campaign;
  const n = c.counts;
  return (
    <Layout ctx={ctx} title={c.name}>
      <p>
        <a href="/reviews/campaigns">{t('reviewCampaigns.list.title')}</a>
      </p>
      <h1>{c.name}</h1>
      {view.notice && (
        <p class="alert ok" role="status">
          {view.notice}
        </p>
      )}
      <ErrorSummary ctx={ctx} error={view.failed?.error ?? null} problems={actionProblems(ctx, view.failed)} />
      <dl>
        <div>
          <dt>{t('reviewCampaigns.detail.status')}</dt>
          <dd>{campaignStatusLabel(t, c.status)}</dd>
        </div>
        <div>
          <dt>{t('reviewCampaigns.list.period')}</dt>
          <dd>
            {formatDate(c.periodFrom)} – {formatDate(c.periodTo)} ({c.year})
          </dd>
        </div>
        <div>
          <dt>{t('reviewCampaigns.f.instruments')}</dt>
          <dd>{c.instruments.map((i) => instrumentLabel(t, i)).join('; ')}</dd>
        </div>
        <div>
          <dt>{t('reviewCampaigns.detail.regime')}</dt>
          <dd>{codeLabel(t, 'reviews.regime', c.regime)}</dd>
        </div>
        <div>
          <dt>{t('reviewCampaigns.list.owner')}</dt>
          <dd>{c.ownerUnitId === null ? t('reviewCampaigns.list.province') : t('reviewCampaigns.list.unit')}</dd>
        </div>
        {c.reopenCount > 0 && (
          <div>
            <dt>{t('reviewCampaigns.detail.reopened')}</dt>
            <dd>{c.reopenCount}</dd>
          </div>
        )}
      </dl>
      <h2>{t('reviewCampaigns.detail.stages')}</h2>
      <StageStepper ctx={ctx} status={c.status} />
      <h2>{t('reviewCampaigns.detail.progressTitle')}</h2>
      <dl class="stats">
        <div>
          <dt>{t('reviewCampaigns.detail.participants')}</dt>
          <dd>{n.participants}</dd>
        </div>
        <Progress ctx={ctx} label={t('reviewCampaigns.detail.selfSubmitted')} value={n.selfSubmitted} max={n.participants} />
        <Progress ctx={ctx} label={t('reviewCampaigns.detail.supervisorSubmitted')} value={n.supervisorSubmitted} max={n.participants} />
        <Progress ctx={ctx} label={t('reviewCampaigns.detail.councilDecided')} value={n.councilDecided} max={n.participants} />
      </dl>
      <p>
        <a href={`/reviews/campaigns/${c.id}/results`}>{t('reviewCampaigns.results.title')}</a>
        {view.links.council && (
          <>
            {' · '}
            <a href={`/reviews/campaigns/${c.id}/council`}>{t('reviewCampaigns.detail.councilScreen')}</a>
          </>
        )}
      </p>
      <Actions ctx={ctx} view={view} />
      <Participants ctx={ctx} view={view} />
      <section aria-labelledby="snapshots-title">
        <h2 id="snapshots-title">{t('reviewCampaigns.detail.snapshots')}</h2>
        {view.snapshots.items.length === 0 ? (
          <p>{t('reviewCampaigns.detail.noSnapshots')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption>{t('reviewCampaigns.detail.snapshotsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviewCampaigns.detail.sequence')}</th>
                  <th scope="col">{t('reviewCampaigns.detail.takenAt')}</th>
                  <th scope="col">{t('reviewCampaigns.detail.takenBy')}</th>
                  <th scope="col">SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {view.snapshots.items.map((s) => (
                  <tr>
                    <th scope="row">
                      <a href={`/api/v1/review-campaigns/${c.id}/snapshots/${s.sequence}`}>
                        {t('reviewCampaigns.detail.snapshotN', { n: s.sequence })}
                      </a>
                    </th>
                    <td>{formatInstant(s.takenAt)}</td>
                    <td>
                      {s.takenBy === null ? t('reviewCampaigns.detail.system') : t('reviewCampaigns.detail.userN', { id: s.takenBy })}
                    </td>
                    <td>
                      <code class="hash">{s.sha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

export function ParticipantsFragment({ ctx, view }: { ctx: ViewContext; view: CampaignDetailView }) {
  return <Participants ctx={ctx} view={view} />;
}
