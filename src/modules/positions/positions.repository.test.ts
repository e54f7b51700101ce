import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import * as frameworkRepo from '../competencies/framework.repository.ts';
import { writeFramework } from '../competencies/use-cases/versions.ts';
import { interimFramework } from './interim-catalogue.ts';
import * as repo from './positions.repository.ts';
import { seedPostsAndPlacements } from './use-cases/placement.ts';

describe.each(testDialects())('positions and framework repositories on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let versionId: number;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    versionId = (await writeFramework(h.db, 'T1', interimFramework(), 'PUBLISHED', NOW, null)).id;
  });
  afterAll(async () => h?.close());

  it('stores a framework and loads back exactly the document it was given', async () => {
    const doc = interimFramework();
    const content = await frameworkRepo.loadContent(h.db, 'T1', versionId);
    expect(content).toEqual({ competencies: doc.competencies, positions: doc.positions });
    const [v] = await frameworkRepo.listVersions(h.db, 'T1');
    expect(v).toMatchObject({ versionNo: 1, status: 'PUBLISHED', effectiveFrom: '2025-10-01', createdAt: NOW, publishedAt: NOW });
  });

  it('keeps provinces apart', async () => {
    expect(await frameworkRepo.listVersions(h.db, 'T2')).toEqual([]);
    expect(await frameworkRepo.listCompetencies(h.db, 'T2', versionId)).toEqual([]);
  });

  it('filters positions by group and body, and searches without diacritics', async () => {
    expect(await repo.listPositions(h.db, 'T1', versionId, { group: 'LEADERSHIP' })).toHaveLength(8);
    expect((await repo.listPositions(h.db, 'T1', versionId, { bodyKind: 'PASC' })).map((p) => p.code)).toEqual(['LD.05', 'LD.06', 'CM.31']);
    expect((await repo.listPositions(h.db, 'T1', versionId, { q: 'ho tich' })).map((p) => p.code)).toEqual(['CM.05']);
    expect((await frameworkRepo.listCompetencies(h.db, 'T1', versionId, { q: 'dat dai' })).map((c) => c.code)).toEqual(['FLD.LAND']);
  });

  it('publishes a draft once only', async () => {
    const draft = await writeFramework(h.db, 'T1', { ...interimFramework(), effectiveFrom: '2026-07-01' }, 'DRAFT', NOW, null);
    await expect(writeFramework(h.db, 'T1', interimFramework(), 'DRAFT', NOW, null)).rejects.toMatchObject({
      code: 'FRAMEWORK_DRAFT_EXISTS',
    });
    expect(await frameworkRepo.markPublished(h.db, 'T2', draft.id, NOW, null)).toBe(false);
    expect(await frameworkRepo.markPublished(h.db, 'T1', draft.id, NOW, null)).toBe(true);
    expect(await frameworkRepo.markPublished(h.db, 'T1', draft.id, NOW, null)).toBe(false);
  });

  it('places staff by title and counts holders on a date, matched by position code', async () => {
    const result = await seedPostsAndPlacements(
      h.db,
      'T1',
      versionId,
      {
        postsFor: () => ({ 'LD.03': 1, 'CM.18': 2 }),
        positionFor: (title) => (title.startsWith('Trưởng phòng') ? 'LD.03' : null),
        defaultStart: '2025-07-01',
      },
      NOW,
    );
    expect(result).toEqual({ posts: 4, placed: 1, unplaced: 0 });
    expect(await repo.listPosts(h.db, 'T1', { unitId: f.unitA })).toEqual(
      expect.arrayContaining([
        { unitId: f.unitA, positionCode: 'LD.03', posts: 1 },
        { unitId: f.unitA, positionCode: 'CM.18', posts: 2 },
      ]),
    );
    // staffA's appointment in unit A began on 2025-07-01: the placement starts then.
    expect(await repo.listHolders(h.db, 'T1', '2026-03-02', { unitId: f.unitA })).toEqual([{ unitId: f.unitA, positionCode: 'LD.03' }]);
    expect(await repo.listHolders(h.db, 'T1', '2025-06-30', { unitId: f.unitA })).toEqual([]);
    expect(await repo.listHolders(h.db, 'T1', '2026-03-02', { unitId: f.unitB })).toEqual([]);
    expect(await repo.listHolders(h.db, 'T2', '2026-03-02', {})).toEqual([]);
  });

  it('updates posts in place', async () => {
    await repo.upsertPosts(h.db, 'T1', [{ unitId: f.unitA, positionCode: 'CM.18', posts: 3 }], NOW);
    expect(await repo.listPosts(h.db, 'T1', { unitId: f.unitA, positionCode: 'CM.18' })).toEqual([
      { unitId: f.unitA, positionCode: 'CM.18', posts: 3 },
    ]);
  });

  it('writes one post line only against the stamp it was read with', async () => {
    const later = '2026-03-02T03:00:00.001Z';
    expect(await repo.insertPost(h.db, 'T1', { unitId: f.unitB, positionCode: 'CM.20', posts: 2 }, NOW)).toBe(true);
    // A second insert of the same line loses to the first.
    expect(await repo.insertPost(h.db, 'T1', { unitId: f.unitB, positionCode: 'CM.20', posts: 5 }, NOW)).toBe(false);
    expect(await repo.findPost(h.db, 'T1', f.unitB, 'CM.20')).toEqual({ unitId: f.unitB, positionCode: 'CM.20', posts: 2, updatedAt: NOW });
    expect(await repo.updatePost(h.db, 'T1', { unitId: f.unitB, positionCode: 'CM.20', posts: 3 }, later, later)).toBe(false);
    expect(await repo.updatePost(h.db, 'T2', { unitId: f.unitB, positionCode: 'CM.20', posts: 3 }, NOW, later)).toBe(false);
    expect(await repo.updatePost(h.db, 'T1', { unitId: f.unitB, positionCode: 'CM.20', posts: 3 }, NOW, later)).toBe(true);
    expect(await repo.listPostStamps(h.db, 'T1', { unitId: f.unitB, positionCode: 'CM.20' })).toEqual([
      { unitId: f.unitB, positionCode: 'CM.20', posts: 3, updatedAt: later },
    ]);
    expect(await repo.deletePost(h.db, 'T1', f.unitB, 'CM.20', NOW)).toBe(false);
    expect(await repo.deletePost(h.db, 'T1', f.unitB, 'CM.20', later)).toBe(true);
    expect(await repo.findPost(h.db, 'T1', f.unitB, 'CM.20')).toBeUndefined();
  });

  it('replaces the requirements of a position', async () => {
    const p = await repo.findPositionByCode(h.db, 'T1', versionId, 'CM.05');
    if (!p) throw new Error('CM.05 missing');
    await repo.replaceRequirements(h.db, 'T1', p.id, [{ competencyCode: 'FLD.CIVIL_STATUS', level: 5 }]);
    expect(await repo.requirementsOf(h.db, p.id)).toEqual([{ competencyCode: 'FLD.CIVIL_STATUS', level: 5 }]);
  });
});
