import { Layout } from '../../../platform/html/layout.tsx';
import { optionsOf, type SearchField, SearchForm, type SearchSelectField } from '../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate } from '../../../platform/time/format.ts';
import { competencyFieldLabel, competencyGroupLabel, localised } from '../competencies.labels.ts';
import type { CompetencyListQuery, CompetencyListResponse, VersionView } from '../competencies.schemas.ts';
import { COMPETENCY_GROUPS } from '../framework.ts';

export type CompetencyListView = { query: CompetencyListQuery; result: CompetencyListResponse; versions: VersionView[] };

export function versionLine(ctx: ViewContext, v: VersionView): string {
  const line = ctx.t('competencies.version', { no: v.versionNo, label: v.label, from: formatDate(v.effectiveFrom) });
  return v.status === 'DRAFT' ? `${line} · ${ctx.t('competencies.draftVersion')}` : line;
}

/** The framework-version filter of the competency and position lists: empty means the version in force today. */
export function versionField(ctx: ViewContext, versions: readonly VersionView[]): SearchSelectField<'versionId'> {
  const options = versions.map((v) => ({ value: v.id, label: versionLine(ctx, v) }));
  return {
    type: 'select',
    name: 'versionId',
    id: 'version',
    label: 'competencies.filter.version',
    all: 'competencies.filter.inForce',
    options,
  };
}

export function CompetencyListPage({ ctx, view }: { ctx: ViewContext; view: CompetencyListView }) {
  const { t, locale } = ctx;
  const { query, result } = view;
  const groups = optionsOf(COMPETENCY_GROUPS, (g) => competencyGroupLabel(t, g));
  const filters: SearchField<keyof CompetencyListQuery>[] = [
    { type: 'search', name: 'q', label: 'competencies.search' },
    { type: 'select', name: 'group', label: 'competencies.filter.group', all: 'competencies.filter.allGroups', options: groups },
    versionField(ctx, view.versions),
  ];
  return (
    <Layout ctx={ctx} title={t('competencies.title')}>
      <h1>{t('competencies.title')}</h1>
      <p>{t('competencies.intro')}</p>
      <p>
        <a href="/competencies/versions">{t('positions.versionsLink')}</a>
      </p>
      <SearchForm ctx={ctx} action="/competencies" idPrefix="comp" fields={filters} values={query} />
      <p role="status">
        {t('common.results', { count: result.items.length })} · {versionLine(ctx, result.version)}
      </p>
      {result.items.length === 0 ? (
        <p>{t('common.noResults')}</p>
      ) : (
        <table>
          <caption>{t('competencies.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('competencies.col.name')}</th>
              <th scope="col">{t('competencies.col.code')}</th>
              <th scope="col">{t('competencies.col.group')}</th>
              <th scope="col">{t('competencies.col.field')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/competencies/${c.id}`}>{localised(locale, c.nameVi, c.nameEn)}</a>
                </th>
                <td>
                  <code>{c.code}</code>
                </td>
                <td>{competencyGroupLabel(t, c.group)}</td>
                <td>{competencyFieldLabel(t, c.field)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
