import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { setRule } from '../../platform/rules/rules.ts';
import { type FitSeed, seedFit, seedServiceDossiers } from './position-fit.fixtures.ts';

describe.each(testDialects())('position fit over HTTP on %s', (dialect) => {
  let t: TestApp;
  let s: FitSeed;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const post = (name: string, url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: user(name).bearer, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
  const testCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('competencyTestResults')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const f = t.fixture;
    s = await seedFit(t.database.db, f);
    const procs = await seedDossierProcedures(t.database.db);
    await seedServiceDossiers(
      t.database.db,
      {
        counterA: user('counter_officer_a').userId,
        specialistA: user('field_specialist_a').userId,
        leaderA: user('unit_leader_a').userId,
        counterB: user('counter_officer_b').userId,
      },
      { staffA: s.staffA, staffB: s.staffB },
      procs.commune,
      f.unitA,
    );
  });
  afterAll(async () => t?.close());

  describe('fit of a person', () => {
    it('shows required against assessed levels with their source, the gap, the reasons and the grace deadline', async () => {
      const res = await api('unit_hr_a', `/api/v1/staff/${s.staffA}/position-fit`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.position).toMatchObject({ code: 'P.JUSTICE', startDate: '2025-07-01', requiredRank: 'CHUYEN_VIEN' });
      expect(body.competencies).toEqual([
        {
          competencyCode: 'T.LAW',
          nameVi: 'Năng lực T.LAW',
          nameEn: 'Competency T.LAW',
          required: 3,
          assessed: {
            level: 2,
            source: 'CAMPAIGN',
            on: '2026-01-10',
            campaignId: s.lockedCampaign,
            campaignName: 'Đánh giá năng lực 2025',
            stage: 'SUPERVISOR',
            testId: null,
            testName: null,
            passed: null,
            enrolmentId: null,
            classId: null,
            classCode: null,
            courseCode: null,
            courseName: null,
          },
          gap: 1,
        },
        expect.objectContaining({
          competencyCode: 'T.CIVIL',
          required: 4,
          gap: 0,
          assessed: expect.objectContaining({ level: 4, stage: 'COUNCIL' }),
        }),
      ]);
      expect(body.rank).toEqual({ status: 'MET', required: 'CHUYEN_VIEN', actual: 'CHUYEN_VIEN_CHINH' });
      expect(body.qualificationField).toEqual({ status: 'NOT_MET', required: 'Luật', actual: 'Quản lý đất đai' });
      expect(body.meetsPosition).toBe(false);
      expect(body.reasons.map((r: { code: string }) => r.code)).toEqual(['COMPETENCY_GAP', 'FIELD_MISMATCH']);
      expect(body).toMatchObject({ status: 'WITHIN_GRACE', graceDeadline: '2026-07-01', asOf: '2026-03-02' });
      expect(body.graceRule).toMatchObject({ graceMonths: 12, origin: 'default', effectiveFrom: null });
      expect(body.graceRule.sourceNote).toMatch(/Decree 361/);
    });

    it('takes a competency test taken after the lock over the campaign level', async () => {
      const body = (await api('province_analyst', `/api/v1/staff/${s.lan}/position-fit`)).json();
      expect(body.competencies[0]).toMatchObject({
        competencyCode: 'T.LAW',
        gap: 0,
        assessed: { level: 4, source: 'TEST', on: '2026-02-15' },
      });
      expect(body).toMatchObject({ meetsPosition: true, status: 'MEETS', reasons: [] });
    });

    it('reports a never-assessed competency as unknown and an expired grace period', async () => {
      const body = (await api('unit_leader_a', `/api/v1/staff/${s.hung}/position-fit`)).json();
      expect(body.competencies).toEqual([expect.objectContaining({ competencyCode: 'T.LAW', assessed: null, gap: null })]);
      expect(body).toMatchObject({ meetsPosition: false, status: 'GRACE_EXPIRED', graceDeadline: '2025-06-01' });
      expect(body.education).toEqual({ status: 'NOT_MET', required: 'UNIVERSITY', actual: 'UPPER_SECONDARY' });
    });

    it('keeps other units and provinces out (404) and validates the id', async () => {
      expect((await api('unit_hr_b', `/api/v1/staff/${s.staffA}/position-fit`)).statusCode).toBe(404);
      expect((await api('other_province_admin', `/api/v1/staff/${s.staffA}/position-fit`)).statusCode).toBe(404);
      expect((await api('unit_hr_b', `/api/v1/staff/${s.staffB}/position-fit`)).statusCode).toBe(200);
      expect((await api('unit_hr_a', '/api/v1/staff/999999/position-fit')).statusCode).toBe(404);
      expect((await api('unit_hr_a', '/api/v1/staff/abc/position-fit')).statusCode).toBe(400);
      expect((await api('field_specialist_a', `/api/v1/staff/${s.staffA}/position-fit`)).statusCode).toBe(403);
    });
  });

  describe('service evidence', () => {
    it('aggregates the current year from the person’s linked accounts', async () => {
      const res = await api('unit_leader_a', `/api/v1/staff/${s.staffA}/service-evidence`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ staffId: s.staffA, from: '2026-01-01', to: '2026-12-31', status: 'DATA', reason: null });
      expect(body.figures).toEqual({
        linkedAccounts: 2,
        received: 2,
        // Dossiers 1–6 and 8; the paused dossier 6 is on time only because its due date moved by its pause.
        handled: 7,
        finished: 5,
        finishedOnTime: 2,
        onTimeShare: 0.4,
        overdueOpen: 1,
        ratings: {
          count: 2,
          average: 2,
          scaleMax: 3,
          satisfiedShare: 0.5,
          byLevel: [
            { code: 'VERY_SATISFIED', count: 1 },
            { code: 'SATISFIED', count: 0 },
            { code: 'UNSATISFIED', count: 1 },
          ],
        },
      });
    });

    it('reads another period, measuring open dossiers at its end', async () => {
      const body = (await api('province_admin', `/api/v1/staff/${s.staffA}/service-evidence?from=2025-12-01&to=2025-12-31`)).json();
      expect(body.figures).toMatchObject({
        received: 1,
        handled: 2,
        finished: 1,
        finishedOnTime: 1,
        overdueOpen: 1,
        ratings: { count: 1 },
      });
    });

    it('says "no service data" instead of zeros', async () => {
      const none = (await api('unit_hr_a', `/api/v1/staff/${s.lan}/service-evidence`)).json();
      expect(none).toMatchObject({ status: 'NO_DATA', reason: 'NO_LINKED_ACCOUNT', figures: null });
      const empty = (await api('unit_hr_b', `/api/v1/staff/${s.staffB}/service-evidence`)).json();
      expect(empty).toMatchObject({ status: 'NO_DATA', reason: 'NO_DOSSIERS', figures: null });
    });

    it('refuses a bad period with a translated 400', async () => {
      for (const q of [
        'from=2026-03-01&to=2026-02-01',
        'from=2026-01-01',
        'from=2026-02-30&to=2026-03-01',
        'from=2020-01-01&to=2026-01-01',
      ]) {
        const res = await api('unit_hr_a', `/api/v1/staff/${s.staffA}/service-evidence?${q}`);
        expect({ q, status: res.statusCode, code: res.json().code }).toEqual({ q, status: 400, code: 'VALIDATION_FAILED' });
      }
      const en = await t.app.inject({
        url: `/api/v1/staff/${s.staffA}/service-evidence?from=2026-03-01&to=2026-02-01`,
        headers: { authorization: user('unit_hr_a').bearer, cookie: 'cadre_lang=en' },
      });
      const vi = await api('unit_hr_a', `/api/v1/staff/${s.staffA}/service-evidence?from=2026-03-01&to=2026-02-01`);
      expect(en.json().title).not.toBe(vi.json().title);
      expect(en.json().errors).toEqual([{ path: 'to', message: 'to must not be before from' }]);
    });
  });

  describe('gaps of a unit', () => {
    it('lists the gaps of every person of the unit, unknown gaps included', async () => {
      const res = await api('unit_leader_a', '/api/v1/position-fit');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ unitId: t.fixture.unitA, totalPeople: 3, page: 1 });
      expect(
        body.rows.map((r: { fullName: string; competencyCode: string; gap: number | null }) => [r.fullName, r.competencyCode, r.gap]),
      ).toEqual([
        ['Lê Văn Hùng', 'T.LAW', null],
        ['Nguyễn Văn Mạnh', 'T.LAW', 1],
      ]);
      expect(body.rows[1]).toMatchObject({
        positionCode: 'P.JUSTICE',
        unitName: 'Xã Hòa Bình',
        field: 'JUSTICE_CIVIL_STATUS',
        competencyName: 'Năng lực T.LAW',
        required: 3,
        assessed: 2,
        source: 'CAMPAIGN',
        status: 'WITHIN_GRACE',
      });
    });

    it('adds the met competencies on request, pages by people and filters by field', async () => {
      expect((await api('unit_hr_a', '/api/v1/position-fit?include=all')).json().rows).toHaveLength(5);
      const second = (await api('unit_hr_a', '/api/v1/position-fit?include=all&pageSize=1&page=2')).json();
      expect(second.rows.map((r: { fullName: string }) => r.fullName)).toEqual(['Nguyễn Văn Mạnh', 'Nguyễn Văn Mạnh']);
      expect((await api('unit_hr_a', '/api/v1/position-fit?field=LAND')).json()).toMatchObject({ totalPeople: 0, rows: [] });
      expect((await api('province_analyst', '/api/v1/position-fit')).json()).toMatchObject({ unitId: null, totalPeople: 4 });
      expect((await api('province_analyst', `/api/v1/position-fit?unitId=${t.fixture.unitB}`)).json().totalPeople).toBe(1);
    });

    it('keeps unit roles to their unit and validates the query', async () => {
      expect((await api('unit_leader_b', `/api/v1/position-fit?unitId=${t.fixture.unitA}`)).statusCode).toBe(404);
      expect((await api('province_admin', '/api/v1/position-fit?unitId=999999')).statusCode).toBe(404);
      expect((await api('province_admin', `/api/v1/position-fit?unitId=${t.fixture.otherProvinceUnit}`)).statusCode).toBe(404);
      expect((await api('province_admin', '/api/v1/position-fit?pageSize=500')).statusCode).toBe(400);
      expect((await api('province_admin', '/api/v1/position-fit?include=some')).statusCode).toBe(400);
    });

    it('renders the unit page of people not meeting their position, accessibly and translated', async () => {
      const res = await t.app.inject({ url: `/position-fit?unitId=${t.fixture.unitA}`, headers: { cookie: user('unit_hr_a').cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Nguyễn Văn Mạnh');
      expect(res.body).toContain('Lê Văn Hùng');
      expect(res.body).not.toContain('Trần Thị Lan');
      expect(res.body).toContain('<caption>');
      expect(res.body).toContain('Quá thời hạn đáp ứng');
      expect(res.body).toContain('href="/position-fit"');
      const en = await t.app.inject({
        url: `/position-fit?unitId=${t.fixture.unitA}`,
        headers: { cookie: `${user('unit_hr_a').cookie}; cadre_lang=en` },
      });
      expect(en.body).toContain('Grace period expired');
    });
  });

  describe('competency tests', () => {
    const body = {
      competencyCode: 'T.LAW',
      testName: 'Sát hạch pháp luật 2026',
      takenOn: '2026-02-20',
      score: 82,
      maxScore: 100,
      levelAchieved: 3,
      passed: true,
    };

    it('refuses bad results with a clear 400 and writes nothing', async () => {
      const before = await testCount();
      const cases: [Record<string, unknown>, string][] = [
        [{ ...body, competencyCode: 'T.NOPE' }, 'competencyCode'],
        [{ ...body, score: 120 }, 'score'],
        [{ ...body, levelAchieved: 6 }, 'levelAchieved'],
        [{ ...body, levelAchieved: 0 }, 'levelAchieved'],
        [{ ...body, takenOn: '2026-03-03' }, 'takenOn'],
        [{ ...body, takenOn: '2026-02-30' }, 'takenOn'],
        [{ ...body, extra: 1 }, ''],
      ];
      for (const [payload, path] of cases) {
        const res = await post('unit_hr_a', `/api/v1/staff/${s.staffA}/competency-tests`, payload);
        expect({ path, status: res.statusCode, code: res.json().code }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED' });
        if (path) expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      expect(await testCount()).toBe(before);
    });

    it('keeps other units, readers without the permission and other provinces out', async () => {
      expect((await post('unit_hr_b', `/api/v1/staff/${s.staffA}/competency-tests`, body)).statusCode).toBe(404);
      expect((await post('unit_leader_a', `/api/v1/staff/${s.staffA}/competency-tests`, body)).statusCode).toBe(403);
      expect((await post('other_province_admin', `/api/v1/staff/${s.staffA}/competency-tests`, body)).statusCode).toBe(404);
      expect((await api('unit_leader_b', `/api/v1/staff/${s.staffA}/competency-tests`)).statusCode).toBe(404);
    });

    it('records a result, audited, lists it and uses it in the fit when newer than the campaign', async () => {
      const res = await post('unit_hr_a', `/api/v1/staff/${s.staffA}/competency-tests`, body);
      expect(res.statusCode).toBe(201);
      const row = res.json();
      expect(row).toMatchObject({ ...body, staffId: s.staffA, recordedAt: NOW, recordedBy: user('unit_hr_a').userId });
      const audit = await t.database.db
        .selectFrom('auditLog')
        .select(['action', 'entityId', 'actorUserId'])
        .where('action', '=', 'competency_test.record')
        .execute();
      expect(audit).toEqual([{ action: 'competency_test.record', entityId: String(row.id), actorUserId: user('unit_hr_a').userId }]);
      const list = (await api('unit_leader_a', `/api/v1/staff/${s.staffA}/competency-tests`)).json().items;
      expect(list.map((x: { id: number }) => x.id)[0]).toBe(row.id);
      expect(list).toHaveLength(2);
      const fit = (await api('unit_hr_a', `/api/v1/staff/${s.staffA}/position-fit`)).json();
      expect(fit.competencies[0]).toMatchObject({
        competencyCode: 'T.LAW',
        gap: 0,
        assessed: { source: 'TEST', testId: row.id, level: 3 },
      });
      // The field still does not match: the position is still not met.
      expect(fit).toMatchObject({ meetsPosition: false, status: 'WITHIN_GRACE' });
    });
  });

  describe('the grace rule', () => {
    it('follows a province value in force on the placement’s start date', async () => {
      await setRule(
        t.database.db,
        { actor: null, requestId: null, at: NOW, provinceCode: 'T1' },
        {
          key: 'review.positionGrace',
          provinceCode: 'T1',
          value: { version: 'T1-2025', effectiveFrom: '2025-01-01', sourceNote: 'Quyết định thử', graceMonths: 24, certainty: 'C' },
          effectiveFrom: '2025-01-01',
          sourceNote: 'Quyết định thử của tỉnh',
        },
      );
      const a = (await api('unit_hr_a', `/api/v1/staff/${s.staffA}/position-fit`)).json();
      expect(a).toMatchObject({
        graceDeadline: '2027-07-01',
        graceRule: { graceMonths: 24, origin: 'province', effectiveFrom: '2025-01-01' },
      });
      // Placed before the province's value took effect: the default still applies.
      const h = (await api('unit_hr_a', `/api/v1/staff/${s.hung}/position-fit`)).json();
      expect(h).toMatchObject({ graceDeadline: '2025-06-01', status: 'GRACE_EXPIRED' });
    });
  });
});
