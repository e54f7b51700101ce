import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate } from '../../../platform/time/format.ts';
import { fitStatusLabel, reasonText } from '../position-fit.section.tsx';
import type { NotMeetingPerson } from '../use-cases/position-fit.ts';

export type UnitFitView = {
  unit: { id: number; name: string } | null;
  units: { id: number; name: string }[];
  total: number;
  truncated: boolean;
  limit: number;
  people: NotMeetingPerson[];
};

/** /position-fit?unitId=: the people of a unit who do not meet (or are not shown to meet) their position, with their gaps. */
export function UnitFitPage({ ctx, view }: { ctx: ViewContext; view: UnitFitView }) {
  const { t, locale } = ctx;
  const title = view.unit ? t('fit.unit.title', { unit: view.unit.name }) : t('fit.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <form method="get" action="/position-fit" class="stack">
        <label for="fit-unit">{t('fit.unit.pick')}</label>
        <select id="fit-unit" name="unitId">
          {view.units.map((u) => (
            <option value={String(u.id)} selected={view.unit?.id === u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <button type="submit">{t('fit.unit.show')}</button>
      </form>
      {!view.unit ? (
        <p>{t('fit.unit.choose')}</p>
      ) : view.people.length === 0 ? (
        <p>{t('fit.unit.none')}</p>
      ) : (
        <>
          <p>{t('fit.unit.count', { n: view.people.length, total: view.total })}</p>
          {view.truncated && <p class="muted">{t('fit.unit.truncated', { limit: view.limit })}</p>}
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fit.col.person')}</th>
                <th scope="col">{t('fit.col.position')}</th>
                <th scope="col">{t('fit.col.status')}</th>
                <th scope="col">{t('fit.col.deadline')}</th>
                <th scope="col">{t('fit.col.gaps')}</th>
                <th scope="col">{t('fit.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {view.people.map(({ placement: p, fit, names }) => {
                const gaps = fit.competencies.filter((c) => c.gap === null || c.gap > 0);
                const other = fit.reasons.filter((r) => r.code !== 'COMPETENCY_GAP' && r.code !== 'COMPETENCY_NOT_ASSESSED');
                return (
                  <tr>
                    <th scope="row">
                      <a href={`/staff/${p.staffId}`}>{p.fullName}</a>
                    </th>
                    <td>
                      <code>{p.positionCode}</code> {locale === 'vi' ? p.positionNameVi : p.positionNameEn}
                    </td>
                    <td>{fitStatusLabel(t, fit.status)}</td>
                    <td>{fit.graceDeadline ? formatDate(fit.graceDeadline) : '—'}</td>
                    <td>
                      {gaps.length === 0 ? (
                        '—'
                      ) : (
                        <ul>
                          {gaps.map((c) => {
                            const n = names.get(c.competencyCode);
                            return (
                              <li>
                                <code>{c.competencyCode}</code> {(locale === 'vi' ? n?.nameVi : n?.nameEn) ?? ''}:{' '}
                                {c.gap === null
                                  ? t('fit.gap.notAssessed', { required: c.required })
                                  : t('fit.gap.short', { required: c.required, actual: c.assessed?.level ?? '' })}
                              </li>
                            );
                          })}
                        </ul>
                      )}
                    </td>
                    <td>
                      {other.length === 0 ? (
                        '—'
                      ) : (
                        <ul>
                          {other.map((r) => (
                            <li>{reasonText(t, r)}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </Layout>
  );
}
