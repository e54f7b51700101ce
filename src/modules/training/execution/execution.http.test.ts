import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { type FitSeed, seedFit } from '../../position-fit/position-fit.fixtures.ts';
import { insertStaff } from '../../reviews/assessments/assessments.fixtures.ts';
import { courseBody } from '../training.fixtures.ts';

type Need = { competencyCode: string | null; gap: number | null };
type Person = { staffId: number; needs: Need[] };
type Fit = {
  competencies: {
    competencyCode: string;
    gap: number | null;
    assessed: { level: number; source: string; classCode: string | null } | null;
  }[];
};

/**
 * The Done-means path over HTTP (issue 6 §5): staffA of the fit fixture is assessed 2 in T.LAW
 * against the 3 P.JUSTICE requires. An analyst organises a class of a course raising T.LAW to 3,
 * enrols staffA, records attendance and a passing result: the gap and the training need close;
 * correcting the result to FAILED reopens them.
 */
describe.each(testDialects())('training execution over HTTP on %s', (dialect) => {
  let t: TestApp;
  let s: FitSeed;
  let classId = 0;
  let enrolmentId = 0;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });
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
  const lawNeed = async () => {
    const body = (await api('province_analyst', 'GET', '/api/v1/training/needs?pageSize=100')).json() as { items: Person[] };
    return body.items.find((p) => p.staffId === s.staffA)?.needs.find((n) => n.competencyCode === 'T.LAW') ?? null;
  };
  const lawFit = async () => {
    const fit = (await api('province_analyst', 'GET', `/api/v1/staff/${s.staffA}/position-fit`)).json() as Fit;
    return fit.competencies.find((c) => c.competencyCode === 'T.LAW');
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    s = await seedFit(t.database.db, t.fixture);
    const res = await api(
      'province_admin',
      'POST',
      '/api/v1/training/courses',
      courseBody('C.LAW3', { competencies: [{ competencyCode: 'T.LAW', raisesToLevel: 3 }] }),
    );
    expect(res.statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it('organises a class with the course’s defaults and a generated code', async () => {
    const res = await api('province_analyst', 'POST', '/api/v1/training/classes', {
      courseCode: 'C.LAW3',
      startDate: '2026-02-02',
      endDate: '2026-02-11',
      status: 'OPEN',
      organisingUnitId: t.fixture.unitA,
    });
    expect(res.statusCode).toBe(201);
    const c = res.json() as {
      id: number;
      code: string;
      capacity: number;
      sessionDays: number;
      provider: string;
      status: string;
      version: number;
    };
    expect(c).toMatchObject({
      code: 'C.LAW3-2026-1',
      capacity: 40,
      sessionDays: 8,
      provider: 'Trường Chính trị tỉnh',
      status: 'OPEN',
      version: 1,
    });
    classId = c.id;
    const list = (await api('unit_leader_a', 'GET', '/api/v1/training/classes?year=2026&status=OPEN')).json() as {
      items: { id: number }[];
    };
    expect(list.items.map((x) => x.id)).toEqual([classId]);
  });

  it('refuses bad classes without writing anything', async () => {
    const before = (await api('province_admin', 'GET', '/api/v1/training/classes')).json() as { total: number };
    const noCourse = await api('province_admin', 'POST', '/api/v1/training/classes', {
      courseCode: 'NOPE',
      startDate: '2026-02-02',
      endDate: '2026-02-03',
    });
    expect(noCourse.statusCode).toBe(404);
    const early = await api('province_admin', 'POST', '/api/v1/training/classes', {
      courseCode: 'C.LAW3',
      startDate: '2025-06-02',
      endDate: '2025-06-03',
    });
    expect(early.statusCode).toBe(400);
    expect((early.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['startDate']);
    const reversed = await api('province_admin', 'POST', '/api/v1/training/classes', {
      courseCode: 'C.LAW3',
      startDate: '2026-02-05',
      endDate: '2026-02-03',
    });
    expect(reversed.statusCode).toBe(400);
    expect(((await api('province_admin', 'GET', '/api/v1/training/classes')).json() as { total: number }).total).toBe(before.total);
  });

  it('enrols with a reason for each person refused', async () => {
    expect((await lawNeed())?.gap).toBe(1);
    const res = await api('province_admin', 'POST', `/api/v1/training/classes/${classId}/enrolments`, {
      staffIds: [s.staffA, 999_999, s.staffA],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      enrolled: { staffId: number; enrolmentId: number }[];
      refused: { staffId: number; code: string; message: string }[];
      seatsTaken: number;
    };
    expect(body.enrolled.map((e) => e.staffId)).toEqual([s.staffA]);
    expect(body.refused.map((r) => [r.staffId, r.code])).toEqual([
      [999_999, 'STAFF_NOT_FOUND'],
      [s.staffA, 'DUPLICATE'],
    ]);
    expect(body.refused[0]?.message).toBe('Không có cán bộ, công chức này trong tỉnh');
    expect(body.seatsTaken).toBe(1);
    enrolmentId = body.enrolled[0]?.enrolmentId as number;
  });

  it('keeps optimistic versions and status rules on update', async () => {
    const base = { startDate: '2026-02-02', endDate: '2026-02-11', organisingUnitId: t.fixture.unitA };
    const ok = await api('province_admin', 'PUT', `/api/v1/training/classes/${classId}`, {
      ...base,
      version: 1,
      status: 'RUNNING',
      location: 'Hội trường xã',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'RUNNING', location: 'Hội trường xã', version: 2 });
    const stale = await api('province_admin', 'PUT', `/api/v1/training/classes/${classId}`, { ...base, version: 1, status: 'RUNNING' });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { code: string }).code).toBe('VERSION_CONFLICT');
    const jump = await api('province_admin', 'PUT', `/api/v1/training/classes/${classId}`, { ...base, version: 2, status: 'PLANNED' });
    expect((jump.json() as { code: string }).code).toBe('TRAINING_CLASS_STATUS');
    const small = await api('province_admin', 'PUT', `/api/v1/training/classes/${classId}`, {
      ...base,
      version: 2,
      status: 'RUNNING',
      capacity: 0,
    });
    expect(small.statusCode).toBe(400);
  });

  it('records attendance per session day and refuses days beyond the class', async () => {
    const res = await api('province_admin', 'POST', `/api/v1/training/classes/${classId}/attendance`, {
      entries: [1, 2, 3].map((day) => ({ enrolmentId, day, present: day !== 2 })),
    });
    expect(res.json()).toEqual({ classId, recorded: 3 });
    const bad = await api('province_admin', 'POST', `/api/v1/training/classes/${classId}/attendance`, {
      entries: [{ enrolmentId, day: 9, present: true }],
    });
    expect(bad.statusCode).toBe(400);
    const c = (await api('province_admin', 'GET', `/api/v1/training/classes/${classId}`)).json() as {
      enrolments: { presentDays: number[]; absentDays: number[] }[];
    };
    expect(c.enrolments[0]).toMatchObject({ presentDays: [1, 3], absentDays: [2] });
  });

  it('a passing result closes the gap and the need; a correction to FAILED reopens them (Done means)', async () => {
    const future = await api('province_admin', 'POST', `/api/v1/training/classes/${classId}/complete`, {
      completedOn: '2026-12-01',
      results: [{ enrolmentId, outcome: 'COMPLETED' }],
    });
    expect(future.statusCode).toBe(400);
    expect(await lawFit()).toMatchObject({ gap: 1 });

    const done = await api('province_admin', 'POST', `/api/v1/training/classes/${classId}/complete`, {
      completedOn: '2026-02-11',
      results: [{ enrolmentId, outcome: 'COMPLETED', score: 8.5, grade: 'Giỏi', certificateNo: 'CC-2026-001' }],
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'COMPLETED',
      completed: 1,
      enrolments: [{ status: 'COMPLETED', score: 8.5, certificateNo: 'CC-2026-001', completedOn: '2026-02-11' }],
    });
    expect(await lawFit()).toMatchObject({ gap: 0, assessed: { level: 3, source: 'TRAINING', classCode: 'C.LAW3-2026-1' } });
    expect(await lawNeed()).toBeNull();
    const profile = await page('province_admin', `/staff/${s.staffA}`);
    expect(profile.body).toContain('Hoàn thành khóa “Bồi dưỡng kỹ năng số C.LAW3” (lớp C.LAW3-2026-1) ngày 11/02/2026 → mức 3');

    const withdrawDone = await api('province_admin', 'POST', `/api/v1/training/classes/${classId}/enrolments/${enrolmentId}/withdraw`);
    expect((withdrawDone.json() as { code: string }).code).toBe('TRAINING_ENROLMENT_STATUS');

    const corrected = await api('province_admin', 'POST', `/api/v1/training/classes/${classId}/complete`, {
      results: [{ enrolmentId, outcome: 'FAILED' }],
    });
    expect(corrected.statusCode).toBe(200);
    expect(await lawFit()).toMatchObject({ gap: 1, assessed: { level: 2 } });
    expect((await lawNeed())?.gap).toBe(1);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityType', '=', 'training_class')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'training.class.create',
        'training.class.enrol',
        'training.class.update',
        'training.attendance.record',
        'training.class.complete',
      ]),
    );
  });

  it('shows unit roles only their own unit’s participants', async () => {
    const a = (await api('unit_hr_a', 'GET', `/api/v1/training/classes/${classId}`)).json() as {
      enrolments: unknown[];
      seatsTaken: number;
    };
    const b = (await api('unit_hr_b', 'GET', `/api/v1/training/classes/${classId}`)).json() as {
      enrolments: unknown[];
      seatsTaken: number;
    };
    expect([a.enrolments.length, b.enrolments.length, b.seatsTaken]).toEqual([1, 0, 1]);
    expect((await api('other_province_admin', 'GET', `/api/v1/training/classes/${classId}`)).statusCode).toBe(404);
  });

  it('compares held classes with the plan per unit and year', async () => {
    const body = (await api('province_analyst', 'GET', '/api/v1/training/execution?year=2026')).json() as {
      plan: { id: number } | null;
      rows: {
        unitId: number;
        year: number;
        planned: unknown;
        actual: { participants: number; completed: number; classes: number; cost: number };
      }[];
    };
    // The fixture's finished plan has no classes: nothing planned, only what was held.
    expect(body.plan).toMatchObject({ id: t.fixture.trainingPlan.id });
    expect(body.rows).toEqual([
      expect.objectContaining({
        unitId: t.fixture.unitA,
        year: 2026,
        planned: null,
        actual: { participants: 1, completed: 0, classes: 1, cost: 30_800_000 },
      }),
    ]);
    const unitB = (await api('unit_leader_b', 'GET', '/api/v1/training/execution')).json() as { rows: unknown[] };
    expect(unitB.rows).toEqual([]);
    expect((await api('unit_leader_b', 'GET', `/api/v1/training/execution?unitId=${t.fixture.unitA}`)).statusCode).toBe(404);
  });

  it('serves the pages under 50 KB, and the forms record attendance and results without JavaScript', async () => {
    for (const url of ['/training/classes', `/training/classes/${classId}`, '/training/classes/new', '/training/execution']) {
      const res = await page('province_admin', url);
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect(Buffer.byteLength(res.body)).toBeLessThan(50 * 1024);
    }
    const detail = await page('province_admin', `/training/classes/${classId}`);
    expect(detail.body).toContain(`name="present" value="${enrolmentId}:1"`);
    const att = await form('province_admin', `/training/classes/${classId}/attendance?from=1`, {
      enrolments: String(enrolmentId),
      days: '1-2',
      present: `${enrolmentId}:2`,
    });
    expect(att.statusCode).toBe(303);
    const c = (await api('province_admin', 'GET', `/api/v1/training/classes/${classId}`)).json() as {
      enrolments: { presentDays: number[]; absentDays: number[] }[];
    };
    expect(c.enrolments[0]).toMatchObject({ presentDays: [2, 3], absentDays: [1] });
    const res = await form('province_admin', `/training/classes/${classId}/complete`, {
      completedOn: '2026-02-11',
      [`outcome.${enrolmentId}`]: 'COMPLETED',
      [`score.${enrolmentId}`]: '9',
    });
    expect(res.statusCode).toBe(303);
    expect(await lawNeed()).toBeNull();
    const bad = await form('province_admin', `/training/classes/${classId}/complete`, {
      completedOn: '2030-01-01',
      [`outcome.${enrolmentId}`]: 'FAILED',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ngày có kết quả không được sau hôm nay.');
    expect(await lawNeed()).toBeNull();
    const created = await form('province_analyst', '/training/classes', {
      courseId: '1',
      startDate: '2026-04-06',
      endDate: '2026-04-10',
      status: 'PLANNED',
    });
    expect(created.statusCode).toBe(303);
    const enrolPage = await form('province_analyst', `${created.headers.location?.split('?')[0]}/enrol`, {
      staffIds: `${s.lan}, ${s.hung}`,
    });
    expect(enrolPage.statusCode).toBe(200);
    expect(enrolPage.body).toContain('Đã ghi danh 2 người');
  });

  it('keeps a full class page under 50 KB by paging its participants, and refuses the seat after the last', async () => {
    const created = await api('province_admin', 'POST', '/api/v1/training/classes', {
      courseCode: 'C.LAW3',
      startDate: '2026-02-16',
      endDate: '2026-02-25',
      status: 'OPEN',
    });
    const id = (created.json() as { id: number }).id;
    const ids: number[] = [];
    for (let i = 0; i < 41; i++)
      ids.push(
        await insertStaff(t.database.db, { unitId: t.fixture.unitA, fullName: `Nguyễn Thị Học Viên Số ${i}` }, '2026-03-02T03:00:00.000Z'),
      );
    const res = (await api('province_admin', 'POST', `/api/v1/training/classes/${id}/enrolments`, { staffIds: ids })).json() as {
      enrolled: unknown[];
      refused: { staffId: number; code: string }[];
    };
    expect([res.enrolled.length, res.refused]).toEqual([
      40,
      [{ staffId: ids[40], code: 'CLASS_FULL', message: 'Lớp đã đủ chỗ', reasons: [] }],
    ]);
    for (const p of [1, 2]) {
      const html = await page('province_admin', `/training/classes/${id}?page=${p}`);
      expect(html.statusCode).toBe(200);
      expect(Buffer.byteLength(html.body)).toBeLessThan(50 * 1024);
      expect((html.body.match(/name="present"/g) ?? []).length).toBe(20 * 5);
    }
  });
});
