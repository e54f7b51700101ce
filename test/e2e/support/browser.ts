import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Locator, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's chromium, headless, with the flags that keep it off this machine's closed network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules) in the page. The script is evaluated
 * through the DevTools protocol, so the page's strict CSP stays on while it runs.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/**
 * Zero axe violations on the current page. `label` (role and page, say) goes into the compared
 * object, so a failure reads "counter /units: color-contrast on td.num" rather than a bare diff.
 */
export async function expectAccessible(page: Page, label = ''): Promise<void> {
  const violations = await axeViolations(page);
  const url = page.url();
  expect({ label, url, violations }, `axe violations for ${label || url}`).toEqual({ label, url, violations: [] });
}

const MAX_PAGE_BYTES = 50 * 1024;

function expectSmall(label: string, url: string, bytes: number): void {
  expect({ label, url, bytes, ok: bytes <= MAX_PAGE_BYTES }, `${label || url} is ${bytes} bytes`).toMatchObject({ label, url, ok: true });
}

/** Visits a page and checks the HTML document is at most 50 KB (static assets are cached). */
export async function visit(page: Page, url: string, label = ''): Promise<number> {
  const res = await page.goto(url);
  if (!res) throw new Error(`no response for ${label || url}`);
  expectSmall(label, url, (await res.body()).length);
  return res.status();
}

/** visit + axe: the check every page a test lands on by URL gets. */
export async function land(page: Page, url: string, label: string): Promise<number> {
  const status = await visit(page, url, label);
  await expectAccessible(page, label);
  return status;
}

const lastDocument = new WeakMap<Page, Response>();

/**
 * Remembers the last HTML document the page's main frame received (redirects skipped), so a
 * page reached by a click or a form post can get the same size check as one reached by URL.
 */
export function trackDocuments(page: Page): Page {
  page.on('response', (r) => {
    const status = r.status();
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame() && (status < 300 || status >= 400)) lastDocument.set(page, r);
  });
  return page;
}

/** Size and axe checks for the page we are on now (after a click, a redirect or a form post). */
export async function expectLanded(page: Page, label: string): Promise<number> {
  await page.waitForLoadState('load');
  const res = lastDocument.get(page);
  if (!res) throw new Error(`${label}: no document seen; call trackDocuments(page) first`);
  const withoutHash = (u: string) => u.split('#')[0];
  expect(withoutHash(res.url()), `${label}: the last document is the page shown`).toBe(withoutHash(page.url()));
  expectSmall(label, res.url(), (await res.body()).length);
  await expectAccessible(page, label);
  return res.status();
}

/** The rendered (visible) text of an element, trimmed. */
export async function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property: rendered text is what a user reads.
  return (await locator.innerText()).trim();
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await page.waitForLoadState('load');
}
