import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import { audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { fixedClock } from '../../../platform/time/clock.ts';
import { DEFAULT_ROSTER_LIMITS } from './limits.ts';
import { countStaff, existingCitizenIds, insertRosterRows, listCurrentUnitCodes } from './roster.repository.ts';
import type { RosterRow } from './roster-parse.ts';
import { exportStaff } from './use-cases/export-roster.ts';

const row = (n: number, citizenId: string, unitId: number): RosterRow => ({
  row: n,
  fullName: `Nguyễn Văn Số ${n}`,
  gender: 'MALE',
  birthDate: '1990-01-01',
  citizenId,
  ethnicity: null,
  phone: null,
  email: null,
  unitId,
  positionId: null,
  title: 'Công chức',
  startDate: '2025-07-01',
  decision: null,
  rank: 'CHUYEN_VIEN',
  employmentStatus: 'ACTIVE',
  education: null,
  qualification: null,
  qualificationField: null,
  politicalTheory: null,
  stateManagementTraining: 'Chuyên viên',
  itCertificate: null,
  foreignLanguageCertificate: null,
});

describe.each(testDialects())('roster repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
  });
  afterAll(async () => h?.close());

  const actorOf = (name: string): Actor => {
    const u = f.users[name];
    if (!u) throw new Error(name);
    return {
      userId: u.userId,
      username: u.username,
      displayName: u.username,
      role: u.role,
      provinceCode: u.provinceCode,
      unitId: u.unitId,
      locale: 'vi',
      sessionId: null,
      via: 'token',
    };
  };
  const meta = (name: string) => ({ actor: actorOf(name), requestId: null, at: NOW, provinceCode: 'T1' });

  it('lists the current units below the province by code, without former units or other provinces', async () => {
    expect((await listCurrentUnitCodes(h.db, 'T1')).map((u) => u.code)).toEqual(['10001', '10002']);
  });

  it('finds registered citizen IDs within the province only', async () => {
    expect([...(await existingCitizenIds(h.db, 'T1', ['046085001234', '000000000000']))]).toEqual(['046085001234']);
    expect([...(await existingCitizenIds(h.db, 'T2', ['046085001234']))]).toEqual([]);
  });

  it('a failure part-way through (a row refused by the database) leaves nothing written, not even the audit entry', async () => {
    const before = await countStaff(h.db, 'T1');
    const audits = async () => (await h.db.selectFrom('auditLog').select('seq').where('action', '=', 'staff.import').execute()).length;
    // 450 rows: the third batch of 200 holds a citizen ID the registry already has (a race the
    // validation could not see), so the unique constraint fails after two batches were inserted.
    const rows = Array.from({ length: 450 }, (_, i) => row(i + 3, `0461900${String(i).padStart(5, '0')}`, f.unitA));
    rows[420] = row(423, '046085001234', f.unitA);
    await expect(
      audited(h.db, meta('province_admin'), 'staff.import', 'staff', async (trx) => ({
        result: await insertRosterRows(trx, 'T1', rows, NOW),
        entityId: null,
        after: { rows: rows.length },
      })),
    ).rejects.toThrow();
    expect(await countStaff(h.db, 'T1')).toBe(before);
    expect(await h.db.selectFrom('appointments').select('id').where('title', '=', 'Công chức').execute()).toEqual([]);
    expect(await audits()).toBe(0);
  });

  it('inserts staff, appointment and position holding for every row, matched by citizen ID', async () => {
    const ids = await insertRosterRows(h.db, 'T1', [row(3, '046190100001', f.unitA), row(4, '046190100002', f.unitB)], NOW);
    expect(ids).toHaveLength(2);
    const staff = await h.db
      .selectFrom('staff')
      .select(['id', 'citizenId', 'unitId', 'stateManagementTraining', 'nameSearch'])
      .where('id', 'in', ids)
      .orderBy('citizenId')
      .execute();
    expect(staff.map((s) => [s.citizenId, s.unitId, s.stateManagementTraining, s.nameSearch])).toEqual([
      ['046190100001', f.unitA, 'Chuyên viên', 'nguyen van so 3'],
      ['046190100002', f.unitB, 'Chuyên viên', 'nguyen van so 4'],
    ]);
    const held = await h.db
      .selectFrom('staffPositions')
      .select(['staffId', 'unitId'])
      .where('staffId', 'in', ids)
      .orderBy('staffId')
      .execute();
    expect(held.map((x) => x.unitId).sort()).toEqual([f.unitA, f.unitB].sort());
    const appts = await h.db.selectFrom('appointments').select(['staffId', 'startDate']).where('staffId', 'in', ids).execute();
    expect(appts.map((a) => a.startDate)).toEqual(['2025-07-01', '2025-07-01']);
  });

  it('refuses an export over the format’s limit before loading rows, and streams batches otherwise', async () => {
    const deps = { db: h.db, clock: fixedClock(NOW), limits: { ...DEFAULT_ROSTER_LIMITS, exportPdfMaxRows: 1, exportBatch: 1 } };
    const query = { page: 1, pageSize: 50 } as const;
    await expect(exportStaff(deps, actorOf('province_analyst'), query, 'pdf', meta('province_analyst'))).rejects.toMatchObject(
      new AppError('ROSTER_EXPORT_TOO_LARGE', { max: 1, count: 3 }),
    );
    const data = await exportStaff(deps, actorOf('province_analyst'), query, 'xlsx', meta('province_analyst'));
    const batches: number[] = [];
    for await (const b of data.batches()) batches.push(b.length);
    expect(batches).toEqual([1, 1, 1]);
    expect(data.masked).toBe(true);
  });
});
