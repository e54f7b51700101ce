import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate } from '../../../platform/time/format.ts';
import { versionStatusLabel } from '../competencies.labels.ts';
import type { VersionView } from '../competencies.schemas.ts';

export type VersionsView = { versions: VersionView[]; inForceId: number | null; canManage: boolean; today: string };

export function VersionsPage({ ctx, view }: { ctx: ViewContext; view: VersionsView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('competencies.versions.title')}>
      <h1>{t('competencies.versions.title')}</h1>
      <p>{t('competencies.versions.intro')}</p>
      {view.versions.length === 0 ? (
        <p>{t('competencies.versions.none')}</p>
      ) : (
        <table>
          <caption>{t('competencies.versions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('competencies.versions.col.no')}</th>
              <th scope="col">{t('competencies.versions.col.label')}</th>
              <th scope="col">{t('competencies.versions.col.from')}</th>
              <th scope="col">{t('competencies.versions.col.status')}</th>
              <th scope="col">{t('competencies.versions.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {view.versions.map((v) => (
              <tr>
                <td class="num">{v.versionNo}</td>
                <th scope="row">
                  <a href={`/positions?versionId=${v.id}`}>{v.label}</a>
                </th>
                <td>{formatDate(v.effectiveFrom)}</td>
                <td>
                  {versionStatusLabel(t, v.status)} {v.id === view.inForceId && t('competencies.versions.inForce')}
                </td>
                <td>
                  <a href={`/api/v1/competencies/versions/${v.id}/export.json`} download>
                    {t('competencies.versions.exportJson')}
                  </a>{' '}
                  ·{' '}
                  <a href={`/api/v1/competencies/versions/${v.id}/export.xlsx`} download>
                    {t('competencies.versions.exportXlsx')}
                  </a>
                  {view.canManage && v.status === 'DRAFT' && (
                    <form method="post" action={`/competencies/versions/${v.id}/publish`} class="inline">
                      <CsrfField ctx={ctx} />
                      <button type="submit">{t('competencies.versions.publish')}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.canManage && (
        <>
          <h2>{t('competencies.versions.new')}</h2>
          <form method="post" action="/competencies/versions">
            <CsrfField ctx={ctx} />
            <label for="v-label">
              {t('competencies.versions.label')}
              <input id="v-label" name="label" required maxLength={200} />
            </label>
            <label for="v-from">
              {t('competencies.versions.effectiveFrom')}
              <input id="v-from" name="effectiveFrom" type="date" required value={view.today} />
            </label>
            <label for="v-source">
              {t('competencies.versions.sourceNote')}
              <textarea id="v-source" name="sourceNote" required maxLength={2000} />
            </label>
            <button type="submit">{t('competencies.versions.create')}</button>
          </form>
          <p>{t('competencies.versions.importNote')}</p>
        </>
      )}
    </Layout>
  );
}
