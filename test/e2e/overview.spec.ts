import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLanded, land, launchBrowser, visibleText } from './support/browser.ts';
import { E2E_PASSWORD, type RunningServer, startServer } from './support/server.ts';
import { signedInPage, TotpBook } from './support/session.ts';

/**
 * The director's path through the province overview (issue 7 "Done means"), on the demo
 * province: open the overview, sort by the Decision 766 score so the weakest commune comes
 * first, open its score (the scorecard of that unit), come back and open its overdue dossiers,
 * then one of them. Every page is checked for size (≤ 50 KB) and by axe. The director is the
 * Department of Home Affairs' analyst account (province_analyst).
 */
describe('province overview in a browser', () => {
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

  const firstRow = () => page.locator('table.overview-table tbody tr').first();
  let weakest = '';

  it('opens the overview from the navigation, accessible and under 50 KB', async () => {
    await page.getByRole('link', { name: 'Tổng quan', exact: true }).click();
    expect(await expectLanded(page, 'analyst /overview')).toBe(200);
    expect(await page.locator('table.overview-table tbody tr').count()).toBeGreaterThan(1);
    expect(await page.locator('.overview-alerts h2').count()).toBe(1);
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(2);
  });

  it('sorts by score so the weakest unit comes first', async () => {
    expect(await land(page, `${server.baseUrl}/overview?sort=name`, 'overview by name')).toBe(200);
    await page.getByRole('link', { name: 'Sắp xếp theo Điểm 766' }).click();
    expect(await expectLanded(page, 'overview by score')).toBe(200);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('score');
    const scores = await page.locator('table.overview-table tbody tr td:nth-of-type(1) a').allInnerTexts();
    const numbers = scores.map((s) => Number(s.replace('*', '').replace(/\./g, '').replace(',', '.')));
    expect(numbers.length).toBeGreaterThan(1);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    weakest = await visibleText(firstRow().locator('th'));
    expect(weakest.length).toBeGreaterThan(0);
  });

  it('opens the weakest unit’s score: the scorecard of that unit for the same period', async () => {
    const score = await visibleText(firstRow().locator('td').first().locator('a'));
    await firstRow().locator('td').first().locator('a').click();
    expect(await expectLanded(page, 'weakest unit scorecard')).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/scorecard');
    const body = await visibleText(page.locator('main'));
    expect(body).toContain(score.replace('*', ''));
  });

  it('then its overdue dossiers, each opening the dossier', async () => {
    await page.goBack();
    await page.waitForLoadState('load');
    expect(await visibleText(firstRow().locator('th'))).toBe(weakest);
    const count = Number(await visibleText(firstRow().locator('td').nth(5).locator('a')));
    await firstRow().locator('td').nth(5).locator('a').click();
    expect(await expectLanded(page, 'weakest unit overdue dossiers')).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/overview/overdue');
    expect(await visibleText(page.locator('h1'))).toContain(weakest.replace(/\s*⛰$/, ''));
    const links = page.locator('main table tbody tr th a');
    expect(await links.count()).toBe(count);
    if (count > 0) {
      await links.first().click();
      expect(await expectLanded(page, 'an overdue dossier')).toBe(200);
      expect(new URL(page.url()).pathname).toMatch(/^\/dossiers\/\d+$/);
    }
  });
});
