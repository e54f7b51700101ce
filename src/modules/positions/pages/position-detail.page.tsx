import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { competencyGroupLabel, localised } from '../../competencies/competencies.labels.ts';
import { versionLine } from '../../competencies/pages/competency-list.page.tsx';
import { rankLabel } from '../../staff/staff.labels.ts';
import { educationLabel, positionBodyLabel, positionGroupLabel } from '../positions.labels.ts';
import type { PositionDetail } from '../positions.schemas.ts';
import { VacancyTable } from './vacancy-table.tsx';

export function PositionDetailPage({
  ctx,
  position: p,
  canManage,
  saved,
}: {
  ctx: ViewContext;
  position: PositionDetail;
  canManage: boolean;
  saved: boolean;
}) {
  const { t, locale } = ctx;
  const name = localised(locale, p.nameVi, p.nameEn);
  return (
    <Layout ctx={ctx} title={name}>
      <p>
        <a href={`/positions?versionId=${p.version.id}`}>{t('positions.title')}</a>
      </p>
      <h1>
        <code>{p.code}</code> {name}
      </h1>
      {saved && <p role="status">{t('positions.framework.saved')}</p>}
      <dl>
        <dt>{t('positions.filter.group')}</dt>
        <dd>{positionGroupLabel(t, p.group)}</dd>
        <dt>{t('positions.col.body')}</dt>
        <dd>{positionBodyLabel(t, p.bodyKind)}</dd>
        <dt>{t('competencies.filter.version')}</dt>
        <dd>{versionLine(ctx, p.version)}</dd>
        <dt>{t('positions.col.rank')}</dt>
        <dd>{rankLabel(t, p.requiredRank)}</dd>
        <dt>{t('positions.education')}</dt>
        <dd>{educationLabel(t, p.educationLevel)}</dd>
        <dt>{t('positions.qualificationFields')}</dt>
        <dd lang="vi">{p.qualificationFields.join('; ')}</dd>
        <dt>{t('positions.sourceNote')}</dt>
        <dd>
          {p.confirmed ? t('positions.confirmed') : t('positions.notConfirmed')} · <span lang="vi">{p.sourceNote}</span>
        </dd>
      </dl>
      <h2>{t('positions.jobDescription')}</h2>
      <p>{localised(locale, p.jobDescriptionVi, p.jobDescriptionEn)}</p>
      <h2>{t('positions.framework')}</h2>
      {canManage && p.version.status === 'DRAFT' && (
        <p>
          <a class="button" href={`/positions/${p.id}/framework`}>
            {t('positions.framework.edit')}
          </a>
        </p>
      )}
      {p.requirements.length === 0 ? (
        <p>{t('positions.framework.none')}</p>
      ) : (
        <table>
          <caption>{t('positions.framework')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('competencies.col.name')}</th>
              <th scope="col">{t('competencies.col.group')}</th>
              <th scope="col" class="num">
                {t('positions.framework.level')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.requirements.map((r) => (
              <tr>
                <th scope="row">
                  {r.competencyId ? (
                    <a href={`/competencies/${r.competencyId}`}>{localised(locale, r.nameVi ?? r.competencyCode, r.nameEn ?? '')}</a>
                  ) : (
                    <code>{r.competencyCode}</code>
                  )}
                </th>
                <td>{r.group ? competencyGroupLabel(t, r.group) : ''}</td>
                <td class="num">{r.level}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('positions.posts')}</h2>
      {p.posts.length === 0 ? (
        <p>{t('positions.posts.none')}</p>
      ) : (
        <>
          <p>{t('positions.totals', p.totals)}</p>
          <VacancyTable ctx={ctx} caption={t('positions.posts')} lines={p.posts} by="unit" />
        </>
      )}
    </Layout>
  );
}
