import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate } from '../../../platform/time/format.ts';
import type { UnitVacancies } from '../positions.schemas.ts';
import { type PostsEdit, VacancyTable } from './vacancy-table.tsx';

/** What a manager may add: positions in force that the unit has no line for yet. */
export type PostsAdd = { positions: { code: string; name: string }[] };

export function UnitVacanciesPage({
  ctx,
  view,
  edit,
  add,
  notice,
}: {
  ctx: ViewContext;
  view: UnitVacancies;
  edit?: PostsEdit | undefined;
  add?: PostsAdd | undefined;
  notice?: string | undefined;
}) {
  const { t } = ctx;
  const title = t('positions.unit.title', { unit: view.unitName });
  // An error about a position that has no row yet belongs to the add form.
  const addError = edit?.error && !view.lines.some((l) => l.positionCode === edit.error?.positionCode) ? edit.error : null;
  const action = `/positions/units/${view.unitId}/posts`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/positions">{t('positions.title')}</a>
      </p>
      <h1>{title}</h1>
      {notice && <p role="status">{notice}</p>}
      <p>
        {t('positions.filter.asOf')}: {formatDate(view.asOf)} · {t('positions.totals', view.totals)}
      </p>
      {view.lines.length === 0 ? (
        <p>{t('positions.posts.none')}</p>
      ) : (
        <VacancyTable ctx={ctx} caption={title} lines={view.lines} by="position" edit={edit} />
      )}
      {edit && add && add.positions.length > 0 && (
        <form method="post" action={action} class="stack">
          <h2>{t('positions.postsForm.addTitle')}</h2>
          <CsrfField ctx={ctx} />
          <p>
            <label for="add-positionCode">{t('positions.postsForm.position')}</label>
            <select id="add-positionCode" name="positionCode" required>
              {add.positions.map((p) => (
                <option value={p.code} selected={addError?.positionCode === p.code}>
                  {p.code} – {p.name}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="add-posts">{t('positions.postsForm.posts')}</label>
            <input
              id="add-posts"
              name="posts"
              type="number"
              inputmode="numeric"
              min="0"
              max="999"
              step="1"
              required
              value={addError?.value ?? ''}
              aria-invalid={addError ? 'true' : undefined}
              aria-describedby={addError ? 'add-posts-error' : undefined}
            />
          </p>
          {addError && (
            <p id="add-posts-error" class="alert error" role="alert">
              {addError.message}
            </p>
          )}
          <p>
            <button type="submit" name="action" value="save">
              {t('positions.postsForm.add')}
            </button>
          </p>
        </form>
      )}
    </Layout>
  );
}
