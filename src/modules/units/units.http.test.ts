import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { searchKey } from '../../platform/text/search-key.ts';

describe.each(testDialects())('units over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string, method: 'GET' | 'PATCH' = 'GET', payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const page = (name: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { cookie: user(name).cookie, ...headers } });
  const post = (name: string, url: string, fields: Record<string, string>, csrf = true) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(csrf ? { _csrf: user(name).csrf } : {}) }).toString(),
    });
  const unitRow = (id: number) =>
    t.database.db
      .selectFrom('administrativeUnits')
      .select(['name', 'nameSearch', 'population', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  /** Read straight from the table, newest first, so the test does not depend on the audit module's filters. */
  const auditEntries = (action: string) =>
    t.database.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute();
  const auditCount = async (action: string) => (await auditEntries(action)).length;

  describe('GET /api/v1/units', () => {
    it('lists the province’s current units with their counts', async () => {
      const res = await api('province_analyst', '/api/v1/units');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
      expect(body.items.map((u: { name: string }) => u.name)).toEqual(['Phường Đông Ba', 'Xã Hòa Bình']);
      expect(body.items[1]).toEqual({
        id: t.fixture.unitA,
        code: '10001',
        name: 'Xã Hòa Bình',
        kind: 'COMMUNE',
        population: 20000,
        areaKm2: 12.5,
        isMountainous: false,
        validFrom: '2025-07-01',
        validTo: null,
        isCurrent: true,
        predecessorCount: 1,
        staffCount: 1,
      });
    });

    it('shows a commune role its own unit and, on request, the former units that became it', async () => {
      const own = (await api('counter_officer_a', '/api/v1/units')).json();
      expect(own.items.map((u: { name: string }) => u.name)).toEqual(['Xã Hòa Bình']);
      const all = (await api('counter_officer_a', '/api/v1/units?status=all')).json();
      expect(all.items.map((u: { name: string }) => u.name)).toEqual(['Phường Cũ An Hòa', 'Xã Hòa Bình']);
      const other = (await api('counter_officer_b', '/api/v1/units?status=all')).json();
      expect(other.items.map((u: { name: string }) => u.name)).toEqual(['Phường Đông Ba']);
    });

    it('filters by status, kind and a search without diacritics', async () => {
      const former = (await api('province_analyst', '/api/v1/units?status=former')).json();
      expect(former.items.map((u: { name: string }) => u.name)).toEqual(['Phường Cũ An Hòa']);
      const byKind = (await api('province_analyst', '/api/v1/units?status=all&kind=WARD')).json();
      expect(byKind.items.map((u: { name: string }) => u.name)).toEqual(['Phường Đông Ba']);
      const search = (await api('province_analyst', `/api/v1/units?status=all&q=${encodeURIComponent('hoa')}`)).json();
      expect(search.items.map((u: { name: string }) => u.name)).toEqual(['Phường Cũ An Hòa', 'Xã Hòa Bình']);
    });

    it('refuses a page size above 100 with problem+json', async () => {
      const res = await api('province_analyst', '/api/v1/units?pageSize=101');
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    });
  });

  describe('GET /api/v1/units/:id and its lineage', () => {
    it('returns a current unit with its bodies and the units it was formed from', async () => {
      const res = await api('unit_leader_a', `/api/v1/units/${t.fixture.unitA}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ id: t.fixture.unitA, version: 1, createdByResolution: '1675/NQ-UBTVQH15', successors: [] });
      expect(body.bodies).toEqual([
        { id: expect.any(Number), kind: 'ECONOMIC', name: 'Phòng Kinh tế', fields: ['LAND', 'CONSTRUCTION'], deputyQuota: 2 },
      ]);
      expect(body.predecessors).toEqual([
        {
          unit: { id: t.fixture.formerUnitA, code: '90001', name: 'Phường Cũ An Hòa', kind: 'FORMER_WARD' },
          resolution: '1675/NQ-UBTVQH15',
          effectiveDate: '2025-07-01',
        },
      ]);
    });

    it('tells where a former unit went, and its lineage maps it to the current unit', async () => {
      const former = (await api('unit_leader_a', `/api/v1/units/${t.fixture.formerUnitA}`)).json();
      expect(former).toMatchObject({ isCurrent: false, validTo: '2025-06-30', predecessors: [] });
      expect(former.successors.map((s: { unit: { id: number } }) => s.unit.id)).toEqual([t.fixture.unitA]);
      const lineage = await api('unit_leader_a', `/api/v1/units/${t.fixture.formerUnitA}/lineage`);
      expect(lineage.statusCode).toBe(200);
      expect(lineage.json()).toEqual({
        unitId: t.fixture.formerUnitA,
        currentUnits: [{ id: t.fixture.unitA, code: '10001', name: 'Xã Hòa Bình', kind: 'COMMUNE' }],
        mergers: [
          {
            predecessor: { id: t.fixture.formerUnitA, code: '90001', name: 'Phường Cũ An Hòa', kind: 'FORMER_WARD' },
            successor: { id: t.fixture.unitA, code: '10001', name: 'Xã Hòa Bình', kind: 'COMMUNE' },
            resolution: '1675/NQ-UBTVQH15',
            effectiveDate: '2025-07-01',
          },
        ],
      });
    });

    it('answers 404 for another commune’s unit, another province’s unit and a missing one alike', async () => {
      for (const [who, id] of [
        ['unit_leader_b', t.fixture.unitA],
        ['unit_leader_b', t.fixture.formerUnitA],
        ['other_province_admin', t.fixture.unitA],
        ['province_admin', t.fixture.otherProvinceUnit],
        ['province_admin', 999_999],
      ] as const) {
        const res = await api(who, `/api/v1/units/${id}`);
        expect({ who, id, status: res.statusCode, code: res.json().code }).toEqual({ who, id, status: 404, code: 'UNIT_NOT_FOUND' });
      }
    });
  });

  describe('PATCH /api/v1/units/:id', () => {
    it('updates with the current version, bumps it and audits before and after', async () => {
      const res = await api('province_admin', `/api/v1/units/${t.fixture.unitB}`, 'PATCH', {
        version: 1,
        name: 'Phường Thuận Hóa',
        population: 31000,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: t.fixture.unitB, name: 'Phường Thuận Hóa', population: 31000, version: 2 });
      expect(await unitRow(t.fixture.unitB)).toEqual({
        name: 'Phường Thuận Hóa',
        nameSearch: searchKey('Phường Thuận Hóa'),
        population: 31000,
        version: 2,
      });
      const [entry] = await auditEntries('unit.update');
      expect(entry).toMatchObject({
        actorUsername: 'province_admin',
        entityType: 'administrative_unit',
        entityId: String(t.fixture.unitB),
        provinceCode: 'T1',
      });
      expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({ name: 'Phường Đông Ba', population: 20000, version: 1 });
      expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({ name: 'Phường Thuận Hóa', population: 31000, version: 2 });
      const found = (await api('province_analyst', '/api/v1/units?q=thuan%20hoa')).json();
      expect(found.items.map((u: { id: number }) => u.id)).toEqual([t.fixture.unitB]);
    });

    it('answers 409 VERSION_CONFLICT to a stale version and changes nothing', async () => {
      const audits = await auditCount('unit.update');
      const res = await api('province_admin', `/api/v1/units/${t.fixture.unitB}`, 'PATCH', { version: 1, name: 'Ghi đè' });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'VERSION_CONFLICT', status: 409, type: '/docs/errors#error-VERSION_CONFLICT' });
      expect(res.json().title).toContain('người khác thay đổi');
      expect(await unitRow(t.fixture.unitB)).toMatchObject({ name: 'Phường Thuận Hóa', version: 2 });
      expect(await auditCount('unit.update')).toBe(audits);
    });

    it('refuses unknown fields and wrong types with 400 and changes nothing', async () => {
      const audits = await auditCount('unit.update');
      for (const payload of [
        { version: 2, name: 'X', nameSearch: 'x' },
        { version: 2, population: 'many' },
        { version: '2', name: 'X' },
        { name: 'No version' },
        { version: 2, name: '' },
      ]) {
        const res = await api('province_admin', `/api/v1/units/${t.fixture.unitB}`, 'PATCH', payload);
        expect({ payload, status: res.statusCode }).toEqual({ payload, status: 400 });
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
      expect(await unitRow(t.fixture.unitB)).toMatchObject({ name: 'Phường Thuận Hóa', version: 2 });
      expect(await auditCount('unit.update')).toBe(audits);
    });

    it('is refused to roles without the permission', async () => {
      const res = await api('unit_leader_b', `/api/v1/units/${t.fixture.unitB}`, 'PATCH', { version: 2, population: 1 });
      expect(res.statusCode).toBe(403);
      expect(await unitRow(t.fixture.unitB)).toMatchObject({ population: 31000 });
    });
  });

  describe('pages', () => {
    it('renders the list page with a search form that works without JavaScript', async () => {
      const res = await page('unit_leader_a', '/units');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<html');
      expect(res.body).toContain('Xã Hòa Bình');
      expect(res.body).toContain('<form method="get" action="/units"');
      expect(res.body).toContain('hx-target="#unit-results"');
      expect(res.headers.vary).toContain('HX-Request');
    });

    it('answers an htmx search with the results fragment only', async () => {
      const res = await page('province_analyst', '/units?q=hoa+binh', { 'hx-request': 'true' });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<html');
      expect(res.body.startsWith('<div id="unit-results">')).toBe(true);
      expect(res.body).toContain('Xã Hòa Bình');
      expect(res.body).not.toContain('Phường Thuận Hóa');
      const restore = await page('province_analyst', '/units?q=hoa', { 'hx-request': 'true', 'hx-history-restore-request': 'true' });
      expect(restore.body).toContain('<html');
    });

    it('shows details, bodies with translated fields and the "formed from" table', async () => {
      const res = await page('unit_leader_a', `/units/${t.fixture.unitA}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>Xã Hòa Bình</h1>');
      expect(res.body).toContain('Đất đai, Xây dựng');
      expect(res.body).toContain('Hình thành từ');
      expect(res.body).toContain('Phường Cũ An Hòa');
      expect(res.body).toContain('01/07/2025');
      expect(res.body).not.toContain('name="version"');
      const former = await page('unit_leader_a', `/units/${t.fixture.formerUnitA}`);
      expect(former.body).toContain('Đã sáp nhập vào');
      expect(former.body).toContain('Phường (trước sắp xếp)');
    });

    it('answers 404 when a commune role opens another commune’s unit', async () => {
      const res = await page('unit_leader_b', `/units/${t.fixture.unitA}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Xã Hòa Bình</h1>');
    });

    it('lets a province administrator edit through the form, with a saved notice', async () => {
      const form = await page('province_admin', `/units/${t.fixture.unitA}`);
      expect(form.body).toContain('name="version" value="1"');
      const res = await post('province_admin', `/units/${t.fixture.unitA}`, {
        version: '1',
        name: 'Xã Hòa Bình',
        population: '22000',
        areaKm2: '',
        createdByResolution: '1675/NQ-UBTVQH15',
        isMountainous: 'on',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/units/${t.fixture.unitA}?saved=1`);
      const after = await api('province_admin', `/api/v1/units/${t.fixture.unitA}`);
      expect(after.json()).toMatchObject({ population: 22000, areaKm2: null, isMountainous: true, version: 2 });
      const saved = await page('province_admin', `/units/${t.fixture.unitA}?saved=1`);
      expect(saved.body).toContain('Đã lưu.');
    });

    it('shows the translated conflict message on a stale form and keeps the data', async () => {
      const res = await post('province_admin', `/units/${t.fixture.unitA}`, {
        version: '1',
        name: 'Ghi đè',
        population: '',
        areaKm2: '',
        createdByResolution: '',
      });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('Dữ liệu đã được người khác thay đổi');
      expect(res.body).toContain('name="version" value="2"');
      expect((await unitRow(t.fixture.unitA)).name).toBe('Xã Hòa Bình');
    });

    it('refuses a form without its CSRF token or with an unknown field', async () => {
      const noCsrf = await post('province_admin', `/units/${t.fixture.unitA}`, { version: '2', name: 'X' }, false);
      expect(noCsrf.statusCode).toBe(403);
      const extra = await post('province_admin', `/units/${t.fixture.unitA}`, { version: '2', name: 'X', kind: 'WARD' });
      expect(extra.statusCode).toBe(400);
      expect(await unitRow(t.fixture.unitA)).toMatchObject({ name: 'Xã Hòa Bình', version: 2 });
    });
  });

  it('sorts in Vietnamese order (Ấ after A, Đ after D) and paginates after sorting', async () => {
    for (const [code, name] of [
      ['10004', 'Xã Đa Lộc'],
      ['10005', 'Xã Dương Hòa'],
      ['10006', 'Xã Ấn Lưu'],
    ] as const) {
      await t.database.db
        .insertInto('administrativeUnits')
        .values({
          provinceCode: 'T1',
          code,
          name,
          nameSearch: searchKey(name),
          kind: 'COMMUNE',
          parentId: null,
          population: null,
          areaKm2: null,
          isMountainous: 0,
          validFrom: '2025-07-01',
          validTo: null,
          createdByResolution: null,
          createdAt: NOW,
          updatedAt: NOW,
        })
        .execute();
    }
    const all = (await api('province_analyst', '/api/v1/units?kind=COMMUNE')).json();
    expect(all.items.map((u: { name: string }) => u.name)).toEqual(['Xã Ấn Lưu', 'Xã Dương Hòa', 'Xã Đa Lộc', 'Xã Hòa Bình']);
    const second = (await api('province_analyst', '/api/v1/units?kind=COMMUNE&pageSize=2&page=2')).json();
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(second.items.map((u: { name: string }) => u.name)).toEqual(['Xã Đa Lộc', 'Xã Hòa Bình']);
    const html = await page('province_analyst', '/units?kind=COMMUNE&pageSize=2&page=2');
    expect(html.body).toContain('Xã Đa Lộc');
    expect(html.body).not.toContain('Xã Ấn Lưu');
    expect(html.body).toContain('href="/units?kind=COMMUNE&amp;pageSize=2" rel="prev"');
  });

  it('documents the unit endpoints in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/units', '/api/v1/units/{id}', '/api/v1/units/{id}/lineage']));
    expect(doc.paths['/api/v1/units/{id}'].patch.responses).toHaveProperty('409');
    expect(doc.paths['/api/v1/units'].get.tags).toEqual(['units']);
    expect(Object.keys(doc.paths)).not.toContain('/units');
  });

  it('uses the fixed clock for audit times', async () => {
    const [entry] = await auditEntries('unit.update');
    expect(entry?.at).toBe(NOW);
  });
});
