import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { competencyFieldLabel, competencyGroupLabel, localised } from '../competencies.labels.ts';
import type { CompetencyView, VersionView } from '../competencies.schemas.ts';
import { versionLine } from './competency-list.page.tsx';

export function CompetencyDetailPage({
  ctx,
  competency: c,
  version,
}: {
  ctx: ViewContext;
  competency: CompetencyView;
  version: VersionView;
}) {
  const { t, locale } = ctx;
  const name = localised(locale, c.nameVi, c.nameEn);
  return (
    <Layout ctx={ctx} title={name}>
      <p>
        <a href={`/competencies?versionId=${version.id}`}>{t('competencies.title')}</a>
      </p>
      <h1>{name}</h1>
      <dl>
        <dt>{t('competencies.col.code')}</dt>
        <dd>
          <code>{c.code}</code>
        </dd>
        <dt>{t('competencies.col.group')}</dt>
        <dd>{competencyGroupLabel(t, c.group)}</dd>
        {c.field && (
          <>
            <dt>{t('competencies.col.field')}</dt>
            <dd>{competencyFieldLabel(t, c.field)}</dd>
          </>
        )}
        <dt>{t('competencies.filter.version')}</dt>
        <dd>{versionLine(ctx, version)}</dd>
      </dl>
      <p>{localised(locale, c.descriptionVi, c.descriptionEn)}</p>
      {c.draftDescriptors && (
        <p class="notice" role="note">
          {t('competencies.draftDescriptors')}
        </p>
      )}
      <table>
        <caption>{t('competencies.levelsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('competencies.col.level')}</th>
            <th scope="col" lang="vi">
              {t('competencies.col.descriptor')} (vi)
            </th>
            <th scope="col" lang="en">
              {t('competencies.col.descriptor')} (en)
            </th>
          </tr>
        </thead>
        <tbody>
          {c.levels.map((l) => (
            <tr>
              <th scope="row" class="num">
                {l.level}
              </th>
              <td lang="vi">{l.vi}</td>
              <td lang="en">{l.en}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
