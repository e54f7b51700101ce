import type { WebClient } from './web-client.ts';

/**
 * Walks the server-rendered pages a signed-in role can reach, breadth first from the given
 * start pages, following same-site links; collects each response's headers and every POST
 * form seen. Downloads and event streams are not followed (checked elsewhere); /logout and
 * the language switch are skipped so the walk keeps its session and locale.
 */

export type Visited = { path: string; status: number; contentType: string; headers: Headers };
export type FoundForm = { page: string; action: string; fields: Record<string, string> };
export type Crawl = { visited: Visited[]; forms: FoundForm[] };

const SKIP = [/^\/static\//, /^\/logout/, /^\/lang/, /\.(pdf|xlsx|lp|mps|json|csv)(\?|$)/, /\/events(\?|$)/, /\/progress(\?|$)/];

function unescapeHtml(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** Same-site paths linked from a page (href, hx-get, form GET actions). */
export function linksOf(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/(?:href|hx-get)="(\/(?!\/)[^"#]*)"/g)) out.add(unescapeHtml(m[1] ?? ''));
  return [...out].filter((p) => p !== '' && !SKIP.some((re) => re.test(p)));
}

/** POST forms on a page with their named fields' default values. */
export function formsOf(page: string, html: string): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1] ?? '';
    if (!/method="post"/i.test(attrs) && !/hx-post=/.test(attrs)) continue;
    const action = unescapeHtml(/(?:action|hx-post)="([^"]*)"/.exec(attrs)?.[1] ?? page);
    if (!action.startsWith('/')) continue;
    const fields: Record<string, string> = {};
    for (const input of (m[2] ?? '').matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)) {
      const a = input[1] ?? '';
      const name = /name="([^"]+)"/.exec(a)?.[1];
      if (!name) continue;
      fields[unescapeHtml(name)] = unescapeHtml(/value="([^"]*)"/.exec(a)?.[1] ?? '');
    }
    forms.push({ page, action: action.split('#')[0] ?? action, fields });
  }
  return forms;
}

/** Keeps one link per route shape (ids and query values collapsed), so a list of 1,600 officials costs one visit. */
export function routeShape(p: string): string {
  const [pathPart = '', query = ''] = p.split('?');
  const keys = new URLSearchParams(query);
  return `${pathPart.replace(/\/\d+(?=\/|$)/g, '/:n')}?${[...keys.keys()].sort().join('&')}`;
}

export async function crawl(
  client: WebClient,
  start: string[],
  maxPages: number,
  onHtml?: (path: string, html: string) => void,
): Promise<Crawl> {
  const queue = [...start];
  const seenShapes = new Set<string>();
  const visited: Visited[] = [];
  const forms: FoundForm[] = [];
  while (queue.length > 0 && visited.length < maxPages) {
    const p = queue.shift() as string;
    const shape = routeShape(p);
    if (seenShapes.has(shape)) continue;
    seenShapes.add(shape);
    const res = await client.get(p);
    const contentType = res.headers.get('content-type') ?? '';
    visited.push({ path: p, status: res.status, contentType, headers: res.headers });
    if (!contentType.startsWith('text/html')) {
      await res.body?.cancel();
      continue;
    }
    const html = await res.text();
    onHtml?.(p, html);
    for (const link of linksOf(html)) if (!seenShapes.has(routeShape(link))) queue.push(link);
    forms.push(...formsOf(p, html));
  }
  return { visited, forms };
}
