import type { ViewContext } from './view-context.ts';

type PagerProps = {
  ctx: ViewContext;
  base: string;
  params: Record<string, string | number | undefined>;
  page: number;
  pageSize: number;
  total: number;
  /**
   * The total is a lower bound (the count stopped at a cap): no last page is shown, and there
   * is a next page while this one is full (`pageFull`).
   */
  capped?: boolean | undefined;
  pageFull?: boolean | undefined;
  /** htmx target that the list fragment replaces; links still work as plain links. */
  target: string;
};

export function pageHref(base: string, params: PagerProps['params'], page: number): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') sp.set(k, String(v));
  if (page > 1) sp.set('page', String(page));
  const qs = sp.toString();
  return qs ? `${base}?${qs}` : base;
}

export function Pager({ ctx, base, params, page, pageSize, total, capped, pageFull, target }: PagerProps) {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const hasNext = capped ? page < last || pageFull === true : page < last;
  if (page <= 1 && !hasNext) return null;
  const link = (p: number, label: string, rel: string) => {
    const href = pageHref(base, params, p);
    return (
      <a href={href} rel={rel} hx-get={href} hx-target={target} hx-swap="outerHTML" hx-push-url="true">
        {label}
      </a>
    );
  };
  return (
    <nav class="pager" aria-label={ctx.t('common.page', { page })}>
      {page > 1 && link(page - 1, ctx.t('common.previous'), 'prev')}
      <span>
        {ctx.t('common.page', { page })}
        {capped ? '' : ` / ${last}`}
      </span>
      {hasNext && link(page + 1, ctx.t('common.next'), 'next')}
    </nav>
  );
}
