import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import * as repo from './reports.repository.ts';

const base = (over: Partial<repo.NewReport> = {}): repo.NewReport => ({
  provinceCode: 'T1',
  unitId: null,
  kind: 'MONTH',
  periodFrom: '2025-12-01',
  periodTo: '2026-01-01',
  trigger: 'ON_DEMAND',
  scheduleKey: null,
  requestedBy: null,
  createdAt: NOW,
  ...over,
});

describe.each(testDialects())('reports repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
  });
  afterAll(async () => h?.close());

  it('stores a scheduled report once per schedule key, and on-demand reports as often as asked', async () => {
    const scheduled = base({ trigger: 'SCHEDULED', scheduleKey: 'T1:P:MONTH:2025-12-01' });
    const first = await repo.insertReport(h.db, scheduled);
    expect(first).toBeTypeOf('number');
    expect(await repo.insertReport(h.db, scheduled)).toBeUndefined();
    const a = await repo.insertReport(h.db, base());
    const b = await repo.insertReport(h.db, base());
    expect(a).not.toBe(b);
    expect(await repo.existingScheduleKeys(h.db, ['T1:P:MONTH:2025-12-01', 'T1:P:MONTH:2025-11-01'])).toEqual(
      new Set(['T1:P:MONTH:2025-12-01']),
    );
  });

  it('round-trips the files byte for byte with the snapshot, hashes and DONE', async () => {
    const id = (await repo.insertReport(h.db, base({ unitId: f.unitA }))) as number;
    await repo.markReportRunning(h.db, id);
    expect((await repo.findReport(h.db, id))?.status).toBe('RUNNING');
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x0a]);
    const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]);
    await repo.storeReportResult(h.db, id, {
      builtAt: NOW,
      snapshot: '{"schemaVersion":1,"ký tự":"Hòa Bình"}',
      snapshotSha256: 'a'.repeat(64),
      pdf,
      xlsx,
      pdfSha256: 'b'.repeat(64),
      xlsxSha256: 'c'.repeat(64),
    });
    const row = await repo.findReport(h.db, id);
    expect(row).toMatchObject({ status: 'DONE', unitId: f.unitA, unitCode: '10001', unitName: 'Xã Hòa Bình', builtAt: NOW });
    expect(Buffer.compare((await repo.findReportFile(h.db, id, 'pdf')) as Buffer, pdf)).toBe(0);
    expect(Buffer.compare((await repo.findReportFile(h.db, id, 'xlsx')) as Buffer, xlsx)).toBe(0);
    expect(await repo.findReportSnapshot(h.db, id)).toEqual({ snapshot: '{"schemaVersion":1,"ký tự":"Hòa Bình"}', sha256: 'a'.repeat(64) });
    // A late failure mark never undoes a finished report.
    await repo.markReportFailed(h.db, id, 'late');
    expect((await repo.findReport(h.db, id))?.status).toBe('DONE');
  });

  it('lists by scope, kind and year, newest period first, and counts the same', async () => {
    await repo.insertReport(h.db, base({ kind: 'QUARTER', periodFrom: '2026-01-01', periodTo: '2026-04-01' }));
    const all = await repo.listReports(h.db, { provinceCode: 'T1' }, { offset: 0, limit: 100 });
    expect(all.map((r) => r.periodFrom)).toEqual([...all.map((r) => r.periodFrom)].sort().reverse());
    const unitA = await repo.listReports(h.db, { provinceCode: 'T1', unitId: f.unitA }, { offset: 0, limit: 100 });
    expect(unitA.every((r) => r.unitId === f.unitA)).toBe(true);
    const province = await repo.listReports(h.db, { provinceCode: 'T1', unitId: null }, { offset: 0, limit: 100 });
    expect(province.length).toBeGreaterThan(0);
    expect(province.every((r) => r.unitId === null)).toBe(true);
    const y2026 = { provinceCode: 'T1', year: 2026 };
    expect((await repo.listReports(h.db, y2026, { offset: 0, limit: 100 })).map((r) => r.kind)).toContain('QUARTER');
    expect((await repo.listReports(h.db, y2026, { offset: 0, limit: 100 })).every((r) => r.periodFrom.startsWith('2026'))).toBe(true);
    expect(await repo.countReports(h.db, { provinceCode: 'T1', kind: 'QUARTER' })).toBe(1);
    expect(await repo.countReports(h.db, { provinceCode: 'T2' })).toBe(0);
  });

  it('finds current units by code (not former ones, not another province’s)', async () => {
    expect(await repo.findCurrentUnit(h.db, 'T1', '10001')).toMatchObject({ id: f.unitA, name: 'Xã Hòa Bình' });
    expect(await repo.findCurrentUnit(h.db, 'T1', '90001')).toBeUndefined();
    expect(await repo.findCurrentUnit(h.db, 'T2', '10001')).toBeUndefined();
    expect((await repo.listCurrentUnits(h.db)).map((u) => `${u.provinceCode}:${u.code}`)).toEqual(['T1:10001', 'T1:10002', 'T2:20001']);
  });
});
