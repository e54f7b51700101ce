import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { type FitSeed, seedFit } from '../../position-fit/position-fit.fixtures.ts';
import { courseBody } from '../training.fixtures.ts';
import type { CandidateList, SuggestionList } from './enrol-search.schemas.ts';

/**
 * Enrolling by name and from training needs (issue 6 §5). The fit fixture's staffA, Nguyễn Văn
 * Mạnh of commune A, is assessed 2 in T.LAW against the 3 his position requires; course C.LAW3
 * raises T.LAW to 3, so it closes that need. Course C.RANK is open to NHAN_VIEN only, which
 * staffA (CHUYEN_VIEN_CHINH) is not.
 */
describe.each(testDialects())('finding people to enrol on %s', (dialect) => {
  let t: TestApp;
  let s: FitSeed;
  let classId = 0;
  let rankClassId = 0;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string, method: 'GET' | 'POST' = 'GET', payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  const page = (name: string, url: string, htmx = false) =>
    t.app.inject({ url, headers: { cookie: user(name).cookie, ...(htmx ? { 'hx-request': 'true' } : {}) } });
  const form = (name: string, url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'x-csrf-token': user(name).csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  const openClass = async (courseCode: string) => {
    const res = await api('province_analyst', '/api/v1/training/classes', 'POST', {
      courseCode,
      startDate: '2026-02-02',
      endDate: '2026-02-11',
      status: 'OPEN',
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: number }).id;
  };
  const candidates = async (name: string, id: number, q: string) => {
    const res = await api(name, `/api/v1/training/classes/${id}/candidates?q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    return res.json() as CandidateList;
  };
  const suggestions = async (name: string, id: number) => {
    const res = await api(name, `/api/v1/training/classes/${id}/suggestions`);
    expect(res.statusCode).toBe(200);
    return res.json() as SuggestionList;
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    s = await seedFit(t.database.db, t.fixture);
    for (const body of [
      courseBody('C.LAW3', { competencies: [{ competencyCode: 'T.LAW', raisesToLevel: 3 }] }),
      courseBody('C.RANK', { eligibility: { targetRanks: ['NHAN_VIEN'], positionGroups: [], fields: [], postgraduate: null } }),
    ])
      expect((await api('province_admin', '/api/v1/training/courses', 'POST', body)).statusCode).toBe(201);
    classId = await openClass('C.LAW3');
    rankClassId = await openClass('C.RANK');
  });
  afterAll(async () => t?.close());

  it('finds people by any words of their name, without diacritics, each eligible or not with the reasons', async () => {
    const found = await candidates('province_analyst', classId, 'manh nguyen');
    expect(found.items.map((c) => c.staffId)).toEqual([s.staffA]);
    expect(found.items[0]).toMatchObject({ fullName: 'Nguyễn Văn Mạnh', eligible: true, reasons: [], enrolment: null });
    expect((await candidates('province_analyst', classId, 'zzzz')).items).toEqual([]);

    const refused = (await candidates('province_analyst', rankClassId, 'Mạnh')).items[0];
    expect(refused).toMatchObject({ staffId: s.staffA, eligible: false });
    expect(refused?.reasons.join(' ')).toMatch(/NHAN_VIEN|Nhân viên|ngạch/i);
  });

  it('keeps unit roles to the people of their own unit', async () => {
    expect((await candidates('unit_hr_a', classId, 'manh')).items.map((c) => c.staffId)).toEqual([s.staffA]);
    expect((await candidates('unit_hr_b', classId, 'manh')).items).toEqual([]);
    // Phạm Thị Hoa works in commune B.
    expect((await candidates('unit_hr_a', classId, 'hoa')).items).toEqual([]);
    expect((await candidates('unit_hr_b', classId, 'hoa')).items.map((c) => c.fullName)).toEqual(['Phạm Thị Hoa']);
  });

  it('suggests the people whose needs the course closes, by need weight, with those needs', async () => {
    const list = await suggestions('province_analyst', classId);
    expect(list.courseCode).toBe('C.LAW3');
    const mine = list.items.find((x) => x.staffId === s.staffA);
    expect(mine).toMatchObject({ eligible: true, enrolment: null });
    expect(mine?.needs).toEqual([expect.objectContaining({ kind: 'COMPETENCY', competencyCode: 'T.LAW', required: 3, assessed: 2 })]);
    const weights = list.items.map((x) => x.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(list.total).toBe(list.items.length);
    // Every suggestion has a T.LAW need at or under level 3, and nothing else is listed as closed.
    for (const x of list.items) for (const n of x.needs) expect(n.competencyCode === 'T.LAW' && (n.required ?? 9) <= 3).toBe(true);
    // A course raising nothing closes no competency need.
    expect((await suggestions('province_analyst', rankClassId)).items).toEqual([]);
    // Commune B's leader does not see commune A's people.
    expect((await suggestions('unit_leader_b', classId)).items.some((x) => x.staffId === s.staffA)).toBe(false);
  });

  it('shows the search on the class page without JavaScript and as an htmx fragment', async () => {
    const full = await page('province_analyst', `/training/classes/${classId}?q=manh`);
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(`name="staffIds" value="${s.staffA}"`);
    expect(full.body).toContain('Nguyễn Văn Mạnh');
    expect(full.body).toContain('Đủ điều kiện');
    const fragment = await page('province_analyst', `/training/classes/${classId}/candidates?q=manh`, true);
    expect(fragment.statusCode).toBe(200);
    expect(fragment.body.startsWith('<div id="candidates">')).toBe(true);
    expect(fragment.body).not.toContain('<html');
    expect(fragment.body).toContain('Nguyễn Văn Mạnh');
    // A reader who cannot enrol sees eligibility but no boxes to tick.
    const reader = await page('unit_hr_a', `/training/classes/${classId}/candidates?q=manh`, true);
    expect(reader.body).toContain('Nguyễn Văn Mạnh');
    expect(reader.body).not.toContain('name="staffIds"');
    const suggest = await page('province_analyst', `/training/classes/${classId}/suggestions`, true);
    expect(suggest.body.startsWith('<div id="suggestions">')).toBe(true);
    expect(suggest.body).toContain(`name="staffIds" value="${s.staffA}"`);
    const suggestPage = await page('province_analyst', `/training/classes/${classId}?suggest=1`);
    expect(suggestPage.body).toContain('Ghi danh Nguyễn Văn Mạnh');
    expect(Buffer.byteLength(suggestPage.body)).toBeLessThanOrEqual(50 * 1024);
  });

  it('enrols the people ticked, names them, and drops them from the suggestions', async () => {
    const lan = (await candidates('province_analyst', classId, 'tran lan')).items[0];
    expect(lan?.fullName).toBe('Trần Thị Lan');
    const res = await form('province_analyst', `/training/classes/${classId}/enrol`, {
      staffIds: [String(s.staffA), String(lan?.staffId)],
      q: 'manh',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Đã ghi danh: (Nguyễn Văn Mạnh, Trần Thị Lan|Trần Thị Lan, Nguyễn Văn Mạnh)\./);
    // The search stays, now reading him as enrolled, his box disabled.
    expect(res.body).toMatch(new RegExp(`value="${s.staffA}" disabled`));
    expect((await candidates('province_analyst', classId, 'manh')).items[0]?.enrolment).toBe('ENROLLED');
    expect((await suggestions('province_analyst', classId)).items.some((x) => x.staffId === s.staffA)).toBe(false);
    // Ticking an ineligible person is refused by name, with the reason.
    const refused = await form('province_analyst', `/training/classes/${rankClassId}/enrol`, { staffIds: String(s.staffA) });
    expect(refused.body).toContain('Nguyễn Văn Mạnh: Không đủ điều kiện tham gia khóa học');
  });

  it('refuses bad queries and other provinces’ classes', async () => {
    expect((await api('province_analyst', `/api/v1/training/classes/${classId}/candidates?q=${'a'.repeat(101)}`)).statusCode).toBe(400);
    expect((await api('province_analyst', `/api/v1/training/classes/${classId}/suggestions?limit=0`)).statusCode).toBe(400);
    expect((await api('province_analyst', `/api/v1/training/classes/${classId}/candidates?pageSize=51`)).statusCode).toBe(400);
    expect((await api('other_province_admin', `/api/v1/training/classes/${classId}/candidates?q=manh`)).statusCode).toBe(404);
    expect((await api('other_province_admin', `/api/v1/training/classes/${classId}/suggestions`)).statusCode).toBe(404);
    expect((await api('province_analyst', '/api/v1/training/classes/999999/suggestions')).statusCode).toBe(404);
  });
});
