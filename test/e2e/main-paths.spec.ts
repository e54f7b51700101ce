import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../src/platform/auth/totp.ts';
import { expectAccessible, launchBrowser, signIn, visit } from './support/browser.ts';
import { E2E_PASSWORD, type RunningServer, startServer } from './support/server.ts';

describe('Cadre in a browser (demo province, SQLite)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // It checks what the first start prints (the demo accounts): a real seed, not the shared copy.
    server = await startServer({}, { freshSeed: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const freshPage = async () => {
    await context?.close();
    context = await browser.newContext({ locale: 'vi-VN' });
    page = await context.newPage();
    return page;
  };

  it('prints the demo accounts on first start', () => {
    for (const u of ['analyst', 'admin', 'counter', 'hr']) expect(server.output()).toContain(u);
  });

  it('public pages are accessible, small and in Vietnamese by default', async () => {
    await freshPage();
    for (const path of ['/', '/login', '/docs']) {
      expect(await visit(page, `${server.baseUrl}${path}`)).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      await expectAccessible(page);
    }
  });

  it('switches the language to English and Indonesian', async () => {
    await freshPage();
    await visit(page, `${server.baseUrl}/login`);
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Masuk');
  });

  it('refuses a wrong password with a translated message', async () => {
    await freshPage();
    await signIn(page, server.baseUrl, 'analyst', 'not-the-password');
    expect(await page.getByRole('alert').textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
  });

  it('the province analyst signs in, sees the province and can sign out', async () => {
    await freshPage();
    await signIn(page, server.baseUrl, 'analyst', E2E_PASSWORD);
    expect(page.url()).toBe(`${server.baseUrl}/`);
    expect(await page.textContent('main')).toContain('Thành phố Huế');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${server.baseUrl}/units`);
    expect(page.url()).toContain('/login');
  });

  it('the system administrator must enrol TOTP, then reaches the admin pages', async () => {
    await freshPage();
    await signIn(page, server.baseUrl, 'admin', E2E_PASSWORD);
    expect(page.url()).toContain('/login/totp/enrol');
    await expectAccessible(page);
    const secret = (await page.textContent('code.secret'))?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    await page.getByLabel(/Mã 6 chữ số/).fill(totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    for (const path of ['/admin/users', '/audit']) {
      expect(await visit(page, `${server.baseUrl}${path}`)).toBe(200);
      await expectAccessible(page);
    }
  });
});
