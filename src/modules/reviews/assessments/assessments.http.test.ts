import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { insertCampaign, insertParticipant, insertStaff, linkUserToStaff } from './assessments.fixtures.ts';

type Json = Record<string, unknown>;
type Sheet = {
  competencies: {
    competencyCode: string;
    selfLevel: number | null;
    selfEvidence: string | null;
    supervisorLevel: number | null;
    councilLevel: number | null;
    finalLevel: number | null;
    gap: number | null;
  }[];
  gap: { gapCount: number; largestGap: number; unassessed: number };
  participant: { selfSubmittedAt: string | null; supervisorSubmittedAt: string | null; councilDecidedAt: string | null };
  evaluation: {
    selfInput: Json | null;
    supervisorInput: Json | null;
    result: { configVersion: string; trace: { rule: string }[] } | null;
    configVersion: string | null;
    score: number | null;
    rating: string | null;
    councilRating: string | null;
    councilNote: string | null;
    finalRating: string | null;
  } | null;
  screening: {
    outcome: string;
    configVersion: string;
    result: { lookBack: { years: number[]; used: { year: number; rating: string }[] }; trace: { rule: string }[] };
  } | null;
};

const item = (id: string, over: Json = {}) => ({
  id,
  coefficient: 1,
  completed: true,
  sendBacks: 0,
  delays: 0,
  objectiveCauseConfirmed: false,
  ...over,
});
/** 20 general points; Q1: two items, one late once: 20 + 70 × (1 + 1 + 0.875) / 3 = 87.08, Good. */
const GOOD_335 = {
  isLeader: false,
  generalScores: { POLITICAL_QUALITY: 5, ETHICS: 5, DISCIPLINE: 4, RESPONSIBILITY: 3, INNOVATION: 3 },
  periods: [{ label: 'Q1', items: [item('a'), item('b', { delays: 1 })] }],
  vetoes: [],
};

describe.each(testDialects())('review assessments on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, method: 'GET' | 'PUT', url: string, payload?: Json) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer },
      ...(payload ? { payload } : {}),
    });
  const at = (c: { campaignId: number; participantId: number }, tail: string) =>
    `/api/v1/review-campaigns/${c.campaignId}/participants/${c.participantId}/${tail}`;
  const db = () => t.database.db;

  /** A fresh commune-A campaign in `status` with one participant (staffA by default). */
  const scenario = async (
    status: string,
    opts: { staffId?: number; year?: number; instruments?: string[]; unitId?: number; positionGroup?: string } = {},
  ) => {
    const unitId = opts.unitId ?? t.fixture.unitA;
    const campaignId = await insertCampaign(
      db(),
      { ownerUnitId: null, status, year: opts.year ?? 2026, instruments: opts.instruments },
      NOW,
    );
    const participantId = await insertParticipant(
      db(),
      {
        campaignId,
        staffId: opts.staffId ?? t.fixture.staffA,
        unitId,
        positionGroup: opts.positionGroup ?? 'PROFESSIONAL',
        regime: (opts.year ?? 2026) >= 2026 ? 'DECREE_335' : 'DECREE_90',
      },
      NOW,
    );
    return { campaignId, participantId };
  };
  const levelsRow = (participantId: number) =>
    db().selectFrom('reviewCompetencyLevels').selectAll().where('participantId', '=', participantId).orderBy('competencyCode').execute();
  const participantRow = (id: number) => db().selectFrom('reviewParticipants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const evaluationRow = (id: number) =>
    db().selectFrom('reviewEvaluations').selectAll().where('participantId', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it("stores the owner's self-assessment and shows it on the sheet", async () => {
    const c = await scenario('SELF_ASSESSMENT');
    const res = await api('field_specialist_a', 'PUT', at(c, 'self-assessment'), {
      levels: [
        { competencyCode: 'T.LAW', level: 4, evidence: '  Soạn thảo 3 quyết định  ' },
        { competencyCode: 'T.DIGITAL', level: 2 },
      ],
      evaluation: GOOD_335,
    });
    expect(res.statusCode).toBe(200);
    const sheet = res.json<Sheet>();
    expect(sheet.competencies.map((l) => [l.competencyCode, l.selfLevel, l.selfEvidence, l.finalLevel, l.gap])).toEqual([
      ['T.DIGITAL', 2, null, 2, 1],
      ['T.LAW', 4, 'Soạn thảo 3 quyết định', 4, 0],
    ]);
    expect(sheet.gap).toEqual({ gapCount: 1, largestGap: 1, unassessed: 0 });
    expect(sheet.evaluation?.selfInput).toEqual(GOOD_335);
    expect(sheet.evaluation?.rating).toBeNull();
    expect(sheet.participant.selfSubmittedAt).toBe(NOW);
    const audit = await db().selectFrom('auditLog').select(['action', 'entityId']).where('action', '=', 'review.self_assessment').execute();
    expect(audit).toContainEqual({ action: 'review.self_assessment', entityId: String(c.participantId) });
  });

  it('lets only the owner write a self-assessment: another user of the same role, or a leader, gets 403 and nothing changes', async () => {
    const c = await scenario('SELF_ASSESSMENT');
    const body = { levels: [{ competencyCode: 'T.LAW', level: 5 }] };
    for (const name of ['field_specialist_b', 'unit_leader_a', 'unit_hr_a', 'province_admin']) {
      const res = await api(name, 'PUT', at(c, 'self-assessment'), body);
      expect({ name, status: res.statusCode, code: res.json<Json>().code }).toEqual({ name, status: 403, code: 'ASSESSMENT_NOT_OWNER' });
    }
    expect((await levelsRow(c.participantId)).every((l) => l.selfLevel === null)).toBe(true);
    expect((await participantRow(c.participantId)).selfSubmittedAt).toBeNull();
  });

  it('refuses unknown codes, levels outside 1–5 and inputs the rule refuses with 422 listing each, writing nothing', async () => {
    const c = await scenario('SELF_ASSESSMENT');
    const res = await api('field_specialist_a', 'PUT', at(c, 'self-assessment'), {
      levels: [
        { competencyCode: 'T.LAW', level: 4 },
        { competencyCode: 'T.NOPE', level: 3 },
        { competencyCode: 'T.DIGITAL', level: 6 },
      ],
      evaluation: { ...GOOD_335, generalScores: { ETHICS: 9 }, vetoes: ['NOT_A_VETO'] },
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json<{ code: string; errors: { path: string; message: string }[] }>();
    expect(problem.code).toBe('ASSESSMENT_INVALID');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'levels.1.competencyCode', message: 'UNKNOWN_COMPETENCY T.NOPE' },
        { path: 'levels.2.level', message: 'LEVEL_1_TO_5' },
        { path: 'evaluation', message: expect.stringMatching(/^general\.ETHICS: must be 0–5/) },
        { path: 'evaluation', message: expect.stringMatching(/^vetoes\.NOT_A_VETO/) },
      ]),
    );
    expect((await levelsRow(c.participantId)).every((l) => l.selfLevel === null)).toBe(true);
    expect((await evaluationRow(c.participantId)).selfInput).toBeNull();
    expect((await participantRow(c.participantId)).selfSubmittedAt).toBeNull();
  });

  it('refuses a write in the wrong stage with 409 naming the stage, translated', async () => {
    const sup = await scenario('SUPERVISOR_REVIEW');
    const vi = await api('field_specialist_a', 'PUT', at(sup, 'self-assessment'), { levels: [] });
    expect(vi.statusCode).toBe(409);
    expect(vi.json<Json>()).toMatchObject({ code: 'ASSESSMENT_STAGE_SUPERVISOR_REVIEW', title: expect.stringContaining('cấp trên') });
    await db().updateTable('users').set({ locale: 'en' }).where('id', '=', user('field_specialist_a').userId).execute();
    const en = await api('field_specialist_a', 'PUT', at(sup, 'self-assessment'), { levels: [] });
    await db().updateTable('users').set({ locale: 'vi' }).where('id', '=', user('field_specialist_a').userId).execute();
    expect(en.json<Json>().title).toContain('supervisor review stage');
    const open = await scenario('OPEN');
    const res = await api('unit_leader_a', 'PUT', at(open, 'supervisor-review'), { levels: [], evaluation: GOOD_335 });
    expect(res.json<Json>()).toMatchObject({ status: 409, code: 'ASSESSMENT_STAGE_OPEN' });
    const self = await scenario('SELF_ASSESSMENT');
    const council = await api('unit_hr_a', 'PUT', at(self, 'council'), { levels: [{ competencyCode: 'T.LAW', level: 2 }] });
    expect(council.json<Json>()).toMatchObject({ status: 409, code: 'ASSESSMENT_STAGE_SELF_ASSESSMENT' });
    expect((await participantRow(self.participantId)).councilDecidedAt).toBeNull();
  });

  it('refuses every write on a locked campaign with 409, changing nothing', async () => {
    const c = await scenario('LOCKED');
    const writes: [string, string, Json][] = [
      ['field_specialist_a', 'self-assessment', { levels: [{ competencyCode: 'T.LAW', level: 2 }] }],
      ['unit_leader_a', 'supervisor-review', { levels: [{ competencyCode: 'T.LAW', level: 2 }], evaluation: GOOD_335 }],
      ['unit_hr_a', 'council', { rating: { rating: 'GOOD', note: 'Hội đồng thống nhất' } }],
    ];
    for (const [name, tail, body] of writes) {
      const res = await api(name, 'PUT', at(c, tail), body);
      expect({ tail, status: res.statusCode, code: res.json<Json>().code }).toEqual({ tail, status: 409, code: 'REVIEW_CAMPAIGN_LOCKED' });
    }
    const e = await evaluationRow(c.participantId);
    expect([e.supervisorInput, e.rating, e.councilRating]).toEqual([null, null, null]);
    expect((await levelsRow(c.participantId)).every((l) => l.selfLevel === null && l.supervisorLevel === null)).toBe(true);
  });

  it('computes the Decree 335 result from the supervisor input with the config in force, with its trace', async () => {
    const c = await scenario('SUPERVISOR_REVIEW');
    const res = await api('unit_leader_a', 'PUT', at(c, 'supervisor-review'), {
      levels: [
        { competencyCode: 'T.LAW', level: 3, evidence: 'Đạt' },
        { competencyCode: 'T.DIGITAL', level: 1 },
      ],
      evaluation: GOOD_335,
    });
    expect(res.statusCode).toBe(200);
    const sheet = res.json<Sheet>();
    expect(sheet.evaluation).toMatchObject({ score: 87.08, rating: 'GOOD', finalRating: 'GOOD', configVersion: '335-default-1' });
    expect(sheet.evaluation?.result?.trace.map((s) => s.rule)).toEqual(
      expect.arrayContaining(['general.cap', 'tasks.item.delayDeduction', 'band.GOOD']),
    );
    expect(sheet.gap).toEqual({ gapCount: 1, largestGap: 2, unassessed: 0 });
    const row = await evaluationRow(c.participantId);
    expect(JSON.parse(row.supervisorInput ?? 'null')).toEqual(GOOD_335);
    expect((await participantRow(c.participantId)).supervisorSubmittedAt).toBe(NOW);

    // The evaluation is required when the campaign includes it, and must be of the campaign's regime.
    const missing = await api('unit_leader_a', 'PUT', at(c, 'supervisor-review'), { levels: [] });
    expect(missing.json<{ errors: unknown[] }>()).toMatchObject({
      status: 422,
      errors: [{ path: 'evaluation', message: 'REQUIRED_FOR_THE_ANNUAL_EVALUATION' }],
    });
    const wrong = await api('unit_leader_a', 'PUT', at(c, 'supervisor-review'), {
      levels: [],
      evaluation: { subject: 'CIVIL_SERVANT', judgedLevel: 'GOOD', metrics: {}, absenceMonths: 0 },
    });
    expect(wrong.json<Json>()).toMatchObject({ status: 422, errors: [{ path: 'evaluation', message: 'DECREE_335_INPUT_EXPECTED' }] });
    expect((await evaluationRow(c.participantId)).rating).toBe('GOOD');
  });

  it('levels a Decree 90 year with the Decree 90 rule', async () => {
    const c = await scenario('SUPERVISOR_REVIEW', { year: 2025 });
    const res = await api('province_admin', 'PUT', at(c, 'supervisor-review'), {
      levels: [],
      evaluation: { subject: 'CIVIL_SERVANT', judgedLevel: 'COMPLETED', metrics: {}, absenceMonths: 0 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Sheet>().evaluation).toMatchObject({ rating: 'COMPLETED', score: null, configVersion: '90-default-1' });
    const bad = await api('province_admin', 'PUT', at(c, 'supervisor-review'), {
      levels: [],
      evaluation: { subject: 'CIVIL_SERVANT', judgedLevel: 'GOOD', metrics: {}, absenceMonths: 13 },
    });
    expect(bad.json<Json>()).toMatchObject({ status: 422, errors: [{ path: 'evaluation', message: 'absenceMonths: must be 0–12' }] });
  });

  it('keeps supervisors and the council to their unit and off their own record', async () => {
    const c = await scenario('SUPERVISOR_REVIEW');
    const body = { levels: [], evaluation: GOOD_335 };
    expect((await api('unit_leader_b', 'PUT', at(c, 'supervisor-review'), body)).statusCode).toBe(404);
    expect((await api('other_province_admin', 'PUT', at(c, 'supervisor-review'), body)).statusCode).toBe(404);
    expect((await api('unit_hr_a', 'PUT', at(c, 'supervisor-review'), body)).statusCode).toBe(403);

    const leaderStaff = await insertStaff(db(), { unitId: t.fixture.unitA, fullName: 'Lê Văn Lãnh Đạo' }, NOW);
    await linkUserToStaff(db(), user('unit_leader_a').userId, leaderStaff);
    const own = await scenario('SUPERVISOR_REVIEW', { staffId: leaderStaff });
    const res = await api('unit_leader_a', 'PUT', at(own, 'supervisor-review'), body);
    expect({ status: res.statusCode, code: res.json<Json>().code }).toEqual({ status: 403, code: 'ASSESSMENT_OWN_RECORD' });
    const ownCouncil = await scenario('COUNCIL', { staffId: leaderStaff });
    expect(
      (await api('unit_leader_a', 'PUT', at(ownCouncil, 'council'), { levels: [{ competencyCode: 'T.LAW', level: 2 }] })).statusCode,
    ).toBe(403);
    expect((await evaluationRow(own.participantId)).rating).toBeNull();
    await db().updateTable('users').set({ staffId: null }).where('id', '=', user('unit_leader_a').userId).execute();
  });

  it('lets the owner and reviewers in scope read the sheet, and nobody else', async () => {
    const c = t.fixture.assessments.self;
    for (const name of ['field_specialist_a', 'unit_leader_a', 'unit_hr_a', 'province_analyst']) {
      expect({ name, status: (await api(name, 'GET', at(c, 'assessment'))).statusCode }).toEqual({ name, status: 200 });
    }
    for (const name of ['counter_officer_a', 'unit_hr_b', 'field_specialist_b', 'other_province_admin']) {
      expect({ name, status: (await api(name, 'GET', at(c, 'assessment'))).statusCode }).toEqual({ name, status: 404 });
    }
  });

  it('records the council rating, requiring a note when it differs from the computed one, and screens under Decree 178 with the look-back', async () => {
    const staffId = await insertStaff(db(), { unitId: t.fixture.unitA, fullName: 'Phạm Thị Sàng Lọc' }, NOW);
    // Two locked earlier years: 2024 Not completed, 2025 Not completed then relocked as Completed.
    for (const [year, rating, lockedAt] of [
      [2024, 'NOT_COMPLETED', '2025-01-15T00:00:00.000Z'],
      [2025, 'NOT_COMPLETED', '2026-01-15T00:00:00.000Z'],
      [2025, 'COMPLETED', '2026-02-15T00:00:00.000Z'],
    ] as const) {
      const id = await insertCampaign(db(), { ownerUnitId: null, status: 'LOCKED', year, lockedAt }, NOW);
      await insertParticipant(db(), { campaignId: id, staffId, unitId: t.fixture.unitA, regime: 'DECREE_90', evaluation: { rating } }, NOW);
    }
    const c = await scenario('COUNCIL', { staffId });
    await db()
      .updateTable('reviewEvaluations')
      .set({ rating: 'GOOD', score: 87.08 })
      .where('participantId', '=', c.participantId)
      .execute();
    await db().updateTable('reviewCompetencyLevels').set({ supervisorLevel: 1 }).where('participantId', '=', c.participantId).execute();

    const noNote = await api('unit_hr_a', 'PUT', at(c, 'council'), { rating: { rating: 'COMPLETED' } });
    expect(noNote.json<Json>()).toMatchObject({
      status: 422,
      errors: [{ path: 'rating.note', message: 'REQUIRED_WHEN_DIFFERENT_FROM_COMPUTED' }],
    });
    expect((await evaluationRow(c.participantId)).councilRating).toBeNull();

    const badCriteria = await api('unit_hr_a', 'PUT', at(c, 'council'), {
      screening: { criteria: { RESULTS: { percent: 50 }, COMPETENCE: { percent: 140 } } },
    });
    expect(badCriteria.statusCode).toBe(422);
    expect(await db().selectFrom('reviewScreenings').selectAll().where('participantId', '=', c.participantId).execute()).toEqual([]);

    const res = await api('unit_hr_a', 'PUT', at(c, 'council'), {
      levels: [{ competencyCode: 'T.LAW', level: 3, evidence: 'Sát hạch đạt' }],
      rating: { rating: 'COMPLETED', note: 'Hạ một bậc theo kết luận của hội đồng' },
      screening: { criteria: { COMPETENCE: { percent: 60 }, ETHICS: { points: 16 }, INNOVATION: { percent: 40 } } },
    });
    expect(res.statusCode).toBe(200);
    const sheet = res.json<Sheet>();
    expect(sheet.evaluation).toMatchObject({
      rating: 'GOOD',
      councilRating: 'COMPLETED',
      finalRating: 'COMPLETED',
      councilNote: 'Hạ một bậc theo kết luận của hội đồng',
    });
    // T.LAW council 3 meets 3; T.DIGITAL supervisor 1 against 3: one gap of 2.
    expect(sheet.gap).toEqual({ gapCount: 1, largestGap: 2, unassessed: 0 });
    expect(sheet.screening?.configVersion).toBe('178-default-1');
    expect(sheet.screening?.result.lookBack.years).toEqual([2024, 2025, 2026]);
    expect(sheet.screening?.result.lookBack.used.map((u) => [u.year, u.rating])).toEqual([
      [2024, 'NOT_COMPLETED'],
      [2025, 'COMPLETED'],
      [2026, 'COMPLETED'],
    ]);
    expect(sheet.screening?.result.trace.some((s) => s.rule.startsWith('rule.'))).toBe(true);
    const stored = await db()
      .selectFrom('reviewScreenings')
      .selectAll()
      .where('participantId', '=', c.participantId)
      .executeTakeFirstOrThrow();
    expect(stored.outcome).toBe(sheet.screening?.outcome);
    expect(JSON.parse(stored.criteria)).toEqual({ COMPETENCE: { percent: 60 }, ETHICS: { points: 16 }, INNOVATION: { percent: 40 } });
    expect((await participantRow(c.participantId)).councilDecidedAt).toBe(NOW);
  });

  it('gives results with distributions and the excellent-quota flags, unit roles seeing their unit only', async () => {
    const campaignId = await insertCampaign(db(), { ownerUnitId: null, status: 'COUNCIL', name: 'Kết quả 2026' }, NOW);
    const add = async (
      fullName: string,
      unitId: number,
      rating: string | null,
      councilRating: string | null = null,
      positionGroup = 'PROFESSIONAL',
    ) => {
      const staffId = await insertStaff(db(), { unitId, fullName }, NOW);
      return insertParticipant(
        db(),
        { campaignId, staffId, unitId, positionGroup, evaluation: { rating, councilRating, score: rating ? 80 : null } },
        NOW,
      );
    };
    const excellent = await add('An Văn Xuất Sắc', t.fixture.unitA, 'EXCELLENT');
    await add('Bùi Thị Tốt', t.fixture.unitA, 'GOOD');
    await add('Cao Văn Hạ', t.fixture.unitA, 'EXCELLENT', 'GOOD');
    await add('Đỗ Thị Hỗ Trợ', t.fixture.unitA, 'COMPLETED', null, 'SUPPORT');
    await add('Ê Văn Phường', t.fixture.unitB, 'EXCELLENT');

    const res = await api('province_analyst', 'GET', `/api/v1/review-campaigns/${campaignId}/results?pageSize=3`);
    expect(res.statusCode).toBe(200);
    const r = res.json<{
      total: number;
      items: { fullName: string; finalRating: string | null }[];
      byUnit: { unitId: number; counts: Record<string, number> }[];
      byPositionGroup: { positionGroup: string; counts: Record<string, number> }[];
      excellentQuota: {
        key: string;
        goodCount: number;
        excellentCount: number;
        allowedExcellent: number;
        violates: boolean;
        affectedParticipantIds: number[];
      }[];
      quotaViolated: boolean;
    }>();
    expect(r.total).toBe(5);
    expect(r.items).toHaveLength(3);
    // Sorted by unit name (Phường Đông Ba before Xã Hòa Bình), then by name.
    expect(r.items.map((i) => [i.fullName, i.finalRating])).toEqual([
      ['Ê Văn Phường', 'EXCELLENT'],
      ['An Văn Xuất Sắc', 'EXCELLENT'],
      ['Bùi Thị Tốt', 'GOOD'],
    ]);
    const page2 = await api('province_analyst', 'GET', `/api/v1/review-campaigns/${campaignId}/results?pageSize=3&page=2`);
    expect(page2.json<{ items: { fullName: string; finalRating: string }[] }>().items.map((i) => [i.fullName, i.finalRating])).toEqual([
      ['Cao Văn Hạ', 'GOOD'],
      ['Đỗ Thị Hỗ Trợ', 'COMPLETED'],
    ]);
    expect(r.byUnit.find((u) => u.unitId === t.fixture.unitA)?.counts).toEqual({
      EXCELLENT: 1,
      GOOD: 2,
      COMPLETED: 1,
      NOT_COMPLETED: 0,
      UNRATED: 0,
    });
    expect(r.byPositionGroup.map((g) => [g.positionGroup, g.counts.EXCELLENT])).toEqual([
      ['PROFESSIONAL', 2],
      ['SUPPORT', 0],
    ]);
    // Commune A professionals: 2 Good allow floor(20% × 2) = 0 Excellent, so 1 Excellent violates.
    const groupA = r.excellentQuota.find((q) => q.key === `UNIT:${t.fixture.unitA}|PROFESSIONAL`);
    expect(groupA).toMatchObject({
      goodCount: 2,
      excellentCount: 1,
      allowedExcellent: 0,
      violates: true,
      affectedParticipantIds: [excellent],
    });
    expect(r.quotaViolated).toBe(true);

    const unit = await api('unit_leader_a', 'GET', `/api/v1/review-campaigns/${campaignId}/results`);
    expect(unit.json<{ total: number; byUnit: { unitId: number }[] }>()).toMatchObject({ total: 4, byUnit: [{ unitId: t.fixture.unitA }] });
    expect((await api('other_province_admin', 'GET', `/api/v1/review-campaigns/${campaignId}/results`)).statusCode).toBe(404);
    expect((await api('field_specialist_a', 'GET', `/api/v1/review-campaigns/${campaignId}/results`)).statusCode).toBe(403);
  });

  describe('optimistic concurrency on the sheet (issue 8 §3)', () => {
    const versionOf = async (c: { campaignId: number; participantId: number }, name = 'field_specialist_a') =>
      (await api(name, 'GET', at(c, 'assessment'))).json<{ version: number }>().version;
    const selfLevel = async (participantId: number, code = 'T.LAW') =>
      (await levelsRow(participantId)).find((l) => l.competencyCode === code)?.selfLevel ?? null;

    it('moves the version on with each write; a second writer holding the read version gets 409 and the first write stays', async () => {
      const c = await scenario('SELF_ASSESSMENT');
      const read = await versionOf(c);
      expect(read).toBe(1);
      const first = await api('field_specialist_a', 'PUT', at(c, 'self-assessment'), {
        version: read,
        levels: [{ competencyCode: 'T.LAW', level: 4 }],
      });
      expect(first.statusCode).toBe(200);
      expect(first.json<{ version: number }>().version).toBe(read + 1);
      const second = await api('field_specialist_a', 'PUT', at(c, 'self-assessment'), {
        version: read,
        levels: [{ competencyCode: 'T.LAW', level: 1 }],
      });
      expect(second.statusCode).toBe(409);
      expect(second.json<Json>()).toMatchObject({ code: 'VERSION_CONFLICT', title: expect.stringContaining('người khác') });
      expect(await selfLevel(c.participantId)).toBe(4);
      expect(await versionOf(c)).toBe(read + 1);
      const audits = await db()
        .selectFrom('auditLog')
        .select('entityId')
        .where('action', '=', 'review.self_assessment')
        .where('entityId', '=', String(c.participantId))
        .execute();
      expect(audits).toHaveLength(1);
      // With the version now read the write goes through; without one it is unconditional (existing clients).
      const third = await api('field_specialist_a', 'PUT', at(c, 'self-assessment'), {
        version: read + 1,
        levels: [{ competencyCode: 'T.LAW', level: 2 }],
      });
      expect(third.statusCode).toBe(200);
      const unversioned = await api('field_specialist_a', 'PUT', at(c, 'self-assessment'), {
        levels: [{ competencyCode: 'T.LAW', level: 3 }],
      });
      expect(unversioned.json<{ version: number }>().version).toBe(read + 3);
    });

    it('lets exactly one of two concurrent self-assessments with the same version through', async () => {
      const c = await scenario('SELF_ASSESSMENT');
      const read = await versionOf(c);
      const [a, b] = await Promise.all(
        [2, 5].map((level) =>
          api('field_specialist_a', 'PUT', at(c, 'self-assessment'), { version: read, levels: [{ competencyCode: 'T.LAW', level }] }),
        ),
      );
      const statuses = [a?.statusCode, b?.statusCode];
      expect([...statuses].sort()).toEqual([200, 409]);
      const winner = statuses[0] === 200 ? 2 : 5;
      expect(await selfLevel(c.participantId)).toBe(winner);
      expect(await versionOf(c)).toBe(read + 1);
    });

    it('guards the supervisor review and the council the same way, the stage refusal first', async () => {
      const sup = await scenario('SUPERVISOR_REVIEW');
      const v = await versionOf(sup, 'unit_leader_a');
      const body = (level: number) => ({ version: v, levels: [{ competencyCode: 'T.LAW', level }], evaluation: GOOD_335 });
      expect((await api('unit_leader_a', 'PUT', at(sup, 'supervisor-review'), body(3))).statusCode).toBe(200);
      const stale = await api('province_admin', 'PUT', at(sup, 'supervisor-review'), body(1));
      expect({ status: stale.statusCode, code: stale.json<Json>().code }).toEqual({ status: 409, code: 'VERSION_CONFLICT' });
      expect((await levelsRow(sup.participantId)).find((l) => l.competencyCode === 'T.LAW')?.supervisorLevel).toBe(3);

      const council = await scenario('COUNCIL');
      const cv = await versionOf(council, 'unit_hr_a');
      const [x, y] = await Promise.all(
        ['Hội đồng A', 'Hội đồng B'].map((note) =>
          api('unit_hr_a', 'PUT', at(council, 'council'), { version: cv, rating: { rating: 'GOOD', note } }),
        ),
      );
      expect([x?.statusCode, y?.statusCode].sort()).toEqual([200, 409]);
      const note = x?.statusCode === 200 ? 'Hội đồng A' : 'Hội đồng B';
      expect((await evaluationRow(council.participantId)).councilNote).toBe(note);

      // A locked campaign still answers REVIEW_CAMPAIGN_LOCKED to a stale version: the lock is the reason that matters.
      const locked = await scenario('LOCKED');
      const res = await api('field_specialist_a', 'PUT', at(locked, 'self-assessment'), { version: 99, levels: [] });
      expect(res.json<Json>().code).toBe('REVIEW_CAMPAIGN_LOCKED');
    });
  });
});
