import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { nameSortKey } from '../../../platform/text/name-sort-key.ts';
import { searchKey } from '../../../platform/text/search-key.ts';
import { frameworkFixture, positionFixture } from '../../competencies/competencies.fixtures.ts';
import { writeFramework } from '../../competencies/use-cases/versions.ts';
import * as campaigns from './campaigns.repository.ts';
import * as repo from './dashboard.repository.ts';
import { foldDistribution } from './use-cases/dashboard.ts';

describe.each(testDialects())('campaign dashboard repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let campaignId = 0;
  let otherCampaignId = 0;
  const bodies = { office: 0, economy: 0 };
  /** Participant ids by label. */
  const p: Record<string, number> = {};
  const staffIds: Record<string, number> = {};

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    const db = h.db;
    const doc = frameworkFixture();
    doc.positions.push(positionFixture('P.LAND', { field: 'LAND', requirements: [{ competencyCode: 'T.LAW', level: 2 }] }));
    const version = await writeFramework(db, 'T1', doc, 'PUBLISHED', NOW, null);
    const positions = await db
      .selectFrom('positions')
      .select(['id', 'code', 'positionGroup'])
      .where('versionId', '=', version.id)
      .execute();
    const position = (code: string) => {
      const row = positions.find((x) => x.code === code);
      if (!row) throw new Error(code);
      return row;
    };
    for (const [key, name] of [
      ['office', 'Văn phòng HĐND và UBND'],
      ['economy', 'Phòng Kinh tế'],
    ] as const) {
      const { id } = await db
        .insertInto('orgBodies')
        .values({ provinceCode: 'T1', unitId: f.unitA, kind: 'OFFICE_HDND_UBND', name, fields: '[]', deputyQuota: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      bodies[key] = id;
    }
    let n = 0;
    const person = async (label: string, fullName: string) => {
      n += 1;
      const { id } = await db
        .insertInto('staff')
        .values({
          provinceCode: 'T1',
          unitId: f.unitA,
          orgBodyId: null,
          fullName,
          nameSearch: searchKey(fullName),
          nameSort: nameSortKey(fullName),
          gender: 'FEMALE',
          birthDate: '1990-01-01',
          citizenId: `0462900000${String(n).padStart(2, '0')}`,
          rank: 'CHUYEN_VIEN',
          employmentStatus: 'ACTIVE',
          currentTitle: null,
          createdAt: NOW,
          updatedAt: NOW,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      staffIds[label] = id;
      return id;
    };
    // Commune A: two in the office (justice), one in economy (land), one without a body (land); ward B: one justice, one without a position.
    const people = [
      { label: 'a1', name: 'Lê Văn An', unitId: f.unitA, orgBodyId: bodies.office, code: 'P.JUSTICE' },
      { label: 'a2', name: 'Phạm Thị Bình', unitId: f.unitA, orgBodyId: bodies.office, code: 'P.JUSTICE' },
      { label: 'a3', name: 'Hoàng Văn Cường', unitId: f.unitA, orgBodyId: bodies.economy, code: 'P.LAND' },
      { label: 'a4', name: 'Đỗ Thị Dung', unitId: f.unitA, orgBodyId: null, code: 'P.LAND' },
      { label: 'b1', name: 'Vũ Văn Em', unitId: f.unitB, orgBodyId: null, code: 'P.JUSTICE' },
      { label: 'b2', name: 'Ngô Thị Gấm', unitId: f.unitB, orgBodyId: null, code: null },
    ];
    const rows = [];
    for (const x of people) {
      const pos = x.code ? position(x.code) : null;
      rows.push({
        staffId: await person(x.label, x.name),
        unitId: x.unitId,
        orgBodyId: x.orgBodyId,
        positionId: pos?.id ?? null,
        positionCode: pos?.code ?? null,
        positionGroup: pos?.positionGroup ?? null,
      });
    }
    const base = {
      provinceCode: 'T1',
      ownerUnitId: null,
      year: 2026,
      periodFrom: '2026-01-01',
      periodTo: '2026-12-15',
      regime: 'DECREE_335',
      instruments: ['COMPETENCY', 'ANNUAL_EVALUATION'] as ('COMPETENCY' | 'ANNUAL_EVALUATION')[],
      scopeKind: 'PEOPLE' as const,
      scope: { staffIds: rows.map((r) => r.staffId) },
      frameworkVersionId: version.id,
      createdAt: NOW,
      createdBy: null,
    };
    campaignId = await campaigns.insertCampaign(db, { ...base, name: 'Đợt đo bảng điều khiển' });
    otherCampaignId = await campaigns.insertCampaign(db, { ...base, name: 'Đợt khác' });
    const ids = await campaigns.insertParticipants(db, 'T1', campaignId, rows);
    for (const x of people) p[x.label] = ids.get(staffIds[x.label] ?? 0) ?? 0;
    await campaigns.insertEvaluations(db, 'T1', [...ids.values()], 'DECREE_335', NOW);
    // The other campaign: the same people, all Excellent, with gaps everywhere; none of it may leak into the first.
    const otherIds = await campaigns.insertParticipants(db, 'T1', otherCampaignId, rows);
    await campaigns.insertEvaluations(db, 'T1', [...otherIds.values()], 'DECREE_335', NOW);
    for (const id of otherIds.values()) await campaigns.setEvaluationRating(db, id, { rating: 'EXCELLENT' }, NOW);
    await campaigns.insertCompetencyLevels(
      db,
      'T1',
      [...otherIds.values()].map((participantId) => ({ participantId, competencyCode: 'T.CIVIL', requiredLevel: 5 })),
      NOW,
    );
    await db.updateTable('reviewCompetencyLevels').set({ selfLevel: 1 }).where('requiredLevel', '=', 5).execute();

    const rate = (label: string, v: { rating?: string | null; councilRating?: string | null; score?: number | null }) =>
      campaigns.setEvaluationRating(db, p[label] ?? 0, v, NOW);
    await rate('a1', { rating: 'GOOD', score: 80 });
    await rate('a2', { rating: 'GOOD', councilRating: 'EXCELLENT', score: 88 });
    await rate('a3', { rating: 'EXCELLENT', score: 92 });
    await rate('a4', { rating: 'COMPLETED', score: 60 });
    await rate('b1', { rating: 'GOOD', score: 75 });
    await db
      .insertInto('reviewScreenings')
      .values(
        [
          ['a1', 'RETAIN'],
          ['a3', 'RETRAIN'],
          ['b1', 'RETRAIN'],
        ].map(([label, outcome]) => ({
          provinceCode: 'T1',
          participantId: p[label as string] ?? 0,
          criteria: '{}',
          result: '{}',
          configVersion: 'test',
          outcome: outcome as string,
          updatedAt: NOW,
        })),
      )
      .execute();
    const level = (
      label: string,
      code: string,
      required: number,
      v: { selfLevel?: number; supervisorLevel?: number; councilLevel?: number },
    ) =>
      campaigns
        .insertCompetencyLevels(db, 'T1', [{ participantId: p[label] ?? 0, competencyCode: code, requiredLevel: required }], NOW)
        .then(() =>
          Object.keys(v).length === 0
            ? undefined
            : db
                .updateTable('reviewCompetencyLevels')
                .set(v)
                .where('participantId', '=', p[label] ?? 0)
                .where('competencyCode', '=', code)
                .execute(),
        );
    // T.LAW (required 3): a1 self 2 (gap 1), a2 supervisor 1 over self 4 (gap 2), a3 council 3 (none), b1 self 1 (gap 2), a4 unassessed.
    await level('a1', 'T.LAW', 3, { selfLevel: 2 });
    await level('a2', 'T.LAW', 3, { selfLevel: 4, supervisorLevel: 1 });
    await level('a3', 'T.LAW', 3, { selfLevel: 1, councilLevel: 3 });
    await level('b1', 'T.LAW', 3, { selfLevel: 1 });
    await level('a4', 'T.LAW', 3, {});
    // T.CIVIL (required 4): a1 supervisor 3 (gap 1), b1 council 4 (none).
    await level('a1', 'T.CIVIL', 4, { supervisorLevel: 3 });
    await level('b1', 'T.CIVIL', 4, { councilLevel: 4 });
  });
  afterAll(async () => h?.close());

  const counts = (c: Partial<Record<'EXCELLENT' | 'GOOD' | 'COMPLETED' | 'NOT_COMPLETED' | 'UNRATED', number>>) => ({
    EXCELLENT: 0,
    GOOD: 0,
    COMPLETED: 0,
    NOT_COMPLETED: 0,
    UNRATED: 0,
    ...c,
  });

  it('counts final ratings (council over computed) by unit, in SQL groups', async () => {
    const rows = await repo.ratingCounts(h.db, campaignId, null, 'unit');
    // At most one row per unit and rating pair, not one per participant.
    expect(rows.length).toBeLessThanOrEqual(6);
    expect(foldDistribution(rows)).toEqual([
      { key: String(f.unitA), name: 'Xã Hòa Bình', counts: counts({ EXCELLENT: 2, GOOD: 1, COMPLETED: 1 }), total: 4 },
      { key: String(f.unitB), name: 'Phường Đông Ba', counts: counts({ GOOD: 1, UNRATED: 1 }), total: 2 },
    ]);
    expect(foldDistribution(await repo.ratingCounts(h.db, campaignId, f.unitB, 'unit'))).toEqual([
      { key: String(f.unitB), name: 'Phường Đông Ba', counts: counts({ GOOD: 1, UNRATED: 1 }), total: 2 },
    ]);
  });

  it('counts by body (none last) and by the position’s field', async () => {
    expect(foldDistribution(await repo.ratingCounts(h.db, campaignId, null, 'body'))).toEqual([
      { key: String(bodies.office), name: 'Văn phòng HĐND và UBND', counts: counts({ EXCELLENT: 1, GOOD: 1 }), total: 2 },
      { key: String(bodies.economy), name: 'Phòng Kinh tế', counts: counts({ EXCELLENT: 1 }), total: 1 },
      { key: null, name: null, counts: counts({ GOOD: 1, COMPLETED: 1, UNRATED: 1 }), total: 3 },
    ]);
    expect(foldDistribution(await repo.ratingCounts(h.db, campaignId, null, 'field'))).toEqual([
      { key: 'JUSTICE_CIVIL_STATUS', name: 'JUSTICE_CIVIL_STATUS', counts: counts({ EXCELLENT: 1, GOOD: 2 }), total: 3 },
      { key: 'LAND', name: 'LAND', counts: counts({ EXCELLENT: 1, COMPLETED: 1 }), total: 2 },
      { key: null, name: null, counts: counts({ UNRATED: 1 }), total: 1 },
    ]);
    expect(foldDistribution(await repo.ratingCounts(h.db, campaignId, f.unitA, 'field'))).toEqual([
      { key: 'JUSTICE_CIVIL_STATUS', name: 'JUSTICE_CIVIL_STATUS', counts: counts({ EXCELLENT: 1, GOOD: 1 }), total: 2 },
      { key: 'LAND', name: 'LAND', counts: counts({ EXCELLENT: 1, COMPLETED: 1 }), total: 2 },
    ]);
  });

  it('counts screening outcomes, the unscreened as null', async () => {
    const rows = await repo.screeningCounts(h.db, campaignId, null);
    expect(rows.sort((a, b) => ((a.outcome ?? '~') < (b.outcome ?? '~') ? -1 : 1))).toEqual([
      { outcome: 'RETAIN', n: 1 },
      { outcome: 'RETRAIN', n: 2 },
      { outcome: null, n: 3 },
    ]);
  });

  it('ranks the competencies by people below the required level, with the mean shortfall and the number assessed', async () => {
    expect(await repo.gapRanking(h.db, campaignId, null, 10)).toEqual([
      { competencyCode: 'T.LAW', people: 3, meanShortfall: 1.67, assessed: 4 },
      { competencyCode: 'T.CIVIL', people: 1, meanShortfall: 1, assessed: 2 },
    ]);
    expect(await repo.gapRanking(h.db, campaignId, f.unitA, 10)).toEqual([
      { competencyCode: 'T.LAW', people: 2, meanShortfall: 1.5, assessed: 3 },
      { competencyCode: 'T.CIVIL', people: 1, meanShortfall: 1, assessed: 1 },
    ]);
    expect(await repo.gapRanking(h.db, campaignId, null, 1)).toHaveLength(1);
    // The other campaign's T.CIVIL gaps (six people, shortfall 4) are its own.
    expect(await repo.gapRanking(h.db, otherCampaignId, null, 10)).toEqual([
      { competencyCode: 'T.CIVIL', people: 6, meanShortfall: 4, assessed: 6 },
    ]);
  });

  it('names competencies from the campaign’s framework version', async () => {
    const names = await repo.competencyNames(h.db, 'T1', ['T.LAW', 'T.NONE'], null);
    expect(names.get('T.LAW')).toEqual({ nameVi: 'Năng lực T.LAW', nameEn: 'Competency T.LAW' });
    expect(names.has('T.NONE')).toBe(false);
  });

  it('counts ratings per quota group (body, else unit; position group)', async () => {
    const rows = await repo.quotaCounts(h.db, campaignId, null);
    const office = rows.filter((r) => r.orgBodyId === bodies.office);
    expect(
      office
        .map((r) => ({ rating: r.rating, councilRating: r.councilRating, n: r.n, group: r.positionGroup }))
        .sort((a, b) => String(a.councilRating).localeCompare(String(b.councilRating))),
    ).toEqual([
      { rating: 'GOOD', councilRating: 'EXCELLENT', n: 1, group: 'PROFESSIONAL' },
      { rating: 'GOOD', councilRating: null, n: 1, group: 'PROFESSIONAL' },
    ]);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(6);
  });

  it('lists the participant units with their counts', async () => {
    const units = await repo.participantUnits(h.db, campaignId);
    expect(units.sort((a, b) => a.id - b.id)).toEqual(
      [
        { id: f.unitA, name: 'Xã Hòa Bình', n: 4 },
        { id: f.unitB, name: 'Phường Đông Ba', n: 2 },
      ].sort((a, b) => a.id - b.id),
    );
  });

  it('gives one export row per participant with the gap count computed in SQL, bounded', async () => {
    const { rows, total } = await repo.exportRows(h.db, campaignId, null, 100);
    expect(total).toBe(6);
    const byName = new Map(rows.map((r) => [r.fullName, r]));
    expect(byName.get('Lê Văn An')).toEqual({
      participantId: p.a1,
      fullName: 'Lê Văn An',
      unitName: 'Xã Hòa Bình',
      bodyName: 'Văn phòng HĐND và UBND',
      positionCode: 'P.JUSTICE',
      positionName: 'Vị trí P.JUSTICE',
      positionGroup: 'PROFESSIONAL',
      field: 'JUSTICE_CIVIL_STATUS',
      score: 80,
      rating: 'GOOD',
      councilRating: null,
      screeningOutcome: 'RETAIN',
      gapCount: 2,
    });
    expect(byName.get('Phạm Thị Bình')).toMatchObject({ councilRating: 'EXCELLENT', gapCount: 1 });
    expect(byName.get('Ngô Thị Gấm')).toMatchObject({ positionCode: null, rating: null, score: null, screeningOutcome: null, gapCount: 0 });
    // Grouped by unit name; Vietnamese name order (given name) within a unit.
    expect(rows.map((r) => r.fullName)).toEqual([
      'Vũ Văn Em',
      'Ngô Thị Gấm',
      'Lê Văn An',
      'Phạm Thị Bình',
      'Hoàng Văn Cường',
      'Đỗ Thị Dung',
    ]);
    const bounded = await repo.exportRows(h.db, campaignId, f.unitB, 1);
    expect(bounded.total).toBe(2);
    expect(bounded.rows.map((r) => r.fullName)).toEqual(['Vũ Văn Em']);
  });

  it('resolves people by citizen ID number or id within the province (and the unit for unit roles)', async () => {
    const all = await repo.findStaffByKeys(h.db, 'T1', null, {
      citizenIds: ['046290000001', '099999999999'],
      staffIds: [staffIds.b1 ?? 0],
    });
    expect(all.map((s) => s.id).sort((a, b) => a - b)).toEqual([staffIds.a1, staffIds.b1].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(await repo.findStaffByKeys(h.db, 'T2', null, { citizenIds: ['046290000001'], staffIds: [] })).toEqual([]);
    // All test staff sit in commune A's registry (staff.unit_id), whatever their assignment.
    expect(await repo.findStaffByKeys(h.db, 'T1', f.unitB, { citizenIds: ['046290000001'], staffIds: [] })).toEqual([]);
  });

  it('offers the current communes and wards of the province, or the unit role’s own', async () => {
    expect((await repo.reachableUnits(h.db, 'T1', null)).map((u) => u.name)).toEqual(['Xã Hòa Bình', 'Phường Đông Ba']);
    expect((await repo.reachableUnits(h.db, 'T1', f.unitB)).map((u) => u.id)).toEqual([f.unitB]);
  });
});
