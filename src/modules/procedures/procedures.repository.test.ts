import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  closeProcedureVersion,
  findProcedure,
  findProcedureInForce,
  insertProcedureVersion,
  listNationalCodes,
  listProcedures,
  listProcedureVersions,
  type NewProcedureVersion,
  nationalCodeExists,
} from './procedures.repository.ts';

const NOW = '2026-03-02T03:00:00.000Z';

function version(over: Partial<NewProcedureVersion> = {}): NewProcedureVersion {
  return {
    provinceCode: 'T1',
    nationalCode: '1.001193',
    nameVi: 'Đăng ký khai sinh',
    nameEn: 'Birth registration',
    field: 'CIVIL_STATUS',
    competentLevel: 'COMMUNE',
    timeLimitAmount: 0,
    timeLimitUnit: 'IMMEDIATE',
    timeLimitNote: 'Trong ngày',
    fee: 0,
    feeNote: null,
    onlineLevel: 'FULL',
    paperResult: true,
    essentialService: false,
    requiredDocuments: [{ nameVi: 'Tờ khai', nameEn: 'Form', copies: 1, originalRequired: true }],
    workflow: [
      { code: 'RECEIVE', name: 'Tiếp nhận', roles: ['counter_officer'] },
      { code: 'RETURN', name: 'Trả', roles: ['counter_officer'], workingDays: 0 },
    ],
    sourceTag: 'S',
    sourceNote: 'Luật Hộ tịch',
    effectiveFrom: '2025-07-01',
    ...over,
  };
}

describe.each(testDialects())('procedures repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let db: Db;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    db = h.db;
    await db
      .insertInto('provinces')
      .values([
        { code: 'T1', name: 'Tỉnh Một', createdAt: NOW },
        { code: 'T2', name: 'Tỉnh Hai', createdAt: NOW },
      ])
      .execute();
    ids.birth = await insertProcedureVersion(db, version(), NOW);
    ids.house = await insertProcedureVersion(
      db,
      version({
        nationalCode: 'DEMO.XD.01',
        nameVi: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
        nameEn: 'Building permit for an individual house',
        field: 'CONSTRUCTION',
        timeLimitAmount: 15,
        timeLimitUnit: 'CALENDAR_DAYS',
        fee: 75_000,
        onlineLevel: 'PARTIAL',
      }),
      NOW,
    );
    ids.other = await insertProcedureVersion(db, version({ provinceCode: 'T2', nameVi: 'Đăng ký khai sinh (tỉnh khác)' }), NOW);
  });
  afterAll(async () => h?.close());

  it('stores and reads a version with its JSON documents, workflow and flags', async () => {
    const p = await findProcedure(db, ids.birth ?? 0);
    expect(p).toMatchObject({
      provinceCode: 'T1',
      nationalCode: '1.001193',
      timeLimitAmount: 0,
      timeLimitUnit: 'IMMEDIATE',
      fee: 0,
      paperResult: true,
      essentialService: false,
      effectiveFrom: '2025-07-01',
      effectiveTo: null,
      version: 1,
      createdAt: NOW,
    });
    expect(p?.requiredDocuments).toEqual([{ nameVi: 'Tờ khai', nameEn: 'Form', copies: 1, originalRequired: true }]);
    expect(p?.workflow[1]).toEqual({ code: 'RETURN', name: 'Trả', roles: ['counter_officer'], workingDays: 0 });
    expect(p && 'nameSearch' in p).toBe(false);
    expect(await findProcedure(db, 999_999)).toBeUndefined();
  });

  it('lists a province’s procedures in force on a date, filtered, searching without diacritics', async () => {
    const all = await listProcedures(db, { provinceCode: 'T1', inForceOn: '2026-03-02' });
    expect(all.map((p) => p.nationalCode).sort()).toEqual(['1.001193', 'DEMO.XD.01']);
    expect(await listProcedures(db, { provinceCode: 'T1', inForceOn: '2025-06-30' })).toEqual([]);
    const byField = await listProcedures(db, { provinceCode: 'T1', inForceOn: '2026-03-02', field: 'CONSTRUCTION' });
    expect(byField.map((p) => p.id)).toEqual([ids.house]);
    const byOnline = await listProcedures(db, { provinceCode: 'T1', inForceOn: '2026-03-02', onlineLevel: 'FULL' });
    expect(byOnline.map((p) => p.id)).toEqual([ids.birth]);
    for (const q of ['giay phep xay dung', 'XÂY DỰNG nhà', 'nha o rieng le', 'building permit', 'xd.01']) {
      const found = await listProcedures(db, { provinceCode: 'T1', inForceOn: '2026-03-02', q });
      expect({ q, ids: found.map((p) => p.id) }).toEqual({ q, ids: [ids.house] });
    }
    expect(await listProcedures(db, { provinceCode: 'T1', inForceOn: '2026-03-02', q: '100%_' })).toEqual([]);
    const summary = all.find((p) => p.id === ids.house);
    expect(summary).toMatchObject({ fee: 75_000, timeLimitAmount: 15, paperResult: true, essentialService: false });
  });

  it('keeps provinces apart', async () => {
    const t2 = await listProcedures(db, { provinceCode: 'T2', inForceOn: '2026-03-02' });
    expect(t2.map((p) => p.id)).toEqual([ids.other]);
    expect([...(await listNationalCodes(db, 'T1'))].sort()).toEqual(['1.001193', 'DEMO.XD.01']);
    expect(await nationalCodeExists(db, 'T2', 'DEMO.XD.01')).toBe(false);
    expect(await nationalCodeExists(db, 'T1', 'DEMO.XD.01')).toBe(true);
  });

  it('closes a version only with the version the caller read, then chains the next one', async () => {
    const birth = ids.birth ?? 0;
    await expect(closeProcedureVersion(db, birth, 2, '2026-03-31', NOW)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await findProcedure(db, birth)).toMatchObject({ effectiveTo: null, version: 1 });
    await db.transaction().execute(async (trx) => {
      await closeProcedureVersion(trx, birth, 1, '2026-03-31', NOW);
      ids.birth2 = await insertProcedureVersion(trx, version({ effectiveFrom: '2026-04-01', fee: 5_000 }), NOW);
    });
    expect(await findProcedure(db, birth)).toMatchObject({ effectiveTo: '2026-03-31', version: 2 });
    // A client still holding version 1, or the closed row's new version, can no longer close it.
    await expect(closeProcedureVersion(db, birth, 1, '2026-05-31', NOW)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(closeProcedureVersion(db, birth, 2, '2026-05-31', NOW)).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    const chain = await listProcedureVersions(db, 'T1', '1.001193');
    expect(chain.map((v) => [v.id, v.effectiveFrom, v.effectiveTo, v.fee])).toEqual([
      [ids.birth2, '2026-04-01', null, 5_000],
      [birth, '2025-07-01', '2026-03-31', 0],
    ]);
  });

  it('finds the version in force on a date: the one a dossier received that day keeps', async () => {
    const on = async (date: string) => (await findProcedureInForce(db, 'T1', '1.001193', date))?.id;
    expect(await on('2025-06-30')).toBeUndefined();
    expect(await on('2025-07-01')).toBe(ids.birth);
    expect(await on('2026-03-31')).toBe(ids.birth);
    expect(await on('2026-04-01')).toBe(ids.birth2);
    expect(await on('2030-01-01')).toBe(ids.birth2);
    expect((await findProcedureInForce(db, 'T1', '1.001193', '2026-04-01'))?.fee).toBe(5_000);
    expect(await findProcedureInForce(db, 'T2', 'DEMO.XD.01', '2026-04-01')).toBeUndefined();
    const listed = await listProcedures(db, { provinceCode: 'T1', inForceOn: '2026-03-15', q: 'khai sinh' });
    expect(listed.map((p) => p.id)).toEqual([ids.birth]);
  });

  it('refuses a second open-ended version of the same code, even without the application’s check', async () => {
    await expect(insertProcedureVersion(db, version({ effectiveFrom: '2027-01-01' }), NOW)).rejects.toMatchObject({
      code: 'PROCEDURE_CODE_TAKEN',
    });
    await expect(
      insertProcedureVersion(db, version({ nationalCode: 'DEMO.XD.01', effectiveFrom: '2025-07-01' }), NOW),
    ).rejects.toMatchObject({
      code: 'PROCEDURE_CODE_TAKEN',
    });
    expect(await listProcedureVersions(db, 'T1', '1.001193')).toHaveLength(2);
  });
});
