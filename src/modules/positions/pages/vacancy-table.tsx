import { CsrfField } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { postStatusLabel } from '../positions.labels.ts';
import type { VacancyLineView } from '../positions.schemas.ts';

/** A refused posts form: the message, shown in place, and what was typed. */
export type PostsFormError = { positionCode: string; message: string; value: string };

/** Editing of posts on the unit page (roles with positions.manage, viewing today). */
export type PostsEdit = {
  unitId: number;
  error: PostsFormError | null;
  /** The line just saved or cleared by htmx: its row says so. */
  notice?: { positionCode: string; message: string } | undefined;
};

const fieldId = (code: string) => `posts-${code}`;

/** A row of the table; also the htmx fragment a posts form swaps in after saving. */
export function VacancyRow({
  ctx,
  line: l,
  by,
  edit,
}: {
  ctx: ViewContext;
  line: VacancyLineView;
  by: 'unit' | 'position';
  edit?: PostsEdit | undefined;
}) {
  const { t } = ctx;
  const notSet = l.updatedAt === null;
  const error = edit?.error?.positionCode === l.positionCode ? edit.error : null;
  const notice = edit?.notice?.positionCode === l.positionCode ? edit.notice : null;
  const action = edit ? `/positions/units/${edit.unitId}/posts` : '';
  return (
    <tr id={`row-${l.positionCode}`}>
      <th scope="row">
        {by === 'unit' ? (
          <a href={`/positions/units/${l.unitId}`}>{l.unitName}</a>
        ) : (
          <>
            <code>{l.positionCode}</code> {l.positionName ?? ''}
          </>
        )}
      </th>
      <td class="num">{notSet ? t('positions.postsForm.notSet') : l.posts}</td>
      <td class="num">{l.holders}</td>
      <td class="num">{l.vacant}</td>
      <td class="num">{l.over}</td>
      <td>
        {notSet && l.holders === 0 ? (
          '—'
        ) : l.status === 'FILLED' ? (
          postStatusLabel(t, l.status)
        ) : (
          <strong>{postStatusLabel(t, l.status)}</strong>
        )}
      </td>
      {edit && (
        <td>
          <form method="post" action={action} hx-post={action} hx-target="closest tr" hx-swap="outerHTML">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="positionCode" value={l.positionCode} />
            {l.updatedAt && <input type="hidden" name="expectedUpdatedAt" value={l.updatedAt} />}
            <label for={fieldId(l.positionCode)}>{t('positions.postsForm.label', { code: l.positionCode })}</label>{' '}
            <input
              id={fieldId(l.positionCode)}
              name="posts"
              type="number"
              inputmode="numeric"
              min="0"
              max="999"
              step="1"
              required
              size={4}
              value={error ? error.value : notSet ? '' : String(l.posts)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${fieldId(l.positionCode)}-error` : undefined}
            />{' '}
            <button type="submit" name="action" value="save">
              {t('positions.postsForm.save')}
            </button>
            {l.updatedAt && (
              <>
                {' '}
                <button type="submit" name="action" value="clear" formnovalidate>
                  {t('positions.postsForm.clear')}
                </button>
              </>
            )}
            {error && (
              <p id={`${fieldId(l.positionCode)}-error`} class="alert error" role="alert">
                {error.message}
              </p>
            )}
            {notice && <p role="status">{notice.message}</p>}
          </form>
        </td>
      )}
    </tr>
  );
}

/** Posts against holders, one line per unit (or per position); vacancies and over-filled posts stand out. */
export function VacancyTable({
  ctx,
  caption,
  lines,
  by,
  edit,
}: {
  ctx: ViewContext;
  caption: string;
  lines: VacancyLineView[];
  by: 'unit' | 'position';
  edit?: PostsEdit | undefined;
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
          {edit && <th scope="col">{t('positions.postsForm.col')}</th>}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <VacancyRow ctx={ctx} line={l} by={by} edit={edit} />
        ))}
      </tbody>
    </table>
  );
}
