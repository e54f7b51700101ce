import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import type { Db } from '../../platform/db/database.ts';
import { DEFAULT_STAFFING_NORM_CONFIG } from '../../platform/rules/defaults/staffing-norm.config.ts';
import { setRule } from '../../platform/rules/rules.ts';
import { nameSortKey } from '../../platform/text/name-sort-key.ts';
import { searchKey } from '../../platform/text/search-key.ts';
import type { NormLine, NormReport } from './norm.schemas.ts';

let seq = 0;

async function unit(db: Db, code: string, name: string, kind: string, population: number | null, mountainous: boolean, former = false) {
  const { id } = await db
    .insertInto('administrativeUnits')
    .values({
      provinceCode: 'T1',
      code,
      name,
      nameSearch: searchKey(name),
      kind,
      parentId: null,
      population,
      areaKm2: null,
      isMountainous: mountainous ? 1 : 0,
      validFrom: former ? null : '2025-07-01',
      validTo: former ? '2025-06-30' : null,
      createdByResolution: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function staff(db: Db, unitId: number, status: string, n: number) {
  for (let i = 0; i < n; i++) {
    const fullName = `Cán Bộ Thử ${++seq}`;
    await db
      .insertInto('staff')
      .values({
        provinceCode: 'T1',
        unitId,
        orgBodyId: null,
        fullName,
        nameSearch: searchKey(fullName),
        nameSort: nameSortKey(fullName),
        gender: 'MALE',
        birthDate: '1988-01-01',
        citizenId: `0468${String(seq).padStart(8, '0')}`,
        rank: 'CHUYEN_VIEN',
        employmentStatus: status,
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute();
  }
}

describe.each(testDialects())('staffing norm over HTTP on %s', (dialect) => {
  let t: TestApp;
  /** Mountainous commune, 23,500 residents: 32 + floor(7500 / 1000) = 39; 39 active staff → at the norm. */
  let mountain: number;
  /** Ward at 16,000 residents: 32; 33 active (+2 on leave) → 1 over. */
  let ward: number;
  /** Special zone without a population: unknown. */
  let zone: number;
  let former: number;

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, query = '') =>
    t.app.inject({ url: `/api/v1/staffing/norms${query}`, headers: { authorization: user(name).bearer } });
  const page = (name: string, query = '', lang?: string) =>
    t.app.inject({
      url: `/staffing/norms${query}`,
      headers: { cookie: lang ? `${user(name).cookie}; cadre_lang=${lang}` : user(name).cookie },
    });
  const lineOf = (report: NormReport, unitId: number): NormLine => {
    const line = report.items.find((l) => l.unitId === unitId);
    if (!line) throw new Error(`no line for unit ${unitId}`);
    return line;
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const db = t.database.db;
    mountain = await unit(db, '40001', 'Xã Núi Cao', 'COMMUNE', 23500, true);
    ward = await unit(db, '40002', 'Phường Trung Tâm', 'WARD', 16000, false);
    zone = await unit(db, '40003', 'Đặc khu Đảo Xa', 'SPECIAL_ZONE', null, false);
    former = await unit(db, '40004', 'Xã Cũ Đã Nhập', 'FORMER_COMMUNE', 9000, false, true);
    await staff(db, mountain, 'ACTIVE', 39);
    await staff(db, ward, 'ACTIVE', 33);
    await staff(db, ward, 'ON_LEAVE', 2);
    await staff(db, zone, 'ACTIVE', 3);
    // A province version from 1 June 2026 with a different base.
    await setRule(
      db,
      { actor: null, requestId: null, at: NOW, provinceCode: 'T1' },
      {
        key: 'staffing.norm',
        provinceCode: 'T1',
        value: { ...DEFAULT_STAFFING_NORM_CONFIG, version: 'T1-2026', effectiveFrom: '2026-06-01', base: 33 },
        effectiveFrom: '2026-06-01',
        sourceNote: 'Quyết định thử của tỉnh',
      },
    );
  });
  afterAll(async () => t?.close());

  describe('the API', () => {
    it('gives every current unit of the province its norm, headcount, difference and status, today by default', async () => {
      const res = await api('province_analyst');
      expect(res.statusCode).toBe(200);
      const body = res.json() as NormReport;
      expect(body.onDate).toBe('2026-03-02');
      expect(body.rule).toMatchObject({ version: 'norm-09-CV-BCD-2025', origin: 'default', effectiveFrom: '2025-05-30', base: 32 });
      const f = t.fixture;
      expect(body.items.map((l) => l.unitId).sort((a, b) => a - b)).toEqual([f.unitA, f.unitB, mountain, ward, zone].sort((a, b) => a - b));
      expect(body.items.some((l) => l.unitId === former || l.unitId === f.otherProvinceUnit)).toBe(false);
      expect(lineOf(body, mountain)).toMatchObject({
        kind: 'COMMUNE',
        population: 23500,
        isMountainous: true,
        base: 32,
        extra: 7,
        uncapped: 39,
        ceiling: 50,
        norm: 39,
        capped: false,
        headcount: 39,
        difference: 0,
        status: 'AT_NORM',
      });
      expect(lineOf(body, mountain).trace.find((s) => s.step === 'extra')).toEqual({
        step: 'extra',
        formula: 'floor(max(0, P − T) / S)',
        values: 'floor(max(0, 23500 − 16000) / 1000)',
        result: 7,
      });
      expect(lineOf(body, ward)).toMatchObject({ norm: 32, ceiling: 70, headcount: 33, difference: 1, status: 'OVER' });
      expect(lineOf(body, zone)).toMatchObject({
        norm: null,
        headcount: 3,
        difference: null,
        status: 'UNKNOWN',
        unknownReason: 'POPULATION_MISSING',
        trace: [],
      });
      // Commune A: 20,000 residents → 34, with the fixture's few staff → under.
      const a = lineOf(body, f.unitA);
      expect(a).toMatchObject({ norm: 34, status: 'UNDER' });
      expect(a.difference).toBe(a.headcount - 34);
      expect(body.totals).toMatchObject({ units: 5, over: 1, atNorm: 1, under: 2, unknown: 1 });
    });

    it('picks the configuration version in force on onDate', async () => {
      const before = (await api('province_analyst', '?onDate=2026-05-31')).json() as NormReport;
      expect(before.rule).toMatchObject({ version: 'norm-09-CV-BCD-2025', base: 32, origin: 'default' });
      expect(lineOf(before, ward)).toMatchObject({ norm: 32, status: 'OVER' });

      const after = (await api('province_analyst', '?onDate=2026-06-01')).json() as NormReport;
      expect(after.rule).toMatchObject({ version: 'T1-2026', base: 33, origin: 'province', effectiveFrom: '2026-06-01' });
      expect(after.rule.sourceNote).toBe('Quyết định thử của tỉnh');
      expect(lineOf(after, ward)).toMatchObject({ norm: 33, difference: 0, status: 'AT_NORM' });
      expect(lineOf(after, mountain)).toMatchObject({ norm: 40, difference: -1, status: 'UNDER' });
    });

    it('has no norm before the letter took effect', async () => {
      const body = (await api('province_analyst', '?onDate=2025-05-29')).json() as NormReport;
      expect(body.items.every((l) => l.status === 'UNKNOWN' && l.unknownReason === 'RULE_NOT_IN_FORCE')).toBe(true);
      expect(body.totals).toMatchObject({ unknown: 5, norm: 0 });
    });

    it('sorts by difference, unknown last, either way', async () => {
      const asc = (await api('province_analyst', '?sort=difference')).json() as NormReport;
      const diffs = asc.items.map((l) => l.difference);
      expect(diffs.at(-1)).toBeNull();
      const known = diffs.filter((d): d is number => d !== null);
      expect(known).toEqual([...known].sort((x, y) => x - y));
      const desc = (await api('province_analyst', '?sort=-difference')).json() as NormReport;
      expect(desc.items[0]?.unitId).toBe(ward);
      expect(desc.items.at(-1)?.unitId).toBe(zone);
    });

    it('shows unit roles their own unit only, and answers 404 for another unit or province', async () => {
      const own = (await api('unit_hr_a')).json() as NormReport;
      expect(own.items.map((l) => l.unitId)).toEqual([t.fixture.unitA]);
      expect((await api('unit_leader_b')).json().items.map((l: NormLine) => l.unitId)).toEqual([t.fixture.unitB]);
      expect((await api('unit_hr_a', `?unitId=${t.fixture.unitB}`)).statusCode).toBe(404);
      expect((await api('unit_hr_a', `?unitId=${t.fixture.unitA}`)).statusCode).toBe(200);
      expect((await api('province_admin', `?unitId=${t.fixture.otherProvinceUnit}`)).statusCode).toBe(404);
      expect((await api('other_province_admin', `?unitId=${t.fixture.unitA}`)).statusCode).toBe(404);
      // Another province's administrator sees its own province only.
      const other = (await api('other_province_admin')).json() as NormReport;
      expect(other.items.map((l) => l.unitId)).toEqual([t.fixture.otherProvinceUnit]);
      // A former unit or a missing one is not a unit with a norm.
      expect((await api('province_admin', `?unitId=${former}`)).statusCode).toBe(404);
      expect((await api('province_admin', '?unitId=99999999')).statusCode).toBe(404);
      const one = (await api('province_admin', `?unitId=${ward}`)).json() as NormReport;
      expect(one.items.map((l) => l.unitId)).toEqual([ward]);
    });

    it('refuses roles without staffing.read and bad queries with a translated 400', async () => {
      expect((await api('counter_officer_a')).statusCode).toBe(403);
      for (const q of ['?onDate=2026-02-30', '?onDate=yesterday', '?sort=population', '?unitId=abc', '?onDate=1999-12-31']) {
        const res = await api('province_analyst', q);
        expect({ q, status: res.statusCode, code: res.json().code }).toEqual({ q, status: 400, code: 'VALIDATION_FAILED' });
      }
    });
  });

  it('is documented in the OpenAPI document with its query and answer', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/staffing/norms'].get;
    expect(op.description).toContain('floor(max(0, P − T) / S)');
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['onDate', 'sort', 'unitId']);
    const answer = JSON.stringify(op.responses['200']);
    expect(answer).toContain('headcount − norm');
    expect(answer).toContain('RULE_NOT_IN_FORCE');
  });

  describe('the page', () => {
    it('renders the table with the formula on demand and the status in words', async () => {
      const res = await page('province_analyst');
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('Định biên theo Công văn 09/CV-BCĐ và số người hiện có');
      expect(html).toContain('Xã Núi Cao');
      expect(html).toContain('Thừa 1 người so với định biên');
      expect(html).toContain('Đúng định biên');
      expect(html).toContain('Chưa có số dân của đơn vị');
      expect(html).toMatch(/Thiếu \d+ người so với định biên/);
      expect(html).toContain('<details>');
      expect(html).toContain('floor(max(0, 23500 − 16000) / 1000)');
      expect(html).toContain('href="/staffing/wisn"');
      expect(html).toContain('norm-09-CV-BCD-2025');
      expect(html).not.toContain('Xã Cũ Đã Nhập');
    });

    it('sorts by difference through the query and keeps the date in its links', async () => {
      const asc = (await page('province_analyst', '?sort=difference&onDate=2026-03-02')).body;
      expect(asc.indexOf('Xã Núi Cao')).toBeLessThan(asc.indexOf('Phường Trung Tâm'));
      expect(asc).toContain('aria-sort="ascending"');
      expect(asc).toContain('href="/staffing/norms?onDate=2026-03-02&amp;sort=-difference"');
      const desc = (await page('province_analyst', '?sort=-difference')).body;
      expect(desc.indexOf('Phường Trung Tâm')).toBeLessThan(desc.indexOf('Xã Núi Cao'));
    });

    it('follows the language and the date asked for', async () => {
      const en = (await page('province_analyst', '?onDate=2026-06-01', 'en')).body;
      expect(en).toContain('At the norm');
      expect(en).toContain('1 under the norm');
      expect(en).toContain('T1-2026');
    });

    it('shows a unit role its own unit, and a translated error for a bad date', async () => {
      const own = (await page('unit_leader_a')).body;
      expect(own).toContain('Xã Hòa Bình');
      expect(own).not.toContain('Xã Núi Cao');
      const bad = await page('province_analyst', '?onDate=2026-13-01');
      expect(bad.statusCode).toBe(400);
      expect((await page('unit_leader_a', `?unitId=${ward}`)).statusCode).toBe(404);
    });

    it('is linked from the WISN calculator', async () => {
      const wisn = await t.app.inject({ url: '/staffing/wisn', headers: { cookie: user('unit_hr_a').cookie } });
      expect(wisn.body).toContain('href="/staffing/norms"');
    });
  });
});
