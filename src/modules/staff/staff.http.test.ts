import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { insertStaff } from './staff.repository.ts';

describe.each(testDialects())('staff over HTTP on %s', (dialect) => {
  let t: TestApp;
  let lanId: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    lanId = await insertStaff(
      t.database.db,
      {
        provinceCode: 'T1',
        unitId: t.fixture.unitB,
        orgBodyId: null,
        fullName: 'Trần Thị Lan',
        gender: 'FEMALE',
        birthDate: '1992-09-02',
        citizenId: '046192000077',
        phone: '0911000111',
        email: null,
        ethnicity: 'Kinh',
        education: null,
        qualification: null,
        qualificationField: null,
        politicalTheory: null,
        rank: 'CAN_SU',
        employmentStatus: 'ACTIVE',
        currentTitle: 'Công chức một cửa',
      },
      NOW,
    );
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const page = (name: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { cookie: user(name).cookie, ...headers } });
  const personalViews = () =>
    t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'staff.view_personal').orderBy('seq', 'desc').execute();

  describe('GET /api/v1/staff', () => {
    it('lists the province’s staff in Vietnamese name order, always masked', async () => {
      for (const who of ['province_analyst', 'province_admin']) {
        const res = await api(who, '/api/v1/staff');
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
        expect(body.items.map((s: { fullName: string }) => s.fullName)).toEqual(['Trần Thị Lan', 'Nguyễn Văn Mạnh']);
        expect(body.items[1]).toEqual({
          id: t.fixture.staffA,
          fullName: 'Nguyễn Văn Mạnh',
          gender: 'MALE',
          birthDate: '1985',
          citizenId: '0460******34',
          rank: 'CHUYEN_VIEN_CHINH',
          employmentStatus: 'ACTIVE',
          currentTitle: 'Trưởng phòng Kinh tế',
          unit: { id: t.fixture.unitA, name: 'Xã Hòa Bình', kind: 'COMMUNE' },
          orgBody: { id: expect.any(Number), name: 'Phòng Kinh tế', kind: 'ECONOMIC' },
          masked: true,
        });
      }
      expect(await personalViews()).toEqual([]);
    });

    it('finds "Nguyễn Văn Mạnh" by a search without diacritics', async () => {
      const res = await api('province_analyst', `/api/v1/staff?q=${encodeURIComponent('Nguyen Van Manh')}`);
      expect(res.json().items.map((s: { id: number }) => s.id)).toEqual([t.fixture.staffA]);
      const none = await api('province_analyst', '/api/v1/staff?q=nobody');
      expect(none.json()).toMatchObject({ total: 0, items: [] });
    });

    it('keeps commune roles to their own unit and refuses another unit’s filter with 404', async () => {
      const own = (await api('counter_officer_b', '/api/v1/staff')).json();
      expect(own.items.map((s: { fullName: string }) => s.fullName)).toEqual(['Trần Thị Lan']);
      const other = await api('counter_officer_b', `/api/v1/staff?unitId=${t.fixture.unitA}`);
      expect(other.statusCode).toBe(404);
      expect(other.json().code).toBe('UNIT_NOT_FOUND');
      const foreign = await api('other_province_admin', `/api/v1/staff?unitId=${t.fixture.unitA}`);
      expect(foreign.statusCode).toBe(404);
    });

    it('filters by rank and validates the query', async () => {
      const ranked = (await api('province_analyst', '/api/v1/staff?rank=CAN_SU')).json();
      expect(ranked.items.map((s: { id: number }) => s.id)).toEqual([lanId]);
      const bad = await api('province_analyst', '/api/v1/staff?rank=GENERAL');
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('GET /api/v1/staff/:id', () => {
    it('masks personal data for a role without HR rights and writes no audit entry', async () => {
      const res = await api('field_specialist_a', `/api/v1/staff/${t.fixture.staffA}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ masked: true, citizenId: '0460******34', birthDate: '1985', phone: null, email: null, ethnicity: null });
      expect(res.body).not.toContain('046085001234');
      expect(res.body).not.toContain('0905123456');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(await personalViews()).toEqual([]);
    });

    it('returns the appointment history across the merger', async () => {
      const body = (await api('unit_leader_a', `/api/v1/staff/${t.fixture.staffA}`)).json();
      expect(body.appointments).toEqual([
        {
          id: expect.any(Number),
          title: 'Chủ tịch UBND phường',
          startDate: '2021-07-01',
          endDate: '2025-06-30',
          decision: '12/QĐ-UBND',
          unit: { id: t.fixture.formerUnitA, name: 'Phường Cũ An Hòa', kind: 'FORMER_WARD', isFormer: true },
          orgBody: null,
        },
        {
          id: expect.any(Number),
          title: 'Trưởng phòng Kinh tế',
          startDate: '2025-07-01',
          endDate: null,
          decision: '45/QĐ-UBND',
          unit: { id: t.fixture.unitA, name: 'Xã Hòa Bình', kind: 'COMMUNE', isFormer: false },
          orgBody: { id: expect.any(Number), name: 'Phòng Kinh tế', kind: 'ECONOMIC' },
        },
      ]);
    });

    it('gives HR roles the full profile and audits every such view', async () => {
      const res = await api('unit_hr_a', `/api/v1/staff/${t.fixture.staffA}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        masked: false,
        citizenId: '046085001234',
        birthDate: '1985-04-12',
        phone: '0905123456',
        email: 'manh@example.vn',
        ethnicity: 'Kinh',
      });
      await api('province_admin', `/api/v1/staff/${t.fixture.staffA}`);
      const views = await personalViews();
      expect(views.map((v) => [v.actorUsername, v.entityType, v.entityId, v.provinceCode, v.at])).toEqual([
        ['province_admin', 'staff', String(t.fixture.staffA), 'T1', NOW],
        ['unit_hr_a', 'staff', String(t.fixture.staffA), 'T1', NOW],
      ]);
    });

    it('answers 404 for another commune’s or province’s staff, without an audit entry', async () => {
      const before = (await personalViews()).length;
      for (const who of ['unit_hr_b', 'counter_officer_b', 'other_province_admin']) {
        const res = await api(who, `/api/v1/staff/${t.fixture.staffA}`);
        expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status: 404, code: 'STAFF_NOT_FOUND' });
      }
      expect((await api('province_admin', '/api/v1/staff/999999')).statusCode).toBe(404);
      expect((await personalViews()).length).toBe(before);
    });
  });

  describe('pages', () => {
    it('renders the list with masked IDs and birth years', async () => {
      const res = await page('unit_hr_a', '/staff');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<html');
      expect(res.body).toContain('Nguyễn Văn Mạnh');
      expect(res.body).toContain('0460******34');
      expect(res.body).toContain('1985');
      expect(res.body).not.toContain('046085001234');
      expect(res.body).not.toContain('Trần Thị Lan');
    });

    it('finds "Nguyễn Văn Mạnh" through the page search without diacritics', async () => {
      const res = await page('province_analyst', '/staff?q=Nguyen+Van+Manh');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Nguyễn Văn Mạnh');
      expect(res.body).not.toContain('Trần Thị Lan');
      expect(res.body).toContain('value="Nguyen Van Manh"');
    });

    it('answers an htmx search with the results fragment only', async () => {
      const res = await page('province_analyst', '/staff?q=tran+lan', { 'hx-request': 'true' });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<html');
      expect(res.body.startsWith('<div id="staff-results">')).toBe(true);
      expect(res.body).toContain('Trần Thị Lan');
      expect(res.body).not.toContain('Nguyễn Văn Mạnh');
    });

    it('shows the career history with the pre-merger unit and its kind', async () => {
      const res = await page('unit_leader_a', `/staff/${t.fixture.staffA}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>Nguyễn Văn Mạnh</h1>');
      expect(res.body).toContain('Quá trình công tác');
      expect(res.body).toContain('Chủ tịch UBND phường');
      expect(res.body).toContain('Phường Cũ An Hòa');
      expect(res.body).toContain('Phường (trước sắp xếp)');
      expect(res.body).toContain('Trưởng phòng Kinh tế');
      expect(res.body).toContain('30/06/2025');
      expect(res.body).toContain('Chuyên viên chính');
      expect(res.body).toContain('0460******34');
      expect(res.body).not.toContain('046085001234');
      expect(res.body).not.toContain('0905123456');
    });

    it('shows an HR officer the full profile', async () => {
      const res = await page('unit_hr_a', `/staff/${t.fixture.staffA}`);
      expect(res.body).toContain('046085001234');
      expect(res.body).toContain('12/04/1985');
      expect(res.body).toContain('manh@example.vn');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('shows fit to position and service evidence to roles with fit.read, not to others', async () => {
      const leader = await page('unit_leader_a', `/staff/${t.fixture.staffA}`);
      expect(leader.body).toContain('Mức độ đáp ứng vị trí việc làm');
      const counter = await page('counter_officer_a', `/staff/${t.fixture.staffA}`);
      expect(counter.statusCode).toBe(200);
      expect(counter.body).not.toContain('Mức độ đáp ứng vị trí việc làm');
    });

    it('answers 404 when a commune role opens another commune’s staff member', async () => {
      const res = await page('unit_hr_b', `/staff/${t.fixture.staffA}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Nguyễn Văn Mạnh');
    });
  });

  it('documents the staff endpoints with personal fields as nullable strings', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const detail = doc.paths['/api/v1/staff/{id}'].get.responses['200'].content['application/json'].schema;
    for (const field of ['citizenId', 'birthDate', 'phone', 'email']) {
      expect(JSON.stringify(detail.properties[field])).toContain('null');
    }
    expect(Object.keys(doc.paths)).toContain('/api/v1/staff');
  });
});
