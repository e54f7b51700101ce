import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLanded, land, launchBrowser, visibleText, visit } from './support/browser.ts';
import { E2E_PASSWORD, type RunningServer, startServer } from './support/server.ts';
import { DEMO_ACCOUNTS, KNOWN_NAV, navLinks, signedInPage, TotpBook } from './support/session.ts';

const PHU_XUAN = 'Phường Phú Xuân';
/** The pre-merger wards that became Phú Xuân (src/modules/demo/hue-units.ts). */
const PHU_XUAN_FORMER = ['Phường Phú Hậu', 'Phường Đông Ba', 'Phường Gia Hội', 'Phường Tây Lộc', 'Phường Thuận Lộc'];

async function rowNames(page: Page, resultsId: string): Promise<string[]> {
  return (await page.locator(`#${resultsId} tbody th[scope=row]`).allInnerTexts()).map((s) => s.trim());
}

/** The id in the link of the only row named exactly `name` (on /units). */
async function unitIdByName(page: Page, name: string): Promise<number> {
  const link = page.locator('#unit-results tbody th[scope=row] a', { hasText: new RegExp(`^${name}$`) });
  const href = await link.getAttribute('href');
  const id = Number(href?.split('/').pop());
  expect(id, `unit id of ${name}`).toBeGreaterThan(0);
  return id;
}

describe('Demo roles in a browser: navigation and unit scoping', () => {
  let server: RunningServer;
  let browser: Browser;
  const totp = new TotpBook();
  /** One signed-in page per account, reused: admin TOTP codes cannot be replayed within 30 s. */
  const pages = new Map<string, Page>();

  const url = (path: string) => `${server.baseUrl}${path}`;
  /**
   * Every page is opened for every role (status, size), but axe runs on each page once, for the
   * first role that lands on it (and on the refusal page once): the same template checked eight
   * times made this the slowest spec of CI.
   */
  const axeChecked = new Set<string>();
  const check = async (page: Page, key: string, label: string, href = key): Promise<number> => {
    if (axeChecked.has(key)) return visit(page, url(href), label);
    axeChecked.add(key);
    return land(page, url(href), label);
  };
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

  describe.each(DEMO_ACCOUNTS)('$username ($role)', (account) => {
    it('signs in and sees exactly the navigation its role allows, every link of which works', async () => {
      const { username } = account;
      const page = await pageFor(username);
      await expectLanded(page, `${username} home`);
      expect(await visibleText(page.locator('header .session')), `${username}: role in the header`).toContain(account.roleLabel);
      if (username === 'admin' || username === 'padmin') expect(totp.has(username), `${username} enrolled TOTP`).toBe(true);

      const links = await navLinks(page);
      const known = links.map((l) => l.href).filter((h) => KNOWN_NAV.includes(h));
      expect({ username, nav: known }).toEqual({ username, nav: account.nav });
      // Links added by other modules must at least open for this role (no nav link to a 403).
      for (const { href } of links) {
        if (href === '/') continue;
        const status = await check(page, href, `${username} ${href}`);
        expect({ username, href, status }).toEqual({ username, href, status: 200 });
      }
      for (const href of KNOWN_NAV.filter((h) => !account.nav.includes(h))) {
        const status = await check(page, `403:${href}`, `${username} ${href} (refused)`, href);
        expect({ username, href, status }).toEqual({ username, href, status: 403 });
        expect(await visibleText(page.getByRole('alert'))).toContain('Bạn không có quyền thực hiện thao tác này');
      }
    });
  });

  it('home shows each commune role its own unit: Phú Xuân, and a mountainous commune for counter2', async () => {
    for (const { username, inPhuXuan } of DEMO_ACCOUNTS) {
      const page = await pageFor(username);
      await land(page, url('/'), `${username} home`);
      const main = await visibleText(page.locator('main'));
      if (inPhuXuan) expect(main, `${username} home scope`).toContain(PHU_XUAN);
      else expect(main, `${username} home scope`).not.toContain(PHU_XUAN);
    }
  });

  it('analyst sees all 40 current units', async () => {
    const page = await pageFor('analyst');
    await land(page, url('/units'), 'analyst /units');
    expect(await visibleText(page.locator('#unit-results [role=status]'))).toBe('40 kết quả');
    const names = await rowNames(page, 'unit-results');
    expect(names).toHaveLength(40);
    expect(names).toContain(PHU_XUAN);
    expect(names).toContain('Phường Kim Long');
  });

  it('counter sees only Phú Xuân on /units, with its former wards among all units', async () => {
    const page = await pageFor('counter');
    await land(page, url('/units'), 'counter /units');
    expect(await rowNames(page, 'unit-results')).toEqual([PHU_XUAN]);
    await land(page, url('/units?status=all'), 'counter /units?status=all');
    expect((await rowNames(page, 'unit-results')).sort()).toEqual([PHU_XUAN, ...PHU_XUAN_FORMER].sort());
    const formerId = await unitIdByName(page, 'Phường Thuận Lộc');
    expect(await land(page, url(`/units/${formerId}`), 'counter former unit Thuận Lộc'), 'counter may open a former ward of Phú Xuân').toBe(
      200,
    );
  });

  it('counter gets the 404 page for another unit, for its staff and for another former ward', async () => {
    const analyst = await pageFor('analyst');
    await land(analyst, url('/units'), 'analyst /units');
    const kimLong = await unitIdByName(analyst, 'Phường Kim Long');
    // Hương Long is one of the wards that became Kim Long, not Phú Xuân.
    await land(analyst, url('/units?status=former&q=Huong+Long'), 'analyst former units "Huong Long"');
    const formerKimLong = await unitIdByName(analyst, 'Phường Hương Long');

    const counter = await pageFor('counter');
    for (const path of [`/units/${kimLong}`, `/units/${formerKimLong}`, `/staff?unitId=${kimLong}`]) {
      const status = await land(counter, url(path), `counter ${path} (other unit)`);
      expect({ path, status }, `counter must not see ${path}`).toEqual({ path, status: 404 });
      expect(await visibleText(counter.getByRole('alert'))).toContain('Không tìm thấy đơn vị hành chính');
    }
    expect(await land(analyst, url(`/units/${kimLong}`), 'analyst Kim Long'), 'the analyst may open Kim Long').toBe(200);
  });

  it('staff lists are scoped the same way: counter and counter2 see only their own unit, analyst the province', async () => {
    const units: Record<string, string> = {};
    for (const username of ['counter', 'counter2']) {
      const page = await pageFor(username);
      await land(page, url('/units'), `${username} /units`);
      const own = await rowNames(page, 'unit-results');
      expect(own, `${username} sees one current unit`).toHaveLength(1);
      units[username] = own[0] ?? '';
      await land(page, url('/staff'), `${username} /staff`);
      const unitCells = await page.locator('#staff-results tbody tr td:nth-child(4)').allInnerTexts();
      expect(unitCells.length, `${username} staff rows`).toBeGreaterThan(10);
      expect(new Set(unitCells.map((s) => s.trim())), `${username} staff units`).toEqual(new Set([units[username]]));
      expect(await page.locator('#staff-unit').count(), `${username} has no unit filter`).toBe(0);
    }
    expect(units.counter).toBe(PHU_XUAN);
    expect(units.counter2).not.toBe(PHU_XUAN);
    // counter2's commune is a mountainous one (the "mountainous" column of /units says so).
    const counter2 = await pageFor('counter2');
    await land(counter2, url('/units'), 'counter2 /units');
    expect(await visibleText(counter2.locator('#unit-results tbody tr td:nth-child(5)'))).toBe('Có');

    const analyst = await pageFor('analyst');
    await land(analyst, url('/staff'), 'analyst /staff');
    const analystUnits = new Set((await analyst.locator('#staff-results tbody tr td:nth-child(4)').allInnerTexts()).map((s) => s.trim()));
    expect(analystUnits.size, 'analyst sees staff of several units').toBeGreaterThan(1);
    expect(await analyst.locator('#staff-unit option').count(), 'analyst can filter by any of 40 units').toBe(41);
  });
});
