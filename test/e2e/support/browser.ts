import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
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

export async function expectAccessible(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect({ url: page.url(), violations }).toEqual({ url: page.url(), violations: [] });
}

/** Visits a page and checks the HTML document is at most 50 KB (static assets are cached). */
export async function visit(page: Page, url: string): Promise<number> {
  const res = await page.goto(url);
  expect(res, `no response for ${url}`).not.toBeNull();
  const body = await res!.body();
  expect({ url, bytes: body.length, ok: body.length <= 50 * 1024 }).toMatchObject({ url, ok: true });
  return res!.status();
}

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await page.waitForLoadState('load');
}
