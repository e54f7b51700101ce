import { CsrfField } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';

export type Choice = { code: string; name: string };

/** One radio group per configured criterion; works without JavaScript. */
export function RatingForm({
  ctx,
  action,
  criteria,
  levels,
  hidden,
}: {
  ctx: ViewContext;
  action: string;
  criteria: Choice[];
  levels: Choice[];
  hidden: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <form method="post" action={action} class="rating">
      <CsrfField ctx={ctx} />
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {criteria.map((c, i) => (
        <fieldset>
          <legend>{`${i + 1}. ${c.name}`}</legend>
          {levels.map((l) => (
            <label>
              <input type="radio" name={`a.${c.code}`} value={l.code} /> {l.name}
            </label>
          ))}
        </fieldset>
      ))}
      <label for="rating-comment">{t('rating.comment')}</label>
      <textarea id="rating-comment" name="comment" rows={3} maxlength={2000} />
      <button type="submit">{t('rating.submit')}</button>
    </form>
  );
}
