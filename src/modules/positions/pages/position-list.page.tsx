import { Layout } from '../../../platform/html/layout.tsx';
import { optionsOf, type SearchField, SearchForm } from '../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { localised } from '../../competencies/competencies.labels.ts';
import type { VersionView } from '../../competencies/competencies.schemas.ts';
import { POSITION_BODIES, POSITION_GROUPS } from '../../competencies/framework.ts';
import { versionField, versionLine } from '../../competencies/pages/competency-list.page.tsx';
import { rankLabel } from '../../staff/staff.labels.ts';
import { positionBodyLabel, positionGroupLabel } from '../positions.labels.ts';
import type { PositionListQuery, PositionListResponse } from '../positions.schemas.ts';

export type PositionListView = {
  query: PositionListQuery;
  result: PositionListResponse;
  versions: VersionView[];
  ownUnitId: number | null;
};

export function PositionListPage({ ctx, view }: { ctx: ViewContext; view: PositionListView }) {
  const { t, locale } = ctx;
  const { query, result } = view;
  const groups = optionsOf(POSITION_GROUPS, (g) => positionGroupLabel(t, g));
  const bodies = optionsOf(POSITION_BODIES, (b) => positionBodyLabel(t, b));
  const filters: SearchField<keyof PositionListQuery>[] = [
    { type: 'search', name: 'q', label: 'positions.search' },
    { type: 'select', name: 'group', label: 'positions.filter.group', all: 'positions.filter.allGroups', options: groups },
    { type: 'select', name: 'bodyKind', id: 'body', label: 'positions.filter.body', all: 'positions.filter.allBodies', options: bodies },
    versionField(ctx, view.versions),
  ];
  return (
    <Layout ctx={ctx} title={t('positions.title')}>
      <h1>{t('positions.title')}</h1>
      <p>
        <a href="/competencies/versions">{t('positions.versionsLink')}</a> · <a href="/competencies">{t('competencies.title')}</a>
        {view.ownUnitId !== null && (
          <>
            {' · '}
            <a href={`/positions/units/${view.ownUnitId}`}>{t('positions.unit.link')}</a>
          </>
        )}
      </p>
      <SearchForm ctx={ctx} action="/positions" idPrefix="pos" fields={filters} values={query} />
      <p role="status">
        {t('common.results', { count: result.items.length })} · {versionLine(ctx, result.version)}
      </p>
      {POSITION_GROUPS.map((group) => {
        const items = result.items.filter((p) => p.group === group);
        if (items.length === 0) return null;
        return (
          <section>
            <h2>{positionGroupLabel(t, group)}</h2>
            <table>
              <caption>
                {positionGroupLabel(t, group)} ({items.length})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('positions.col.code')}</th>
                  <th scope="col">{t('positions.col.name')}</th>
                  <th scope="col">{t('positions.col.body')}</th>
                  <th scope="col">{t('positions.col.rank')}</th>
                  <th scope="col">{t('positions.col.confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr>
                    <td>
                      <code>{p.code}</code>
                    </td>
                    <th scope="row">
                      <a href={`/positions/${p.id}`}>{localised(locale, p.nameVi, p.nameEn)}</a>
                    </th>
                    <td>{positionBodyLabel(t, p.bodyKind)}</td>
                    <td>{rankLabel(t, p.requiredRank)}</td>
                    <td>{p.confirmed ? t('positions.confirmed') : t('positions.notConfirmed')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </Layout>
  );
}
