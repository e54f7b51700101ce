import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { nameSortKey } from '../../../platform/text/name-sort-key.ts';
import { searchKey } from '../../../platform/text/search-key.ts';
import { frameworkFixture } from '../../competencies/competencies.fixtures.ts';
import { writeFramework } from '../../competencies/use-cases/versions.ts';
import { setEvaluationRating } from './campaigns.repository.ts';

const BASE = '/api/v1/review-campaigns';
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe.each(testDialects())('review campaigns over HTTP on %s', (dialect) => {
  let t: TestApp;
  /** Staff placed in P.JUSTICE in commune A (6), P.CLERK in A (1), P.JUSTICE in ward B (1). */
  const staff: { justiceA: number[]; clerkA: number; justiceB: number; endedA: number } = {
    justiceA: [],
    clerkA: 0,
    justiceB: 0,
    endedA: 0,
  };
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const get = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const post = (name: string, url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: user(name).bearer, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
  const campaignBody = (over: Record<string, unknown> = {}) => ({
    name: 'Đánh giá năm 2026',
    year: 2026,
    periodFrom: '2026-01-01',
    periodTo: '2026-12-15',
    instruments: ['COMPETENCY', 'ANNUAL_EVALUATION'],
    scope: { kind: 'UNITS', unitIds: [t.fixture.unitA] },
    ...over,
  });
  const count = async (table: 'reviewCampaigns' | 'auditLog') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const advanceTo = async (name: string, id: number, from: number, steps: number) => {
    let version = from;
    for (let i = 0; i < steps; i++) {
      const res = await post(name, `${BASE}/${id}/advance`, { expectedVersion: version });
      expect(res.statusCode).toBe(200);
      version = res.json().version;
    }
    return version;
  };
  const participantIdsOf = async (campaignId: number) =>
    (
      await t.database.db
        .selectFrom('reviewParticipants')
        .select(['id', 'staffId'])
        .where('campaignId', '=', campaignId)
        .orderBy('staffId')
        .execute()
    ).map((r) => r.id);

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const db = t.database.db;
    const version = await writeFramework(db, 'T1', frameworkFixture(), 'PUBLISHED', NOW, null);
    const positions = await db.selectFrom('positions').select(['id', 'code']).where('versionId', '=', version.id).execute();
    const positionId = (code: string) => positions.find((p) => p.code === code)?.id ?? null;
    let n = 0;
    const person = async (unitId: number, positionCode: string, endDate: string | null = null) => {
      n += 1;
      const fullName = `Công chức Thử ${String(n).padStart(2, '0')}`;
      const { id } = await db
        .insertInto('staff')
        .values({
          provinceCode: 'T1',
          unitId,
          orgBodyId: null,
          fullName,
          nameSearch: searchKey(fullName),
          nameSort: nameSortKey(fullName),
          gender: 'FEMALE',
          birthDate: '1990-01-01',
          citizenId: `0460900000${String(n).padStart(2, '0')}`,
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
        .values({ provinceCode: 'T1', staffId: id, positionId: positionId(positionCode), unitId, startDate: '2025-07-01', endDate })
        .execute();
      return id;
    };
    for (let i = 0; i < 6; i++) staff.justiceA.push(await person(t.fixture.unitA, 'P.JUSTICE'));
    staff.clerkA = await person(t.fixture.unitA, 'P.CLERK');
    staff.justiceB = await person(t.fixture.unitB, 'P.JUSTICE');
    staff.endedA = await person(t.fixture.unitA, 'P.JUSTICE', '2025-12-31');
  });
  afterAll(async () => t?.close());

  describe('creation', () => {
    it('opens a unit campaign from the unit’s HR with participants, competency rows and evaluations', async () => {
      const audits = await count('auditLog');
      const res = await post('unit_hr_a', BASE, campaignBody());
      expect(res.statusCode).toBe(201);
      const c = res.json();
      expect(c).toMatchObject({
        ownerUnitId: t.fixture.unitA,
        status: 'OPEN',
        version: 1,
        regime: 'DECREE_335',
        instruments: ['COMPETENCY', 'ANNUAL_EVALUATION'],
        scope: { kind: 'UNITS', unitIds: [t.fixture.unitA] },
        // 6 justice + 1 clerk + the fixture's staffA (assignment without a position); not the ended one nor ward B's.
        counts: { participants: 8, selfSubmitted: 0, supervisorSubmitted: 0, councilDecided: 0 },
      });
      const participants = await t.database.db
        .selectFrom('reviewParticipants')
        .select(['id', 'staffId', 'unitId', 'positionCode', 'positionGroup'])
        .where('campaignId', '=', c.id)
        .execute();
      expect(participants.map((p) => p.staffId).sort((a, b) => a - b)).toEqual(
        [...staff.justiceA, staff.clerkA, t.fixture.staffA].sort((a, b) => a - b),
      );
      expect(participants.find((p) => p.staffId === staff.clerkA)).toMatchObject({ positionCode: 'P.CLERK', positionGroup: 'SUPPORT' });
      const levels = await t.database.db
        .selectFrom('reviewCompetencyLevels')
        .select(['participantId', 'competencyCode', 'requiredLevel'])
        .where(
          'participantId',
          'in',
          participants.map((p) => p.id),
        )
        .execute();
      // P.JUSTICE requires T.LAW 3 and T.CIVIL 4; P.CLERK T.LAW 1; staffA has no position.
      expect(levels).toHaveLength(6 * 2 + 1);
      const clerk = participants.find((p) => p.staffId === staff.clerkA)?.id;
      expect(levels.filter((l) => l.participantId === clerk)).toEqual([
        { participantId: clerk, competencyCode: 'T.LAW', requiredLevel: 1 },
      ]);
      const evaluations = await t.database.db
        .selectFrom('reviewEvaluations')
        .select(['regime'])
        .where(
          'participantId',
          'in',
          participants.map((p) => p.id),
        )
        .execute();
      expect(evaluations).toHaveLength(8);
      expect(new Set(evaluations.map((e) => e.regime))).toEqual(new Set(['DECREE_335']));
      expect(await count('auditLog')).toBe(audits + 1);
      const audit = await t.database.db
        .selectFrom('auditLog')
        .select(['entityId', 'after'])
        .where('action', '=', 'review.campaign.create')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.entityId).toBe(String(c.id));
      expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ participants: 8, competencyRows: 13, regime: 'DECREE_335' });
    });

    it('uses Decree 90 for a 2025 campaign', async () => {
      const res = await post(
        'province_analyst',
        BASE,
        campaignBody({
          year: 2025,
          periodFrom: '2025-01-01',
          periodTo: '2025-12-15',
          scope: { kind: 'PEOPLE', staffIds: [staff.justiceB] },
        }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ regime: 'DECREE_90', ownerUnitId: null, counts: { participants: 1 } });
    });

    it('refuses an empty resolved scope with 422 and writes nothing', async () => {
      const [campaigns, audits] = [await count('reviewCampaigns'), await count('auditLog')];
      const res = await post('province_admin', BASE, campaignBody({ scope: { kind: 'POSITIONS', positionCodes: ['P.NOBODY'] } }));
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'REVIEW_CAMPAIGN_SCOPE_EMPTY',
        title: 'Phạm vi đã chọn không có công chức nào đang giữ vị trí việc làm: đợt đánh giá không có người tham gia.',
      });
      expect([await count('reviewCampaigns'), await count('auditLog')]).toEqual([campaigns, audits]);
    });

    it('refuses people outside a unit role’s reach (422, naming each) and another unit (404)', async () => {
      const res = await post('unit_hr_a', BASE, campaignBody({ scope: { kind: 'PEOPLE', staffIds: [staff.clerkA, staff.justiceB] } }));
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('REVIEW_CAMPAIGN_SCOPE_INVALID');
      expect(res.json().errors).toEqual([{ path: 'scope.staffIds.1', message: expect.stringContaining(String(staff.justiceB)) }]);
      const other = await post('unit_hr_a', BASE, campaignBody({ scope: { kind: 'UNITS', unitIds: [t.fixture.unitB] } }));
      expect(other.statusCode).toBe(404);
      const foreign = await post(
        'province_admin',
        BASE,
        campaignBody({ scope: { kind: 'UNITS', unitIds: [t.fixture.otherProvinceUnit] } }),
      );
      expect(foreign.statusCode).toBe(404);
    });

    it('refuses a backwards or far-away period, and unknown fields', async () => {
      const back = await post('province_admin', BASE, campaignBody({ periodFrom: '2026-12-01', periodTo: '2026-01-01' }));
      expect(back.statusCode).toBe(400);
      expect(back.json()).toMatchObject({
        code: 'REVIEW_CAMPAIGN_PERIOD_INVALID',
        errors: [{ path: 'periodTo', message: 'BEFORE_PERIOD_FROM' }],
      });
      const far = await post('province_admin', BASE, campaignBody({ periodFrom: '2029-01-01', periodTo: '2029-12-31' }));
      expect(far.json().code).toBe('REVIEW_CAMPAIGN_PERIOD_INVALID');
      const extra = await post('province_admin', BASE, { ...campaignBody(), ownerUnitId: t.fixture.unitB });
      expect(extra.statusCode).toBe(400);
      const none = await post('province_admin', BASE, campaignBody({ instruments: [] }));
      expect(none.statusCode).toBe(400);
    });
  });

  describe('lifecycle of a province campaign', () => {
    let id: number;
    let version: number;

    beforeAll(async () => {
      const res = await post(
        'province_admin',
        BASE,
        campaignBody({
          name: 'Rà soát vị trí tư pháp',
          instruments: ['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178'],
          scope: { kind: 'POSITIONS', positionCodes: ['P.JUSTICE'] },
        }),
      );
      expect(res.statusCode).toBe(201);
      id = res.json().id;
      version = res.json().version;
    });

    it('shows unit roles a province campaign through their own unit only', async () => {
      const b = await get('unit_leader_b', `${BASE}/${id}`);
      expect(b.statusCode).toBe(200);
      expect(b.json().counts.participants).toBe(1);
      const list = await get('unit_leader_b', `${BASE}/${id}/participants`);
      expect(list.json()).toMatchObject({ total: 1, items: [{ staffId: staff.justiceB, unit: { id: t.fixture.unitB } }] });
      expect(Object.keys(list.json().items[0])).not.toContain('citizenId');
      expect((await get('unit_leader_a', `${BASE}/${id}`)).json().counts.participants).toBe(6);
      expect((await get('province_analyst', `${BASE}/${id}`)).json().counts.participants).toBe(7);
      const listed = await get('unit_leader_b', `${BASE}?year=2026`);
      expect(listed.json().items.map((c: { id: number }) => c.id)).toContain(id);
      expect((await get('other_province_admin', `${BASE}/${id}`)).statusCode).toBe(404);
      // A unit role may see it but not run it.
      expect((await post('unit_hr_b', `${BASE}/${id}/advance`, { expectedVersion: version })).statusCode).toBe(403);
    });

    it('pages participants', async () => {
      const page1 = await get('province_admin', `${BASE}/${id}/participants?pageSize=5`);
      const page2 = await get('province_admin', `${BASE}/${id}/participants?pageSize=5&page=2`);
      expect(page1.json()).toMatchObject({ total: 7, page: 1, pageSize: 5 });
      expect(page1.json().items).toHaveLength(5);
      expect(page2.json().items).toHaveLength(2);
      expect(page1.json().items[0]).toMatchObject({
        position: { code: 'P.JUSTICE', name: 'Vị trí P.JUSTICE' },
        positionGroup: 'PROFESSIONAL',
      });
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      version = await advanceTo('province_admin', id, version, 1);
      const stale = await post('province_admin', `${BASE}/${id}/advance`, { expectedVersion: version - 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('VERSION_CONFLICT');
      expect((await get('province_admin', `${BASE}/${id}`)).json()).toMatchObject({ status: 'SELF_ASSESSMENT', version });
    });

    it('refuses to lock before COUNCIL and to advance past it', async () => {
      const early = await post('province_admin', `${BASE}/${id}/lock`, { expectedVersion: version });
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('REVIEW_CAMPAIGN_STAGE_INVALID');
      version = await advanceTo('province_admin', id, version, 2);
      expect((await get('province_admin', `${BASE}/${id}`)).json().status).toBe('COUNCIL');
      const past = await post('province_admin', `${BASE}/${id}/advance`, { expectedVersion: version });
      expect(past.statusCode).toBe(409);
      expect(past.json().code).toBe('REVIEW_CAMPAIGN_STAGE_INVALID');
    });

    it('locks with a snapshot whose SHA-256 is that of its payload', async () => {
      const res = await post('province_admin', `${BASE}/${id}/lock`, { expectedVersion: version });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'LOCKED', lockedAt: NOW, lockedBy: user('province_admin').userId, version: version + 1 });
      version = res.json().version;
      const list = await get('province_analyst', `${BASE}/${id}/snapshots`);
      expect(list.json().items).toEqual([
        { sequence: 1, takenAt: NOW, takenBy: user('province_admin').userId, sha256: expect.any(String) },
      ]);
      const snap = await get('province_analyst', `${BASE}/${id}/snapshots/1`);
      expect(snap.statusCode).toBe(200);
      expect(sha256(snap.json().payload)).toBe(snap.json().sha256);
      expect(snap.json().sha256).toBe(list.json().items[0].sha256);
      const payload = JSON.parse(snap.json().payload);
      expect(payload.campaign).toMatchObject({ id, status: 'LOCKED', name: 'Rà soát vị trí tư pháp' });
      expect(payload.participants).toHaveLength(7);
      expect(payload.competencyLevels).toHaveLength(14);
      expect(payload.evaluations).toHaveLength(7);
      expect(payload.screenings).toEqual([]);
      // The payload lists every unit's participants: a unit role seeing the campaign may not read it.
      expect((await get('unit_leader_b', `${BASE}/${id}/snapshots/1`)).statusCode).toBe(403);
      expect((await get('province_analyst', `${BASE}/${id}/snapshots/2`)).statusCode).toBe(404);
    });

    it('refuses every write on the locked campaign but reopening, with a translated error', async () => {
      for (const action of ['advance', 'lock']) {
        const res = await post('province_admin', `${BASE}/${id}/${action}`, { expectedVersion: version });
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({
          code: 'REVIEW_CAMPAIGN_LOCKED',
          title: 'Đợt đánh giá đã khóa: không thể thay đổi kết quả. Muốn sửa, hãy mở lại đợt đánh giá kèm lý do.',
        });
      }
      expect((await get('province_admin', `${BASE}/${id}`)).json()).toMatchObject({ status: 'LOCKED', version });
    });

    it('refuses to reopen without a real reason', async () => {
      const audits = await count('auditLog');
      for (const reason of ['', '   ngắn   ']) {
        const res = await post('province_admin', `${BASE}/${id}/reopen`, { reason, expectedVersion: version });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('REVIEW_CAMPAIGN_REOPEN_REASON_REQUIRED');
      }
      expect((await post('province_admin', `${BASE}/${id}/reopen`, { expectedVersion: version })).statusCode).toBe(400);
      expect((await get('province_admin', `${BASE}/${id}`)).json()).toMatchObject({ status: 'LOCKED', reopenCount: 0 });
      expect(await count('auditLog')).toBe(audits);
    });

    it('reopens with a reason, audited, and a second lock takes snapshot 2', async () => {
      const reason = '  Hội đồng phát hiện sai sót điểm của một công chức  ';
      const res = await post('province_admin', `${BASE}/${id}/reopen`, { reason, expectedVersion: version });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'COUNCIL', reopenCount: 1, lockedAt: null, version: version + 1 });
      version = res.json().version;
      const audit = await t.database.db
        .selectFrom('auditLog')
        .select(['actorUserId', 'before', 'after'])
        .where('action', '=', 'review.campaign.reopen')
        .where('entityId', '=', String(id))
        .executeTakeFirstOrThrow();
      expect(audit.actorUserId).toBe(user('province_admin').userId);
      expect(JSON.parse(audit.after ?? '{}')).toMatchObject({ status: 'COUNCIL', reopenCount: 1, reason: reason.trim() });
      expect(JSON.parse(audit.before ?? '{}')).toMatchObject({ status: 'LOCKED' });
      const again = await post('province_admin', `${BASE}/${id}/lock`, { expectedVersion: version });
      expect(again.statusCode).toBe(200);
      const list = await get('province_admin', `${BASE}/${id}/snapshots`);
      expect(list.json().items.map((s: { sequence: number }) => s.sequence)).toEqual([1, 2]);
    });
  });

  describe('excellent quota at lock', () => {
    it('blocks the lock while a group exceeds the quota, naming the group, and locks once the council adjusts', async () => {
      const created = await post(
        'unit_hr_a',
        BASE,
        campaignBody({ instruments: ['ANNUAL_EVALUATION'], scope: { kind: 'POSITIONS', positionCodes: ['P.JUSTICE'] } }),
      );
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const participants = await participantIdsOf(id);
      expect(participants).toHaveLength(6);
      const [x1, x2, ...good] = participants;
      if (x1 === undefined || x2 === undefined) throw new Error('participants missing');
      await setEvaluationRating(t.database.db, x1, { score: 95, rating: 'EXCELLENT' }, NOW);
      await setEvaluationRating(t.database.db, x2, { score: 92, rating: 'EXCELLENT' }, NOW);
      for (const p of good) await setEvaluationRating(t.database.db, p, { score: 80, rating: 'GOOD' }, NOW);
      const version = await advanceTo('unit_hr_a', id, 1, 3);

      const refused = await post('unit_hr_a', `${BASE}/${id}/lock`, { expectedVersion: version });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'REVIEW_CAMPAIGN_EXCELLENT_QUOTA' });
      expect(refused.json().title).toContain('1 nhóm');
      // 2 Excellent with 4 Good: floor(20% × 4) = 0 allowed.
      expect(refused.json().errors).toEqual([
        {
          path: `unit:${t.fixture.unitA}/PROFESSIONAL`,
          message: 'Xã Hòa Bình, nhóm Chuyên môn, nghiệp vụ: 2 người xếp loại xuất sắc, chỉ được tối đa 0 (trên 4 người hoàn thành tốt).',
        },
      ]);
      expect((await get('unit_hr_a', `${BASE}/${id}`)).json()).toMatchObject({ status: 'COUNCIL', version });
      expect((await get('unit_hr_a', `${BASE}/${id}/snapshots`)).json().items).toEqual([]);

      // The council lowers one Excellent: 1 Excellent with 5 Good is within floor(20% × 5) = 1.
      await setEvaluationRating(t.database.db, x2, { councilRating: 'GOOD' }, NOW);
      const locked = await post('unit_hr_a', `${BASE}/${id}/lock`, { expectedVersion: version });
      expect(locked.statusCode).toBe(200);
      expect(locked.json().status).toBe('LOCKED');
      const snap = (await get('unit_hr_a', `${BASE}/${id}/snapshots/1`)).json();
      expect(JSON.parse(snap.payload).evaluations.find((e: { participantId: number }) => e.participantId === x2)).toMatchObject({
        rating: 'EXCELLENT',
        councilRating: 'GOOD',
      });
    });
  });
});
