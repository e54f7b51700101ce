import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { insertCampaign, insertParticipant, insertStaff } from './assessments.fixtures.ts';
import * as repo from './assessments.repository.ts';

describe.each(testDialects())('assessments repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
  });
  afterAll(async () => h?.close());

  it('reads a campaign with its instruments and a participant with name and unit', async () => {
    const c = f.assessments.self;
    expect(await repo.findCampaign(h.db, c.campaignId)).toMatchObject({
      id: c.campaignId,
      provinceCode: 'T1',
      status: 'SELF_ASSESSMENT',
      year: 2026,
      regime: 'DECREE_335',
      instruments: ['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178'],
    });
    expect(await repo.findParticipant(h.db, c.participantId)).toMatchObject({
      campaignId: c.campaignId,
      staffId: f.staffA,
      fullName: 'Nguyễn Văn Mạnh',
      unitId: f.unitA,
      unitName: 'Xã Hòa Bình',
      positionGroup: 'LEADERSHIP',
      selfSubmittedAt: null,
    });
    expect(await repo.findCampaign(h.db, 999_999)).toBeUndefined();
    expect(await repo.staffIdOfUser(h.db, f.users.field_specialist_a?.userId ?? 0)).toBe(f.staffA);
    expect(await repo.staffIdOfUser(h.db, f.users.counter_officer_a?.userId ?? 0)).toBeNull();
  });

  it('writes one stage without touching the others, and marks the stage submitted as an ISO instant', async () => {
    const campaignId = await insertCampaign(h.db, { ownerUnitId: f.unitA, status: 'SUPERVISOR_REVIEW' }, NOW);
    const id = await insertParticipant(h.db, { campaignId, staffId: f.staffA, unitId: f.unitA }, NOW);
    await repo.setStageLevels(h.db, id, 'self', [{ competencyCode: 'T.LAW', level: 4, evidence: 'tự nhận' }], NOW);
    await repo.setStageLevels(h.db, id, 'supervisor', [{ competencyCode: 'T.LAW', level: 2, evidence: null }], NOW);
    await repo.markSubmitted(h.db, id, 'supervisorSubmittedAt', NOW);
    expect(await repo.levelsOf(h.db, id)).toEqual([
      {
        competencyCode: 'T.DIGITAL',
        requiredLevel: 3,
        selfLevel: null,
        selfEvidence: null,
        supervisorLevel: null,
        supervisorEvidence: null,
        councilLevel: null,
        councilEvidence: null,
      },
      {
        competencyCode: 'T.LAW',
        requiredLevel: 3,
        selfLevel: 4,
        selfEvidence: 'tự nhận',
        supervisorLevel: 2,
        supervisorEvidence: null,
        councilLevel: null,
        councilEvidence: null,
      },
    ]);
    expect((await repo.findParticipant(h.db, id))?.supervisorSubmittedAt).toBe(NOW);
    expect((await repo.levelsOfMany(h.db, [id])).get(id)).toHaveLength(2);
  });

  it('updates an evaluation and a screening in place, creating them when missing', async () => {
    const campaignId = await insertCampaign(h.db, { ownerUnitId: f.unitA, status: 'COUNCIL' }, NOW);
    const id = await insertParticipant(h.db, { campaignId, staffId: f.staffA, unitId: f.unitA, regime: null }, NOW);
    expect(await repo.findEvaluation(h.db, id)).toBeUndefined();
    await repo.saveEvaluation(h.db, 'T1', id, 'DECREE_335', { score: 87.08, rating: 'GOOD', configVersion: 'v1' }, NOW);
    await repo.saveEvaluation(h.db, 'T1', id, 'DECREE_335', { councilRating: 'COMPLETED', councilNote: 'hạ bậc' }, NOW);
    expect(await repo.findEvaluation(h.db, id)).toMatchObject({
      regime: 'DECREE_335',
      score: 87.08,
      rating: 'GOOD',
      councilRating: 'COMPLETED',
    });
    expect((await repo.evaluationsOf(h.db, [id])).get(id)?.score).toBe(87.08);
    await repo.saveScreening(h.db, 'T1', id, { criteria: '{}', result: '{"a":1}', configVersion: 'c1', outcome: 'RETRAIN' }, NOW);
    await repo.saveScreening(h.db, 'T1', id, { criteria: '{}', result: '{"a":2}', configVersion: 'c1', outcome: 'RETAIN' }, NOW);
    expect(await repo.findScreening(h.db, id)).toMatchObject({ result: '{"a":2}', outcome: 'RETAIN' });
    expect(await h.db.selectFrom('reviewScreenings').select('id').where('participantId', '=', id).execute()).toHaveLength(1);
    expect((await repo.screeningOutcomesOf(h.db, [id])).get(id)).toBe('RETAIN');
  });

  it("lists a person's locked results only, leaving out the current campaign and other people", async () => {
    const staffId = await insertStaff(h.db, { unitId: f.unitA, fullName: 'Võ Thị Nhìn Lại' }, NOW);
    const other = await insertStaff(h.db, { unitId: f.unitA, fullName: 'Người Khác' }, NOW);
    const locked = await insertCampaign(
      h.db,
      { ownerUnitId: null, status: 'LOCKED', year: 2025, lockedAt: '2026-01-20T00:00:00.000Z' },
      NOW,
    );
    const open = await insertCampaign(h.db, { ownerUnitId: null, status: 'COUNCIL', year: 2024 }, NOW);
    const current = await insertCampaign(h.db, { ownerUnitId: null, status: 'COUNCIL', year: 2026 }, NOW);
    await insertParticipant(
      h.db,
      { campaignId: locked, staffId, unitId: f.unitA, regime: 'DECREE_90', evaluation: { rating: 'GOOD', councilRating: 'COMPLETED' } },
      NOW,
    );
    await insertParticipant(
      h.db,
      { campaignId: locked, staffId: other, unitId: f.unitA, regime: 'DECREE_90', evaluation: { rating: 'GOOD' } },
      NOW,
    );
    await insertParticipant(
      h.db,
      { campaignId: open, staffId, unitId: f.unitA, regime: 'DECREE_90', evaluation: { rating: 'EXCELLENT' } },
      NOW,
    );
    await insertParticipant(h.db, { campaignId: current, staffId, unitId: f.unitA }, NOW);
    expect(await repo.lockedResultsOfStaff(h.db, 'T1', staffId, current)).toEqual([
      {
        campaignId: locked,
        year: 2025,
        regime: 'DECREE_90',
        rating: 'GOOD',
        councilRating: 'COMPLETED',
        score: null,
        lockedAt: '2026-01-20T00:00:00.000Z',
      },
    ]);
    expect(await repo.lockedResultsOfStaff(h.db, 'T2', staffId, current)).toEqual([]);
  });

  it('lists participants of a campaign, of one unit when asked, within the bound', async () => {
    const campaignId = await insertCampaign(h.db, { ownerUnitId: null, status: 'COUNCIL' }, NOW);
    const b = await insertStaff(h.db, { unitId: f.unitB, fullName: 'Trần B' }, NOW);
    await insertParticipant(h.db, { campaignId, staffId: f.staffA, unitId: f.unitA }, NOW);
    await insertParticipant(h.db, { campaignId, staffId: b, unitId: f.unitB }, NOW);
    expect((await repo.listParticipants(h.db, campaignId, null, 100)).map((p) => p.unitId).sort()).toEqual([f.unitA, f.unitB].sort());
    expect((await repo.listParticipants(h.db, campaignId, f.unitB, 100)).map((p) => p.fullName)).toEqual(['Trần B']);
    expect(await repo.listParticipants(h.db, campaignId, null, 1)).toHaveLength(1);
  });
});
