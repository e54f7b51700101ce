import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate } from '../../../platform/time/format.ts';
import type { UnitVacancies } from '../positions.schemas.ts';
import { VacancyTable } from './vacancy-table.tsx';

export function UnitVacanciesPage({ ctx, view }: { ctx: ViewContext; view: UnitVacancies }) {
  const { t } = ctx;
  const title = t('positions.unit.title', { unit: view.unitName });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/positions">{t('positions.title')}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {t('positions.filter.asOf')}: {formatDate(view.asOf)} · {t('positions.totals', view.totals)}
      </p>
      {view.lines.length === 0 ? (
        <p>{t('positions.posts.none')}</p>
      ) : (
        <VacancyTable ctx={ctx} caption={title} lines={view.lines} by="position" />
      )}
    </Layout>
  );
}
