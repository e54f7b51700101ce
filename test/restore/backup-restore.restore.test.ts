import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cadre,
  cadreAsync,
  freePort,
  type Province,
  prepareProvince,
  type Query,
  runAsync,
  type Server,
  startServer,
} from '../crash/cadre-process.ts';
import {
  expectCodesGapFree,
  expectDisciplineEdits,
  expectDossiersWhole,
  expectTickets,
  loadDossiers,
  staffVersions,
} from '../crash/mixed-checks.ts';
import { LIGHT_SEED, LoadLog, loadSetupFor, READY_TIMEOUT_MS, runPhase } from '../crash/mixed-load.ts';
import { type Digests, pgDigests, pgSequencesBehind, sqliteDigests } from './table-digest.ts';

/**
 * Issue 8 §6: a backup taken while the mixed write load (test/crash/mixed-load.ts) runs, restored
 * into a fresh instance, must hold exactly what the source held at the backup point:
 *  - SQLite: `cadre backup` during the load, `cadre restore` into a new DATA_DIR. The restored file
 *    equals the backup table by table (row counts + content hashes); the backup is a consistent
 *    snapshot: its audit log is a prefix of the source's (identical rows up to its last seq), every
 *    write acknowledged before the backup started is in it, no write sent after it ended is, and
 *    nothing in it is half-committed.
 *  - PostgreSQL: pg_dump -Fc during the load, pinned (--snapshot) to a snapshot the test exports
 *    and hashes itself, pg_restore into a fresh database: every table and sequence identical to
 *    the source at that snapshot.
 * Both: the restored instance starts, serves an acknowledged dossier, and `cadre audit verify` passes.
 * RESTORE_ROUNDS (default 1, `npm run test:restore` uses 3) backups are taken during one load.
 */

const ROUNDS = Number(process.env.RESTORE_ROUNDS ?? 1);
/** Acknowledged writes before each backup starts, and after the last one ends before the load stops. */
const ACKS_BETWEEN = 20;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sqliteQuery(file: string): Query {
  return async <T>(sqlText: string, params: unknown[] = []) => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sqlText).all(...params) as T[];
    } finally {
      db.close();
    }
  };
}

/** A pg client as a Query ('?' placeholders), for the restored database. */
async function pgQuery(url: string): Promise<{ query: Query; end: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    query: async <T>(sqlText: string, params: unknown[] = []) =>
      (
        await client.query(
          sqlText.replace(/\?/g, (_, i: number, s: string) => `$${s.slice(0, i).split('?').length}`),
          params,
        )
      ).rows as T[],
    end: () => client.end(),
  };
}

/**
 * What a backup taken between `startedAt` and `endedAt` must hold: whole writes only, every write
 * acknowledged before it started, no write sent after it ended.
 */
async function expectSnapshotOfLoad(
  q: Query,
  log: LoadLog,
  versionsBefore: Map<number, number>,
  startedAt: number,
  endedAt: number,
): Promise<{ dossiers: number; ackedBefore: number; sentAfter: number }> {
  const tag = log.setup.tag;
  const dossiers = await loadDossiers(q, tag);
  await expectDossiersWhole(q, tag, dossiers);
  await expectCodesGapFree(q, dossiers);
  await expectTickets(
    q,
    log,
    log.tickets.filter((t) => t.ackAt < startedAt),
  );
  await expectDisciplineEdits(
    q,
    log,
    versionsBefore,
    log.discipline.filter((d) => d.ackAt < startedAt),
  );
  const byId = new Map(dossiers.map((d) => [d.id, d]));
  const keys = await q<{ key: string; response: string }>('select key, response from idempotency_keys where key like ?', [`${tag}-%`]);
  // One idempotency record per dossier, each pointing at a dossier that is there.
  expect(keys).toHaveLength(dossiers.length);
  for (const k of keys) expect(byId.has(Number((JSON.parse(k.response) as { id: number }).id)), k.key).toBe(true);
  const keySet = new Set(keys.map((k) => k.key));

  let ackedBefore = 0;
  let sentAfter = 0;
  for (const slot of log.intake.flat()) {
    if (slot.ack && (slot.ackAt ?? Number.POSITIVE_INFINITY) < startedAt) {
      ackedBefore += 1;
      expect(byId.get(slot.ack.id)?.code, `${slot.key} acknowledged before the backup`).toBe(slot.ack.code);
    }
    if ((slot.sentAt ?? 0) > endedAt) {
      sentAfter += 1;
      expect(keySet.has(slot.key), `${slot.key} sent after the backup`).toBe(false);
    }
  }
  for (const t of log.transitions) {
    if (t.ackAt < startedAt) expect(byId.get(t.dossierId)?.status, `START_PROCESSING ${t.dossierId} before`).toBe(4);
    if (t.sentAt > endedAt) expect(byId.get(t.dossierId)?.status ?? 2, `START_PROCESSING ${t.dossierId} after`).toBe(2);
  }
  const ticketIds = new Set((await q<{ id: number }>('select id from queue_tickets')).map((r) => Number(r.id)));
  for (const t of log.tickets.filter((x) => x.sentAt > endedAt)) expect(ticketIds.has(t.id), `ticket ${t.id} after`).toBe(false);
  const reasons = (
    await q<{ after: string }>("select after from audit_log where action = 'staff.discipline.set' and after like ?", [`%${tag}-hr-%`])
  ).map((e) => (JSON.parse(e.after) as { reason: string }).reason);
  for (const d of log.discipline.filter((x) => x.sentAt > endedAt)) expect(reasons, `edit ${d.reason} after`).not.toContain(d.reason);
  return { dossiers: dossiers.length, ackedBefore, sentAfter };
}

/** Starts the restored instance, reads an acknowledged dossier through the API, stops it, verifies the chain. */
async function expectInstanceServes(env: NodeJS.ProcessEnv, token: string, dossier: { id: number; code: string }): Promise<string> {
  const s = await startServer(env, await freePort(), READY_TIMEOUT_MS);
  try {
    const res = await fetch(`${s.base}/api/v1/dossiers/${dossier.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { code: string }).code).toBe(dossier.code);
  } finally {
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }
  const verify = cadre(['audit', 'verify'], env);
  expect(verify.status, verify.stderr).toBe(0);
  return verify.stderr;
}

function expectSameDigests(restored: Digests, source: Digests): void {
  expect(Object.keys(restored).sort()).toEqual(Object.keys(source).sort());
  const differing = Object.keys(source).filter((t) => JSON.stringify(restored[t]) !== JSON.stringify(source[t]));
  expect(differing, 'tables whose rows differ from the source at the backup point').toEqual([]);
}

let province: Province | undefined;
let server: Server | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  server = undefined;
  for (const c of cleanups.splice(0).reverse()) await c();
  await province?.cleanup();
  province = undefined;
});

/** Runs the load in the background; `waitAcks(n)` resolves once n more writes were acknowledged. */
function backgroundLoad(base: string, log: LoadLog) {
  let stopped = false;
  const done = runPhase(base, log, { stop: () => stopped });
  return {
    done,
    waitAcks: async (n: number) => {
      const target = log.acks() + n;
      const deadline = Date.now() + 60_000;
      while (log.acks() < target) {
        if (Date.now() > deadline) throw new Error(`the load acknowledged only ${log.acks()} of ${target} writes in 60 s`);
        await pause(20);
      }
    },
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

function freshDataDir(sourceDataDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-restored-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The keys that sign CSRF tokens and encrypt TOTP secrets live beside the database, not in it:
  // an operator restoring onto a new machine brings secrets.json along.
  fs.copyFileSync(path.join(sourceDataDir, 'secrets.json'), path.join(dir, 'secrets.json'));
  return dir;
}

describe('backup under load and restore (sqlite)', () => {
  it(
    `restores ${ROUNDS} online backup(s) exactly as they were taken, each a consistent snapshot`,
    async () => {
      province = await prepareProvince('sqlite', LIGHT_SEED);
      const p = province;
      const dataDir = String(p.env.DATA_DIR);
      const log = new LoadLog(await loadSetupFor(p, `bk${Date.now().toString(36)}s`));
      const versionsBefore = await staffVersions(p.query, log.setup.staffIds);
      server = await startServer(p.env, await freePort(), READY_TIMEOUT_MS);
      const load = backgroundLoad(server.base, log);
      const backups: { file: string; startedAt: number; endedAt: number; ms: number; out: string }[] = [];
      try {
        for (let round = 0; round < ROUNDS; round++) {
          await load.waitAcks(ACKS_BETWEEN);
          const file = path.join(dataDir, 'backups', `under-load-${round}.db`);
          const startedAt = Date.now();
          const r = await cadreAsync(['backup', '--out', file], p.env, 120_000);
          const endedAt = Date.now();
          expect(r.status, r.stderr).toBe(0);
          backups.push({ file, startedAt, endedAt, ms: r.ms, out: r.stderr.split('\n').pop() ?? '' });
        }
        await load.waitAcks(ACKS_BETWEEN);
      } finally {
        await load.stop();
      }
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(log.unexpected, 'answers other than success or 503').toEqual([]);
      const sourceFile = path.join(dataDir, 'cadre.db');
      const source = sqliteQuery(sourceFile);

      for (const b of backups) {
        const backup = sqliteQuery(b.file);
        const facts = await expectSnapshotOfLoad(backup, log, versionsBefore, b.startedAt, b.endedAt);
        expect(facts.ackedBefore).toBeGreaterThan(0);
        // The audit log is append-only and written in the same transaction as each change: the
        // backup's log must be exactly the source's log up to the backup's last entry.
        const [top] = await backup<{ m: number }>('select max(seq) as m from audit_log');
        const upTo = Number(top?.m);
        const inBackup = await backup<Record<string, unknown>>('select * from audit_log order by seq');
        const inSource = await source<Record<string, unknown>>('select * from audit_log where seq <= ? order by seq', [upTo]);
        expect(inBackup.length).toBe(upTo);
        expect(inBackup).toEqual(inSource);

        // Restore into a fresh instance and compare every table with the backup.
        const restoredDir = freshDataDir(dataDir);
        const env = { ...p.env, DATA_DIR: restoredDir };
        const restore = cadre(['restore', b.file], env);
        expect(restore.status, restore.stderr).toBe(0);
        const backupDigests = sqliteDigests(b.file);
        expectSameDigests(sqliteDigests(path.join(restoredDir, 'cadre.db')), backupDigests);
        const acked = log.intake.flat().find((s) => s.ack && (s.ackAt ?? Number.POSITIVE_INFINITY) < b.startedAt)?.ack;
        if (!acked) throw new Error('no intake acknowledged before the backup');
        const verified = await expectInstanceServes(env, p.token, acked);
        console.info(
          `[restore sqlite] backup ${b.ms} ms under load (${b.out}); ${Object.keys(backupDigests).length} tables, ` +
            `${backupDigests.audit_log?.rows} audit entries, ${facts.dossiers} of the load's dossiers ` +
            `(${facts.ackedBefore} acknowledged before, ${facts.sentAfter} keys sent after); ${verified}`,
        );
      }
    },
    600_000 + ROUNDS * 120_000,
  );
});

const PG = process.env.TEST_DATABASE_URL;
describe.runIf(PG)('pg_dump under load and pg_restore (postgres)', () => {
  it(
    `restores ${ROUNDS} dump(s) identical to the source at the dump's snapshot`,
    async () => {
      province = await prepareProvince('postgres', LIGHT_SEED);
      const p = province;
      const sourceUrl = String(p.env.DATABASE_URL);
      const dataDir = String(p.env.DATA_DIR);
      const log = new LoadLog(await loadSetupFor(p, `bk${Date.now().toString(36)}p`));
      const versionsBefore = await staffVersions(p.query, log.setup.staffIds);
      server = await startServer(p.env, await freePort(), READY_TIMEOUT_MS);
      const load = backgroundLoad(server.base, log);
      const dumps: { file: string; startedAt: number; endedAt: number; ms: number; digests: Digests }[] = [];
      try {
        for (let round = 0; round < ROUNDS; round++) {
          await load.waitAcks(ACKS_BETWEEN);
          const file = path.join(dataDir, `under-load-${round}.dump`);
          // One snapshot for both: pg_dump reads exactly what this transaction hashes.
          const snap = new pg.Client({ connectionString: sourceUrl });
          await snap.connect();
          try {
            const startedAt = Date.now();
            await snap.query('begin isolation level repeatable read read only');
            const id = (await snap.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
            const endedAt = Date.now();
            const dump = runAsync('pg_dump', ['--format=custom', `--snapshot=${id}`, `--file=${file}`, sourceUrl], p.env, 120_000);
            const digests = await pgDigests(snap);
            const r = await dump;
            expect(r.status, r.stderr).toBe(0);
            await snap.query('commit');
            dumps.push({ file, startedAt, endedAt, ms: r.ms, digests });
          } finally {
            await snap.end();
          }
        }
        await load.waitAcks(ACKS_BETWEEN);
      } finally {
        await load.stop();
      }
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(log.unexpected, 'answers other than success or 503').toEqual([]);

      const adminUrl = String(process.env.TEST_DATABASE_URL);
      for (const d of dumps) {
        // A fresh database, as on a new server.
        const name = `cadre_restored_${Math.random().toString(36).slice(2, 10)}`;
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        cleanups.push(async () => {
          const a = new pg.Client({ connectionString: adminUrl });
          await a.connect();
          await a.query(`drop database if exists ${name} with (force)`);
          await a.end();
        });
        const u = new URL(adminUrl);
        u.pathname = `/${name}`;
        const restoredUrl = u.toString();
        const r = await runAsync('pg_restore', ['--exit-on-error', '--no-owner', `--dbname=${restoredUrl}`, d.file], p.env, 120_000);
        expect(r.status, r.stderr).toBe(0);

        const check = new pg.Client({ connectionString: restoredUrl });
        await check.connect();
        try {
          expectSameDigests(await pgDigests(check), d.digests);
          expect(await pgSequencesBehind(check), 'sequences behind their table after restore').toEqual([]);
        } finally {
          await check.end();
        }
        const restored = await pgQuery(restoredUrl);
        let facts: Awaited<ReturnType<typeof expectSnapshotOfLoad>>;
        try {
          facts = await expectSnapshotOfLoad(restored.query, log, versionsBefore, d.startedAt, d.endedAt);
        } finally {
          await restored.end();
        }
        expect(facts.ackedBefore).toBeGreaterThan(0);
        const acked = log.intake.flat().find((s) => s.ack && (s.ackAt ?? Number.POSITIVE_INFINITY) < d.startedAt)?.ack;
        if (!acked) throw new Error('no intake acknowledged before the dump');
        const env = { ...p.env, DATABASE_URL: restoredUrl, DATA_DIR: freshDataDir(dataDir) };
        const verified = await expectInstanceServes(env, p.token, acked);
        console.info(
          `[restore postgres] pg_dump ${d.ms} ms under load; ${Object.keys(d.digests).length} tables identical, sequences ahead of their ids, ` +
            `${d.digests.audit_log?.rows} audit entries, ${facts.dossiers} of the load's dossiers ` +
            `(${facts.ackedBefore} acknowledged before, ${facts.sentAfter} keys sent after); ${verified}`,
        );
      }
    },
    600_000 + ROUNDS * 120_000,
  );
});
