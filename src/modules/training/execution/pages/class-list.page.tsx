import { Layout } from '../../../../platform/html/layout.tsx';
import { Pager } from '../../../../platform/html/pager.tsx';
import { optionsOf, type SearchField, SearchForm } from '../../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatDate } from '../../../../platform/time/format.ts';
import { classStatusLabel } from '../execution.labels.ts';
import type { ClassList, ClassListQuery } from '../execution.schemas.ts';
import { CLASS_STATUSES } from '../execution.ts';

export type ClassListView = {
  query: ClassListQuery;
  result: ClassList;
  canManage: boolean;
  courses: readonly { id: number; code: string; nameVi: string }[];
  years: readonly number[];
};

const RESULTS_ID = 'class-results';

/** The part htmx swaps: count, table and pager. */
export function ClassResults({ ctx, view }: { ctx: ViewContext; view: ClassListView }) {
  const { t } = ctx;
  const { query, result } = view;
  return (
    <div id={RESULTS_ID}>
      <p role="status">{t('common.results', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('common.noResults')}</p>
      ) : (
        <table>
          <caption>{t('trainingExec.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trainingExec.col.class')}</th>
              <th scope="col">{t('trainingExec.col.course')}</th>
              <th scope="col">{t('trainingExec.col.dates')}</th>
              <th scope="col">{t('trainingExec.col.status')}</th>
              <th scope="col" class="num">
                {t('trainingExec.col.seats')}
              </th>
              <th scope="col" class="num">
                {t('trainingExec.col.completed')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/training/classes/${c.id}`}>{c.code}</a>
                </th>
                <td lang="vi">{c.courseNameVi}</td>
                <td>
                  {formatDate(c.startDate)} – {formatDate(c.endDate)}
                </td>
                <td>{classStatusLabel(t, c.status)}</td>
                <td class="num">
                  {c.seatsTaken} / {c.capacity}
                </td>
                <td class="num">{c.completed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        ctx={ctx}
        base="/training/classes"
        params={{
          year: query.year,
          courseId: query.courseId,
          status: query.status,
          pageSize: query.pageSize === 50 ? undefined : query.pageSize,
        }}
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        target={`#${RESULTS_ID}`}
      />
    </div>
  );
}

/** Held classes with filters by year, course and status (a plain GET form; htmx swaps the results). */
export function ClassListPage({ ctx, view }: { ctx: ViewContext; view: ClassListView }) {
  const { t } = ctx;
  const filters: SearchField<keyof ClassListQuery>[] = [
    {
      type: 'select',
      name: 'year',
      label: 'trainingExec.filter.year',
      all: 'trainingExec.filter.allYears',
      options: optionsOf(view.years, String),
    },
    {
      type: 'select',
      name: 'courseId',
      label: 'trainingExec.col.course',
      all: 'trainingExec.filter.allCourses',
      options: view.courses.map((c) => ({ value: c.id, label: `${c.code} – ${c.nameVi}` })),
    },
    {
      type: 'select',
      name: 'status',
      label: 'trainingExec.col.status',
      all: 'trainingExec.filter.allStatuses',
      options: optionsOf(CLASS_STATUSES, (s) => classStatusLabel(t, s)),
    },
  ];
  return (
    <Layout ctx={ctx} title={t('trainingExec.list.title')}>
      <h1>{t('trainingExec.list.title')}</h1>
      <p>
        {view.canManage && (
          <>
            <a class="button" href="/training/classes/new">
              {t('trainingExec.new')}
            </a>{' '}
          </>
        )}
        <a href="/training/execution">{t('trainingExec.report.link')}</a>
      </p>
      <SearchForm ctx={ctx} action="/training/classes" idPrefix="class" fields={filters} values={view.query} results={RESULTS_ID} />
      <ClassResults ctx={ctx} view={view} />
    </Layout>
  );
}
