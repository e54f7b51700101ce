import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import type { TrackingResult } from '../tracking.schemas.ts';
import { RatingForm } from './rating-form.tsx';

export type TrackPageView = {
  code: string;
  phone4: string;
  result: TrackingResult | null;
  error: string | null;
  notice: string | null;
};

/**
 * The public tracking page. It shows only what the citizen typed and the dossier's
 * progress: no applicant, officer or note fields (issue 3, point 7).
 */
export function TrackPage({ ctx, view }: { ctx: ViewContext; view: TrackPageView }) {
  const { t } = ctx;
  const r = view.result;
  const dash = (v: string | null) => (v ? formatInstant(v) : '—');
  return (
    <Layout ctx={ctx} title={t('track.title')}>
      <h1>{t('track.title')}</h1>
      <p>{t('track.intro')}</p>
      <form method="get" action="/track">
        <label for="track-code">{t('track.f.code')}</label>
        <input id="track-code" name="code" value={view.code} required maxlength={80} autocomplete="off" />
        <label for="track-phone4">{t('track.f.phone4')}</label>
        <input
          id="track-phone4"
          name="phone4"
          value={view.phone4}
          required
          inputmode="numeric"
          pattern="[0-9]{4}"
          maxlength={4}
          autocomplete="off"
        />
        <button type="submit">{t('track.submit')}</button>
      </form>
      {view.error && (
        <div class="alert error" role="alert">
          <p>{view.error}</p>
        </div>
      )}
      {view.notice && (
        <div class="alert success" role="status">
          <p>{view.notice}</p>
        </div>
      )}
      {r && (
        <section aria-labelledby="track-result">
          <h2 id="track-result">{r.code}</h2>
          <dl>
            <dt>{t('track.status')}</dt>
            <dd>{r.statusLabel}</dd>
            <dt>{t('track.procedure')}</dt>
            <dd>{r.procedure}</dd>
            <dt>{t('track.unit')}</dt>
            <dd>{r.competentUnit}</dd>
            <dt>{t('track.received')}</dt>
            <dd>{dash(r.receivedAt)}</dd>
            <dt>{t('track.due')}</dt>
            <dd>{dash(r.dueAt)}</dd>
            {r.returnedAt && <dt>{t('track.returned')}</dt>}
            {r.returnedAt && <dd>{dash(r.returnedAt)}</dd>}
          </dl>
          {r.apologySlip && (
            <>
              <h3>{t('track.apology.title')}</h3>
              <dl>
                <dt>{t('track.apology.newDate')}</dt>
                <dd>{dash(r.apologySlip.newDueAt)}</dd>
                <dt>{t('track.apology.reason')}</dt>
                <dd>{r.apologySlip.reason}</dd>
              </dl>
            </>
          )}
          <h3>{t('track.timeline.title')}</h3>
          <table>
            <caption>{t('track.timeline.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('track.col.at')}</th>
                <th scope="col">{t('track.col.event')}</th>
                <th scope="col">{t('track.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {r.timeline.map((e) => (
                <tr>
                  <td>{formatInstant(e.at)}</td>
                  <td>{e.event}</td>
                  <td>{e.statusLabel ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.rating.canRate && (
            <>
              <h3>{t('rating.title')}</h3>
              <p>{t('rating.intro')}</p>
              <RatingForm
                ctx={ctx}
                action="/track/rating"
                criteria={r.rating.criteria}
                levels={r.rating.levels}
                hidden={{ code: view.code, phone4: view.phone4 }}
              />
            </>
          )}
          {r.rating.rated && !view.notice && <p>{t('rating.done')}</p>}
        </section>
      )}
    </Layout>
  );
}
