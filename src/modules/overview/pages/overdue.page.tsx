import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import type { DueDossier } from '../read-model/dossier-due.ts';

export type OverdueView = { unit: { code: string; name: string }; asOf: string; items: DueDossier[] };

/** /overview/overdue?unit=: the open dossiers of one unit past their due date now (the overview's overdue count). */
export function OverduePage({ ctx, view }: { ctx: ViewContext; view: OverdueView }) {
  const { t, locale } = ctx;
  const title = t('overview.overdue.title', { unit: view.unit.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('overview.overdue.intro', { count: view.items.length, at: formatInstant(view.asOf) })}</p>
      <p>
        <a href="/overview">{t('overview.back')}</a>
      </p>
      {view.items.length === 0 ? (
        <p>{t('overview.overdue.none')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('overview.overdue.code')}</th>
                <th scope="col">{t('overview.overdue.procedure')}</th>
                <th scope="col">{t('overview.overdue.applicant')}</th>
                <th scope="col">{t('overview.overdue.appointment')}</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((d) => (
                <tr>
                  <th scope="row">
                    <a href={`/dossiers/${d.id}`}>{d.code}</a>
                  </th>
                  <td>{locale === 'vi' ? d.procedureNameVi : d.procedureNameEn}</td>
                  <td>{d.applicantName}</td>
                  <td>{formatInstant(d.appointmentAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
