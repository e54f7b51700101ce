import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { type Choice, RatingForm } from './rating-form.tsx';

export type RatingTabletView = {
  dossierId: number;
  code: string;
  canRate: boolean;
  rated: boolean;
  criteria: Choice[];
  levels: Choice[];
  error: string | null;
  notice: string | null;
};

/** The counter tablet: the officer hands it to the citizen, who rates the returned dossier. */
export function RatingTabletPage({ ctx, view }: { ctx: ViewContext; view: RatingTabletView }) {
  const { t } = ctx;
  const title = t('rating.tablet.title', { code: view.code });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
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
      {view.canRate ? (
        <>
          <p>{t('rating.intro')}</p>
          <RatingForm ctx={ctx} action={`/dossiers/${view.dossierId}/rating`} criteria={view.criteria} levels={view.levels} hidden={{}} />
        </>
      ) : (
        !view.notice && <p>{view.rated ? t('rating.done') : t('rating.notYet')}</p>
      )}
    </Layout>
  );
}
