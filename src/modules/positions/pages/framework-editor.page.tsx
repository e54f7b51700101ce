import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { competencyGroupLabel, localised } from '../../competencies/competencies.labels.ts';
import type { CompetencyView } from '../../competencies/competencies.schemas.ts';
import { PROFICIENCY_LEVELS } from '../../competencies/framework.ts';
import type { PositionDetail } from '../positions.schemas.ts';

/** One select per competency of the version: not required, or a level 1–5. */
export function FrameworkEditorPage({
  ctx,
  position: p,
  library,
}: {
  ctx: ViewContext;
  position: PositionDetail;
  library: CompetencyView[];
}) {
  const { t, locale } = ctx;
  const name = localised(locale, p.nameVi, p.nameEn);
  const required = new Map(p.requirements.map((r) => [r.competencyCode, r.level]));
  return (
    <Layout ctx={ctx} title={t('positions.framework.editTitle', { name })}>
      <p>
        <a href={`/positions/${p.id}`}>{name}</a>
      </p>
      <h1>{t('positions.framework.editTitle', { name })}</h1>
      <form method="post" action={`/positions/${p.id}/framework`}>
        <CsrfField ctx={ctx} />
        <table>
          <caption>{t('positions.framework')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('competencies.col.name')}</th>
              <th scope="col">{t('competencies.col.group')}</th>
              <th scope="col">{t('positions.framework.level')}</th>
            </tr>
          </thead>
          <tbody>
            {library.map((c) => {
              const id = `lvl-${c.code.replace(/[^A-Za-z0-9]/g, '-')}`;
              return (
                <tr>
                  <th scope="row">
                    <label for={id}>{localised(locale, c.nameVi, c.nameEn)}</label>
                  </th>
                  <td>{competencyGroupLabel(t, c.group)}</td>
                  <td>
                    <select id={id} name={`level.${c.code}`}>
                      <option value="">{t('positions.framework.notRequired')}</option>
                      {PROFICIENCY_LEVELS.map((l) => (
                        <option value={String(l)} selected={required.get(c.code) === l}>
                          {l}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit">{t('common.save')}</button>
      </form>
    </Layout>
  );
}
