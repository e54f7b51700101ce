import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { seedInterimFramework } from '../positions/seed-framework.ts';
import { courseBody, courseForm } from './training.fixtures.ts';

type Json = Record<string, unknown>;

describe.each(testDialects())('training courses over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    // Cadre's competency library (GEN.LAW, DIG.1…), published from 2025-10-01: in force on the fixture's date.
    await seedInterimFramework(t.database.db, 'T1', NOW);
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string, method: 'GET' | 'POST' | 'PUT' = 'GET', payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const page = (name: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { cookie: user(name).cookie, ...headers } });
  const post = (name: string, url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...fields, _csrf: user(name).csrf }))
      for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('trainingCourses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = (action: string) =>
    t.database.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute();
  const update = (version: number, over: Json = {}) => {
    const { code: _c, ...rest } = courseBody('X', over);
    return { ...rest, version };
  };
  const ids: Record<string, number> = {};

  describe('POST /api/v1/training/courses', () => {
    it('creates a course with the competencies it raises, audited', async () => {
      const res = await api(
        'province_analyst',
        '/api/v1/training/courses',
        'POST',
        courseBody('DT.CDS.01', {
          competencies: [
            { competencyCode: 'DIG.1', raisesToLevel: 3 },
            { competencyCode: 'GEN.LAW', raisesToLevel: 2 },
          ],
        }),
      );
      expect(res.statusCode).toBe(201);
      const body = res.json();
      ids.cds = body.id;
      expect(res.headers.location).toBe(`/api/v1/training/courses/${body.id}`);
      expect(body).toMatchObject({
        code: 'DT.CDS.01',
        nameVi: 'Bồi dưỡng kỹ năng số DT.CDS.01',
        contentType: 'DIGITAL_INNOVATION',
        mode: 'BLENDED',
        durationDays: 8,
        sessions: [{ days: 5 }, { days: 3 }],
        costPerClass: 30_000_000,
        costPerParticipant: 800_000,
        status: 'ACTIVE',
        version: 1,
        // 8 days × 8 periods (rule training.minAnnualPeriods).
        periods: 64,
        effectiveFrom: '2026-01-01',
        effectiveTo: null,
        postgraduateRule: null,
      });
      expect(body.competencies).toEqual([
        { competencyCode: 'DIG.1', raisesToLevel: 3, nameVi: expect.any(String), nameEn: expect.any(String) },
        { competencyCode: 'GEN.LAW', raisesToLevel: 2, nameVi: expect.any(String), nameEn: expect.any(String) },
      ]);
      const [entry] = await audits('training.course.create');
      expect(entry).toMatchObject({ entityType: 'training_course', entityId: String(body.id), actorUsername: 'province_analyst' });
    });

    it('creates a chain A ← B (B requires A) for the prerequisite cases', async () => {
      const a = await api(
        'province_admin',
        '/api/v1/training/courses',
        'POST',
        courseBody('HT.A', { contentType: 'STATE_MANAGEMENT', mode: 'IN_PERSON' }),
      );
      expect(a.statusCode).toBe(201);
      ids.a = a.json().id;
      const b = await api(
        'province_admin',
        '/api/v1/training/courses',
        'POST',
        courseBody('HT.B', { prerequisites: ['HT.A'], mode: 'ONLINE' }),
      );
      expect(b.statusCode).toBe(201);
      ids.b = b.json().id;
      expect(b.json().prerequisites).toEqual([{ code: 'HT.A', id: ids.a, nameVi: 'Bồi dưỡng kỹ năng số HT.A' }]);
    });

    it.each([
      [
        'a session over 5 working days',
        { durationDays: 8, sessions: [{ days: 6 }, { days: 2 }] },
        'sessions.0.days',
        /quá 5 ngày làm việc/,
      ],
      ['sessions not adding up', { durationDays: 9 }, 'sessions', /Tổng các đợt là 8 ngày, khác tổng thời lượng 9 ngày/],
      ['minimum above capacity', { minClassSize: 41 }, 'minClassSize', /lớn hơn sĩ số tối đa/],
      [
        'a competency not in the framework',
        { competencies: [{ competencyCode: 'GEN.NOPE', raisesToLevel: 2 }] },
        'competencies.0.competencyCode',
        /GEN.NOPE/,
      ],
      ['an unknown prerequisite', { prerequisites: ['HT.ZZZ'] }, 'prerequisites.0', /HT.ZZZ/],
      ['a level outside 1–5', { competencies: [{ competencyCode: 'GEN.LAW', raisesToLevel: 6 }] }, 'competencies.0.raisesToLevel', /./],
      ['an unknown field', { colour: 'red' }, '', /colour/],
    ])('refuses %s with a translated 400 and writes nothing', async (_name, over, path, message) => {
      const before = await count();
      const res = await api('province_admin', '/api/v1/training/courses', 'POST', courseBody('HT.BAD', over as Json));
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      const problem = (res.json().errors as { path: string; message: string }[]).find((e) => e.path === path);
      expect(problem?.message).toMatch(message);
      expect(await count()).toBe(before);
    });

    it('refuses a lower-case code and a code already in the catalogue', async () => {
      const lower = await api('province_admin', '/api/v1/training/courses', 'POST', courseBody('ht.x'));
      expect(lower.statusCode).toBe(400);
      expect(lower.json().errors[0].path).toBe('code');
      const dup = await api('province_admin', '/api/v1/training/courses', 'POST', courseBody('HT.A'));
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'TRAINING_COURSE_CODE_TAKEN', detail: 'Mã khóa học HT.A đã có trong danh mục.' });
    });
  });

  describe('GET /api/v1/training/courses', () => {
    it('searches without diacritics, in Vietnamese order', async () => {
      const res = await api('unit_leader_a', '/api/v1/training/courses?q=ky%20nang%20so');
      expect(res.statusCode).toBe(200);
      const codes = (res.json().items as Json[]).map((c) => c.code);
      expect(codes).toEqual(['DT.CDS.01', 'HT.A', 'HT.B']);
      expect(res.json()).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    });

    it('filters by competency, content type and mode', async () => {
      const codes = async (qs: string) =>
        ((await api('unit_hr_b', `/api/v1/training/courses?${qs}`)).json().items as Json[]).map((c) => c.code);
      expect(await codes('competency=GEN.LAW')).toEqual(['DT.CDS.01']);
      expect(await codes('contentType=STATE_MANAGEMENT')).toEqual(['HT.A']);
      expect(await codes('mode=ONLINE')).toEqual(['HT.B']);
      expect(await codes('competency=FLD.LAND')).toEqual([]);
    });

    it('is refused to counter officers and answers 404 for another province’s course', async () => {
      expect((await api('counter_officer_a', '/api/v1/training/courses')).statusCode).toBe(403);
      expect((await api('other_province_admin', `/api/v1/training/courses/${ids.a}`)).statusCode).toBe(404);
    });
  });

  describe('PUT /api/v1/training/courses/:id', () => {
    it('changes a course and bumps its version, audited with before and after', async () => {
      const res = await api('province_admin', `/api/v1/training/courses/${ids.a}`, 'PUT', update(1, { costPerClass: 45_000_000 }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ code: 'HT.A', costPerClass: 45_000_000, version: 2 });
      const [entry] = await audits('training.course.update');
      expect(JSON.parse(entry?.before as string)).toMatchObject({ code: 'HT.A', costPerClass: 30_000_000 });
      expect(JSON.parse(entry?.after as string)).toMatchObject({ code: 'HT.A', costPerClass: 45_000_000 });
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const res = await api('province_admin', `/api/v1/training/courses/${ids.a}`, 'PUT', update(1, { costPerClass: 1 }));
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('VERSION_CONFLICT');
      expect((await api('province_admin', `/api/v1/training/courses/${ids.a}`)).json()).toMatchObject({
        costPerClass: 45_000_000,
        version: 2,
      });
    });

    it('refuses a prerequisite cycle (B requires A, so A cannot require B)', async () => {
      const res = await api('province_admin', `/api/v1/training/courses/${ids.a}`, 'PUT', update(2, { prerequisites: ['HT.B'] }));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { path: 'prerequisites', message: 'Các khóa tiên quyết tạo thành vòng lặp: HT.A → HT.B → HT.A.' },
      ]);
      expect((await api('province_admin', `/api/v1/training/courses/${ids.a}`)).json()).toMatchObject({ prerequisites: [], version: 2 });
    });
  });

  describe('retiring', () => {
    it('retires a course: out of the default list, still readable, no longer editable', async () => {
      const res = await api('province_analyst', `/api/v1/training/courses/${ids.b}/retire`, 'POST', {
        version: 1,
        effectiveTo: '2026-06-30',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'RETIRED', effectiveTo: '2026-06-30', version: 2 });
      const active = ((await api('unit_hr_a', '/api/v1/training/courses')).json().items as Json[]).map((c) => c.code);
      expect(active).not.toContain('HT.B');
      const all = ((await api('unit_hr_a', '/api/v1/training/courses?status=ALL')).json().items as Json[]).map((c) => c.code);
      expect(all).toContain('HT.B');
      const edit = await api('province_analyst', `/api/v1/training/courses/${ids.b}`, 'PUT', update(2));
      expect(edit.statusCode).toBe(409);
      expect(edit.json().code).toBe('TRAINING_COURSE_RETIRED');
      expect((await audits('training.course.retire')).length).toBe(1);
    });
  });

  describe('postgraduate courses', () => {
    it('stores the course’s terms and shows the rule training.postgraduate in force', async () => {
      const res = await api(
        'province_admin',
        '/api/v1/training/courses',
        'POST',
        courseBody('SDH.QLC', {
          nameVi: 'Thạc sĩ Quản lý công',
          durationDays: 5,
          sessions: [{ days: 5 }],
          eligibility: { targetRanks: ['CHUYEN_VIEN'], positionGroups: [], fields: [], postgraduate: { programmeMonths: 24 } },
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().eligibility).toEqual({
        targetRanks: ['CHUYEN_VIEN'],
        positionGroups: [],
        fields: [],
        postgraduate: { programmeMonths: 24, minServiceYears: null, maxAgeAtFirstSending: null, commitmentMultiple: null },
      });
      expect(res.json().postgraduateRule).toMatchObject({
        minServiceYears: 3,
        recentRatingYears: 2,
        minRating: 'GOOD',
        maxAgeAtFirstSending: 45,
        commitmentMultiple: 3,
      });
      const html = await page('unit_leader_a', `/training/courses/${res.json().id}`);
      expect(html.statusCode).toBe(200);
      expect(html.body).toContain('Không quá 45 tuổi khi được cử đi học lần đầu');
      expect(html.body).toContain('Chuyên viên');
    });
  });

  it('documents the catalogue API in the OpenAPI document, from the Zod schemas', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const create = doc.paths['/api/v1/training/courses'].post;
    const body = JSON.stringify(create.requestBody.content['application/json'].schema);
    expect(body).toContain('DIGITAL_INNOVATION');
    expect(body).toContain('at most 5');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
    expect(doc.paths['/api/v1/training/courses/{id}'].put.description).toContain('VERSION_CONFLICT');
    expect(doc.paths['/api/v1/training/courses/{id}/retire'].post).toBeDefined();
    expect(doc.paths['/api/v1/training/courses/import'].post.description).toContain('TRAINING_IMPORT_INVALID');
  });

  describe('pages', () => {
    it('lists with a GET filter form, and answers htmx with the results only', async () => {
      const res = await page('unit_leader_b', '/training/courses?q=ky%20nang&competency=DIG.1');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<form method="get" action="/training/courses"');
      expect(res.body).toContain('DT.CDS.01');
      expect(res.body).not.toContain('HT.A');
      expect(res.body).toContain('30.000.000');
      // Readers without training.manage see no "add" button.
      expect(res.body).not.toContain('href="/training/courses/new"');
      const fragment = await page('unit_leader_b', '/training/courses?q=ht.a', { 'hx-request': 'true' });
      expect(fragment.statusCode).toBe(200);
      expect(fragment.body).not.toContain('<html');
      expect(fragment.body).toContain('HT.A');
    });

    it('refuses a bad form with translated errors and every value kept, then saves a good one', async () => {
      const before = await count();
      const bad = await post(
        'province_analyst',
        '/training/courses',
        courseForm({ code: 'GT.01', durationDays: '7', sessions: '7', competencies: 'GEN.LAW 3\nGEN.NOPE 2' }),
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Đợt 1 dài quá 5 ngày làm việc');
      expect(bad.body).toContain('Năng lực GEN.NOPE không có trong khung năng lực đã công bố.');
      expect(bad.body).toContain('value="Kỹ năng giao tiếp với người dân"');
      expect(bad.body).toContain('value="12.000.000"');
      expect(bad.body).toContain('GEN.NOPE 2</textarea>');
      expect(await count()).toBe(before);

      const good = await post('province_analyst', '/training/courses', {
        ...courseForm({ code: 'gt.01', durationDays: '7', sessions: '5, 2', competencies: 'GEN.COMMUNICATION 3' }),
        positionGroups: ['PROFESSIONAL', 'SUPPORT'],
      });
      expect(good.statusCode).toBe(303);
      const id = Number(/\/training\/courses\/(\d+)\?saved=1$/.exec(good.headers.location as string)?.[1]);
      const saved = (await api('province_analyst', `/api/v1/training/courses/${id}`)).json();
      expect(saved).toMatchObject({
        code: 'GT.01',
        costPerClass: 12_000_000,
        costPerParticipant: 300_000,
        sessions: [{ days: 5 }, { days: 2 }],
        location: null,
        eligibility: { positionGroups: ['PROFESSIONAL', 'SUPPORT'], postgraduate: null },
      });
      const detail = await page('province_analyst', `/training/courses/${id}?saved=1`);
      expect(detail.body).toContain('Đã lưu khóa học.');
      expect(detail.body).toContain(`href="/training/courses/${id}/edit"`);
    });

    it('edits through the form; a stale version comes back as 409 with the values kept', async () => {
      const c = (await api('province_admin', `/api/v1/training/courses/${ids.cds}`)).json();
      const form = await page('province_admin', `/training/courses/${ids.cds}/edit`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('DIG.1 3\nGEN.LAW 2</textarea>');
      const fields = courseForm({
        version: String(c.version),
        nameVi: 'Kỹ năng số cơ bản',
        durationDays: '8',
        sessions: '4, 4',
        competencies: 'DIG.1 3',
      });
      const ok = await post('province_admin', `/training/courses/${ids.cds}`, fields);
      expect(ok.statusCode).toBe(303);
      const stale = await post('province_admin', `/training/courses/${ids.cds}`, { ...fields, nameVi: 'Tên khác' });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('value="Tên khác"');
      expect((await api('province_admin', `/api/v1/training/courses/${ids.cds}`)).json()).toMatchObject({
        nameVi: 'Kỹ năng số cơ bản',
        version: c.version + 1,
      });
    });

    it('retires from the detail page', async () => {
      const c = (await api('province_admin', `/api/v1/training/courses/${ids.a}`)).json();
      const stale = await post('province_admin', `/training/courses/${ids.a}/retire`, {
        version: String(c.version - 1),
        effectiveTo: '2026-12-31',
      });
      expect(stale.statusCode).toBe(409);
      const ok = await post('province_admin', `/training/courses/${ids.a}/retire`, {
        version: String(c.version),
        effectiveTo: '2026-12-31',
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe(`/training/courses/${ids.a}?retired=1`);
      expect((await api('province_admin', `/api/v1/training/courses/${ids.a}`)).json()).toMatchObject({
        status: 'RETIRED',
        effectiveTo: '2026-12-31',
      });
    });

    it('shows the NAV entry to training readers only', async () => {
      expect((await page('unit_hr_a', '/')).body).toContain('href="/training/courses"');
      expect((await page('counter_officer_a', '/')).body).not.toContain('href="/training/courses"');
    });
  });
});
