import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture, type TestUser } from '../../../../test/support/fixture.ts';
import type { AuditMeta } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { fixedClock } from '../../../platform/time/clock.ts';
import { seedFit } from '../../position-fit/position-fit.fixtures.ts';
import { seedProcedureCatalogue } from '../../procedures/seed-catalogue.ts';
import * as placementRepo from '../placement/placement.repository.ts';
import { PLACEHOLDER_MINUTES } from '../standards/standard-defaults.ts';
import { ensurePlaceholderStandards, listStandards, putStandard } from '../standards/use-cases/standards.ts';
import { splitWorkload } from './build-lines.ts';
import type { RunLine } from './run.schemas.ts';
import * as repo from './runs.repository.ts';
import type { PackedRunLine } from './stored-line.ts';
import { createRun, getRun, getRunLine, latestRunId, latestShortages, listRuns } from './use-cases/runs.ts';

const actorOf = (u: TestUser): Actor => ({
  userId: u.userId,
  username: u.username,
  displayName: u.username,
  role: u.role,
  provinceCode: u.provinceCode,
  unitId: u.unitId,
  locale: 'vi',
  sessionId: null,
  via: 'token',
});

const metaOf = (a: Actor): AuditMeta => ({ actor: a, requestId: 'test', at: NOW, provinceCode: a.provinceCode });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return 'none';
}

let seq = 0;
async function addDossier(
  db: Db,
  d: { procedureId: number; competent: number; receiving: number; channel: number; receivedAt: string | null; status?: number },
) {
  seq += 1;
  await db
    .insertInto('dossiers')
    .values({
      provinceCode: 'T1',
      code: `RUN-${seq}`,
      receivingUnitId: d.receiving,
      competentUnitId: d.competent,
      procedureId: d.procedureId,
      channel: d.channel,
      status: d.status ?? 4,
      applicantName: 'Nguyễn Văn A',
      applicantNameSearch: 'nguyen van a',
      applicantIdNumber: null,
      applicantPhone: null,
      applicantEmail: null,
      applicantAddress: null,
      summary: null,
      receivedAt: d.receivedAt,
      validAt: d.receivedAt,
      dueAt: null,
      finishedAt: null,
      returnedAt: null,
      pausedMs: 0,
      createdAt: d.receivedAt ?? NOW,
      updatedAt: d.receivedAt ?? NOW,
      createdBy: null,
      assigneeId: null,
    })
    .execute();
}

async function procedureId(db: Db, code: string): Promise<number> {
  const r = await db
    .selectFrom('procedures')
    .select('id')
    .where('provinceCode', '=', 'T1')
    .where('nationalCode', '=', code)
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Period of the tests: 1 January – 28 February 2026 in Vietnam = [2025-12-31T17:00Z, 2026-02-28T17:00Z). */
const RANGE = { from: '2025-12-31T17:00:00.000Z', to: '2026-02-28T17:00:00.000Z' };

describe.each(testDialects())('WISN runs repository and use cases on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  /** The run made by this file (the shared fixture already holds one, f.staffingRun). */
  let runId = 0;
  const deps = () => ({ db: h.db, clock: fixedClock(NOW) });
  const user = (name: string) => {
    const u = f.users[name];
    if (!u) throw new Error(name);
    return actorOf(u);
  };

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    await seedProcedureCatalogue(h.db, 'T1', '2025-07-01T00:00:00.000Z');
    // staffA and Lan hold P.JUSTICE (PROFESSIONAL, JUSTICE_CIVIL_STATUS) in commune A; Hùng and
    // staffB hold P.CLERK (SUPPORT: not the cadre). staffA has a T.LAW gap of 1; Lan meets.
    await seedFit(h.db, { unitA: f.unitA, unitB: f.unitB, staffA: f.staffA });
    const birth = await procedureId(h.db, '1.001193');
    const land = await procedureId(h.db, 'DEMO.DD.01');
    const residence = await procedureId(h.db, 'DEMO.CTR.01');
    const A = f.unitA;
    const B = f.unitB;
    await addDossier(h.db, { procedureId: birth, competent: A, receiving: A, channel: 1, receivedAt: '2026-01-10T02:00:00.000Z' });
    await addDossier(h.db, { procedureId: birth, competent: A, receiving: B, channel: 1, receivedAt: '2026-01-11T02:00:00.000Z' });
    await addDossier(h.db, { procedureId: birth, competent: A, receiving: A, channel: 2, receivedAt: '2026-02-01T02:00:00.000Z' });
    await addDossier(h.db, { procedureId: land, competent: B, receiving: B, channel: 3, receivedAt: '2026-02-10T02:00:00.000Z' });
    await addDossier(h.db, { procedureId: residence, competent: A, receiving: A, channel: 1, receivedAt: '2026-02-11T02:00:00.000Z' });
    // 00:30 on 1 January in Vietnam: inside; 23:30 on 31 December: outside.
    await addDossier(h.db, { procedureId: birth, competent: A, receiving: A, channel: 1, receivedAt: '2025-12-31T17:30:00.000Z' });
    await addDossier(h.db, { procedureId: birth, competent: A, receiving: A, channel: 1, receivedAt: '2025-12-31T16:30:00.000Z' });
    // Submitted online, never received: not counted.
    await addDossier(h.db, { procedureId: birth, competent: A, receiving: A, channel: 2, receivedAt: null, status: 1 });
  });
  afterAll(async () => h?.close());

  const split = async (provinceCode: string) =>
    splitWorkload(await repo.workloadCounts(h.db, provinceCode, RANGE), await repo.procedureRefs(h.db, provinceCode));

  it('counts processing per competent unit and procedure, in the period’s Vietnamese days (one grouped scan)', async () => {
    const { processing } = await split('T1');
    const got = processing.map((r) => `${r.unitId === f.unitA ? 'A' : 'B'}:${r.procedureCode}:${r.field}:${r.dossiers}`).sort();
    expect(got).toEqual(['A:1.001193:CIVIL_STATUS:4', 'A:DEMO.CTR.01:RESIDENCE:1', 'B:DEMO.DD.01:LAND:1']);
    expect(processing.find((r) => r.procedureCode === '1.001193')?.procedureName).toBe('Đăng ký khai sinh');
  });

  it('counts reception per receiving unit and channel', async () => {
    const { reception } = await split('T1');
    const got = reception.map((r) => `${r.unitId === f.unitA ? 'A' : 'B'}:${r.channel}:${r.dossiers}`).sort();
    expect(got).toEqual(['A:COUNTER:3', 'A:ONLINE:1', 'B:COUNTER:1', 'B:POST:1']);
    expect(await repo.workloadCounts(h.db, 'T2', RANGE)).toEqual([]);
  });

  it('counts ACTIVE staff in current professional placements per unit × category', async () => {
    expect(await repo.staffCounts(h.db, 'T1', '2026-03-02')).toEqual([{ unitId: f.unitA, category: 'JUSTICE_CIVIL_STATUS', staff: 2 }]);
    // Before Lan's and staffA's placements started, nobody.
    expect(await repo.staffCounts(h.db, 'T1', '2024-12-31')).toEqual([]);
    const first = await repo.firstReceivedAt(h.db, 'T1');
    expect(first).toBe('2025-12-31T16:30:00.000Z');
  });

  it('stores the Cadre placeholder standards once, for the demo catalogue only', async () => {
    const list0 = await listStandards(deps(), user('province_analyst'));
    expect(list0.items).toHaveLength(62);
    expect(list0.items.every((i) => i.standard === null)).toBe(true);
    // Read inside a transaction that is rolled back: ensure is idempotent and writes 62 rows.
    const counts = await h.db
      .transaction()
      .execute(async (trx) => {
        const a = await ensurePlaceholderStandards(trx, 'T1', NOW, null);
        const b = await ensurePlaceholderStandards(trx, 'T1', NOW, null);
        throw Object.assign(new Error('rollback'), { counts: [a, b] });
      })
      .catch((e: { counts: number[] }) => e.counts);
    expect(counts).toEqual([62, 0]);
    expect(Object.keys(PLACEHOLDER_MINUTES)).toHaveLength(62);
  });

  it('computes and stores a run, all in one audited transaction', async () => {
    const analyst = user('province_analyst');
    const run = await createRun(
      deps(),
      analyst,
      { year: 2026, periodFrom: '2026-01-01', periodTo: '2026-02-28', note: ' thử ' },
      metaOf(analyst),
    );
    runId = run.id;
    expect(run.id).toBeGreaterThan(f.staffingRun);
    expect(run).toMatchObject({ provinceCode: 'T1', year: 2026, periodFrom: '2026-01-01', periodTo: '2026-02-28', note: 'thử' });
    expect(run.totals).toMatchObject({ units: 2, lines: 4, shortage: 3, balanced: 0, surplus: 1 });
    expect(run.notes).toContainEqual({ code: 'PERIOD_ANNUALISED', params: { from: '2026-01-01', to: '2026-02-28', days: 59 } });
    expect(run.notes).toContainEqual({ code: 'PLACEHOLDERS_STORED', params: { count: 62 } });
    expect(run.notes).toContainEqual({ code: 'NO_CATEGORY', params: { count: 1 } });
    expect(run.rulesUsed.map((r) => r.key)).toEqual(['staffing.leavePolicy', 'staffing.wisnStandards']);

    const full = await getRun(deps(), analyst, run.id, {});
    // 2026: 261 weekdays + Saturday 10 January worked; B = 1–2 Jan, Tết 16–20 Feb, 27 Apr, 30 Apr, 1 May, 1–2 Sep.
    expect(full.calendar).toMatchObject({ possibleWorkingDays: 262, publicHolidayDays: 12 });
    expect(full.lines.map((l) => `${l.unitId === f.unitA ? 'A' : 'B'}:${l.field}:${l.status}`)).toEqual([
      'A:JUSTICE_CIVIL_STATUS:SURPLUS',
      'A:ONE_STOP:SHORTAGE',
      'B:LAND:SHORTAGE',
      'B:ONE_STOP:SHORTAGE',
    ]);
    const justice = full.lines[0];
    // AWT = [262 − (12 + 12 + 3 + 5)] × 8 h = 1,840 h = 110,400 min; 4 birth dossiers × 365/59 at 25 min.
    expect(justice?.result?.availableWorkingTime.minutes.value).toBe(110_400);
    expect(justice?.input.service[0]?.annualWorkload).toBeCloseTo((4 * 365) / 59, 10);
    expect(justice?.workloadSources[0]).toMatchObject({ procedureCode: '1.001193', dossiers: 4, minutesPerDossier: 25 });
    expect(justice?.workloadSources[0]?.standardSource).toContain('CADRE_PLACEHOLDER');
    expect(justice?.input.actualStaff).toBe(2);
    expect(justice?.expertise).toMatchObject({ placed: 2, notMeeting: 1 });
    expect(justice?.expertise.gapCompetencies).toEqual([{ code: 'T.LAW', name: 'Năng lực T.LAW', staffBelow: 1 }]);
    const oneStopA = full.lines[1];
    expect(oneStopA?.workloadSources.map((s) => [s.channel, s.dossiers])).toEqual([
      ['COUNTER', 3],
      ['ONLINE', 1],
    ]);
    // The indexed columns carry the figures placement reads without parsing JSON.
    const shortages = await repo.shortageLines(h.db, run.id);
    expect(shortages).toHaveLength(3);
    expect(shortages.every((s) => s.actualStaff === 0 && (s.difference ?? 0) < 0)).toBe(true);
    const audit = await h.db.selectFrom('auditLog').select(['action', 'entityId']).where('action', '=', 'staffing.run.create').execute();
    expect(audit).toEqual([{ action: 'staffing.run.create', entityId: String(run.id) }]);
  });

  it('filters lines in SQL and keeps unit roles to their own unit', async () => {
    const analyst = user('province_analyst');
    expect((await getRun(deps(), analyst, runId, { status: 'SHORTAGE' })).lines).toHaveLength(3);
    expect((await getRun(deps(), analyst, runId, { field: 'ONE_STOP' })).lines).toHaveLength(2);
    expect((await getRun(deps(), analyst, runId, { unitId: f.unitA, field: 'JUSTICE_CIVIL_STATUS' })).lines).toHaveLength(1);

    const leaderB = user('unit_leader_b');
    const own = await getRun(deps(), leaderB, runId, {});
    expect(own.lines.map((l) => l.unitId)).toEqual([f.unitB, f.unitB]);
    expect(own.totals).toMatchObject({ units: 1, lines: 2, shortage: 2, surplus: 0 });
    expect(await codeOf(getRun(deps(), leaderB, runId, { unitId: f.unitA }))).toBe('STAFFING_RUN_LINE_NOT_FOUND');
    expect(await codeOf(getRunLine(deps(), leaderB, runId, f.unitA, 'ONE_STOP'))).toBe('STAFFING_RUN_LINE_NOT_FOUND');
    const line = await getRunLine(deps(), leaderB, runId, f.unitB, 'LAND');
    expect(line.line.workloadSources[0]).toMatchObject({ procedureCode: 'DEMO.DD.01', dossiers: 1, minutesPerDossier: 180 });
    expect(await codeOf(getRunLine(deps(), analyst, runId, f.unitB, 'HEALTH'))).toBe('STAFFING_RUN_LINE_NOT_FOUND');
    expect(await codeOf(getRun(deps(), user('other_province_admin'), runId, {}))).toBe('STAFFING_RUN_NOT_FOUND');
    expect(await codeOf(getRun(deps(), analyst, 99_999, {}))).toBe('STAFFING_RUN_NOT_FOUND');
    expect((await latestShortages(deps(), leaderB)).lines.every((l) => l.unitId === f.unitB)).toBe(true);
  });

  it('stores lines packed (inputs, sources, headline figures; shared texts once per run) and reads them back recomputed', async () => {
    const analyst = user('province_analyst');
    const full = await getRun(deps(), analyst, runId, {});
    const stored = await h.db.selectFrom('staffingRunLines').select(['unitId', 'field', 'line']).where('runId', '=', runId).execute();
    const run = await h.db.selectFrom('staffingRuns').select('lineDictionary').where('id', '=', runId).executeTakeFirstOrThrow();
    expect(run.lineDictionary).toContain('CADRE_PLACEHOLDER');
    for (const row of stored) {
      expect(row.line).not.toContain('"trace"');
      expect(row.line).not.toContain('CADRE_PLACEHOLDER');
      const line = full.lines.find((l) => l.unitId === Number(row.unitId) && l.field === row.field);
      // Recomputed on read: the figures stored with the line, every trace step, unrounded.
      const computed = (JSON.parse(row.line) as PackedRunLine).computed;
      expect(line?.result?.requiredStaff.value).toBe(computed?.requiredStaff);
      expect(line?.result?.difference.value).toBe(computed?.difference);
      expect(line?.result?.trace.map((t) => t.step)).toContain('required');
    }
    const storedBytes = stored.reduce((n, r) => n + r.line.length, run.lineDictionary?.length ?? 0);
    expect(storedBytes).toBeLessThan(JSON.stringify(full.lines).length / 4);
    // Placement still reads the unit name and the competency gaps from the stored JSON.
    const forPlacement = await placementRepo.listRunLines(h.db, runId);
    const justice = forPlacement.find((l) => l.unitId === f.unitA && l.field === 'JUSTICE_CIVIL_STATUS');
    expect(justice?.unitName).toBe(full.lines[0]?.unitName);
    expect(justice?.gapCompetencies).toEqual([{ code: 'T.LAW', name: 'Năng lực T.LAW' }]);

    // A stored figure that the recomputation does not give is refused, not shown.
    const target = stored.find((r) => r.field === 'ONE_STOP' && Number(r.unitId) === f.unitB);
    const tampered = JSON.parse(target?.line ?? '{}') as PackedRunLine;
    if (tampered.computed) tampered.computed.requiredStaff *= 2;
    await h.db
      .updateTable('staffingRunLines')
      .set({ line: JSON.stringify(tampered) })
      .where('runId', '=', runId)
      .where('unitId', '=', f.unitB)
      .where('field', '=', 'ONE_STOP')
      .execute();
    await expect(getRunLine(deps(), analyst, runId, f.unitB, 'ONE_STOP')).rejects.toThrow(/differ/);
    await h.db
      .updateTable('staffingRunLines')
      .set({ line: target?.line ?? '' })
      .where('runId', '=', runId)
      .where('unitId', '=', f.unitB)
      .where('field', '=', 'ONE_STOP')
      .execute();
    expect((await getRunLine(deps(), analyst, runId, f.unitB, 'ONE_STOP')).line.status).toBe('SHORTAGE');
  });

  it('reads runs stored before lines were packed (full result, no dictionary) as they were stored', async () => {
    const analyst = user('province_analyst');
    const old = await getRun(deps(), analyst, f.staffingRun, {});
    const stored = await h.db
      .selectFrom('staffingRunLines as l')
      .innerJoin('administrativeUnits as u', 'u.id', 'l.unitId')
      .select('l.line')
      .where('l.runId', '=', f.staffingRun)
      .orderBy('u.code')
      .orderBy('l.field')
      .orderBy('l.id')
      .execute();
    expect(old.lines.length).toBeGreaterThan(0);
    expect(old.lines).toStrictEqual(stored.map((r) => JSON.parse(r.line) as RunLine));
    expect(old.lines.some((l) => (l.result?.trace.length ?? 0) > 0)).toBe(true);
  });

  it('lists runs newest first; a refused period stores nothing', async () => {
    const admin = user('province_admin');
    expect(await codeOf(createRun(deps(), admin, { periodTo: '2026-03-03' }, metaOf(admin)))).toBe('STAFFING_RUN_PERIOD_FUTURE');
    expect(await codeOf(createRun(deps(), admin, { periodFrom: '2026-02-01', periodTo: '2026-01-01' }, metaOf(admin)))).toBe(
      'STAFFING_RUN_PERIOD_INVALID',
    );
    // Default period: 12 months before today, shortened to the first dossier (31 December 2025, Vietnam).
    const second = await createRun(deps(), admin, {}, metaOf(admin));
    expect(second).toMatchObject({ year: 2026, periodFrom: '2025-12-31', periodTo: '2026-03-01' });
    expect((await listRuns(deps(), admin)).map((r) => r.id)).toEqual([second.id, runId, f.staffingRun]);
    expect(await latestRunId(deps(), admin)).toBe(second.id);
    expect(await listRuns(deps(), user('other_province_admin'))).toEqual([]);
    expect(await latestRunId(deps(), user('other_province_admin'))).toBeNull();
  });

  it('versions service standards with optimistic concurrency', async () => {
    const admin = user('province_admin');
    const before = (await listStandards(deps(), admin)).items.find((i) => i.procedureCode === '1.001193');
    expect(before?.standard).toMatchObject({ minutesPerDossier: 25, sourceKind: 'CADRE_PLACEHOLDER', version: 1 });
    const body = {
      minutesPerDossier: 22.5,
      sourceKind: 'TIME_STUDY' as const,
      sourceNote: 'Bấm giờ 2026',
      effectiveFrom: '2026-02-01',
      version: 1,
    };
    const saved = await putStandard(deps(), admin, '1.001193', body, metaOf(admin));
    expect(saved).toMatchObject({ minutesPerDossier: 22.5, version: 2, effectiveFrom: '2026-02-01' });
    // The stale token is refused and nothing changes.
    expect(await codeOf(putStandard(deps(), admin, '1.001193', { ...body, minutesPerDossier: 99 }, metaOf(admin)))).toBe(
      'VERSION_CONFLICT',
    );
    // The same date corrects that version in place.
    await putStandard(deps(), admin, '1.001193', { ...body, minutesPerDossier: 20, version: 2 }, metaOf(admin));
    const rows = await h.db
      .selectFrom('procedureServiceStandards')
      .select(['minutesPerDossier', 'effectiveFrom', 'version'])
      .where('procedureCode', '=', '1.001193')
      .orderBy('effectiveFrom')
      .execute();
    expect(rows.map((r) => [Number(r.minutesPerDossier), String(r.effectiveFrom).slice(0, 10), Number(r.version)])).toEqual([
      [25, '2025-07-01', 1],
      [20, '2026-02-01', 3],
    ]);
    const after = (await listStandards(deps(), admin)).items.find((i) => i.procedureCode === '1.001193');
    expect(after?.standard).toMatchObject({ minutesPerDossier: 20, sourceKind: 'TIME_STUDY', version: 3 });
    expect(await codeOf(putStandard(deps(), admin, 'NO.SUCH', { ...body, version: 0 }, metaOf(admin)))).toBe('PROCEDURE_NOT_FOUND');
    // A run with the period ending on 28 February uses the new standard; the first run keeps 25.
    const third = await createRun(deps(), admin, { periodFrom: '2026-01-01', periodTo: '2026-02-28' }, metaOf(admin));
    const line = await getRunLine(deps(), admin, third.id, f.unitA, 'JUSTICE_CIVIL_STATUS');
    expect(line.line.workloadSources[0]?.minutesPerDossier).toBe(20);
    expect((await getRunLine(deps(), admin, runId, f.unitA, 'JUSTICE_CIVIL_STATUS')).line.workloadSources[0]?.minutesPerDossier).toBe(25);
  });
});
