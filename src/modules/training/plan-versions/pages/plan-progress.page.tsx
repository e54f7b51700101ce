import { Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { JobView, PlanSummary } from '../plan-versions.schemas.ts';
import { planStatusLabel } from './plan-labels.tsx';

/** Seconds between reloads when scripts are off (a solve takes tens of seconds). */
export const PROGRESS_REFRESH_SECONDS = 3;

export type PlanProgressView = { job: JobView; plan: PlanSummary; message: string; eventsUrl: string };

/**
 * The generation's progress. With scripts, /static/plan-progress.js follows the job's server-sent
 * events and opens the plan when it is done; without, the page reloads itself (the meta refresh
 * sits in <noscript>, so it only exists when scripts are off) and a done job redirects to the plan.
 */
export function PlanProgressPage({ ctx, view }: { ctx: ViewContext; view: PlanProgressView }) {
  const { t } = ctx;
  const fraction = view.job.progress?.fraction ?? 0;
  const failed = view.job.status === 'FAILED';
  return (
    <Layout ctx={ctx} title={t('trainingPlans.progress.title', { name: view.plan.name })}>
      {!failed && (
        <noscript>
          <meta http-equiv="refresh" content={String(PROGRESS_REFRESH_SECONDS)} />
        </noscript>
      )}
      <h1>{t('trainingPlans.progress.title', { name: view.plan.name })}</h1>
      <div id="plan-progress" data-events={view.eventsUrl} data-failed={t('trainingPlans.progress.failed')}>
        <p>
          {t('trainingPlans.col.status')}: <strong id="plan-progress-status">{planStatusLabel(t, view.job.status)}</strong>{' '}
          <span class="muted">{t('trainingPlans.progress.attempt', { attempt: view.job.attempts, max: view.job.maxAttempts })}</span>
        </p>
        <label for="plan-progress-bar">{t('trainingPlans.progress.label')}</label>
        <progress id="plan-progress-bar" max={100} value={Math.round(fraction * 100)}>
          {Math.round(fraction * 100)} %
        </progress>
        <p id="plan-progress-message" aria-live="polite">
          {view.message}
        </p>
        {failed && (
          <div class="alert error" role="alert">
            <p>{t('trainingPlans.progress.failed')}</p>
            <p class="muted">{view.job.error ?? ''}</p>
          </div>
        )}
      </div>
      <p>
        <a href="/training/plans">{t('trainingPlans.back')}</a>
      </p>
      <script src="/static/plan-progress.js" defer />
    </Layout>
  );
}
