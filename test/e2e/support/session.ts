import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { totpCode } from '../../../src/platform/auth/totp.ts';
import { expectLanded, signIn, trackDocuments, visibleText } from './browser.ts';

/** Main-navigation links this suite knows, in the order the layout shows them. */
export const KNOWN_NAV = ['/', '/units', '/staff', '/admin/users', '/audit', '/account', '/docs'];
const navWithout = (...hidden: string[]) => KNOWN_NAV.filter((h) => !hidden.includes(h));
const BASE_NAV = navWithout('/admin/users', '/audit');

/** The demo accounts (README table) and the known navigation links each role should see. */
export type DemoAccount = { username: string; role: string; roleLabel: string; nav: string[]; inPhuXuan: boolean };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'analyst', role: 'province_analyst', roleLabel: 'Chuyên viên phân tích Sở Nội vụ', nav: BASE_NAV, inPhuXuan: false },
  { username: 'padmin', role: 'province_admin', roleLabel: 'Quản trị viên Sở Nội vụ', nav: navWithout('/admin/users'), inPhuXuan: false },
  { username: 'admin', role: 'system_admin', roleLabel: 'Quản trị hệ thống', nav: KNOWN_NAV, inPhuXuan: false },
  { username: 'leader', role: 'unit_leader', roleLabel: 'Lãnh đạo UBND xã/phường', nav: BASE_NAV, inPhuXuan: true },
  { username: 'hr', role: 'unit_hr', roleLabel: 'Công chức phụ trách nội vụ xã/phường', nav: BASE_NAV, inPhuXuan: true },
  { username: 'specialist', role: 'field_specialist', roleLabel: 'Công chức chuyên môn', nav: BASE_NAV, inPhuXuan: true },
  { username: 'counter', role: 'counter_officer', roleLabel: 'Công chức tiếp nhận (một cửa)', nav: BASE_NAV, inPhuXuan: true },
  { username: 'counter2', role: 'counter_officer', roleLabel: 'Công chức tiếp nhận (một cửa)', nav: BASE_NAV, inPhuXuan: false },
];

const STEP_MS = 30_000;

/**
 * TOTP secrets seen during enrolment, and the last time step used per account. The server
 * refuses a code whose step was already claimed but accepts one step of drift, so a second
 * sign-in within the same 30 s uses the next step's code instead of waiting.
 */
export class TotpBook {
  private readonly entries = new Map<string, { secret: string; lastStep: number }>();

  remember(username: string, secret: string): void {
    this.entries.set(username, { secret, lastStep: -1 });
  }

  has(username: string): boolean {
    return this.entries.has(username);
  }

  nextCode(username: string, now = Date.now()): string {
    const entry = this.entries.get(username);
    if (!entry) throw new Error(`no TOTP secret recorded for ${username}`);
    const current = Math.floor(now / STEP_MS);
    const step = Math.max(current, entry.lastStep + 1);
    if (step > current + 1) throw new Error(`${username}: more than two TOTP sign-ins within 30 s; reuse the session instead`);
    entry.lastStep = step;
    return totpCode(entry.secret, new Date(step * STEP_MS));
  }
}

/**
 * Signs in through the form; for administrators it completes the TOTP step too (enrolling
 * on first sign-in from the secret shown on the page), checking that page like any other.
 */
export async function signInAs(page: Page, baseUrl: string, username: string, password: string, totp: TotpBook): Promise<void> {
  await signIn(page, baseUrl, username, password);
  const path = new URL(page.url()).pathname;
  if (path === '/login/totp/enrol') {
    await expectLanded(page, `${username} TOTP enrolment`);
    const secret = (await page.locator('code.secret').textContent())?.trim() ?? '';
    expect(secret, `${username}: TOTP secret on the enrolment page`).toMatch(/^[A-Z2-7]+=*$/);
    totp.remember(username, secret);
  } else if (path === '/login/totp') {
    await expectLanded(page, `${username} TOTP step`);
  } else {
    return;
  }
  await page.getByLabel(/Mã 6 chữ số|6-digit code/).fill(totp.nextCode(username));
  await page.getByRole('button', { name: /Xác nhận|Verify/ }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/** A fresh Vietnamese-locale context, signed in as `username`, with document tracking on. */
export async function signedInPage(browser: Browser, baseUrl: string, username: string, password: string, totp: TotpBook): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = trackDocuments(await context.newPage());
  await signInAs(page, baseUrl, username, password, totp);
  expect({ username, url: page.url() }, `${username} should land on the home page after signing in`).toEqual({
    username,
    url: `${baseUrl}/`,
  });
  return page;
}

export type NavLink = { href: string; label: string };

/** The main navigation (header) links as shown. */
export async function navLinks(page: Page): Promise<NavLink[]> {
  const links = page.locator('header nav a');
  const out: NavLink[] = [];
  for (let i = 0; i < (await links.count()); i++) {
    const link = links.nth(i);
    out.push({ href: (await link.getAttribute('href')) ?? '', label: await visibleText(link) });
  }
  return out;
}

/** Text of the <dd> next to the <dt> with exactly this label, in a `dl.kv`. */
export async function definition(page: Page, term: string): Promise<string> {
  const exact = new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('dl.kv > div').filter({ has: page.locator('dt', { hasText: exact }) });
  return visibleText(row.locator('dd'));
}
