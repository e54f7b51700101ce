import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { competencyGroupLabel, localised } from '../../competencies/competencies.labels.ts';
import type { CompetencyView } from '../../competencies/competencies.schemas.ts';
import { PROFICIENCY_LEVELS } from '../../competencies/framework.ts';
import type { PositionDetail } from '../positions.schemas.ts';

/** A refused save shown again: the levels as chosen (code → level) and the translated message. */
export type FrameworkEditorRetry = { levels: ReadonlyMap<string, number>; error: string };

/**
 * One select per competency of the version: not required, or a level 1–5. The hidden
 * `frameworkRevision` is the one shown (after a conflict: the one now recorded, with the
 * levels as chosen kept), so a save over someone else's change is refused or deliberate.
 */
export function FrameworkEditorPage({
  ctx,
  position: p,
  library,
  retry,
}: {
  ctx: ViewContext;
  position: PositionDetail;
  library: CompetencyView[];
  retry?: FrameworkEditorRetry;
}) {
  const { t, locale } = ctx;
  const name = localised(locale, p.nameVi, p.nameEn);
  const required = retry?.levels ?? new Map(p.requirements.map((r) => [r.competencyCode, r.level]));
  return (
    <Layout ctx={ctx} title={t('positions.framework.editTitle', { name })}>
      <p>
        <a href={`/positions/${p.id}`}>{name}</a>
      </p>
      <h1>{t('positions.framework.editTitle', { name })}</h1>
      {retry && (
        <p class="alert" role="alert">
          {retry.error}
        </p>
      )}
      <form method="post" action={`/positions/${p.id}/framework`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="frameworkRevision" value={String(p.frameworkRevision)} />
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
