import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.ts';
import { Pager } from './pager.tsx';
import type { ViewContext } from './view-context.ts';

const ctx: ViewContext = { t: translator('en'), locale: 'en', actor: null, csrfToken: 'csrf', path: '/dossiers', requestId: 'r' };
const pager = (props: { page: number; total: number; capped?: boolean; pageFull?: boolean }) =>
  renderToString(<Pager ctx={ctx} base="/dossiers" params={{ status: '4' }} pageSize={20} target="#r" {...props} />);

describe('the pager', () => {
  it('shows the last page and no next link on it when the total is exact', () => {
    expect(pager({ page: 1, total: 45 })).toContain('Page 1 / 3');
    expect(pager({ page: 1, total: 45 })).toContain('href="/dossiers?status=4&amp;page=2"');
    expect(pager({ page: 3, total: 45 })).not.toContain('rel="next"');
    expect(pager({ page: 1, total: 20 })).toBe('');
  });

  it('shows no last page when the count stopped at a cap, and goes on while pages are full', () => {
    const beyond = pager({ page: 500, total: 10_000, capped: true, pageFull: true });
    expect(beyond).not.toContain(' / ');
    expect(beyond).toContain('href="/dossiers?status=4&amp;page=501"');
    expect(pager({ page: 501, total: 10_000, capped: true, pageFull: false })).not.toContain('rel="next"');
    expect(pager({ page: 501, total: 10_000, capped: true, pageFull: false })).toContain('rel="prev"');
  });
});
