import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { DOSSIER_PROCEDURES, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { type Fixture, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import type { Db } from '../../../platform/db/database.ts';
import { searchKey } from '../../../platform/text/search-key.ts';
import { monthlyHistory, storeStartedAt } from './projection.repository.ts';
import { historyWindow } from './use-cases/get-projection.ts';

let seq = 0;
async function dossier(
  db: Db,
  o: {
    receivingUnitId: number;
    competentUnitId: number;
    procedureId: number;
    channel: 1 | 2 | 3;
    receivedAt: string | null;
    provinceCode?: string;
  },
) {
  const at = o.receivedAt ?? '2026-01-05T02:00:00.000Z';
  await db
    .insertInto('dossiers')
    .values({
      provinceCode: o.provinceCode ?? 'T1',
      code: `RT-${++seq}`,
      receivingUnitId: o.receivingUnitId,
      competentUnitId: o.competentUnitId,
      procedureId: o.procedureId,
      channel: o.channel,
      status: o.receivedAt === null ? 1 : 10,
      applicantName: 'Lê Văn Thử',
      applicantNameSearch: searchKey('Lê Văn Thử'),
      receivedAt: o.receivedAt,
      createdAt: at,
      updatedAt: at,
      pausedMs: 0,
    })
    .execute();
}

describe.each(testDialects())('projection repository on %s', (dialect) => {
  let handle: DatabaseHandle;
  let db: Db;
  let f: Fixture;
  let procs: Awaited<ReturnType<typeof seedDossierProcedures>>;
  // Local months December 2025, January and February 2026 (Vietnam, UTC+7).
  const window = historyWindow('2026-02-28', '2025-01-01T00:00:00.000Z', 3);

  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    db = handle.db;
    f = await seedFixture(db);
    procs = await seedDossierProcedures(db);
    const A = f.unitA;
    const B = f.unitB;
    // 23:59:59 on 31 January in Vietnam is still January; one second later is February.
    await dossier(db, {
      receivingUnitId: A,
      competentUnitId: A,
      procedureId: procs.commune,
      channel: 1,
      receivedAt: '2026-01-31T16:59:59.000Z',
    });
    await dossier(db, {
      receivingUnitId: A,
      competentUnitId: A,
      procedureId: procs.commune,
      channel: 1,
      receivedAt: '2026-01-31T17:00:00.000Z',
    });
    await dossier(db, {
      receivingUnitId: A,
      competentUnitId: A,
      procedureId: procs.commune,
      channel: 2,
      receivedAt: '2026-02-10T03:00:00.000Z',
    });
    // The first instant of the window (1 December 00:00 in Vietnam) counts; the instant before does not.
    await dossier(db, {
      receivingUnitId: A,
      competentUnitId: A,
      procedureId: procs.essential,
      channel: 2,
      receivedAt: '2025-11-30T17:00:00.000Z',
    });
    await dossier(db, {
      receivingUnitId: A,
      competentUnitId: A,
      procedureId: procs.essential,
      channel: 2,
      receivedAt: '2025-11-30T16:59:59.000Z',
    });
    // Received at B for A (boundary-free reception): processing at A, reception at B.
    await dossier(db, {
      receivingUnitId: B,
      competentUnitId: A,
      procedureId: procs.commune,
      channel: 3,
      receivedAt: '2026-02-27T16:59:59.000Z',
    });
    // After the window (1 March in Vietnam), not yet received, another province: left out.
    await dossier(db, {
      receivingUnitId: A,
      competentUnitId: A,
      procedureId: procs.commune,
      channel: 1,
      receivedAt: '2026-02-28T17:00:00.000Z',
    });
    await dossier(db, { receivingUnitId: A, competentUnitId: A, procedureId: procs.commune, channel: 2, receivedAt: null });
    await dossier(db, {
      receivingUnitId: f.otherProvinceUnit,
      competentUnitId: f.otherProvinceUnit,
      procedureId: procs.commune,
      channel: 1,
      receivedAt: '2026-01-10T03:00:00.000Z',
      provinceCode: 'T2',
    });
  });
  afterAll(async () => handle?.close());

  it('builds the window from local month starts', () => {
    expect(window.months).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(window.boundaries).toEqual([
      '2025-11-30T17:00:00.000Z',
      '2025-12-31T17:00:00.000Z',
      '2026-01-31T17:00:00.000Z',
      '2026-02-28T17:00:00.000Z',
    ]);
  });

  it('counts processing per competent unit × procedure × local month', async () => {
    const rows = (await monthlyHistory(db, 'T1', window.boundaries, null)).processing;
    const sorted = rows.map((r) => [r.unitId, r.procedureCode, r.month, r.count]).sort();
    expect(sorted).toEqual(
      [
        [f.unitA, DOSSIER_PROCEDURES.commune, 1, 1],
        [f.unitA, DOSSIER_PROCEDURES.commune, 2, 3],
        [f.unitA, DOSSIER_PROCEDURES.essential, 0, 1],
      ].sort(),
    );
  });

  it('counts reception per receiving unit × channel × local month, and narrows to units', async () => {
    const rows = (await monthlyHistory(db, 'T1', window.boundaries, null)).reception;
    expect(rows.map((r) => [r.unitId, r.channel, r.month, r.count]).sort()).toEqual(
      [
        [f.unitA, 2, 0, 1],
        [f.unitA, 1, 1, 1],
        [f.unitA, 1, 2, 1],
        [f.unitA, 2, 2, 1],
        [f.unitB, 3, 2, 1],
      ].sort(),
    );
    // Narrowed to B: B's reception only (the dossier it received for A is processed at A, not B).
    const onlyB = await monthlyHistory(db, 'T1', window.boundaries, [f.unitB]);
    expect(onlyB).toEqual({ processing: [], reception: [{ unitId: f.unitB, channel: 3, month: 2, count: 1 }] });
    expect(await monthlyHistory(db, 'T1', window.boundaries, [])).toEqual({ processing: [], reception: [] });
    expect(await monthlyHistory(db, 'T1', [], null)).toEqual({ processing: [], reception: [] });
  });

  it('finds when the province’s store started (first creation of a received dossier)', async () => {
    expect(await storeStartedAt(db, 'T1')).toBe('2025-11-30T16:59:59.000Z');
    expect(await storeStartedAt(db, 'T9')).toBeNull();
  });
});

describe('historyWindow', () => {
  it('ends with the last whole month of the period and starts at the store’s first whole month', () => {
    // 27 February is not the month's last day: February is partial and left out.
    expect(historyWindow('2026-02-27', '2025-01-01T00:00:00.000Z', 2).months).toEqual(['2025-12', '2026-01']);
    // The store started on 3 November (local): November is partial, so December is the first month.
    expect(historyWindow('2026-02-28', '2025-11-03T01:00:00.000Z', 36).months).toEqual(['2025-12', '2026-01', '2026-02']);
    // Starting on the 1st (local) keeps that month: 31 Oct 17:00 UTC is 1 Nov 00:00 in Vietnam.
    expect(historyWindow('2026-02-28', '2025-10-31T17:00:00.000Z', 36).months[0]).toBe('2025-11');
    // No dossier at all: an empty window (every source falls back to the run's figure).
    expect(historyWindow('2026-02-28', null, 36)).toEqual({ months: [], boundaries: [] });
  });
});
