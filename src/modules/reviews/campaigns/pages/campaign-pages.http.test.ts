import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../../../test/support/fixture.ts';
import { nameSortKey } from '../../../../platform/text/name-sort-key.ts';
import { searchKey } from '../../../../platform/text/search-key.ts';
import { frameworkFixture, positionFixture } from '../../../competencies/competencies.fixtures.ts';
import { writeFramework } from '../../../competencies/use-cases/versions.ts';
import { setEvaluationRating } from '../campaigns.repository.ts';

const PAGES = '/reviews/campaigns';
const API = '/api/v1/review-campaigns';
const MAX_PAGE_BYTES = 50 * 1024;

/** pdftotext when poppler-utils is installed, else null (the test then checks the signature only). */
function pdfText(bytes: Buffer): string | null {
  try {
    const dir = mkdtempSync(path.join(tmpdir(), 'cadre-pdf-'));
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

describe.each(testDialects())('campaign pages and exports over HTTP on %s', (dialect) => {
  let t: TestApp;
  const staff: { justiceA: number[]; landA: number; justiceB: number; formulaA: number } = {
    justiceA: [],
    landA: 0,
    justiceB: 0,
    formulaA: 0,
  };
  const citizenOf = new Map<number, string>();
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });
  const api = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const form = (name: string, url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: user(name).csrf });
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  const count = async (table: 'reviewCampaigns' | 'auditLog' | 'reviewSnapshots') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const campaign = (id: number) =>
    t.database.db.selectFrom('reviewCampaigns').select(['status', 'version', 'reopenCount']).where('id', '=', id).executeTakeFirstOrThrow();
  const participantsOf = async (campaignId: number) =>
    t.database.db
      .selectFrom('reviewParticipants')
      .select(['id', 'staffId'])
      .where('campaignId', '=', campaignId)
      .orderBy('staffId')
      .execute();
  const validForm = (over: Record<string, string | string[]> = {}) => ({
    name: 'Đánh giá công chức xã năm 2026',
    year: '2026',
    periodFrom: '2026-01-01',
    periodTo: '2026-12-15',
    instruments: ['COMPETENCY', 'ANNUAL_EVALUATION'],
    scopeKind: 'UNITS',
    unitIds: [String(t.fixture.unitA)],
    ...over,
  });
  const createdId = (location: string | undefined) => {
    const m = /^\/reviews\/campaigns\/(\d+)\?done=created$/.exec(location ?? '');
    if (!m) throw new Error(`unexpected redirect ${location}`);
    return Number(m[1]);
  };
  /** Opens a campaign through the form and returns its id. */
  const create = async (name: string, fields: Record<string, string | string[]>) => {
    const res = await form(name, PAGES, fields);
    expect(res.statusCode).toBe(303);
    return createdId(res.headers.location as string);
  };
  const advanceTo = async (id: number, steps: number) => {
    for (let i = 0; i < steps; i++) {
      const { version } = await campaign(id);
      const res = await form('unit_hr_a', `${PAGES}/${id}/advance`, { expectedVersion: String(version), confirm: 'yes' });
      expect(res.statusCode).toBe(303);
    }
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const db = t.database.db;
    const doc = frameworkFixture();
    doc.positions.push(positionFixture('P.LAND', { field: 'LAND', requirements: [{ competencyCode: 'T.LAW', level: 2 }] }));
    const version = await writeFramework(db, 'T1', doc, 'PUBLISHED', NOW, null);
    const positions = await db.selectFrom('positions').select(['id', 'code']).where('versionId', '=', version.id).execute();
    const positionId = (code: string) => positions.find((p) => p.code === code)?.id ?? null;
    let n = 0;
    const person = async (unitId: number, positionCode: string, fullName = `Công chức Thử ${String(n + 1).padStart(2, '0')}`) => {
      n += 1;
      const citizenId = `0461900000${String(n).padStart(2, '0')}`;
      const { id } = await db
        .insertInto('staff')
        .values({
          provinceCode: 'T1',
          unitId,
          orgBodyId: null,
          fullName,
          nameSearch: searchKey(fullName),
          nameSort: nameSortKey(fullName),
          gender: 'MALE',
          birthDate: '1988-05-01',
          citizenId,
          rank: 'CHUYEN_VIEN',
          employmentStatus: 'ACTIVE',
          currentTitle: 'Công chức',
          createdAt: NOW,
          updatedAt: NOW,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('staffPositions')
        .values({ provinceCode: 'T1', staffId: id, positionId: positionId(positionCode), unitId, startDate: '2025-07-01', endDate: null })
        .execute();
      citizenOf.set(id, citizenId);
      return id;
    };
    for (let i = 0; i < 4; i++) staff.justiceA.push(await person(t.fixture.unitA, 'P.JUSTICE'));
    staff.landA = await person(t.fixture.unitA, 'P.LAND', 'Nguyễn Thị Đất Đai');
    staff.formulaA = await person(t.fixture.unitA, 'P.JUSTICE', '=HYPERLINK("http://x.invalid","Bấm")');
    staff.justiceB = await person(t.fixture.unitB, 'P.JUSTICE', 'Trần Văn Phường Bê');
  });
  afterAll(async () => t?.close());

  describe('list', () => {
    it('lists the campaigns the reader reaches, with filters, and the New button for managers only', async () => {
      const res = await page('unit_hr_a', PAGES);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Đợt thử đang mở');
      expect(res.body).toContain('Đợt thử đã khóa');
      expect(res.body).toContain('href="/reviews/campaigns/new"');
      expect(res.body).toContain('<caption>Các đợt đánh giá, năm gần nhất trước</caption>');
      expect(res.body).toContain('<th scope="col">Trạng thái</th>');
      expect(Buffer.byteLength(res.body)).toBeLessThan(MAX_PAGE_BYTES);

      const leader = await page('unit_leader_a', PAGES);
      expect(leader.statusCode).toBe(200);
      expect(leader.body).toContain('Đợt thử đang mở');
      expect(leader.body).not.toContain('href="/reviews/campaigns/new"');

      const locked = await page('unit_hr_a', `${PAGES}?status=LOCKED`);
      expect(locked.body).toContain('Đợt thử đã khóa');
      expect(locked.body).not.toContain('Đợt thử đang mở');
      expect((await page('unit_hr_a', `${PAGES}?year=2024`)).body).toContain('Không có đợt đánh giá nào phù hợp.');
      // Commune B's HR reaches none of commune A's campaigns.
      expect((await page('unit_hr_b', PAGES)).body).not.toContain('Đợt thử đang mở');
    });

    it('answers the results section alone to htmx, and in English for an English reader', async () => {
      const res = await t.app.inject({ url: `${PAGES}?status=OPEN`, headers: { cookie: user('unit_hr_a').cookie, 'hx-request': 'true' } });
      expect(res.statusCode).toBe(200);
      expect(res.body.startsWith('<section id="campaign-results"')).toBe(true);
      const en = await t.app.inject({ url: PAGES, headers: { cookie: `${user('unit_hr_a').cookie}; cadre_lang=en` } });
      expect(en.body).toContain('Review campaigns');
    });
  });

  describe('set-up form', () => {
    it('offers the units the actor reaches and the positions in force', async () => {
      const res = await page('unit_hr_a', `${PAGES}/new`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`value="${t.fixture.unitA}"`);
      expect(res.body).toContain('Xã Hòa Bình');
      expect(res.body).not.toContain('Phường Đông Ba');
      expect(res.body).toContain('value="P.LAND"');
      expect(res.body).toContain('<legend>Nội dung đánh giá</legend>');
      expect(Buffer.byteLength(res.body)).toBeLessThan(MAX_PAGE_BYTES);
      const province = await page('province_analyst', `${PAGES}/new`);
      expect(province.body).toContain('Phường Đông Ba');
      expect(province.body).toContain('Xã Hòa Bình');
    });

    it('shows every problem of the form at once, linked to its field, keeps the values and writes nothing', async () => {
      const before = [await count('reviewCampaigns'), await count('auditLog')];
      const res = await form('unit_hr_a', PAGES, validForm({ name: '  ', unitIds: [], instruments: [], periodFrom: 'hôm qua' }));
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('id="form-errors"');
      expect(res.body).toContain('<a href="#f-name">Tên đợt đánh giá</a>: Không được để trống.');
      expect(res.body).toContain('<a href="#f-periodFrom">Từ ngày</a>: Nhập ngày hợp lệ');
      expect(res.body).toContain('<a href="#f-instruments">Nội dung đánh giá</a>: Chọn ít nhất một nội dung đánh giá.');
      expect(res.body).toContain('<a href="#f-unitIds">Đơn vị</a>: Chọn ít nhất một đơn vị.');
      expect(res.body).toMatch(/id="f-periodFrom"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-periodFrom"/);
      // What was typed is still there.
      expect(res.body).toContain('value="hôm qua"');
      expect(res.body).toContain('value="2026-12-15"');
      expect([await count('reviewCampaigns'), await count('auditLog')]).toEqual(before);
    });

    it('translates the use case refusals: a backwards period, people not found, an empty scope', async () => {
      const before = [await count('reviewCampaigns'), await count('auditLog')];
      const period = await form('unit_hr_a', PAGES, validForm({ periodFrom: '2026-12-01', periodTo: '2026-01-31' }));
      expect(period.statusCode).toBe(400);
      expect(period.body).toContain('Thời gian đánh giá không hợp lệ');
      expect(period.body).toContain('<a href="#f-periodTo">Đến ngày</a>: Ngày kết thúc trước ngày bắt đầu.');
      expect(period.body).toContain('value="Đánh giá công chức xã năm 2026"');

      const people = await form(
        'unit_hr_a',
        PAGES,
        validForm({ scopeKind: 'PEOPLE', people: `${citizenOf.get(staff.landA)}\nabc\n046099999999\n${citizenOf.get(staff.justiceB)}` }),
      );
      expect(people.statusCode).toBe(400);
      expect(people.body).toContain('dòng 2 (abc): không phải số định danh cá nhân hay mã cán bộ');
      expect(people.body).toContain('dòng 3 (046099999999): không tìm thấy cán bộ trong phạm vi của bạn');
      // Ward B's official is outside commune A's HR's reach, whatever the number.
      expect(people.body).toContain(`dòng 4 (${citizenOf.get(staff.justiceB)}): không tìm thấy cán bộ`);
      expect(people.body).toContain('abc\n046099999999');

      const empty = await form('unit_hr_a', PAGES, validForm({ scopeKind: 'POSITIONS', positionCodes: ['P.CLERK'] }));
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('Phạm vi đã chọn không có công chức nào đang giữ vị trí việc làm');
      expect(empty.body).toMatch(/<option value="P.CLERK" selected/);
      expect([await count('reviewCampaigns'), await count('auditLog')]).toEqual(before);
    });

    it('opens a campaign from the form and lands on its page', async () => {
      const res = await form('unit_hr_a', PAGES, validForm());
      expect(res.statusCode).toBe(303);
      const id = createdId(res.headers.location as string);
      const ps = await participantsOf(id);
      // 4 justice + land + the formula-named one + the fixture's staffA; not ward B's.
      expect(ps.map((p) => p.staffId)).toEqual([...staff.justiceA, staff.landA, staff.formulaA, t.fixture.staffA].sort((a, b) => a - b));
      const detail = await page('unit_hr_a', res.headers.location as string);
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toContain('Đã mở đợt đánh giá.');
      expect(detail.body).toContain('<h1>Đánh giá công chức xã năm 2026</h1>');
    });

    it('opens a campaign for people named by citizen ID number or staff id', async () => {
      const id = await create(
        'province_analyst',
        validForm({
          name: 'Đánh giá theo danh sách',
          scopeKind: 'PEOPLE',
          people: `${citizenOf.get(staff.justiceB)}\r\n${staff.landA}\n\n`,
        }),
      );
      expect((await participantsOf(id)).map((p) => p.staffId)).toEqual([staff.landA, staff.justiceB].sort((a, b) => a - b));
    });
  });

  describe('detail and actions', () => {
    it('shows the stepper, the counts and the participants with links to their sheets', async () => {
      const id = await create('unit_hr_a', validForm({ name: 'Đợt xem chi tiết' }));
      const res = await page('unit_hr_a', `${PAGES}/${id}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<li aria-current="step">▶ Mới mở (giai đoạn hiện tại)</li>');
      expect(res.body).toContain('Đã nộp tự đánh giá');
      expect(res.body).toContain('0/7 (0%)');
      expect(res.body).toContain('Nguyễn Thị Đất Đai');
      expect(res.body).toContain('P.LAND – Vị trí P.LAND');
      expect(res.body).toContain(`/reviews/campaigns/${id}/participants/`);
      expect(res.body).toContain(`/reviews/campaigns/${id}/results`);
      expect(res.body).toContain(`action="/reviews/campaigns/${id}/advance"`);
      expect(Buffer.byteLength(res.body)).toBeLessThan(MAX_PAGE_BYTES);
      // A reader who may not run it sees no actions.
      const leader = await page('unit_leader_a', `${PAGES}/${id}`);
      expect(leader.body).not.toContain(`action="/reviews/campaigns/${id}/advance"`);
      expect((await page('unit_hr_b', `${PAGES}/${id}`)).statusCode).toBe(404);
    });

    it('advances only with the confirmation ticked and the current version', async () => {
      const id = await create('unit_hr_a', validForm({ name: 'Đợt chuyển giai đoạn' }));
      const noConfirm = await form('unit_hr_a', `${PAGES}/${id}/advance`, { expectedVersion: '1' });
      expect(noConfirm.statusCode).toBe(400);
      expect(noConfirm.body).toContain('Hãy đánh dấu ô xác nhận trước khi thực hiện.');
      expect(noConfirm.body).toContain('href="#advance-confirm"');
      expect(await campaign(id)).toMatchObject({ status: 'OPEN', version: 1 });

      const ok = await form('unit_hr_a', `${PAGES}/${id}/advance`, { expectedVersion: '1', confirm: 'yes' });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`/reviews/campaigns/${id}?done=advance`);
      expect(await campaign(id)).toMatchObject({ status: 'SELF_ASSESSMENT', version: 2 });

      const stale = await form('unit_hr_a', `${PAGES}/${id}/advance`, { expectedVersion: '1', confirm: 'yes' });
      expect(stale.statusCode).toBe(409);
      expect(await campaign(id)).toMatchObject({ status: 'SELF_ASSESSMENT', version: 2 });
    });

    it('refuses a lock over the excellent quota, listing each group, then locks, then reopens only with a reason', async () => {
      const id = await create('unit_hr_a', validForm({ name: 'Đợt khóa', scopeKind: 'POSITIONS', positionCodes: ['P.JUSTICE'] }));
      await advanceTo(id, 3);
      const ps = await participantsOf(id);
      // Five justice officers (same agency: commune A, group PROFESSIONAL): 3 Excellent, 2 Good allow none.
      for (const [i, p] of ps.entries())
        await setEvaluationRating(t.database.db, p.id, { score: 80 + i, rating: i < 3 ? 'EXCELLENT' : 'GOOD' }, NOW);
      const snapshots = await count('reviewSnapshots');
      const { version } = await campaign(id);

      const refused = await form('unit_hr_a', `${PAGES}/${id}/lock`, { expectedVersion: String(version), confirm: 'yes' });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('Chưa khóa được: 1 nhóm có số người xếp loại hoàn thành xuất sắc vượt tỷ lệ cho phép.');
      expect(refused.body).toContain(
        'Xã Hòa Bình, nhóm Chuyên môn, nghiệp vụ: 3 người xếp loại xuất sắc, chỉ được tối đa 0 (trên 2 người hoàn thành tốt).',
      );
      expect(await campaign(id)).toMatchObject({ status: 'COUNCIL', version });
      expect(await count('reviewSnapshots')).toBe(snapshots);

      // The dashboard flags the same group.
      const results = await page('unit_hr_a', `${PAGES}/${id}/results`);
      expect(results.body).toContain('1 nhóm vượt tỷ lệ cho phép');
      expect(results.body).toContain('⚠ Vượt tỷ lệ');

      for (const p of ps) await setEvaluationRating(t.database.db, p.id, { rating: 'GOOD' }, NOW);
      const locked = await form('unit_hr_a', `${PAGES}/${id}/lock`, { expectedVersion: String(version), confirm: 'yes' });
      expect(locked.statusCode).toBe(303);
      expect(await campaign(id)).toMatchObject({ status: 'LOCKED', version: version + 1 });
      const detail = await page('unit_hr_a', `${PAGES}/${id}`);
      expect(detail.body).toContain('Bản chốt số 1 (JSON)');
      expect(detail.body).toContain(`href="/api/v1/review-campaigns/${id}/snapshots/1"`);
      const { sha256 } = await t.database.db
        .selectFrom('reviewSnapshots')
        .select('sha256')
        .where('campaignId', '=', id)
        .executeTakeFirstOrThrow();
      expect(detail.body).toContain(sha256);
      expect(detail.body).toContain('<label for="f-reason">Lý do mở lại</label>');

      const audits = await count('auditLog');
      const noReason = await form('unit_hr_a', `${PAGES}/${id}/reopen`, { expectedVersion: String(version + 1), reason: '' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('Hãy ghi lý do mở lại đợt đánh giá (ít nhất 10 ký tự).');
      expect(noReason.body).toContain('<a href="#f-reason">Lý do mở lại</a>');
      const short = await form('unit_hr_a', `${PAGES}/${id}/reopen`, { expectedVersion: String(version + 1), reason: 'sai sót' });
      expect(short.statusCode).toBe(400);
      expect(short.body).toMatch(/<textarea[^>]*id="f-reason"[^>]*>sai sót<\/textarea>/);
      expect(await campaign(id)).toMatchObject({ status: 'LOCKED', reopenCount: 0 });
      expect(await count('auditLog')).toBe(audits);

      const reopened = await form('unit_hr_a', `${PAGES}/${id}/reopen`, {
        expectedVersion: String(version + 1),
        reason: 'Hội đồng phát hiện sai sót khi tổng hợp điểm',
      });
      expect(reopened.statusCode).toBe(303);
      expect(await campaign(id)).toMatchObject({ status: 'COUNCIL', reopenCount: 1 });
      const audit = await t.database.db
        .selectFrom('auditLog')
        .select('after')
        .where('action', '=', 'review.campaign.reopen')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ reason: 'Hội đồng phát hiện sai sót khi tổng hợp điểm' });
    });

    it('answers another commune’s manager with 404 and changes nothing', async () => {
      const id = await create('unit_hr_a', validForm({ name: 'Đợt của xã A' }));
      const res = await form('unit_hr_b', `${PAGES}/${id}/advance`, { expectedVersion: '1', confirm: 'yes' });
      expect(res.statusCode).toBe(404);
      expect(await campaign(id)).toMatchObject({ status: 'OPEN', version: 1 });
    });
  });

  describe('results dashboard and exports', () => {
    let provinceId = 0;
    beforeAll(async () => {
      provinceId = await create(
        'province_analyst',
        validForm({ name: 'Đợt toàn tỉnh', unitIds: [String(t.fixture.unitA), String(t.fixture.unitB)] }),
      );
      const db = t.database.db;
      const ps = await participantsOf(provinceId);
      const pid = (staffId: number) => ps.find((p) => p.staffId === staffId)?.id ?? 0;
      await setEvaluationRating(db, pid(staff.justiceA[0] ?? 0), { score: 95, rating: 'EXCELLENT' }, NOW);
      await setEvaluationRating(db, pid(staff.justiceA[1] ?? 0), { score: 85, rating: 'GOOD' }, NOW);
      await setEvaluationRating(db, pid(staff.formulaA), { score: 60, rating: 'COMPLETED', councilRating: 'GOOD' }, NOW);
      await setEvaluationRating(db, pid(staff.justiceB), { score: 75, rating: 'GOOD' }, NOW);
      await db
        .insertInto('reviewScreenings')
        .values([
          {
            provinceCode: 'T1',
            participantId: pid(staff.landA),
            criteria: '{}',
            result: '{}',
            configVersion: 't',
            outcome: 'RETRAIN',
            updatedAt: NOW,
          },
          {
            provinceCode: 'T1',
            participantId: pid(staff.justiceB),
            criteria: '{}',
            result: '{}',
            configVersion: 't',
            outcome: 'RETAIN',
            updatedAt: NOW,
          },
        ])
        .execute();
      // T.LAW below the required 3 for two in commune A and one in ward B; T.CIVIL below 4 for one.
      const level = (participantId: number, code: string, v: { selfLevel?: number; supervisorLevel?: number }) =>
        db
          .updateTable('reviewCompetencyLevels')
          .set(v)
          .where('participantId', '=', participantId)
          .where('competencyCode', '=', code)
          .execute();
      await level(pid(staff.justiceA[0] ?? 0), 'T.LAW', { selfLevel: 2 });
      await level(pid(staff.justiceA[1] ?? 0), 'T.LAW', { selfLevel: 4, supervisorLevel: 1 });
      await level(pid(staff.justiceB), 'T.LAW', { selfLevel: 2 });
      await level(pid(staff.justiceA[2] ?? 0), 'T.LAW', { selfLevel: 3 });
      await level(pid(staff.justiceA[0] ?? 0), 'T.CIVIL', { supervisorLevel: 3 });
    });

    it('shows the distributions as charts with tables, the gap ranking and the screening outcomes', async () => {
      const res = await page('province_analyst', `${PAGES}/${provinceId}/results`);
      expect(res.statusCode).toBe(200);
      expect(Buffer.byteLength(res.body)).toBeLessThan(MAX_PAGE_BYTES);
      expect(res.body.match(/<svg/g)?.length).toBe(5);
      expect(res.body).toContain('<caption>Xếp loại theo đơn vị</caption>');
      expect(res.body).toContain('<caption>Xếp loại theo lĩnh vực</caption>');
      expect(res.body).toContain('<th scope="row">Đất đai</th>');
      // Commune A: 1 Excellent, 2 Good (one by the council), 4 unrated = 7; ward B: 1 Good.
      expect(res.body).toMatch(/<th scope="row">Xã Hòa Bình<\/th><td>1<\/td><td>2<\/td><td>0<\/td><td>0<\/td><td>4<\/td><td>7<\/td>/);
      expect(res.body).toMatch(/<th scope="row">Phường Đông Ba<\/th><td>0<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>1<\/td>/);
      // Gap ranking: T.LAW 3 people of 4 assessed, mean (1 + 2 + 1) / 3; then T.CIVIL 1 of 1.
      expect(res.body).toMatch(/<code>T.LAW<\/code> – Năng lực T.LAW<\/th><td>3<\/td><td>4<\/td><td>1,33<\/td>/);
      expect(res.body).toMatch(/<code>T.CIVIL<\/code> – Năng lực T.CIVIL<\/th><td>1<\/td><td>1<\/td><td>1<\/td>/);
      expect(res.body).toMatch(/<th scope="row">Đào tạo, bồi dưỡng lại<\/th><td>1<\/td>/);
      expect(res.body).toContain('id="results-unit"');
      expect(res.body).toContain(`href="/api/v1/review-campaigns/${provinceId}/results.xlsx"`);

      const filtered = await page('province_analyst', `${PAGES}/${provinceId}/results?unit=${t.fixture.unitB}`);
      expect(filtered.body).toContain('chỉ Phường Đông Ba');
      expect(filtered.body).not.toContain('<th scope="row">Xã Hòa Bình</th>');
      expect(filtered.body).toContain(`results.xlsx?unit=${t.fixture.unitB}`);
      expect((await page('province_analyst', `${PAGES}/${provinceId}/results?unit=${t.fixture.otherProvinceUnit}`)).statusCode).toBe(404);
    });

    it('limits a unit role to its own unit on a province campaign', async () => {
      const res = await page('unit_leader_b', `${PAGES}/${provinceId}/results`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Phường Đông Ba');
      expect(res.body).not.toContain('Xã Hòa Bình');
      expect(res.body).not.toContain('id="results-unit"');
      const xlsx = await api('unit_leader_b', `${API}/${provinceId}/results.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const names = wb.worksheets[0]?.getColumn(1).values.slice(2);
      expect(names).toEqual(['Trần Văn Phường Bê']);
    });

    it('exports one XLSX row per participant, Vietnamese kept and formulas neutralised, with a summary sheet', async () => {
      const res = await api('province_analyst', `${API}/${provinceId}/results.xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const [sheet, summary] = wb.worksheets;
      if (!sheet || !summary) throw new Error('two sheets expected');
      expect(sheet.name).toBe('Kết quả');
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'Họ và tên',
        'Đơn vị',
        'Cơ quan chuyên môn',
        'Vị trí việc làm',
        'Nhóm vị trí',
        'Điểm',
        'Xếp loại theo điểm',
        'Xếp loại cuối cùng',
        'Kết quả rà soát',
        'Số năng lực thiếu',
      ]);
      expect(sheet.rowCount).toBe(1 + 8);
      const rows = new Map<string, unknown[]>();
      sheet.eachRow((row, n) => {
        if (n > 1) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
      });
      // The formula-like name is text with a leading apostrophe: never a formula.
      const formula = rows.get(`'=HYPERLINK("http://x.invalid","Bấm")`);
      expect(formula).toBeDefined();
      expect(sheet.getCell(`A${[...rows.keys()].indexOf(`'=HYPERLINK("http://x.invalid","Bấm")`) + 2}`).type).toBe(
        ExcelJS.ValueType.String,
      );
      expect(formula?.slice(5, 8)).toEqual([60, 'Hoàn thành nhiệm vụ', 'Hoàn thành tốt nhiệm vụ']);
      expect(rows.get('Nguyễn Thị Đất Đai')).toEqual([
        'Nguyễn Thị Đất Đai',
        'Xã Hòa Bình',
        undefined,
        'P.LAND – Vị trí P.LAND',
        'Chuyên môn, nghiệp vụ',
        undefined,
        undefined,
        undefined,
        'Đào tạo, bồi dưỡng lại',
        0,
      ]);
      const first = staff.justiceA[0] ?? 0;
      const firstName = await t.database.db.selectFrom('staff').select('fullName').where('id', '=', first).executeTakeFirstOrThrow();
      expect(rows.get(firstName.fullName)?.slice(5)).toEqual([
        95,
        'Hoàn thành xuất sắc nhiệm vụ',
        'Hoàn thành xuất sắc nhiệm vụ',
        undefined,
        2,
      ]);
      expect(summary.name).toBe('Tổng hợp');
      const summaryText: string[] = [];
      summary.eachRow((row) => summaryText.push((row.values as unknown[]).slice(1).join('|')));
      expect(summaryText).toContain('Xã Hòa Bình|1|2|0|0|4|7');
      expect(summaryText).toContain('Đất đai|0|0|0|0|1|1');
      expect(summaryText).toContain('T.LAW – Năng lực T.LAW|3|4|1.33');
    });

    it('exports an A4 landscape PDF with title, campaign, date and the Vietnamese names', async () => {
      const res = await api('province_analyst', `${API}/${provinceId}/results.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const bytes = res.rawPayload;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // A4 landscape: 841.89 × 595.28 points.
      expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\d*\]/);
      const text = pdfText(bytes);
      if (text !== null) {
        expect(text).toContain('KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI');
        expect(text).toContain('Đợt toàn tỉnh');
        expect(text).toContain('02/03/2026');
        expect(text).toContain('Nguyễn Thị Đất Đai');
      }
    });

    it('refuses the exports of another province’s reader and another commune’s campaign', async () => {
      expect((await api('other_province_admin', `${API}/${provinceId}/results.xlsx`)).statusCode).toBe(404);
      const own = await create('unit_hr_a', validForm({ name: 'Đợt riêng xã A' }));
      expect((await api('unit_leader_b', `${API}/${own}/results.pdf`)).statusCode).toBe(404);
    });
  });
});
