import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import { FEEDBACK_DECISIONS, type Feedback, type FeedbackList } from '../tracking.schemas.ts';

const excerpt = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

function StatusText({ ctx, f }: { ctx: ViewContext; f: Feedback }) {
  const label = ctx.t(`feedback.status.${f.status}` as MessageKey);
  // The word "overdue" is written out, so the meaning never rests on colour alone.
  return f.isOverdue ? <strong>{`${label} · ${ctx.t('feedback.overdue')}`}</strong> : <span>{label}</span>;
}

/** The unit's feedback list: open and overdue items first. */
export function FeedbackManagePage({ ctx, list }: { ctx: ViewContext; list: FeedbackList }) {
  const { t } = ctx;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <Layout ctx={ctx} title={t('feedback.manage.title')}>
      <h1>{t('feedback.manage.title')}</h1>
      {list.items.length === 0 ? (
        <p>{t('feedback.manage.none')}</p>
      ) : (
        <table>
          <caption>{t('feedback.manage.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('feedback.col.received')}</th>
              <th scope="col">{t('feedback.col.kind')}</th>
              <th scope="col">{t('feedback.col.text')}</th>
              <th scope="col">{t('feedback.col.due')}</th>
              <th scope="col">{t('feedback.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((f) => (
              <tr>
                <td>
                  <a href={`/feedback/manage/${f.id}`}>{formatInstant(f.receivedAt)}</a>
                </td>
                <td>{t(`feedback.kind.${f.kind}` as MessageKey)}</td>
                <td>{excerpt(f.text)}</td>
                <td>{formatInstant(f.dueAt)}</td>
                <td>
                  <StatusText ctx={ctx} f={f} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label={t('common.page', { page: list.page })}>
          {list.page > 1 && <a href={`/feedback/manage?page=${list.page - 1}`}>{t('common.previous')}</a>}{' '}
          {list.page < pages && <a href={`/feedback/manage?page=${list.page + 1}`}>{t('common.next')}</a>}
        </nav>
      )}
    </Layout>
  );
}

/** One feedback item with the form to answer, refuse or ask for more information. */
export function FeedbackDetailPage({
  ctx,
  f,
  error,
  notice,
}: {
  ctx: ViewContext;
  f: Feedback;
  error: string | null;
  notice: string | null;
}) {
  const { t } = ctx;
  const title = t('feedback.detail.title', { id: f.id });
  const isClosed = f.status === 'ANSWERED' || f.status === 'REFUSED';
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {notice && (
        <div class="alert success" role="status">
          <p>{notice}</p>
        </div>
      )}
      {error && (
        <div class="alert error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <dl>
        <dt>{t('feedback.col.kind')}</dt>
        <dd>{t(`feedback.kind.${f.kind}` as MessageKey)}</dd>
        <dt>{t('feedback.col.received')}</dt>
        <dd>{formatInstant(f.receivedAt)}</dd>
        {f.refuseDueAt && <dt>{t('feedback.col.refuseBy')}</dt>}
        {f.refuseDueAt && <dd>{formatInstant(f.refuseDueAt)}</dd>}
        {f.infoDueAt && <dt>{t('feedback.col.infoBy')}</dt>}
        {f.infoDueAt && <dd>{formatInstant(f.infoDueAt)}</dd>}
        <dt>{t('feedback.col.due')}</dt>
        <dd>{formatInstant(f.dueAt)}</dd>
        <dt>{t('feedback.col.status')}</dt>
        <dd>
          <StatusText ctx={ctx} f={f} />
        </dd>
        {f.dossierCode && <dt>{t('feedback.f.dossierCode')}</dt>}
        {f.dossierCode && <dd>{f.dossierCode}</dd>}
        <dt>{t('feedback.col.text')}</dt>
        <dd>{f.text}</dd>
        <dt>{t('feedback.detail.contact')}</dt>
        <dd>{f.contact ?? '—'}</dd>
        {f.handledOnTime !== null && <dt>{t('feedback.col.handled')}</dt>}
        {f.handledOnTime !== null && <dd>{t(f.handledOnTime ? 'feedback.handled.onTime' : 'feedback.handled.late')}</dd>}
        {f.answer && <dt>{t('feedback.detail.answer')}</dt>}
        {f.answer && <dd>{f.answer}</dd>}
      </dl>
      {!isClosed && (
        <>
          <h2>{t('feedback.answer.title')}</h2>
          <form method="post" action={`/feedback/manage/${f.id}/answer`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(f.version)} />
            <fieldset>
              <legend>{t('feedback.f.decision')}</legend>
              {FEEDBACK_DECISIONS.map((d, i) => (
                <label>
                  <input type="radio" name="decision" value={d} checked={i === 0} /> {t(`feedback.decision.${d}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <label for="fb-answer">{t('feedback.f.answer')}</label>
            <textarea id="fb-answer" name="answer" rows={6} required maxlength={5000} />
            <button type="submit">{t('feedback.answer.submit')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}
