/**
 * Re-timing the open dossiers when a holiday is added or removed (issue 3, point 2), at
 * province scale: BENCH_DOSSIERS open dossiers (20,000 by default) whose counting runs over
 * the changed day, plus 10 % finished ones that must stay as they are.
 *
 *   npm run bench:retime
 *   BENCH_DOSSIERS=5000 BENCH_ROUNDS=1 BENCH_DIALECTS=sqlite npm run bench:retime
 *
 * Each round times the real use cases in process: `addHoliday` (the entry, its audit record
 * and the re-timing of every open dossier it reaches — due date, RETIMED timeline event, one
 * audit entry per moved dossier — in one transaction), then `removeHoliday` (every dossier
 * moves back). SQLite is a file with the server's pragmas (WAL, synchronous = FULL); PostgreSQL
 * a fresh database. After the rounds the bench checks the counts of moved dossiers, timeline
 * events and audit entries, and verifies the whole audit hash chain.
 */
import { addHoliday } from '../src/modules/calendar/use-cases/add-holiday.ts';
import { removeHoliday } from '../src/modules/calendar/use-cases/remove-holiday.ts';
import { insertProcedureVersion, type NewProcedureVersion } from '../src/modules/procedures/procedures.repository.ts';
import { verifyAuditChain } from '../src/platform/audit/audit.repository.ts';
import type { AuditMeta } from '../src/platform/audit/audited.ts';
import { connectDatabase } from '../src/platform/db/connect.ts';
import type { Db } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { fixedClock } from '../src/platform/time/clock.ts';
import { machine, median, pgReachable, scratchDatabase } from './support.ts';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const PROVINCE = 'BR';
const NOW = '2026-06-01T02:00:00.000Z';
/** A Wednesday that is no holiday in the seeded calendar; every open dossier counts over it. */
const HOLIDAY = {
  date: '2026-06-17',
  kind: 'HOLIDAY' as const,
  nameVi: 'Ngày nghỉ thử',
  nameEn: 'Bench day off',
  decidingDocument: 'bench',
  confirmed: true,
};
/** The ten working days before the holiday: dossiers received on them are still open over it. */
const RECEIPT_DAYS = [
  '2026-06-03',
  '2026-06-04',
  '2026-06-05',
  '2026-06-08',
  '2026-06-09',
  '2026-06-10',
  '2026-06-11',
  '2026-06-12',
  '2026-06-15',
  '2026-06-16',
];
const OPEN_STATUSES = [2, 4, 5, 6];
const FINISHED_STATUSES = [7, 8, 9, 10];

function procedure(nationalCode: string, amount: number, unit: string): NewProcedureVersion {
  return {
    provinceCode: PROVINCE,
    nationalCode,
    nameVi: `Thủ tục ${nationalCode}`,
    nameEn: `Procedure ${nationalCode}`,
    field: 'HOUSEHOLD_BUSINESS',
    competentLevel: 'COMMUNE',
    timeLimitAmount: amount,
    timeLimitUnit: unit,
    timeLimitNote: null,
    fee: 0,
    feeNote: null,
    onlineLevel: 'FULL',
    paperResult: true,
    essentialService: false,
    requiredDocuments: [],
    workflow: [{ code: 'RECEIVE', name: 'Tiếp nhận hồ sơ', roles: ['counter_officer'] }],
    sourceTag: 'NC',
    sourceNote: 'bench',
    effectiveFrom: '2025-07-01',
  } as NewProcedureVersion;
}

/** One province, one ward, four procedures (10, 15, 20 working days; 80 working hours) and the dossiers. */
async function seed(db: Db): Promise<{ open: number }> {
  await db.insertInto('provinces').values({ code: PROVINCE, name: 'Tỉnh thử', createdAt: NOW }).execute();
  const { id: unitId } = await db
    .insertInto('administrativeUnits')
    .values({
      provinceCode: PROVINCE,
      code: '90001',
      name: 'Phường thử',
      nameSearch: 'phuong thu',
      kind: 'WARD',
      parentId: null,
      population: null,
      areaKm2: null,
      isMountainous: 0,
      validFrom: '2025-07-01',
      validTo: null,
      createdByResolution: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const procedures = [
    await insertProcedureVersion(db, procedure('BR.10WD', 10, 'WORKING_DAYS'), NOW),
    await insertProcedureVersion(db, procedure('BR.15WD', 15, 'WORKING_DAYS'), NOW),
    await insertProcedureVersion(db, procedure('BR.20WD', 20, 'WORKING_DAYS'), NOW),
    await insertProcedureVersion(db, procedure('BR.80WH', 80, 'WORKING_HOURS'), NOW),
  ];
  const total = Math.round(DOSSIERS * 1.1);
  let open = 0;
  const rows = Array.from({ length: total }, (_, i) => {
    const isOpen = i % 11 !== 10;
    if (isOpen) open++;
    const day = RECEIPT_DAYS[i % RECEIPT_DAYS.length] as string;
    // Office hours in Vietnam (08:00–16:59 = 01:00–09:59 UTC), spread by the minute.
    const minute = (i * 7) % 540;
    const receivedAt = new Date(`${day}T01:00:00.000Z`).getTime() + minute * 60_000;
    const at = new Date(receivedAt).toISOString();
    return {
      provinceCode: PROVINCE,
      code: `BR-${i}`,
      receivingUnitId: unitId,
      competentUnitId: unitId,
      procedureId: procedures[i % procedures.length] as number,
      channel: 1,
      status: (isOpen ? OPEN_STATUSES[i % 4] : FINISHED_STATUSES[i % 4]) as number,
      applicantName: 'Người thử',
      applicantNameSearch: 'nguoi thu',
      receivedAt: at,
      validAt: at,
      // A stored instant both calendars disagree with: the first change moves every open dossier.
      dueAt: '2026-08-31T10:00:00.000Z',
      createdAt: at,
      updatedAt: at,
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('dossiers')
      .values(rows.slice(i, i + 500))
      .execute();
  return { open };
}

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  const scratch = await scratchDatabase(dialect, { pgAdminUrl: PG_ADMIN });
  const handle =
    dialect === 'sqlite'
      ? connectDatabase({ sqlitePath: scratch.target })
      : connectDatabase({ databaseUrl: scratch.target, sqlitePath: '', poolSize: 5 });
  try {
    const db = handle.db;
    await migrateToLatest(db);
    const { open } = await seed(db);
    const deps = { db, clock: fixedClock(NOW) };
    const meta: AuditMeta = { actor: null, requestId: 'bench-retime', at: NOW, provinceCode: PROVINCE };
    const adds: number[] = [];
    const removes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      const holiday = await addHoliday(deps, HOLIDAY, meta);
      adds.push(performance.now() - t);
      t = performance.now();
      await removeHoliday(deps, holiday.id, meta);
      removes.push(performance.now() - t);
      process.stderr.write(
        `  ${dialect} round ${r + 1}/${ROUNDS}: add ${adds.at(-1)?.toFixed(0)} ms, remove ${removes.at(-1)?.toFixed(0)} ms\n`,
      );
    }
    const moves = 2 * ROUNDS * open;
    const events = await db
      .selectFrom('dossierEvents')
      .select(db.fn.countAll<number>().as('n'))
      .where('kind', '=', 'RETIMED')
      .executeTakeFirstOrThrow();
    const audits = await db
      .selectFrom('auditLog')
      .select(db.fn.countAll<number>().as('n'))
      .where('action', '=', 'dossier.retime')
      .executeTakeFirstOrThrow();
    if (Number(events.n) !== moves || Number(audits.n) !== moves) {
      throw new Error(`expected ${moves} timeline events and audit entries, found ${events.n} and ${audits.n}`);
    }
    const stillDue = await db
      .selectFrom('dossiers')
      .select(db.fn.countAll<number>().as('n'))
      .where('status', 'in', FINISHED_STATUSES)
      .where('dueAt', '=', '2026-08-31T10:00:00.000Z')
      .executeTakeFirstOrThrow();
    if (Number(stillDue.n) !== Math.round(DOSSIERS * 1.1) - open) throw new Error('a finished dossier was re-timed');
    const chain = await verifyAuditChain(db);
    if (!chain.ok) throw new Error(`audit chain broken: ${JSON.stringify(chain.problem)}`);
    return { dialect, open, add: median(adds), remove: median(removes), chain: chain.checked };
  } finally {
    await handle.close();
    await scratch.cleanup();
  }
}

const wanted = process.env.BENCH_DIALECTS;
const dialects: ('sqlite' | 'postgres')[] = wanted === 'postgres' ? [] : ['sqlite'];
if (wanted !== 'sqlite' && (await pgReachable(PG_ADMIN))) dialects.push('postgres');
const results = [];
for (const d of dialects) results.push(await benchDialect(d));

console.log(`\nRe-timing open dossiers — ${ROUNDS} rounds (add, then remove a holiday), medians; ${machine()}\n`);
console.log(
  '| Dialect | Open dossiers moved per change | Add holiday ms | Remove holiday ms | Dossiers per second | Audit chain verified |',
);
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  const perSecond = (r.open / ((r.add + r.remove) / 2 / 1000)).toFixed(0);
  console.log(`| ${r.dialect} | ${r.open} | ${r.add.toFixed(0)} | ${r.remove.toFixed(0)} | ${perSecond} | ${r.chain} entries |`);
}
