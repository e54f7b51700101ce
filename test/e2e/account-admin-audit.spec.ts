import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectLanded, land, launchBrowser, signIn, visibleText } from './support/browser.ts';
import { E2E_PASSWORD, type RunningServer, startServer } from './support/server.ts';
import { signedInPage, TotpBook } from './support/session.ts';

const NEW_PASSWORD = 'Song-Huong-e2e-2026!';
const NEW_USER = { username: 'e2e.kimlong', displayName: 'Hoàng Thị Kim Liên', password: 'Cau-Truong-Tien-2026!' };

/** Calls the API the way a script would: a bearer token and no browser cookies. */
async function me(baseUrl: string, token: string): Promise<{ status: number; username?: string }> {
  const res = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { username?: string };
  return { status: res.status, username: body.username };
}

describe('Account, user administration and the audit log in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const totp = new TotpBook();
  /** admin's session is kept for the whole file: a TOTP code cannot be replayed within 30 s. */
  let admin: Page;
  let newUserId = 0;

  const url = (path: string) => `${server.baseUrl}${path}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('specialist changes the password on /account; after signing out only the new one works', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'specialist', E2E_PASSWORD, totp);
    await land(page, url('/account'), 'specialist /account');
    await page.getByLabel('Mật khẩu hiện tại').fill(E2E_PASSWORD);
    await page.getByLabel(/^Mật khẩu mới/).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL(url('/account?done=password'));
    await expectLanded(page, 'specialist /account after the password change');
    expect(await visibleText(page.getByRole('status').first())).toContain('Đã đổi mật khẩu');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(url('/login'));
    await expectLanded(page, 'specialist /login after signing out');

    await signIn(page, server.baseUrl, 'specialist', E2E_PASSWORD);
    expect(new URL(page.url()).pathname, 'old password refused').toBe('/login');
    await expectLanded(page, 'specialist /login with the old password');
    expect(await visibleText(page.getByRole('alert'))).toContain('Tên đăng nhập hoặc mật khẩu không đúng');

    await signIn(page, server.baseUrl, 'specialist', NEW_PASSWORD);
    expect(page.url(), 'new password accepted').toBe(url('/'));
    await expectLanded(page, 'specialist home with the new password');
    await page.context().close();
  });

  it('a personal API token from /account answers /api/v1/me until it is revoked', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'specialist', NEW_PASSWORD, totp);
    await land(page, url('/account'), 'specialist /account (tokens)');
    await page.getByLabel('Tên gợi nhớ').fill('e2e script');
    await page.getByRole('button', { name: 'Tạo mã' }).click();
    await page.waitForURL(url('/account/tokens'));
    await expectLanded(page, 'specialist /account with the new token');
    const token = await visibleText(page.locator('#new-token'));
    expect(token).toMatch(/^cadre_pat_/);

    expect(await me(server.baseUrl, token)).toEqual({ status: 200, username: 'specialist' });

    // Shown once: the account page shows only the prefix afterwards.
    await land(page, url('/account'), 'specialist /account (token listed)');
    expect(await page.locator('#new-token').count()).toBe(0);
    expect(await visibleText(page.locator('main'))).not.toContain(token);

    await page.getByRole('button', { name: 'Thu hồi mã “e2e script”' }).click();
    await page.waitForURL(url('/account?done=revoked'));
    await expectLanded(page, 'specialist /account after revoking');
    expect((await me(server.baseUrl, token)).status, 'revoked token refused').toBe(401);
    await page.context().close();
  });

  it('admin creates a commune account on /admin/users and its holder can sign in', async () => {
    admin = await signedInPage(browser, server.baseUrl, 'admin', E2E_PASSWORD, totp);
    await land(admin, url('/admin/users'), 'admin /admin/users');
    await admin.getByLabel('Tên đăng nhập').fill(NEW_USER.username);
    await admin.getByLabel('Họ và tên').fill(NEW_USER.displayName);
    await admin.getByLabel('Vai trò').selectOption({ label: 'Công chức tiếp nhận (một cửa)' });
    const kimLong = await admin.locator('#unitId option', { hasText: /^Phường Kim Long \(/ }).getAttribute('value');
    expect(kimLong, 'Kim Long among the unit choices').toMatch(/^\d+$/);
    await admin.getByLabel('Đơn vị').selectOption(kimLong ?? '');
    await admin.getByLabel(/^Mật khẩu ban đầu/).fill(NEW_USER.password);
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.waitForURL(url('/admin/users?done=created'));
    await expectLanded(admin, 'admin /admin/users after creating');
    const disable = admin.getByRole('button', { name: `Khóa tài khoản ${NEW_USER.username}` });
    const action = await disable.locator('xpath=ancestor::form').getAttribute('action');
    newUserId = Number(action?.match(/\/admin\/users\/(\d+)\/disable$/)?.[1]);
    expect(newUserId, 'disable form of the new account').toBeGreaterThan(0);

    const user = await signedInPage(browser, server.baseUrl, NEW_USER.username, NEW_USER.password, totp);
    await expectLanded(user, `${NEW_USER.username} home`);
    expect(await visibleText(user.locator('main'))).toContain('Phường Kim Long');
    await land(user, url('/units'), `${NEW_USER.username} /units`);
    expect(await user.locator('#unit-results tbody th[scope=row]').allInnerTexts()).toEqual(['Phường Kim Long']);

    // Disabling ends the session: the next navigation of the user's browser is sent to sign in.
    await admin.getByRole('button', { name: `Khóa tài khoản ${NEW_USER.username}` }).click();
    await admin.waitForURL(url('/admin/users?done=disabled'));
    await expectLanded(admin, 'admin /admin/users after disabling');
    expect(await visibleText(admin.getByRole('status').first())).toContain('Đã khóa tài khoản');

    await user.goto(url('/staff'));
    expect(new URL(user.url()).pathname, 'a disabled account is signed out').toBe('/login');
    await expectLanded(user, `${NEW_USER.username} /login after being disabled`);
    await signIn(user, server.baseUrl, NEW_USER.username, NEW_USER.password);
    expect(new URL(user.url()).pathname, 'a disabled account cannot sign in again').toBe('/login');
    await user.context().close();
  });

  /** Applies the action filter on /audit (htmx swap) and returns each row's action, actor (username) and entity. */
  async function auditRows(page: Page, action: string): Promise<{ action: string; actor: string; entity: string; text: string }[]> {
    await page.getByLabel('Hành động').fill(action);
    const swapped = page.waitForResponse((r) => new URL(r.url()).searchParams.get('action') === action);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await swapped;
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe(action);
    const rows = page.locator('#audit-results tbody tr');
    const out = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out.push({
        action: await visibleText(row.locator('td').nth(3)),
        actor: (await visibleText(row.locator('td').nth(2))).split(/\s/)[0] ?? '',
        entity: await visibleText(row.locator('td').nth(4)),
        text: await visibleText(row),
      });
    }
    return out;
  }

  it('admin finds those events on /audit, and the action filter keeps only the chosen action', async () => {
    await land(admin, url('/audit'), 'admin /audit');
    const all = await admin.locator('#audit-results tbody td:nth-child(4)').allInnerTexts();
    expect(new Set(all).size, 'the unfiltered log mixes actions').toBeGreaterThan(1);

    const expected: [string, (r: { actor: string; entity: string; text: string }) => boolean][] = [
      ['auth.login', (r) => r.actor === 'specialist'],
      ['auth.login_failed', (r) => r.text.includes('specialist')],
      ['auth.mfa_enrolled', (r) => r.actor === 'admin'],
      ['user.password_change', (r) => r.actor === 'specialist'],
      ['token.create', (r) => r.actor === 'specialist'],
      ['token.revoke', (r) => r.actor === 'specialist'],
      ['user.create', (r) => r.actor === 'admin' && r.entity === `user #${newUserId}`],
      ['user.disable', (r) => r.actor === 'admin' && r.entity === `user #${newUserId}`],
    ];
    for (const [action, matches] of expected) {
      const rows = await auditRows(admin, action);
      expect(rows.length, `/audit?action=${action} has entries`).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.action)), `/audit?action=${action} shows only that action`).toEqual(new Set([action]));
      expect(rows.some(matches), `/audit?action=${action} has the entry made by this suite`).toBe(true);
    }
    await expectAccessible(admin, 'admin /audit after the htmx filter');
    expect(await land(admin, url('/audit?action=user.disable'), 'admin /audit?action=user.disable (direct)')).toBe(200);
    expect(await admin.locator('#audit-results tbody tr').count()).toBeGreaterThan(0);
  });

  it('padmin reads the same audit log after enrolling TOTP', async () => {
    const padmin = await signedInPage(browser, server.baseUrl, 'padmin', E2E_PASSWORD, totp);
    await land(padmin, url('/audit'), 'padmin /audit');
    const rows = await auditRows(padmin, 'user.create');
    expect(
      rows.some((r) => r.entity === `user #${newUserId}`),
      'padmin sees the user.create entry',
    ).toBe(true);
    await padmin.context().close();
  });
});
