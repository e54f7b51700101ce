import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectLanded, land, launchBrowser, trackDocuments, visibleText } from './support/browser.ts';
import { ddAfter, offeredActions, takeAction, timelineWhat } from './support/dossier-page.ts';
import { E2E_PASSWORD, type RunningServer, startServer } from './support/server.ts';
import { signedInPage, TotpBook } from './support/session.ts';

/**
 * Issue 3's main path in a browser: the one-stop counter receives a dossier, the unit
 * processes it step by step, the counter returns the result, and the citizen tracks and
 * rates it without signing in. The tests run in order and share the dossier.
 */

const PHU_XUAN = 'Phường Phú Xuân';
/** Commune level, seeded with the `standard` workflow: RECEIVE → SPECIALIST → LEADER_APPROVAL → RETURN. */
const PROCEDURE = '1.004873';
const APPLICANT = 'Trần Thị Kiểm Thử';
const PHONE = '0905123456';
const CODE_SHAPE = /^[A-Za-z0-9._]+-\d{6}-\d{4}$/;
const DATE_SHAPE = /\d{2}\/\d{2}\/\d{4}/;

const A = {
  start: 'Chuyển xử lý',
  forward: 'Chuyển bước tiếp theo',
  finish: 'Hoàn thành xử lý',
  returnResult: 'Trả kết quả',
};

describe('Service center main path in a browser: intake → processing → return → rating → tracking', () => {
  let server: RunningServer;
  let browser: Browser;
  const totp = new TotpBook();
  const pages = new Map<string, Page>();
  let dossierUrl = '';
  let code = '';

  const url = (path: string) => `${server.baseUrl}${path}`;
  const pageFor = async (username: string): Promise<Page> => {
    const existing = pages.get(username);
    if (existing) return existing;
    const page = await signedInPage(browser, server.baseUrl, username, E2E_PASSWORD, totp);
    pages.set(username, page);
    return page;
  };
  const publicPage = async (): Promise<Page> => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    return trackDocuments(await context.newPage());
  };
  const requireDossier = () => {
    if (!dossierUrl || !code) throw new Error('the intake test did not create the dossier');
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('counter receives a dossier: code, due date and a PDF receipt', async () => {
    const page = await pageFor('counter');
    expect(await land(page, url('/dossiers/new'), 'counter /dossiers/new')).toBe(200);
    await page.locator('#dossier-procedureCode').selectOption(PROCEDURE);
    expect(await visibleText(page.locator('#dossier-competentUnitId option:checked')), 'competent unit defaults to the counter unit').toBe(
      PHU_XUAN,
    );
    await page.locator('#dossier-applicantName').fill(APPLICANT);
    await page.locator('#dossier-applicantPhone').fill(PHONE);
    await page.locator('#dossier-summary').fill('Xin cấp giấy xác nhận tình trạng hôn nhân (kiểm thử e2e).');
    await page.getByRole('button', { name: 'Tiếp nhận và cấp mã hồ sơ' }).click();
    await page.waitForURL(/\/dossiers\/\d+\?received=1$/);
    expect(await expectLanded(page, 'counter dossier page after intake')).toBe(200);

    code = (await visibleText(page.getByRole('heading', { level: 1 }))).replace(/^Mã hồ sơ:\s*/, '');
    expect(code).toMatch(CODE_SHAPE);
    dossierUrl = page.url().split('?')[0] ?? '';
    expect(await visibleText(page.locator('main [role=status]'))).toContain(code);
    expect(await ddAfter(page, 'Hẹn trả'), 'due date on the dossier page').toMatch(DATE_SHAPE);
    expect(await ddAfter(page, 'Cơ quan giải quyết')).toBe(PHU_XUAN);
    expect(await timelineWhat(page)).toEqual([expect.stringContaining('Tiếp nhận hồ sơ')]);

    const receipt = page.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)' }).first();
    const href = (await receipt.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/dossiers\/\d+\/receipt\.pdf$/);
    const res = await page.request.get(url(href));
    expect({ status: res.status(), type: res.headers()['content-type'] }).toEqual({ status: 200, type: 'application/pdf' });
    expect((await res.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('counter assigns the specialist and starts processing', async () => {
    requireDossier();
    // The demo `specialist` account's display name, as its own header shows it.
    const session = await visibleText((await pageFor('specialist')).locator('header .session'));
    const page = await pageFor('counter');
    expect(await land(page, dossierUrl, 'counter dossier page')).toBe(200);
    expect(await ddAfter(page, 'Chuyên viên xử lý')).toBe('Chưa giao');
    expect(await offeredActions(page)).toContain(A.start);
    const picker = page.getByLabel('Giao cho chuyên viên');
    const names = (await picker.locator('option').allInnerTexts()).map((s) => s.trim());
    const specialist = names.find((n) => session.includes(n));
    expect({ names, session, specialist: specialist !== undefined }).toMatchObject({ specialist: true });
    await picker.selectOption({ label: specialist ?? '' });
    await page.getByRole('button', { name: 'Giao xử lý' }).click();
    await page.waitForURL(/\?assigned=1$/);
    await expectLanded(page, 'counter after assigning');
    expect(await ddAfter(page, 'Chuyên viên xử lý')).toBe(specialist);

    await takeAction(page, A.start, 'counter');
    expect(await offeredActions(page), 'counter has nothing more to do at the specialist step').not.toContain(A.forward);
  });

  it('specialist finds it in /inbox and forwards it to the leader', async () => {
    requireDossier();
    const page = await pageFor('specialist');
    let found = false;
    for (let n = 1; n <= 20 && !found; n++) {
      const path = `/inbox?status=4&page=${n}`;
      expect(await land(page, url(path), `specialist ${path}`)).toBe(200);
      const link = page.locator('main table a', { hasText: new RegExp(`^${code}$`) });
      if ((await link.count()) === 1) {
        found = true;
        await link.click();
      } else if ((await page.locator('main table tbody tr').count()) === 0) break;
    }
    expect(found, `${code} in the specialist's inbox`).toBe(true);
    await page.waitForURL(dossierUrl);
    await expectLanded(page, 'specialist dossier page');
    await takeAction(page, A.forward, 'specialist');
    expect(await offeredActions(page), 'specialist has nothing more to do at the leader step').toEqual([]);
  });

  it('leader approves and finishes', async () => {
    requireDossier();
    const page = await pageFor('leader');
    expect(await land(page, dossierUrl, 'leader dossier page')).toBe(200);
    await takeAction(page, A.finish, 'leader');
    expect(await ddAfter(page, 'Trạng thái')).toBe('Đã xử lý xong');
  });

  it('counter returns the result; the timeline shows every step', async () => {
    requireDossier();
    const page = await pageFor('counter');
    expect(await land(page, dossierUrl, 'counter dossier page (result ready)')).toBe(200);
    await takeAction(page, A.returnResult, 'counter');
    expect(await ddAfter(page, 'Trạng thái')).toBe('Đã trả kết quả');
    const what = await timelineWhat(page);
    const expected = ['Tiếp nhận hồ sơ', 'Giao chuyên viên', 'Chuyển xử lý', 'Chuyển bước', 'Hoàn thành xử lý', 'Trả kết quả'];
    expect(what.map((w) => expected.find((e) => w.startsWith(e)) ?? w)).toEqual(expected);
  });

  it('counter finds the returned dossier in /dossiers by its code', async () => {
    requireDossier();
    const page = await pageFor('counter');
    const path = `/dossiers?q=${encodeURIComponent(code)}`;
    expect(await land(page, url(path), `counter ${path}`)).toBe(200);
    const link = page.locator('main table a', { hasText: new RegExp(`^${code}$`) });
    expect(await link.count(), `${code} listed`).toBe(1);
    await link.click();
    await page.waitForURL(dossierUrl);
    await expectLanded(page, 'counter dossier page from the list');
    expect(await offeredActions(page), 'nothing left to do on a returned dossier').toEqual([]);
  });

  it('counter records the electronic result for the Decision 766 scorecard', async () => {
    requireDossier();
    const page = await pageFor('counter');
    expect(await land(page, dossierUrl, 'counter dossier page')).toBe(200);
    expect(await ddAfter(page, 'Trả kết quả điện tử')).toBe('Chưa');
    await page.getByRole('button', { name: 'Ghi nhận đã trả kết quả điện tử', exact: true }).click();
    await page.waitForURL(/\/dossiers\/\d+/);
    await expectLanded(page, 'dossier page after recording a fact');
    expect(await ddAfter(page, 'Trả kết quả điện tử')).toMatch(/^Có \(/);
    expect(await page.getByRole('button', { name: 'Ghi nhận đã trả kết quả điện tử', exact: true }).count()).toBe(0);
  });

  it('a signed-out citizen tracks it, rates it once, and sees no applicant name', async () => {
    requireDossier();
    const page = await publicPage();
    expect(await land(page, url('/track'), 'public /track')).toBe(200);
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByLabel('4 số cuối số điện thoại').fill(PHONE.slice(-4));
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.waitForURL(/\/track\?/);
    expect(await expectLanded(page, 'public /track result')).toBe(200);
    expect(await ddAfter(page, 'Trạng thái')).toBe('Đã trả kết quả');
    expect(await visibleText(page.locator('main'))).not.toContain(APPLICANT);
    expect(await page.content()).not.toContain(APPLICANT);

    // A second tab holds the same form, to post it again after the first rating.
    const second = trackDocuments(await page.context().newPage());
    await second.goto(page.url());
    // A background tab throttles animation frames, which Playwright's actionability checks wait on.
    await page.bringToFront();
    const form = page.locator('form.rating');
    const fieldsets = form.locator('fieldset');
    const criteria = await fieldsets.count();
    expect(criteria, 'the rating form asks at least one criterion').toBeGreaterThan(0);
    for (let i = 0; i < criteria; i++) await fieldsets.nth(i).locator('input[type=radio]').first().check();
    await form.locator('#rating-comment').fill('Cán bộ nhiệt tình.');
    await form.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.waitForLoadState('load');
    expect(await expectLanded(page, 'public rating thanks')).toBe(200);
    expect(await visibleText(page.locator('main [role=status]'))).toBe('Cảm ơn ông/bà đã đánh giá.');
    expect(await page.locator('form.rating').count(), 'no form once rated').toBe(0);

    await page.goto(url(`/track?code=${encodeURIComponent(code)}&phone4=${PHONE.slice(-4)}`));
    await expectLanded(page, 'public /track after rating');
    expect(await visibleText(page.locator('main'))).toContain('Hồ sơ này đã được đánh giá.');
    expect(await page.locator('form.rating').count()).toBe(0);

    await second.bringToFront();
    const again = second.locator('form.rating');
    const againSets = again.locator('fieldset');
    for (let i = 0; i < (await againSets.count()); i++) await againSets.nth(i).locator('input[type=radio]').last().check();
    await again.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await second.waitForLoadState('load');
    const status = await expectLanded(second, 'public second rating');
    expect(status).toBeGreaterThanOrEqual(400);
    expect(await visibleText(second.locator('main [role=alert]'))).toContain('Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.');
    await page.context().close();
  });

  it('a wrong phone gives the neutral not-found message', async () => {
    requireDossier();
    const page = await publicPage();
    await land(page, url('/track'), 'public /track (wrong phone)');
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByLabel('4 số cuối số điện thoại').fill('0000');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.waitForURL(/\/track\?/);
    expect(await expectLanded(page, 'public /track not found')).toBe(404);
    expect(await visibleText(page.locator('main [role=alert]'))).toBe(
      'Không tìm thấy hồ sơ với mã và 4 số cuối điện thoại này. Hãy kiểm tra lại mã trên giấy tiếp nhận.',
    );
    expect(await page.locator('#track-result').count()).toBe(0);
    await page.context().close();
  });

  it('public online submission and feedback forms work', async () => {
    const page = await publicPage();
    expect(await land(page, url('/submit'), 'public /submit')).toBe(200);
    await page.locator('#dossier-procedureCode').selectOption(PROCEDURE);
    await page.locator('#dossier-competentUnitId').selectOption({ label: PHU_XUAN });
    await page.locator('#dossier-applicantName').fill('Lê Văn Trực Tuyến');
    await page.locator('#dossier-applicantPhone').fill('0912000111');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.waitForLoadState('load');
    expect(await expectLanded(page, 'public /submit done')).toBe(201);
    const done = await visibleText(page.locator('main [role=status]'));
    const onlineCode = done.match(/Mã hồ sơ: (\S+)\./)?.[1] ?? '';
    expect(onlineCode).toMatch(CODE_SHAPE);
    // The citizen can track it at once; nothing to rate before the result is returned.
    await page.goto(url(`/track?code=${encodeURIComponent(onlineCode)}&phone4=0111`));
    expect(await expectLanded(page, 'public /track online submission')).toBe(200);
    expect(await ddAfter(page, 'Trạng thái')).toBe('Mới đăng ký');
    expect(await page.locator('form.rating').count()).toBe(0);

    expect(await land(page, url('/feedback'), 'public /feedback')).toBe(200);
    await page.locator('#fb-unitId').selectOption({ label: PHU_XUAN });
    await page.locator('#fb-text').fill('Đề nghị bố trí thêm ghế chờ tại bộ phận một cửa.');
    await page.locator('#fb-contact').fill('cong.dan@example.vn');
    await page.locator('form[action^="/feedback"]').getByRole('button').click();
    await page.waitForLoadState('load');
    expect(await expectLanded(page, 'public /feedback done')).toBe(201);
    expect(await visibleText(page.locator('main [role=status]'))).not.toBe('');
    await page.context().close();
  });

  it('leader sees /scorecard and /statistics', async () => {
    const page = await pageFor('leader');
    for (const path of ['/scorecard', '/statistics']) expect(await land(page, url(path), `leader ${path}`)).toBe(200);
  });

  it('padmin sees /calendar and a procedure page', async () => {
    const page = await pageFor('padmin');
    expect(await land(page, url('/calendar'), 'padmin /calendar')).toBe(200);
    expect(await land(page, url('/procedures'), 'padmin /procedures')).toBe(200);
    const hrefs = await page.locator('main a[href^="/procedures/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const one = hrefs.find((h) => /^\/procedures\/\d+$/.test(h));
    expect(one, 'a procedure link on /procedures').toBeDefined();
    expect(await land(page, url(one ?? ''), `padmin ${one}`)).toBe(200);
  });
});
