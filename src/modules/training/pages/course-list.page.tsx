import { Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
import { optionsOf, type SearchField, SearchForm, type SearchOption } from '../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { CONTENT_TYPES, COURSE_MODES } from '../courses.ts';
import { contentTypeLabel, courseStatusLabel, formatVnd, modeLabel } from '../training.labels.ts';
import type { CourseListQuery, CourseListResponse, CourseSummary } from '../training.schemas.ts';

export type CourseListView = {
  query: CourseListQuery;
  result: CourseListResponse;
  canManage: boolean;
  /** Competencies of the framework in force, for the filter (code and name). */
  competencies: readonly { code: string; name: string }[];
};

const RESULTS_ID = 'course-results';

/** The list's filters, for the export link (the same courses, all pages). */
function exportQuery(q: CourseListQuery): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries({ q: q.q, contentType: q.contentType, mode: q.mode, competency: q.competency, status: q.status }))
    if (v !== undefined && v !== '') sp.set(k, v);
  const qs = sp.toString();
  return qs ? `?${qs}` : '';
}

function NameCell({ ctx, c }: { ctx: ViewContext; c: CourseSummary }) {
  // The Vietnamese name is the official one; other languages see the English name under it.
  return (
    <th scope="row">
      <a href={`/training/courses/${c.id}`} lang="vi">
        {c.nameVi}
      </a>
      {ctx.locale !== 'vi' && (
        <>
          <br />
          <span class="muted" lang="en">
            {c.nameEn}
          </span>
        </>
      )}
    </th>
  );
}

/** The part htmx swaps: result count, table and pager. */
export function CourseResults({ ctx, view }: { ctx: ViewContext; view: CourseListView }) {
  const { t, locale } = ctx;
  const { query, result } = view;
  return (
    <div id={RESULTS_ID}>
      <p role="status">{t('common.results', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('common.noResults')}</p>
      ) : (
        <table>
          <caption>{t('training.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.col.name')}</th>
              <th scope="col">{t('training.col.code')}</th>
              <th scope="col">{t('training.col.contentType')}</th>
              <th scope="col">{t('training.col.mode')}</th>
              <th scope="col" class="num">
                {t('training.col.duration')}
              </th>
              <th scope="col" class="num">
                {t('training.col.costPerClass')}
              </th>
              <th scope="col" class="num">
                {t('training.col.costPerParticipant')}
              </th>
              <th scope="col">{t('training.col.competencies')}</th>
              {query.status !== 'ACTIVE' && <th scope="col">{t('training.col.status')}</th>}
            </tr>
          </thead>
          <tbody>
            {result.items.map((c) => (
              <tr>
                <NameCell ctx={ctx} c={c} />
                <td>
                  <code>{c.code}</code>
                </td>
                <td>{contentTypeLabel(t, c.contentType)}</td>
                <td>{modeLabel(t, c.mode)}</td>
                <td class="num">{t('training.days', { n: c.durationDays })}</td>
                <td class="num">{formatVnd(locale, c.costPerClass)}</td>
                <td class="num">{formatVnd(locale, c.costPerParticipant)}</td>
                <td>{c.competencies.map((x) => `${x.competencyCode} → ${x.raisesToLevel}`).join(', ') || '—'}</td>
                {query.status !== 'ACTIVE' && <td>{courseStatusLabel(t, c.status)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        ctx={ctx}
        base="/training/courses"
        params={{
          q: query.q,
          contentType: query.contentType,
          mode: query.mode,
          competency: query.competency,
          status: query.status === 'ACTIVE' ? undefined : query.status,
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

/** A plain GET form (works without JavaScript); htmx only swaps the results in place. */
export function CourseListPage({ ctx, view }: { ctx: ViewContext; view: CourseListView }) {
  const { t } = ctx;
  const competencies: SearchOption[] = view.competencies.map((c) => ({ value: c.code, label: `${c.code} – ${c.name}` }));
  const filters: SearchField<keyof CourseListQuery>[] = [
    { type: 'search', name: 'q', label: 'training.search' },
    {
      type: 'select',
      name: 'contentType',
      label: 'training.col.contentType',
      all: 'training.filter.allTypes',
      options: optionsOf(CONTENT_TYPES, (c) => contentTypeLabel(t, c)),
    },
    {
      type: 'select',
      name: 'mode',
      label: 'training.col.mode',
      all: 'training.filter.allModes',
      options: optionsOf(COURSE_MODES, (m) => modeLabel(t, m)),
    },
    {
      type: 'select',
      name: 'competency',
      label: 'training.filter.competency',
      all: 'training.filter.allCompetencies',
      options: competencies,
    },
    {
      type: 'select',
      name: 'status',
      label: 'training.filter.status',
      options: optionsOf(['ACTIVE', 'RETIRED', 'ALL'] as const, (s) => courseStatusLabel(t, s)),
    },
  ];
  return (
    <Layout ctx={ctx} title={t('training.title')}>
      <h1>{t('training.title')}</h1>
      <p>
        {view.canManage && (
          <>
            <a class="button" href="/training/courses/new">
              {t('training.new')}
            </a>{' '}
            <a class="button" href="/training/courses/import">
              {t('training.import.link')}
            </a>{' '}
          </>
        )}
        <a class="button" href={`/api/v1/training/courses/export.xlsx${exportQuery(view.query)}`} download>
          {t('training.export')}
        </a>
      </p>
      <SearchForm ctx={ctx} action="/training/courses" idPrefix="course" fields={filters} values={view.query} results={RESULTS_ID} />
      <CourseResults ctx={ctx} view={view} />
    </Layout>
  );
}
