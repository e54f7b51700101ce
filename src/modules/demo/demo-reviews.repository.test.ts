import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import type { AuditMeta } from '../../platform/audit/audited.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import type { Db } from '../../platform/db/database.ts';
import { DEFAULT_EXCELLENT_QUOTA_CONFIG } from '../../platform/rules/defaults/reviews-quota.config.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { writeSelfAssessment } from '../reviews/assessments/use-cases/assessments.ts';
import { quotaBreaches } from '../reviews/campaigns/lock-quota.ts';
import { getCampaign, getCampaignSnapshot, listCampaigns, lockCampaign, reopenCampaign } from '../reviews/campaigns/use-cases/campaigns.ts';
import { CROSS_FIELD_TEST_NAME } from './demo-reviews.ts';
import { type SeedResult, seedDemo } from './seed-demo.ts';

const clock = fixedClock('2026-03-02T03:00:00.000Z');
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe.each(testDialects())('demo review campaigns on %s', (dialect) => {
  let database: DatabaseHandle;
  let db: Db;
  let result: SeedResult;
  const deps = () => ({ db, clock });
  const actor = () => SYSTEM_ACTOR(result.provinceCode);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.db;
    // The default demo (40 units × 40 staff); dossiers play no part here.
    result = await seedDemo(db, { trainingPlan: false, seed: 2025, password: 'perfume river at dusk', clock, dossierDays: 0 });
  }, 120_000);
  afterAll(async () => database?.close());

  const campaigns = async () => {
    const list = await listCampaigns(deps(), actor(), { page: 1, pageSize: 20 });
    const c2025 = list.items.find((c) => c.year === 2025);
    const c2026 = list.items.find((c) => c.year === 2026);
    if (!c2025 || !c2026) throw new Error('campaigns missing');
    return { list, c2025, c2026 };
  };

  it('seeds two province campaigns: 2025 locked under Decree 90, 2026 in self-assessment under Decree 335', async () => {
    const { list, c2025, c2026 } = await campaigns();
    expect(list.total).toBe(2);
    expect(c2025).toMatchObject({ status: 'LOCKED', regime: 'DECREE_90', version: 5, lockedAt: '2025-12-12T03:00:00.000Z' });
    expect(c2025.instruments).toEqual(['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178']);
    expect(c2026).toMatchObject({ status: 'SELF_ASSESSMENT', regime: 'DECREE_335', version: 2, lockedAt: null });
    const d2025 = await getCampaign(deps(), actor(), c2025.id);
    const d2026 = await getCampaign(deps(), actor(), c2026.id);
    expect(d2025.counts.participants).toBeGreaterThan(1000);
    expect(d2025.counts).toMatchObject({
      selfSubmitted: d2025.counts.participants,
      supervisorSubmitted: d2025.counts.participants,
      councilDecided: d2025.counts.participants,
    });
    expect(d2026.counts.participants).toBe(d2025.counts.participants);
    expect(d2026.counts.selfSubmitted / d2026.counts.participants).toBeGreaterThan(0.4);
    expect(d2026.counts.selfSubmitted / d2026.counts.participants).toBeLessThan(0.6);
    expect(d2026.counts.supervisorSubmitted).toBe(0);
    expect(result.reviews.campaign2025.participants).toBe(d2025.counts.participants);
  });

  it('keeps a snapshot of the 2025 campaign whose SHA-256 matches its payload', async () => {
    const { c2025 } = await campaigns();
    const snapshot = await getCampaignSnapshot(deps(), actor(), c2025.id, 1);
    expect(sha256(snapshot.payload)).toBe(snapshot.sha256);
    expect(snapshot.sha256).toBe(result.reviews.snapshotSha256);
    const payload = JSON.parse(snapshot.payload);
    expect(payload.campaign).toMatchObject({ id: c2025.id, status: 'LOCKED' });
    expect(payload.participants).toHaveLength(result.reviews.campaign2025.participants);
    expect(payload.competencyLevels).toHaveLength(result.reviews.campaign2025.competencyRows);
    expect(payload.screenings).toHaveLength(result.reviews.campaign2025.participants);
  });

  it('links the demo accounts to staff of their own unit, whose 2026 sheets are still open', async () => {
    const { c2026 } = await campaigns();
    const linked = await db
      .selectFrom('users as u')
      .innerJoin('staff as s', 's.id', 'u.staffId')
      .leftJoin('reviewParticipants as p', (j) => j.onRef('p.staffId', '=', 's.id').on('p.campaignId', '=', c2026.id))
      .select([
        'u.username',
        'u.unitId as userUnit',
        's.unitId as staffUnit',
        's.currentTitle',
        'p.id as participantId',
        'p.selfSubmittedAt',
      ])
      .orderBy('u.username')
      .execute();
    expect(linked.map((l) => l.username)).toEqual(['counter', 'counter2', 'hr', 'leader', 'specialist']);
    for (const l of linked) {
      expect(l.staffUnit).toBe(l.userUnit);
      expect(l.participantId).not.toBeNull();
      expect(l.selfSubmittedAt).toBeNull();
    }
    const title = (u: string) => linked.find((l) => l.username === u)?.currentTitle;
    expect(title('counter')).toMatch(/tiếp nhận và trả kết quả/);
    expect(title('hr')).toMatch(/Nội vụ/);
    expect(title('leader')).toMatch(/^Trưởng phòng/);
    const unlinked = await db.selectFrom('users').select('username').where('staffId', 'is', null).orderBy('username').execute();
    expect(unlinked.map((u) => u.username)).toEqual(['admin', 'analyst', 'padmin']);
  });

  it('lets the counter account submit its own 2026 self-assessment through the assessment use case', async () => {
    const { c2026 } = await campaigns();
    const user = await db
      .selectFrom('users')
      .select(['id', 'username', 'displayName', 'role', 'unitId', 'staffId'])
      .where('username', '=', 'counter')
      .executeTakeFirstOrThrow();
    const participant = await db
      .selectFrom('reviewParticipants')
      .select('id')
      .where('campaignId', '=', c2026.id)
      .where('staffId', '=', user.staffId ?? -1)
      .executeTakeFirstOrThrow();
    const levels = await db
      .selectFrom('reviewCompetencyLevels')
      .select(['competencyCode', 'requiredLevel'])
      .where('participantId', '=', participant.id)
      .orderBy('id')
      .execute();
    expect(levels.length).toBeGreaterThan(5);
    const counter: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role as Role,
      provinceCode: result.provinceCode,
      unitId: user.unitId,
      locale: 'vi',
      sessionId: null,
      via: 'session',
    };
    const meta: AuditMeta = { actor: counter, requestId: null, at: '2026-03-02T03:00:00.000Z', provinceCode: result.provinceCode };
    const sheet = await writeSelfAssessment(
      deps(),
      counter,
      c2026.id,
      participant.id,
      {
        levels: levels.map((l) => ({
          competencyCode: l.competencyCode,
          level: l.requiredLevel ?? 3,
          evidence: 'Tự đánh giá khi chạy thử.',
        })),
      },
      meta,
    );
    expect(sheet.participant.selfSubmittedAt).toBe('2026-03-02T03:00:00.000Z');
    expect(sheet.competencies.every((c) => c.selfLevel !== null)).toBe(true);
  });

  it('rates 2025 within the excellent quota, so reopening and locking again passes and snapshots the same rows', async () => {
    const { c2025 } = await campaigns();
    const rated = await db
      .selectFrom('reviewParticipants as rp')
      .innerJoin('reviewEvaluations as e', 'e.participantId', 'rp.id')
      .select(['rp.id as participantId', 'rp.unitId', 'rp.orgBodyId', 'rp.positionGroup', 'e.rating', 'e.councilRating', 'e.score'])
      .where('rp.campaignId', '=', c2025.id)
      .execute();
    expect(rated.every((r) => r.rating !== null)).toBe(true);
    expect(quotaBreaches(DEFAULT_EXCELLENT_QUOTA_CONFIG, rated)).toEqual([]);

    const meta: AuditMeta = { actor: actor(), requestId: null, at: '2026-03-02T03:00:00.000Z', provinceCode: result.provinceCode };
    const reopened = await reopenCampaign(deps(), actor(), c2025.id, { reason: 'Kiểm tra lại dữ liệu demo', expectedVersion: 5 }, meta);
    expect(reopened.status).toBe('COUNCIL');
    const locked = await lockCampaign(deps(), actor(), c2025.id, reopened.version, meta, 'vi');
    expect(locked.status).toBe('LOCKED');
    const [first, second] = await Promise.all([
      getCampaignSnapshot(deps(), actor(), c2025.id, 1),
      getCampaignSnapshot(deps(), actor(), c2025.id, 2),
    ]);
    const { campaign: _a, ...rowsSeeded } = JSON.parse(first.payload);
    const { campaign: _b, ...rowsLocked } = JSON.parse(second.payload);
    expect(rowsLocked).toEqual(rowsSeeded);
  });

  it('records a few 2026 competency tests in land and digital skills, and cross-field tests of other fields’ positions', async () => {
    const tests = await db.selectFrom('competencyTestResults').select(['competencyCode', 'takenOn', 'staffId', 'testName']).execute();
    expect(tests.length).toBe(result.reviews.competencyTests);
    const regular = tests.filter((t) => t.testName !== CROSS_FIELD_TEST_NAME);
    expect(new Set(regular.map((t) => t.competencyCode))).toEqual(new Set(['FLD.LAND', 'DIG.1', 'DIG.2']));
    const cross = tests.filter((t) => t.testName === CROSS_FIELD_TEST_NAME);
    expect(cross.length).toBeGreaterThan(20);
    expect(cross.every((t) => t.competencyCode.startsWith('FLD.'))).toBe(true);
    expect(tests.every((t) => t.takenOn >= '2026-01-01' && t.takenOn <= '2026-03-02')).toBe(true);
  });
});
