import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import * as repo from './campaigns.repository.ts';

describe.each(testDialects())('review campaigns repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  const newCampaign = (over: Partial<repo.NewCampaign> = {}): repo.NewCampaign => ({
    provinceCode: 'T1',
    ownerUnitId: null,
    name: 'Đợt đánh giá tỉnh',
    year: 2025,
    periodFrom: '2025-01-01',
    periodTo: '2025-12-15',
    regime: 'DECREE_90',
    instruments: ['COMPETENCY', 'ANNUAL_EVALUATION'],
    scopeKind: 'UNITS',
    scope: { unitIds: [1] },
    frameworkVersionId: null,
    createdAt: NOW,
    createdBy: null,
    ...over,
  });

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
  });
  afterAll(async () => h?.close());

  it('stores a campaign and reads it back with its JSON fields', async () => {
    const id = await repo.insertCampaign(h.db, newCampaign({ scope: { unitIds: [f.unitA, f.unitB] } }));
    expect(await repo.findCampaign(h.db, id)).toEqual({
      id,
      provinceCode: 'T1',
      ownerUnitId: null,
      name: 'Đợt đánh giá tỉnh',
      year: 2025,
      periodFrom: '2025-01-01',
      periodTo: '2025-12-15',
      regime: 'DECREE_90',
      instruments: ['COMPETENCY', 'ANNUAL_EVALUATION'],
      scopeKind: 'UNITS',
      scope: { kind: 'UNITS', unitIds: [f.unitA, f.unitB] },
      frameworkVersionId: null,
      status: 'OPEN',
      version: 1,
      reopenCount: 0,
      createdAt: NOW,
      createdBy: null,
      lockedAt: null,
      lockedBy: null,
    });
    const stored = await h.db.selectFrom('reviewCampaigns').select(['scope', 'scopeKind']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ scope: JSON.stringify({ unitIds: [f.unitA, f.unitB] }), scopeKind: 'UNITS' });
    expect(await repo.findCampaign(h.db, id + 1000)).toBeUndefined();
  });

  it('changes status only at the expected version, bumping it, and counts reopenings', async () => {
    const id = await repo.insertCampaign(h.db, newCampaign());
    expect(await repo.updateCampaignStatus(h.db, id, 2, { status: 'SELF_ASSESSMENT' })).toBe(false);
    expect(await repo.updateCampaignStatus(h.db, id, 1, { status: 'SELF_ASSESSMENT' })).toBe(true);
    expect(await repo.updateCampaignStatus(h.db, id, 1, { status: 'SUPERVISOR_REVIEW' })).toBe(false);
    const later = '2026-03-03T01:00:00.000Z';
    expect(await repo.updateCampaignStatus(h.db, id, 2, { status: 'LOCKED', lockedAt: later, lockedBy: 7 })).toBe(true);
    expect(await repo.findCampaign(h.db, id)).toMatchObject({ status: 'LOCKED', version: 3, lockedAt: later, lockedBy: 7, reopenCount: 0 });
    expect(await repo.updateCampaignStatus(h.db, id, 3, { status: 'COUNCIL', lockedAt: null, lockedBy: null, reopened: true })).toBe(true);
    expect(await repo.findCampaign(h.db, id)).toMatchObject({
      status: 'COUNCIL',
      version: 4,
      lockedAt: null,
      lockedBy: null,
      reopenCount: 1,
    });
  });

  it('resolves current, active assignments within the scope and reach', async () => {
    const inA = await repo.resolveScope(h.db, 'T1', { unitIds: [f.unitA], reachUnitId: null });
    expect(inA).toEqual([
      expect.objectContaining({ staffId: f.staffA, unitId: f.unitA, positionId: null, positionCode: null, startDate: '2025-07-01' }),
    ]);
    expect(inA[0]?.orgBodyId).toEqual(expect.any(Number));
    expect(await repo.resolveScope(h.db, 'T1', { unitIds: [f.unitA], reachUnitId: f.unitB })).toEqual([]);
    expect(await repo.resolveScope(h.db, 'T1', { staffIds: [f.staffA], reachUnitId: f.unitA })).toHaveLength(1);
    expect(await repo.resolveScope(h.db, 'T2', { staffIds: [f.staffA], reachUnitId: null })).toEqual([]);
    expect(await repo.resolveScope(h.db, 'T1', { positionCodes: ['LD.03'], reachUnitId: null })).toEqual([]);
    // An ended assignment, or a person no longer active, is not a participant.
    await h.db.updateTable('staffPositions').set({ endDate: '2026-01-31' }).where('staffId', '=', f.staffA).execute();
    expect(await repo.resolveScope(h.db, 'T1', { unitIds: [f.unitA], reachUnitId: null })).toEqual([]);
    await h.db.updateTable('staffPositions').set({ endDate: null }).where('staffId', '=', f.staffA).execute();
    await h.db.updateTable('staff').set({ employmentStatus: 'RETIRED' }).where('id', '=', f.staffA).execute();
    expect(await repo.resolveScope(h.db, 'T1', { unitIds: [f.unitA], reachUnitId: null })).toEqual([]);
    await h.db.updateTable('staff').set({ employmentStatus: 'ACTIVE' }).where('id', '=', f.staffA).execute();
  });

  it('lists a unit its own campaigns and the province campaigns with a participant there, paged', async () => {
    const withA = await repo.insertCampaign(h.db, newCampaign({ name: 'Tỉnh, có người xã A', year: 2027 }));
    await repo.insertParticipants(h.db, 'T1', withA, [
      { staffId: f.staffA, unitId: f.unitA, orgBodyId: null, positionId: null, positionCode: null, positionGroup: null },
    ]);
    const withoutA = await repo.insertCampaign(h.db, newCampaign({ name: 'Tỉnh, không có người xã A', year: 2027 }));
    const ownedByB = await repo.insertCampaign(h.db, newCampaign({ name: 'Của phường B', ownerUnitId: f.unitB, year: 2027 }));
    const page = { limit: 50, offset: 0 };

    const forA = await repo.listCampaigns(h.db, 'T1', { unitId: f.unitA }, page);
    const idsA = forA.rows.map((r) => r.id);
    expect(idsA).toEqual(expect.arrayContaining([withA, f.reviewCampaigns.open, f.reviewCampaigns.council, f.reviewCampaigns.locked]));
    expect(idsA).not.toContain(withoutA);
    expect(idsA).not.toContain(ownedByB);
    expect(forA.total).toBe(forA.rows.length);

    const forB2027 = await repo.listCampaigns(h.db, 'T1', { unitId: f.unitB, year: 2027 }, page);
    expect(forB2027.rows.map((r) => r.id)).toEqual([ownedByB]);
    const province2027 = await repo.listCampaigns(h.db, 'T1', { year: 2027 }, { limit: 2, offset: 0 });
    expect(province2027.total).toBe(3);
    expect(province2027.rows.map((r) => r.id)).toEqual([ownedByB, withoutA]);
    const locked = await repo.listCampaigns(h.db, 'T1', { status: 'LOCKED' }, page);
    expect(locked.rows.map((r) => r.id)).toContain(f.reviewCampaigns.locked);
    expect(locked.rows.every((r) => r.status === 'LOCKED')).toBe(true);
    expect((await repo.listCampaigns(h.db, 'T2', {}, page)).total).toBe(0);
    expect(await repo.hasParticipantInUnit(h.db, withA, f.unitA)).toBe(true);
    expect(await repo.hasParticipantInUnit(h.db, withA, f.unitB)).toBe(false);
  });

  it('counts stage submissions, for the whole campaign or one unit', async () => {
    const id = f.reviewCampaigns.open;
    await h.db.updateTable('reviewParticipants').set({ selfSubmittedAt: NOW }).where('campaignId', '=', id).execute();
    expect(await repo.campaignCounts(h.db, id, null)).toEqual({
      participants: 1,
      selfSubmitted: 1,
      supervisorSubmitted: 0,
      councilDecided: 0,
    });
    expect(await repo.campaignCounts(h.db, id, f.unitB)).toEqual({
      participants: 0,
      selfSubmitted: 0,
      supervisorSubmitted: 0,
      councilDecided: 0,
    });
    const list = await repo.listParticipants(h.db, id, null, { limit: 10, offset: 0 });
    expect(list).toEqual({
      total: 1,
      rows: [
        expect.objectContaining({
          staffId: f.staffA,
          fullName: 'Nguyễn Văn Mạnh',
          unitId: f.unitA,
          unitName: 'Xã Hòa Bình',
          orgBodyName: 'Phòng Kinh tế',
          selfSubmittedAt: NOW,
          supervisorSubmittedAt: null,
        }),
      ],
    });
  });

  it('opens instrument rows and reads the final-rating inputs', async () => {
    const id = await repo.insertCampaign(h.db, newCampaign({ year: 2028 }));
    const ids = await repo.insertParticipants(h.db, 'T1', id, [
      { staffId: f.staffA, unitId: f.unitA, orgBodyId: null, positionId: null, positionCode: 'X.1', positionGroup: 'PROFESSIONAL' },
    ]);
    const participantId = ids.get(f.staffA);
    if (participantId === undefined) throw new Error('participant missing');
    await repo.insertCompetencyLevels(h.db, 'T1', [{ participantId, competencyCode: 'T.LAW', requiredLevel: 3 }], NOW);
    await repo.insertEvaluations(h.db, 'T1', [participantId], 'DECREE_90', NOW);
    await repo.setEvaluationRating(h.db, participantId, { score: 91.5, rating: 'EXCELLENT', councilRating: 'GOOD' }, NOW);
    expect(await repo.ratedParticipants(h.db, id)).toEqual([
      {
        participantId,
        unitId: f.unitA,
        orgBodyId: null,
        positionGroup: 'PROFESSIONAL',
        rating: 'EXCELLENT',
        councilRating: 'GOOD',
        score: 91.5,
      },
    ]);
    const content = await repo.snapshotContent(h.db, id);
    expect(content.participants).toHaveLength(1);
    expect(content.competencyLevels).toEqual([expect.objectContaining({ participantId, competencyCode: 'T.LAW', requiredLevel: 3 })]);
    expect(content.evaluations).toEqual([expect.objectContaining({ participantId, regime: 'DECREE_90', rating: 'EXCELLENT' })]);
    expect(content.screenings).toEqual([]);
    // Same rows, same JSON: the snapshot hash is reproducible.
    expect(JSON.stringify(await repo.snapshotContent(h.db, id))).toBe(JSON.stringify(content));
  });

  it('numbers snapshots per campaign and refuses a duplicate sequence', async () => {
    const id = await repo.insertCampaign(h.db, newCampaign({ year: 2029 }));
    expect(await repo.lastSnapshotSequence(h.db, id)).toBe(0);
    const snap = { provinceCode: 'T1', campaignId: id, sequence: 1, takenAt: NOW, takenBy: null, payload: '{}', sha256: 'a'.repeat(64) };
    await repo.insertSnapshot(h.db, snap);
    expect(await repo.lastSnapshotSequence(h.db, id)).toBe(1);
    await expect(repo.insertSnapshot(h.db, snap)).rejects.toThrow();
    await repo.insertSnapshot(h.db, { ...snap, sequence: 2, payload: '{"x":1}' });
    expect((await repo.listSnapshots(h.db, id)).map((s) => s.sequence)).toEqual([1, 2]);
    expect(await repo.findSnapshot(h.db, id, 2)).toMatchObject({ sequence: 2, payload: '{"x":1}' });
    expect(await repo.findSnapshot(h.db, id, 3)).toBeUndefined();
    expect(await repo.lastSnapshotSequence(h.db, f.reviewCampaigns.locked)).toBe(1);
  });
});
