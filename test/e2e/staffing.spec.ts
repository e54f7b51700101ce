import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLanded, land, launchBrowser, visibleText } from './support/browser.ts';
import { E2E_PASSWORD, type RunningServer, startServer } from './support/server.ts';
import { signedInPage, TotpBook } from './support/session.ts';

/**
 * The WISN what-if calculator in a browser, as a province analyst, with JavaScript (htmx
 * swaps the calculator in place). The figures are chosen so the arithmetic is easy to follow:
 *   working days = 260 − (11 + 12 + 5 + 2) = 230; AWT = 230 × 8 h = 1,840 h = 110,400 min;
 *   4,600 dossiers at 24 min each: standard workload 110,400 / 24 = 4,600 → 1 person;
 *   a weekly 1-hour meeting: CAS = 1 / (8 × 5) = 2.5 %, CAF = 1 / (1 − 0.025) = 1.0256…;
 *   required staff = 1 × 1.0256 = 1.03 (2 decimals); with 1 in post, the ratio is 0.975 → 1.0.
 */
describe('WISN calculator in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const totp = new TotpBook();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await signedInPage(browser, server.baseUrl, 'analyst', E2E_PASSWORD, totp);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const figure = async (label: string) =>
    visibleText(
      page
        .locator('#wisn-result tr')
        .filter({ has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
        .locator('td')
        .first(),
    );

  it('computes required staff with every intermediate figure, accessible', async () => {
    expect(await land(page, `${server.baseUrl}/staffing/wisn`, 'analyst /staffing/wisn')).toBe(200);
    const wt = {
      possibleWorkingDays: '260',
      publicHolidayDays: '11',
      annualLeaveDays: '12',
      sickLeaveDays: '5',
      otherAbsenceDays: '2',
      hoursPerDay: '8',
      daysPerWeek: '5',
    };
    for (const [f, v] of Object.entries(wt)) await page.locator(`[name="workingTime.${f}"]`).fill(v);
    await page.locator('[name="service.0.name"]').fill('Đăng ký khai sinh');
    await page.locator('[name="service.0.annualWorkload"]').fill('4600');
    await page.locator('[name="service.0.standard"]').fill('24');
    await page.locator('[name="service.0.standardUnit"]').selectOption('minutes_per_item');
    await page.locator('[name="support.0.name"]').fill('Giao ban tuần');
    await page.locator('[name="support.0.time"]').fill('1');
    await page.locator('[name="support.0.timeUnit"]').selectOption('hours');
    await page.locator('[name="support.0.per"]').selectOption('week');
    await page.locator('[name="actualStaff"]').fill('1');
    await page.getByRole('button', { name: 'Tính', exact: true }).first().click();
    await page.locator('#wisn-result').waitFor();
    expect(await figure('Nhân lực cần có')).toMatch(/^1,03\b/);
    expect(await figure('Thời gian làm việc khả dụng \\(AWT\\)')).toMatch(/^1\.840\b/);
    await expectLanded(page, 'WISN result');
  });

  it('refuses support allowances of 100 % or more with a translated error next to the field, values kept', async () => {
    await page.locator('[name="support.0.time"]').fill('8');
    await page.locator('[name="support.0.per"]').selectOption('day');
    await page.getByRole('button', { name: 'Tính', exact: true }).first().click();
    await page.getByRole('alert').waitFor();
    expect(await visibleText(page.getByRole('alert'))).toContain('100');
    expect(await page.locator('[name="service.0.name"]').inputValue()).toBe('Đăng ký khai sinh');
    await expectLanded(page, 'WISN refusal');
  });
});
