import type { ViewContext } from '../../../platform/html/view-context.ts';
import { postStatusLabel } from '../positions.labels.ts';
import type { VacancyLineView } from '../positions.schemas.ts';

/** Posts against holders, one line per unit (or per position); vacancies and over-filled posts stand out. */
export function VacancyTable({
  ctx,
  caption,
  lines,
  by,
}: {
  ctx: ViewContext;
  caption: string;
  lines: VacancyLineView[];
  by: 'unit' | 'position';
}) {
  const { t } = ctx;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{by === 'unit' ? t('positions.col.unit') : t('positions.col.name')}</th>
          <th scope="col" class="num">
            {t('positions.col.posts')}
          </th>
          <th scope="col" class="num">
            {t('positions.col.holders')}
          </th>
          <th scope="col" class="num">
            {t('positions.col.vacant')}
          </th>
          <th scope="col" class="num">
            {t('positions.col.over')}
          </th>
          <th scope="col">{t('positions.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr>
            <th scope="row">
              {by === 'unit' ? (
                <a href={`/positions/units/${l.unitId}`}>{l.unitName}</a>
              ) : (
                <>
                  <code>{l.positionCode}</code> {l.positionName ?? ''}
                </>
              )}
            </th>
            <td class="num">{l.posts}</td>
            <td class="num">{l.holders}</td>
            <td class="num">{l.vacant}</td>
            <td class="num">{l.over}</td>
            <td>{l.status === 'FILLED' ? postStatusLabel(t, l.status) : <strong>{postStatusLabel(t, l.status)}</strong>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
