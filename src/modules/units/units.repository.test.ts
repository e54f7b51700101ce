import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { searchKey } from '../../platform/text/search-key.ts';
import {
  findUnit,
  insertOrgBody,
  listLineageLinks,
  listOrgBodies,
  listUnits,
  mapToCurrentUnit,
  mapToCurrentUnits,
  parseFields,
  unitNamesByIds,
  updateUnit,
} from './units.repository.ts';

describe('parseFields', () => {
  it('reads a JSON array and a comma-separated list alike', () => {
    expect(parseFields('["LAND","IT"]')).toEqual(['LAND', 'IT']);
    expect(parseFields('LAND, IT;HEALTH')).toEqual(['LAND', 'IT', 'HEALTH']);
    expect(parseFields('')).toEqual([]);
  });
});

describe.each(testDialects())('units repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let extra: { splitFrom: number; other: number; older: number };

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    const unit = async (code: string, name: string, kind: string, validTo: string | null) =>
      (
        await h.db
          .insertInto('administrativeUnits')
          .values({
            provinceCode: 'T1',
            code,
            name,
            nameSearch: searchKey(name),
            kind,
            parentId: null,
            population: null,
            areaKm2: null,
            isMountainous: 0,
            validFrom: null,
            validTo,
            createdByResolution: null,
            createdAt: NOW,
            updatedAt: NOW,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    // A former commune split between unit A and a new unit C, and an older unit merged into formerUnitA.
    const splitFrom = await unit('90002', 'Xã Cũ Thủy Phù', 'FORMER_COMMUNE', '2025-06-30');
    const other = await unit('10003', 'Xã Ấn Lưu 50%_x', 'COMMUNE', null);
    const older = await unit('80001', 'Thị trấn Xưa', 'FORMER_TOWNSHIP', '2019-12-31');
    await h.db
      .insertInto('unitLineage')
      .values([
        { provinceCode: 'T1', predecessorId: splitFrom, successorId: f.unitA, resolution: '1675/NQ-UBTVQH15', effectiveDate: '2025-07-01' },
        { provinceCode: 'T1', predecessorId: splitFrom, successorId: other, resolution: '1675/NQ-UBTVQH15', effectiveDate: '2025-07-01' },
        {
          provinceCode: 'T1',
          predecessorId: older,
          successorId: f.formerUnitA,
          resolution: '837/NQ-UBTVQH14',
          effectiveDate: '2020-01-01',
        },
      ])
      .execute();
    extra = { splitFrom, other, older };
  });
  afterAll(async () => h?.close());

  const names = (rows: { name: string }[]) => rows.map((r) => r.name).sort();

  it('names units by id once each, across more ids than one statement takes, and skips unknown ids', async () => {
    const unknown = Array.from({ length: 600 }, (_, i) => 9_000_000 + i);
    const names = await unitNamesByIds(h.db, [extra.other, ...unknown, extra.other, extra.older]);
    expect([...names.entries()].sort((a, b) => a[0] - b[0])).toEqual(
      [
        [extra.other, 'Xã Ấn Lưu 50%_x'],
        [extra.older, 'Thị trấn Xưa'],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    expect(await unitNamesByIds(h.db, [])).toEqual(new Map());
  });

  it('lists the current units of one province only, never the province itself', async () => {
    const rows = await listUnits(h.db, { provinceCode: 'T1', status: 'current' });
    expect(names(rows)).toEqual(['Phường Đông Ba', 'Xã Hòa Bình', 'Xã Ấn Lưu 50%_x']);
  });

  it('separates former units from current ones', async () => {
    const rows = await listUnits(h.db, { provinceCode: 'T1', status: 'former' });
    expect(names(rows)).toEqual(['Phường Cũ An Hòa', 'Thị trấn Xưa', 'Xã Cũ Thủy Phù']);
    expect(rows.every((r) => r.validTo !== null)).toBe(true);
  });

  it('finds a unit by name with or without diacritics, and by words in any order', async () => {
    for (const q of ['Hòa Bình', 'hoa binh', 'HOA BINH', 'binh hoa']) {
      expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q }))).toEqual(['Xã Hòa Bình']);
    }
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: 'hoa' }))).toEqual(['Phường Cũ An Hòa', 'Xã Hòa Bình']);
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: 'dong ba' }))).toEqual(['Phường Đông Ba']);
  });

  it('treats LIKE wildcards in the query as plain characters', async () => {
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: '50%_' }))).toEqual(['Xã Ấn Lưu 50%_x']);
    // As wildcards these would match every unit; as characters, no word starts with them.
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: '%' }))).toEqual([]);
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: '_' }))).toEqual([]);
  });

  it('matches words at their start, so "Phu Xuan" does not find a "Thủy Xuân" ward', async () => {
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: 'Dong Ba' }))).toEqual(['Phường Đông Ba']);
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: 'ba dong' }))).toEqual(['Phường Đông Ba']);
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: 'ong ba' }))).toEqual([]);
  });

  it('filters by kind and by a set of ids', async () => {
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', kind: 'WARD' }))).toEqual(['Phường Đông Ba']);
    const scoped = await listUnits(h.db, { provinceCode: 'T1', status: 'all', ids: [f.unitA, f.formerUnitA] });
    expect(names(scoped)).toEqual(['Phường Cũ An Hòa', 'Xã Hòa Bình']);
    expect(await listUnits(h.db, { provinceCode: 'T1', status: 'all', ids: [] })).toEqual([]);
    expect(await listUnits(h.db, { provinceCode: 'T2', status: 'all', ids: [f.unitA] })).toEqual([]);
  });

  it('counts predecessors and staff per unit', async () => {
    const a = await findUnit(h.db, f.unitA);
    expect(a).toMatchObject({ predecessorCount: 2, staffCount: 1, isMountainous: false, areaKm2: 12.5, population: 20000 });
    const b = await findUnit(h.db, f.unitB);
    expect(b).toMatchObject({ predecessorCount: 0, staffCount: 0 });
  });

  it('returns the org bodies of a unit with their fields', async () => {
    await insertOrgBody(h.db, { provinceCode: 'T1', unitId: f.unitB, kind: 'PASC', name: 'Trung tâm PVHCC', fields: ['ONE_STOP'] });
    const bodies = await listOrgBodies(h.db, f.unitB);
    expect(bodies).toEqual([expect.objectContaining({ kind: 'PASC', fields: ['ONE_STOP'], deputyQuota: 2 })]);
  });

  it('names both ends of each merger link', async () => {
    const formed = await listLineageLinks(h.db, f.unitA, 'predecessorOf');
    expect(formed.map((l) => l.predecessor.name).sort()).toEqual(['Phường Cũ An Hòa', 'Xã Cũ Thủy Phù']);
    expect(formed[0]).toMatchObject({ resolution: '1675/NQ-UBTVQH15', effectiveDate: '2025-07-01', successor: { id: f.unitA } });
    const became = await listLineageLinks(h.db, f.formerUnitA, 'successorOf');
    expect(became).toEqual([
      expect.objectContaining({ successor: expect.objectContaining({ id: f.unitA, name: 'Xã Hòa Bình', kind: 'COMMUNE' }) }),
    ]);
  });

  it('maps pre-merger units onto the current unit', async () => {
    expect(await mapToCurrentUnit(h.db, f.formerUnitA)).toBe(f.unitA);
    expect(await mapToCurrentUnit(h.db, extra.older)).toBe(f.unitA);
    expect(await mapToCurrentUnit(h.db, f.unitA)).toBe(f.unitA);
    expect(await mapToCurrentUnit(h.db, 999_999)).toBeUndefined();
  });

  it('gives no single answer for a split unit, but lists every unit it went into', async () => {
    expect(await mapToCurrentUnit(h.db, extra.splitFrom)).toBeUndefined();
    expect(await mapToCurrentUnits(h.db, extra.splitFrom)).toEqual([f.unitA, extra.other].sort((a, b) => a - b));
  });

  it('updates editable fields, bumps the version and keeps the search key in sync', async () => {
    const before = await findUnit(h.db, f.unitB);
    expect(before?.version).toBe(1);
    await updateUnit(
      h.db,
      f.unitB,
      1,
      { name: 'Phường Thuận Hóa', areaKm2: 7.31, isMountainous: true, population: null },
      '2026-03-03T00:00:00.000Z',
    );
    const after = await findUnit(h.db, f.unitB);
    expect(after).toMatchObject({ name: 'Phường Thuận Hóa', areaKm2: 7.31, isMountainous: true, population: null, version: 2 });
    expect(names(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: 'thuan hoa' }))).toEqual(['Phường Thuận Hóa']);
    expect(await listUnits(h.db, { provinceCode: 'T1', status: 'all', q: 'dong ba' })).toEqual([]);
  });

  it('refuses a stale version with VERSION_CONFLICT and changes nothing', async () => {
    const before = await findUnit(h.db, f.unitB);
    const attempt = updateUnit(h.db, f.unitB, 1, { name: 'Tên cũ ghi đè' }, '2026-03-04T00:00:00.000Z');
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(updateUnit(h.db, f.unitB, 1, { name: 'x' }, NOW)).rejects.toMatchObject({ code: 'VERSION_CONFLICT', status: 409 });
    expect(await findUnit(h.db, f.unitB)).toEqual(before);
  });
});
