import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectLanded, land, launchBrowser, trackDocuments, visibleText } from './support/browser.ts';
import {
  campaignAction,
  campaignStatus,
  competencyLines,
  ddIn,
  fillRosterTemplate,
  isZip,
  pickLevels,
  type RosterLine,
  sheetRows,
  XLSX_TYPE,
} from './support/reviews.ts';
import { E2E_PASSWORD, type RunningServer, startServer } from './support/server.ts';
import { signedInPage, TotpBook } from './support/session.ts';

/**
 * Issue 4's "Done means" in a browser: the province HR analyst imports a roster, sets up a
 * campaign for the demo accounts' ward, the specialist writes a self-assessment, the unit
 * leader reviews it (Decree 335 score, band and trace), the analyst decides at council
 * (Decree 178 screening with its rule trace), locks the campaign and exports the results.
 * The tests run in order and share the campaign.
 */

const UNIT_NAME = 'Phường Phú Xuân';
const CAMPAIGN = 'Đánh giá công chức Phường Phú Xuân năm 2026 (kiểm thử e2e)';
const SELF_NOTE = 'Đã giải quyết 412 hồ sơ hộ tịch đúng hạn; khai thác Cơ sở dữ liệu hộ tịch điện tử hằng ngày.';
const LOCKED_MESSAGE = 'Đợt đánh giá đã khóa: không thể thay đổi kết quả. Muốn sửa, hãy mở lại đợt đánh giá kèm lý do.';
const GOOD = 'Hoàn thành tốt nhiệm vụ';
const OUTCOMES = ['Tiếp tục bố trí', 'Đào tạo, bồi dưỡng lại', 'Bố trí vị trí việc làm khác', 'Thuộc diện xem xét tinh giản'];
/** Decree 335 general criteria as the supervisor scores them: 15 of 30 points. */
const GENERAL = {
  POLITICAL_QUALITY: '3',
  ETHICS: '2',
  SERVICE_CULTURE: '2',
  DISCIPLINE: '2',
  RESPONSIBILITY: '2',
  SERVICE_ATTITUDE: '2',
  INNOVATION: '2',
};

/** Three new officials; family names (Ưng, Khổng, Lữ) the demo generator never uses, so a search finds exactly them. */
const NEW_PEOPLE = [
  { fullName: 'Ưng Thị Diệu Khuê', gender: 'Nữ', birthDate: '14/02/1992', citizenId: '046192007315', title: 'Công chức Tư pháp – Hộ tịch' },
  { fullName: 'Khổng Đức Thắng', gender: 'Nam', birthDate: '03/09/1988', citizenId: '046088007316', title: 'Công chức Tư pháp – Hộ tịch' },
  { fullName: 'Lữ Hoàng Yến Nhi', gender: 'Nữ', birthDate: '29/02/1996', citizenId: '046196007317', title: 'Công chức Tư pháp – Hộ tịch' },
];
/** The bad first row: an 11-digit citizen ID. */
const BAD_ID = '04619200731';

describe('Province HR analyst review path in a browser: roster → campaign → self → supervisor → council → lock → export', () => {
  let server: RunningServer;
  let browser: Browser;
  const totp = new TotpBook();
  const pages = new Map<string, Page>();
  let campaignUrl = '';
  let campaignId = 0;
  let selfUrl = '';
  let specialistName = '';
  let participantId = 0;
  /** The council form of the specialist, opened before the lock and submitted after it. */
  let staleCouncil: Page | null = null;
  let outcome = '';

  const url = (path: string) => `${server.baseUrl}${path}`;
  const pageFor = async (username: string): Promise<Page> => {
    const existing = pages.get(username);
    if (existing) {
      await existing.bringToFront();
      return existing;
    }
    const page = await signedInPage(browser, server.baseUrl, username, E2E_PASSWORD, totp);
    pages.set(username, page);
    return page;
  };
  const requireCampaign = () => {
    if (!campaignUrl) throw new Error('the set-up test did not open the campaign');
  };
  const requireParticipant = () => {
    requireCampaign();
    if (!participantId || !specialistName) throw new Error('the self-assessment test did not find the specialist');
  };
  const download = async (page: Page, name: string | RegExp): Promise<{ file: string; body: Buffer }> => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    const path = await dl.path();
    return { file: dl.suggestedFilename(), body: fs.readFileSync(path) };
  };

  beforeAll(async () => {
    // It reads the demo accounts the first start prints: a real seed, not the shared copy.
    [server, browser] = await Promise.all([startServer({}, { freshSeed: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('1. analyst imports a roster: template, a refused dry run that writes nothing, then a clean commit found by a search without diacritics', async () => {
    const page = await pageFor('analyst');
    expect(await land(page, url('/staff/import'), 'analyst /staff/import')).toBe(200);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Nhập danh sách cán bộ, công chức từ Excel');

    const template = await download(page, 'Tải mẫu danh sách (.xlsx)');
    expect(template.file).toBe('mau-danh-sach-can-bo.xlsx');
    expect(isZip(template.body), 'the template is an XLSX (ZIP) file').toBe(true);
    const ref = await sheetRows(template.body, 'Mã đơn vị, vị trí');
    expect(ref.names).toEqual(['Danh sách', 'Hướng dẫn', 'Mã đơn vị, vị trí']);
    // Columns of the reference sheet: unit code, unit name, (blank), position code, position name, required rank.
    const unitCode = ref.rows.find((r) => r[1] === UNIT_NAME)?.[0] ?? '';
    const positionCode = ref.rows.find((r) => r[4] === 'Chuyên viên tư pháp (bao gồm hộ tịch)')?.[3] ?? '';
    expect({ unitCode, positionCode }).toEqual({ unitCode: expect.stringMatching(/^\d{5}$/), positionCode: 'CM.05' });

    const line = (p: (typeof NEW_PEOPLE)[number]): RosterLine => ({
      ...p,
      unitCode,
      positionCode,
      startDate: '01/08/2026',
      rank: 'Chuyên viên',
      employmentStatus: 'Đang công tác',
    });
    const [first, ...rest] = NEW_PEOPLE.map(line);
    if (!first) throw new Error('no people');
    const bad = await fillRosterTemplate(template.body, [{ ...first, citizenId: BAD_ID }, ...rest]);
    const good = await fillRosterTemplate(template.body, [first, ...rest]);
    const report = page.locator('#import-report');
    const upload = async (buffer: Buffer, button: 'Kiểm tra' | 'Nhập') => {
      await page.locator('#roster-file').setInputFiles({ name: 'danh-sach-phu-xuan.xlsx', mimeType: XLSX_TYPE, buffer });
      // htmx swaps the whole report (outerHTML): mark the one on screen and wait for an unmarked
      // one, or the previous check's report is read as this one's (a CI flake).
      await report.evaluate((el) => el.setAttribute('data-stale', ''));
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.locator('#import-report:not([data-stale]) h2').waitFor();
    };

    // The dry run names the row, the column and the reason.
    await upload(bad, 'Kiểm tra');
    await expectAccessible(page, 'analyst /staff/import dry-run report');
    expect(await visibleText(report.locator('h2'))).toBe('Kết quả kiểm tra tệp danh-sach-phu-xuan.xlsx');
    const alert = await visibleText(report.getByRole('alert'));
    expect(alert).toContain('Đã đọc 3 dòng; 2 dòng hợp lệ; 1 lỗi, 0 cảnh báo.');
    expect(alert).toContain('Chưa ghi dòng nào.');
    const problems = await report
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? '').trim())));
    expect(problems).toEqual([
      [
        '3',
        'Số định danh cá nhân (12 chữ số)',
        'D3',
        expect.stringMatching(/^\S+$/),
        'Lỗi',
        'Số định danh cá nhân phải gồm đúng 12 chữ số.',
      ],
    ]);
    expect(problems[0]?.[3], 'the ID is masked in the report').not.toBe(BAD_ID);

    // A commit of the same file is refused as a whole.
    await upload(bad, 'Nhập');
    expect(await visibleText(report.getByRole('alert'))).toContain('Chưa ghi dòng nào.');

    const search = async (q: string, label: string) => {
      expect(await land(page, url(`/staff?q=${encodeURIComponent(q)}`), label)).toBe(200);
      return page.locator('#staff-results tbody th a');
    };
    for (const p of NEW_PEOPLE) {
      expect(await (await search(p.fullName, `analyst /staff search ${p.fullName} (before)`)).count(), `${p.fullName} not written`).toBe(0);
    }

    // The fixed file: a clean check, then the commit writes all three.
    expect(await land(page, url('/staff/import'), 'analyst /staff/import again')).toBe(200);
    await upload(good, 'Kiểm tra');
    const clean = await visibleText(report.getByRole('status'));
    expect(clean).toContain('Đã đọc 3 dòng; 3 dòng hợp lệ; 0 lỗi, 0 cảnh báo.');
    expect(clean).toContain('Không có lỗi. Có thể nhập.');
    await upload(good, 'Nhập');
    await expectAccessible(page, 'analyst /staff/import committed');
    expect(await visibleText(report.getByRole('status'))).toContain('Đã nhập 3 người. Toàn bộ danh sách đã được ghi.');

    const found = await search('ung thi dieu khue', 'analyst /staff search without diacritics');
    expect(await found.allInnerTexts()).toEqual(['Ưng Thị Diệu Khuê']);
    const row = page.locator('#staff-results tbody tr').filter({ hasText: 'Ưng Thị Diệu Khuê' });
    expect(await visibleText(row)).toContain(UNIT_NAME);
  });

  it('2. analyst sets up a 2026 campaign for the demo ward with the three instruments and opens self-assessment', async () => {
    // The demo accounts used below belong to Phường Phú Xuân (the seed prints each account's unit).
    for (const u of ['specialist', 'leader', 'hr']) expect(server.output()).toMatch(new RegExp(`\\b${u}\\s+\\w+\\s+${UNIT_NAME}`));
    const page = await pageFor('analyst');
    expect(await land(page, url('/reviews/campaigns/new'), 'analyst /reviews/campaigns/new')).toBe(200);
    await page.locator('#f-name').fill(CAMPAIGN);
    await page.locator('#f-year').fill('2026');
    await page.locator('#f-periodFrom').fill('2026-01-01');
    await page.locator('#f-periodTo').fill('2026-12-31');
    for (const label of [
      'Đánh giá năng lực theo khung năng lực',
      'Đánh giá, xếp loại chất lượng hằng năm',
      'Rà soát, sàng lọc theo Nghị định 178/2024/NĐ-CP',
    ])
      await page.getByLabel(label, { exact: true }).check();
    await page.getByLabel(/^Theo đơn vị/).check();
    await page.getByLabel(new RegExp(`^${UNIT_NAME} \\(\\d+\\)$`)).check();
    await page.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    await page.waitForURL(/\/reviews\/campaigns\/\d+\?done=created$/);
    expect(await expectLanded(page, 'analyst campaign detail after set-up')).toBe(200);
    campaignUrl = page.url().split('?')[0] ?? '';
    campaignId = Number(/\/(\d+)$/.exec(campaignUrl)?.[1]);

    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(CAMPAIGN);
    expect(await visibleText(page.locator('main p[role=status]'))).toBe('Đã mở đợt đánh giá.');
    expect(await campaignStatus(page)).toBe('Mới mở');
    const facts = page.locator('main dl').first();
    expect(await ddIn(facts, 'Nội dung đánh giá')).toBe(
      'Đánh giá năng lực theo khung năng lực; Đánh giá, xếp loại chất lượng hằng năm; Rà soát, sàng lọc theo Nghị định 178/2024/NĐ-CP',
    );
    expect(await ddIn(facts, 'Quy định áp dụng')).toContain('Nghị định 335/2025/NĐ-CP');
    const count = Number(await ddIn(page.locator('main dl.stats'), 'Người tham gia'));
    expect(count, 'participants in scope').toBeGreaterThanOrEqual(NEW_PEOPLE.length);
    const units = await page.locator('main table tbody tr td:nth-of-type(1)').allInnerTexts();
    expect(units.length, 'participants listed').toBeGreaterThan(0);
    expect(
      units.every((u) => u.startsWith(UNIT_NAME)),
      `every listed participant is in ${UNIT_NAME}: ${units.join(' | ')}`,
    ).toBe(true);

    await campaignAction(page, 'advance', 'analyst campaign after advancing to self-assessment');
    expect(await visibleText(page.locator('main p[role=status]'))).toBe('Đã chuyển đợt đánh giá sang giai đoạn tiếp theo.');
    expect(await campaignStatus(page)).toBe('Tự đánh giá');
  });

  it('3. the specialist writes their self-assessment; another account cannot open it', async () => {
    requireCampaign();
    const page = await pageFor('specialist');
    expect(await land(page, url('/reviews/mine'), 'specialist /reviews/mine')).toBe(200);
    await page.getByRole('link', { name: `Ghi phiếu tự đánh giá: ${CAMPAIGN}`, exact: true }).click();
    await page.waitForURL(new RegExp(`/reviews/campaigns/${campaignId}/participants/\\d+/self$`));
    expect(await expectLanded(page, 'specialist self-assessment form')).toBe(200);
    selfUrl = page.url();
    participantId = Number(/participants\/(\d+)\/self$/.exec(selfUrl)?.[1]);
    specialistName = (await visibleText(page.getByRole('heading', { level: 1 }))).replace(/^Phiếu tự đánh giá — /, '');
    expect(specialistName).toMatch(/^\p{Lu}\p{Ll}* /u);
    const header = page.locator('main dl.kv').first();
    expect(await ddIn(header, 'Giai đoạn')).toBe('Tự đánh giá');
    expect(await ddIn(header, 'Đơn vị')).toBe(UNIT_NAME);

    const form = page.locator(`main form[action$="/participants/${participantId}/self"]`);
    const lines = await competencyLines(form);
    expect(lines.length, 'competencies of the position').toBeGreaterThan(0);
    const picked = await pickLevels(form, (required) => required);
    const firstCode = lines[0]?.code ?? '';
    await form.locator(`textarea[name="evidence.${firstCode}"]`).fill(SELF_NOTE);
    await form.getByRole('button', { name: 'Lưu phiếu tự đánh giá' }).click();
    await page.waitForURL(/\/self\?saved=1$/);
    expect(await expectLanded(page, 'specialist self-assessment saved')).toBe(200);
    expect(await visibleText(page.locator('main [role=status]'))).toBe('Đã lưu phiếu tự đánh giá.');
    const saved = page.locator(`main form[action$="/participants/${participantId}/self"]`);
    for (const [code, level] of picked)
      expect(await saved.locator(`input[name="level.${code}"][value="${level}"]`).isChecked(), `${code} level ${level} kept`).toBe(true);
    expect(await saved.locator(`textarea[name="evidence.${firstCode}"]`).inputValue()).toBe(SELF_NOTE);

    // The ward's HR officer reads reviews but may not open someone else's self-assessment; the counter officer does not see it at all.
    const hr = await pageFor('hr');
    expect(await land(hr, selfUrl, 'hr on the specialist self-assessment')).toBe(403);
    expect(await visibleText(hr.locator('main'))).toContain('Chỉ chính người được đánh giá mới được ghi phiếu tự đánh giá của mình.');
    expect(await hr.locator(`form[action$="/participants/${participantId}/self"]`).count()).toBe(0);
    const counter = await pageFor('counter');
    expect(await land(counter, selfUrl, 'counter on the specialist self-assessment')).toBe(404);
    expect(await counter.locator(`form[action$="/participants/${participantId}/self"]`).count()).toBe(0);
    expect(await visibleText(counter.locator('main'))).not.toContain(SELF_NOTE);
  });

  it('4. the unit leader reviews the specialist: self levels, service evidence, Decree 335 score, band and trace', async () => {
    requireParticipant();
    const analyst = await pageFor('analyst');
    expect(await land(analyst, campaignUrl, 'analyst campaign detail (self-assessment)')).toBe(200);
    await campaignAction(analyst, 'advance', 'analyst campaign after advancing to supervisor review');
    expect(await campaignStatus(analyst)).toBe('Cấp trên đánh giá');

    // The counter receives a dossier and assigns it to the specialist, who also has the demo's caseload:
    // the supervisor's service evidence reads both from dossier data.
    const session = await visibleText((await pageFor('specialist')).locator('header .session'));
    const counter = await pageFor('counter');
    expect(await land(counter, url('/dossiers/new'), 'counter /dossiers/new')).toBe(200);
    await counter.locator('#dossier-procedureCode').selectOption('1.004873');
    await counter.locator('#dossier-applicantName').fill('Hoàng Thị Minh Chứng');
    await counter.locator('#dossier-applicantPhone').fill('0905765432');
    await counter.getByRole('button', { name: 'Tiếp nhận và cấp mã hồ sơ' }).click();
    await counter.waitForURL(/\/dossiers\/\d+\?received=1$/);
    expect(await expectLanded(counter, 'counter dossier page after intake')).toBe(200);
    const picker = counter.getByLabel('Giao cho chuyên viên');
    const names = (await picker.locator('option').allInnerTexts()).map((n) => n.trim());
    const specialistAccount = names.find((n) => n !== '' && session.includes(n));
    expect({ names, session, found: specialistAccount !== undefined }).toMatchObject({ found: true });
    await picker.selectOption({ label: specialistAccount ?? '' });
    await counter.getByRole('button', { name: 'Giao xử lý' }).click();
    await counter.waitForURL(/\?assigned=1$/);
    expect(await expectLanded(counter, 'counter after assigning the specialist')).toBe(200);

    const page = await pageFor('leader');
    expect(await land(page, url('/reviews/mine'), 'leader /reviews/mine')).toBe(200);
    const row = page.locator('main table tbody tr').filter({ hasText: CAMPAIGN }).filter({ hasText: specialistName });
    await row.getByRole('link', { name: `Nhận xét, đánh giá ${specialistName}`, exact: true }).click();
    await page.waitForURL(url(`/reviews/campaigns/${campaignId}/participants/${participantId}/supervisor`));
    expect(await expectLanded(page, 'leader supervisor review')).toBe(200);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe(`Cấp trên nhận xét, đánh giá — ${specialistName}`);

    const form = page.locator(`main form[action$="/participants/${participantId}/supervisor"]`);
    const lines = await competencyLines(form);
    for (const l of lines)
      expect(await visibleText(l.fieldset.locator(':scope > p.muted')), `self level shown for ${l.code}`).toContain(
        `Tự đánh giá: mức ${l.required}`,
      );
    expect(await visibleText(form)).toContain(`Minh chứng tự nêu: ${SELF_NOTE}`);
    const evidence = page.locator('section[aria-labelledby="evidence"]');
    expect(await visibleText(evidence)).toContain('Kết quả giải quyết hồ sơ (01/01/2026 – 31/12/2026)');
    const figures = evidence.locator('table').filter({ has: page.locator('caption', { hasText: 'Số liệu từ hồ sơ thủ tục hành chính' }) });
    const handled = figures.locator('tr').filter({ has: page.locator('th', { hasText: /^Hồ sơ được giao xử lý$/ }) });
    const handledCount = Number((await visibleText(handled.locator('td').last())).replace(/\D/g, ''));
    expect(handledCount, 'dossiers assigned to the specialist, the one just assigned included').toBeGreaterThanOrEqual(1);

    await pickLevels(form, (required) => required);
    for (const [code, points] of Object.entries(GENERAL)) await form.locator(`input[name="general.${code}"]`).fill(points);
    const items = [
      { period: 'Q1', id: 'Đăng ký khai sinh, kết hôn quý I' },
      { period: 'Q2', id: 'Chứng thực bản sao quý II' },
    ];
    for (const [n, item] of items.entries()) {
      await form.locator(`input[name="item.${n}.period"]`).fill(item.period);
      await form.locator(`input[name="item.${n}.id"]`).fill(item.id);
      await form.locator(`input[name="item.${n}.coefficient"]`).fill('1');
      await form.locator(`input[name="item.${n}.completed"]`).check();
      await form.locator(`input[name="item.${n}.quality"]`).check();
      await form.locator(`input[name="item.${n}.sendBacks"]`).fill('0');
      await form.locator(`input[name="item.${n}.delays"]`).fill('0');
    }
    await form.getByRole('button', { name: 'Lưu và tính kết quả' }).first().click();
    await page.waitForURL(/\/supervisor\?saved=1#result-title$/);
    expect(await expectLanded(page, 'leader supervisor review saved')).toBe(200);
    expect(await visibleText(page.locator('main [role=status]'))).toBe(
      'Đã lưu đánh giá của cấp trên; kết quả đã được tính theo quy định có hiệu lực.',
    );
    const result = page.locator('section[aria-labelledby="result-title"]');
    const facts = result.locator(':scope > dl.kv');
    // 15 general points + 70 task points (every item done, to quality, on time) = 85: the 70–<90 band.
    expect(await ddIn(facts, 'Tổng điểm')).toMatch(/^85([,.]0+)?$/);
    expect(await ddIn(facts, 'Xếp loại tính được')).toBe(GOOD);
    expect(await ddIn(facts, 'Phiên bản cấu hình')).toMatch(/^335-/);
    expect(await visibleText(result.locator('h3'))).toBe('Diễn giải cách tính, từng bước');
    const steps = result.locator('ol.trace > li');
    expect(await steps.count(), 'trace steps').toBeGreaterThan(1);
    expect(await visibleText(steps.first())).toMatch(/Quy tắc[\s\S]*Công thức[\s\S]*Kết quả/);
  });

  it('5. the analyst decides at council: final rating and Decree 178 criteria give a screening outcome with its rule trace', async () => {
    requireParticipant();
    const page = await pageFor('analyst');
    expect(await land(page, campaignUrl, 'analyst campaign detail (supervisor review)')).toBe(200);
    await campaignAction(page, 'advance', 'analyst campaign after advancing to council');
    expect(await campaignStatus(page)).toBe('Hội đồng xem xét');

    expect(await land(page, url(`/reviews/campaigns/${campaignId}/council`), 'analyst council list')).toBe(200);
    const link = page.getByRole('link', { name: specialistName, exact: true });
    expect(await visibleText(page.locator('main tbody tr').filter({ has: link }))).toContain(GOOD);
    await link.click();
    const councilUrl = url(`/reviews/campaigns/${campaignId}/participants/${participantId}/council`);
    await page.waitForURL(councilUrl);
    expect(await expectLanded(page, 'analyst council screen')).toBe(200);
    expect(await visibleText(page.locator('main'))).toContain(`Xếp loại tính được: ${GOOD}`);

    // The same form in a second tab, posted after the lock (test 6).
    staleCouncil = trackDocuments(await page.context().newPage());
    await staleCouncil.goto(councilUrl);
    await page.bringToFront();

    const form = page.locator(`main form[action$="/participants/${participantId}/council"]`);
    await form.getByLabel('Xếp loại của hội đồng').selectOption({ label: GOOD });
    const criteria = { COMPETENCE: '90', ETHICS: '90', INNOVATION: '80' };
    for (const [code, value] of Object.entries(criteria)) {
      await form.locator(`input[name="crit.${code}"]`).fill(value);
      await form.locator(`select[name="crit.${code}.unit"]`).selectOption('percent');
    }
    await form.getByRole('button', { name: 'Lưu kết luận của hội đồng' }).click();
    await page.waitForURL(`${councilUrl}?saved=1`);
    expect(await expectLanded(page, 'analyst council saved')).toBe(200);
    expect(await visibleText(page.locator('main [role=status]'))).toBe('Đã lưu kết luận của hội đồng.');
    expect(await visibleText(form.getByLabel('Xếp loại của hội đồng').locator('option:checked'))).toBe(GOOD);

    const screening = page.locator('section[aria-labelledby="screening-result"]');
    const facts = screening.locator(':scope > dl.kv');
    const shown = await ddIn(facts, 'Kết quả rà soát');
    outcome = OUTCOMES.find((o) => shown.startsWith(o)) ?? '';
    expect({ shown, known: outcome !== '' }).toMatchObject({ known: true });
    expect(await ddIn(facts, 'Tổng điểm rà soát')).toMatch(/^\d+([,.]\d+)?$/);
    const rule = await ddIn(facts, 'Quy tắc');
    expect(rule).toMatch(/^(Quy tắc được áp dụng: [A-Z_]+|Không quy tắc nào thỏa: áp dụng kết quả mặc định\.)$/);
    expect(await visibleText(screening.locator('h4'))).toBe('Các quy tắc đã xét, theo thứ tự');
    // Every configured rule is listed with the values its conditions saw; the one that fired leads to the outcome shown.
    const rules = await screening
      .locator('h4 + ol > li')
      .evaluateAll((lis) => lis.map((li) => ({ id: li.querySelector(':scope > code')?.textContent ?? '', text: li.textContent ?? '' })));
    expect(rules.length, 'rules considered').toBeGreaterThan(0);
    for (const r of rules) expect(r.text, r.id).toMatch(/giá trị: /);
    const fired = rules.filter((r) => r.text.includes('thỏa — được áp dụng'));
    const firedId = /^Quy tắc được áp dụng: ([A-Z_]+)$/.exec(rule)?.[1];
    if (firedId) {
      expect(fired[0]?.id, 'the first rule that holds is the one applied').toBe(firedId);
      expect(fired[0]?.text).toContain(`→ ${outcome}`);
    } else {
      expect(fired, 'no rule held: the fallback outcome').toEqual([]);
    }
    expect(await screening.locator('ol.trace > li').count(), 'screening trace steps').toBeGreaterThan(0);
  });

  it('6. the analyst locks the campaign: LOCKED with a SHA-256 snapshot; a later write is refused with the translated message', async () => {
    requireParticipant();
    const page = await pageFor('analyst');
    expect(await land(page, campaignUrl, 'analyst campaign detail (council)')).toBe(200);
    await campaignAction(page, 'lock', 'analyst campaign after locking');
    expect(await visibleText(page.locator('main p[role=status]'))).toBe('Đã khóa đợt đánh giá và chốt kết quả.');
    expect(await campaignStatus(page)).toBe('Đã khóa');
    const hashes = await page.locator('section[aria-labelledby="snapshots-title"] code.hash').allInnerTexts();
    expect(hashes).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
    expect(await page.locator('form[action$="/advance"], form[action$="/lock"]').count(), 'no more stage actions').toBe(0);

    const stale = staleCouncil;
    if (!stale) throw new Error('test 5 did not keep the council form');
    await stale.bringToFront();
    const form = stale.locator(`main form[action$="/participants/${participantId}/council"]`);
    await form.locator('input[name="crit.INNOVATION"]').fill('100');
    await form.getByRole('button', { name: 'Lưu kết luận của hội đồng' }).click();
    await stale.waitForLoadState('load');
    expect(await expectLanded(stale, 'analyst council write after the lock')).toBe(409);
    expect(await visibleText(stale.locator('main [role=alert]'))).toContain(LOCKED_MESSAGE);
    expect(await visibleText(stale.locator('main'))).toContain('Không ở giai đoạn hội đồng: chỉ để xem.');
    await stale.close();

    // Nothing changed: the council screen shows the decision made before the lock.
    await page.bringToFront();
    const councilUrl = url(`/reviews/campaigns/${campaignId}/participants/${participantId}/council`);
    expect(await land(page, councilUrl, 'analyst council screen after the lock')).toBe(200);
    expect(await page.locator('input[name="crit.INNOVATION"]').inputValue()).toBe('80');
    expect(await page.getByRole('button', { name: 'Lưu kết luận của hội đồng' }).count()).toBe(0);
  });

  it('7. the analyst reads the results dashboard and downloads the XLSX and PDF exports', async () => {
    requireParticipant();
    const page = await pageFor('analyst');
    expect(await land(page, url(`/reviews/campaigns/${campaignId}/results`), 'analyst results dashboard')).toBe(200);
    expect(await visibleText(page.getByRole('heading', { level: 1 }))).toBe('Kết quả đánh giá');
    const charts = page.locator('main figure.chart');
    expect(await charts.count(), 'charts on the dashboard').toBeGreaterThan(0);
    for (let i = 0; i < (await charts.count()); i++) {
      const chart = charts.nth(i);
      const svg = chart.locator('svg[role=img]');
      expect(await svg.count(), `chart ${i} is one SVG image`).toBe(1);
      expect((await svg.getAttribute('aria-label'))?.trim(), `chart ${i} has a name`).toBeTruthy();
      const tableId = (await chart.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`table#${tableId}`).count(), `chart ${i} is described by table #${tableId}`).toBe(1);
    }
    expect(await page.locator('main table caption').count()).toBeGreaterThan(1);
    expect(await visibleText(page.locator('main'))).toContain(GOOD);

    const xlsx = await download(page, 'Tải XLSX');
    expect(xlsx.file).toBe(`ket-qua-danh-gia-${campaignId}.xlsx`);
    const { names, rows } = await sheetRows(xlsx.body, 'Kết quả');
    expect(names).toEqual(['Kết quả', 'Tổng hợp']);
    const mine = rows.filter((r) => r.includes(specialistName));
    expect(mine.length, `${specialistName} in the XLSX`).toBe(1);
    expect(mine[0]).toEqual(expect.arrayContaining([UNIT_NAME, GOOD, outcome]));

    const pdf = await download(page, 'Tải PDF');
    expect(pdf.file).toBe(`ket-qua-danh-gia-${campaignId}.pdf`);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
