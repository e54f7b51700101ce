import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectLanded, land, launchBrowser, trackDocuments, visibleText, visit } from './support/browser.ts';
import { E2E_PASSWORD, type RunningServer, startServer } from './support/server.ts';
import { definition, navLinks, signedInPage, TotpBook } from './support/session.ts';

const SHOWCASE = 'Tôn Nữ Minh Thư';
const SHOWCASE_PLAIN = 'Ton Nu Minh Thu';

/** English labels of the navigation links every staff role has (src/platform/i18n/catalogue/common.ts). */
const ENGLISH_NAV: Record<string, string> = {
  '/': 'Home',
  '/units': 'Administrative units',
  '/staff': 'Staff',
  '/account': 'My account',
  '/docs': 'API documentation',
};

describe('Search, htmx, keyboard and language in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const totp = new TotpBook();
  const pages = new Map<string, Page>();
  let showcasePath = '';

  const url = (path: string) => `${server.baseUrl}${path}`;
  const pageFor = async (username: string): Promise<Page> => {
    const existing = pages.get(username);
    if (existing) return existing;
    const page = await signedInPage(browser, server.baseUrl, username, E2E_PASSWORD, totp);
    pages.set(username, page);
    return page;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /**
   * Types into a list's search box and submits; htmx must fetch only the results fragment,
   * swap it in place and push the new URL. A marker on window proves the page never reloaded.
   */
  async function htmxSearch(page: Page, list: 'units' | 'staff', text: string, label: string): Promise<void> {
    const resultsId = list === 'units' ? 'unit-results' : 'staff-results';
    await page.evaluate(() => {
      (window as unknown as { e2eMarker: string }).e2eMarker = 'same document';
    });
    const fragment = page.waitForResponse(
      (r) => new URL(r.url()).searchParams.get('q') === text && r.request().headers()['hx-request'] === 'true',
    );
    await page.locator(`#${list}-q`).fill(text);
    await page.locator(`#${list}-q`).press('Enter');
    const res = await fragment;
    expect(res.status(), `${label}: fragment status`).toBe(200);
    const body = await res.text();
    expect(body, `${label}: htmx answer is the results fragment, not a page`).toMatch(new RegExp(`^<div id="${resultsId}"`));
    expect(body).not.toContain('<html');
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), { message: `${label}: URL pushed` }).toBe(text);
    expect(new URL(page.url()).pathname).toBe(`/${list}`);
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker), `${label}: page reloaded`).toBe(
      'same document',
    );
  }

  it(`finds "${SHOWCASE}" on /staff from "${SHOWCASE_PLAIN}" typed without diacritics`, async () => {
    const page = await pageFor('analyst');
    await land(page, url('/staff'), 'analyst /staff');
    await htmxSearch(page, 'staff', SHOWCASE_PLAIN, 'analyst staff search');
    const names = (await page.locator('#staff-results tbody th[scope=row]').allInnerTexts()).map((s) => s.trim());
    expect(names).toEqual([SHOWCASE]);
    await expectAccessible(page, 'analyst /staff after the htmx search');
    await page.getByRole('link', { name: SHOWCASE }).click();
    await page.waitForURL(/\/staff\/\d+$/);
    showcasePath = new URL(page.url()).pathname;
    await expectLanded(page, 'analyst showcase profile');
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(SHOWCASE);
  });

  it('her profile shows the former chairman post and the current head-of-department post', async () => {
    const page = await pageFor('analyst');
    await land(page, url(showcasePath), 'analyst showcase profile');
    const rows = page.locator('table[aria-labelledby=history] tbody tr');
    const history = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = (await rows.nth(i).locator('td, th').allInnerTexts()).map((s) => s.trim());
      history.push({ to: cells[1], title: cells[2], unit: cells[4] });
    }
    expect(history).toContainEqual({ to: '30/06/2025', title: 'Chủ tịch UBND', unit: 'Phường Thuận Lộc (Phường (trước sắp xếp))' });
    expect(history).toContainEqual({ to: 'nay', title: 'Trưởng phòng Kinh tế, Hạ tầng và Đô thị', unit: 'Phường Phú Xuân (Phường)' });
  });

  it('masks her citizen ID and birth date for the analyst and shows them in full to hr of her ward', async () => {
    const analyst = await pageFor('analyst');
    await land(analyst, url(showcasePath), 'analyst showcase profile');
    const maskedId = await definition(analyst, 'Số định danh cá nhân');
    expect(maskedId, 'analyst sees a masked citizen ID').toMatch(/^\d{4}\*{6}\d{2}$/);
    expect(await definition(analyst, 'Năm sinh'), 'analyst sees only the birth year').toMatch(/^\d{4}$/);
    expect(await analyst.locator('dl.kv dt', { hasText: /^Ngày sinh$/ }).count()).toBe(0);

    const hr = await pageFor('hr');
    await land(hr, url(showcasePath), 'hr showcase profile');
    const fullId = await definition(hr, 'Số định danh cá nhân');
    expect(fullId, 'hr sees the whole citizen ID').toMatch(/^\d{12}$/);
    expect(`${fullId.slice(0, 4)}******${fullId.slice(-2)}`).toBe(maskedId);
    const birthDate = await definition(hr, 'Ngày sinh');
    expect(birthDate, 'hr sees the birth date dd/mm/yyyy').toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(birthDate.slice(-4)).toBe(await definition(analyst, 'Năm sinh'));
  });

  it('htmx swaps only the unit results in place and pushes the URL', async () => {
    const page = await pageFor('analyst');
    await land(page, url('/units'), 'analyst /units');
    await htmxSearch(page, 'units', 'Phu Xuan', 'analyst units search');
    const names = (await page.locator('#unit-results tbody th[scope=row]').allInnerTexts()).map((s) => s.trim());
    expect(names).toContain('Phường Phú Xuân');
    expect(names.length).toBeLessThan(40);
    await expectAccessible(page, 'analyst /units after the htmx search');
    // Back restores the unfiltered list (htmx history), still without a reload.
    await page.goBack();
    await expect.poll(() => visibleText(page.locator('#unit-results [role=status]'))).toBe('40 kết quả');
  });

  it('the same searches work with JavaScript off, as plain GET forms', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', javaScriptEnabled: false });
    const page = await context.newPage();
    await visit(page, url('/login'), 'no-JS /login');
    await page.getByLabel('Tên đăng nhập').fill('analyst');
    await page.getByLabel('Mật khẩu').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(url('/'));
    const landed: string[] = [];

    await visit(page, url('/staff'), 'no-JS /staff');
    await page.locator('#staff-q').fill(SHOWCASE_PLAIN);
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL((u) => u.pathname === '/staff' && u.searchParams.get('q') === SHOWCASE_PLAIN);
    expect(await page.locator('#staff-results tbody th[scope=row]').allInnerTexts(), 'no-JS staff search').toEqual([SHOWCASE]);
    landed.push(page.url());

    await visit(page, url('/units'), 'no-JS /units');
    await page.locator('#units-q').fill('Phu Xuan');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL((u) => u.pathname === '/units' && u.searchParams.get('q') === 'Phu Xuan');
    expect(await page.locator('#unit-results tbody th[scope=row]').allInnerTexts(), 'no-JS units search').toContain('Phường Phú Xuân');
    landed.push(page.url());
    await context.close();

    // axe needs JavaScript, so the pages reached without it are checked again with it on.
    const analyst = await pageFor('analyst');
    for (const u of landed) expect(await land(analyst, u, `no-JS result page ${new URL(u).pathname}`)).toBe(200);
  });

  it('keyboard: the first Tab on /login reaches the skip link, which moves focus into main', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = trackDocuments(await context.newPage());
    await land(page, url('/login'), 'keyboard /login');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await visibleText(focused)).toBe('Bỏ qua đến nội dung chính');
    expect(await focused.getAttribute('href')).toBe('#main');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toBe('#main');
    // Chromium moves the sequential-focus starting point to #main (main has no tabindex, so
    // document.activeElement stays <body>): the next Tab must land on the form's first field.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    await context.close();
  });

  it('keyboard: the login form can be completed without a mouse', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = trackDocuments(await context.newPage());
    await land(page, url('/login'), 'keyboard /login');
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('leader');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.type(E2E_PASSWORD);
    await page.keyboard.press('Tab');
    expect(await visibleText(page.locator(':focus'))).toBe('Đăng nhập');
    await page.keyboard.press('Enter');
    await page.waitForURL(url('/'));
    await expectLanded(page, 'leader home after keyboard sign-in');
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(1);
    await context.close();
  });

  it('switching to English keeps the session, changes every nav label and persists across navigation', async () => {
    const page = await pageFor('specialist');
    await land(page, url('/'), 'specialist home (vi)');
    const before = await navLinks(page);
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(page.url(), 'language switch returns to the same page').toBe(url('/'));
    await expectLanded(page, 'specialist home (en)');
    expect(await page.getByRole('button', { name: 'Sign out' }).count(), 'still signed in').toBe(1);

    const after = await navLinks(page);
    expect(after.map((l) => l.href)).toEqual(before.map((l) => l.href));
    for (const [i, link] of after.entries()) {
      expect({ href: link.href, changed: link.label !== before[i]?.label }, `nav label of ${link.href}`).toEqual({
        href: link.href,
        changed: true,
      });
      if (ENGLISH_NAV[link.href]) expect(link.label, `English label of ${link.href}`).toBe(ENGLISH_NAV[link.href]);
    }

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Administrative units' }).click();
    await page.waitForURL(url('/units'));
    await expectLanded(page, 'specialist /units (en)');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Administrative units');
    await land(page, url('/staff'), 'specialist /staff (en)');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect((await navLinks(page)).map((l) => l.label)).toEqual(after.map((l) => l.label));
  });
});
