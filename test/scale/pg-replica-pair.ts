import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../crash/cadre-process.ts';

/**
 * A throw-away PostgreSQL 15 primary and a streaming replica on loopback, made with Debian's
 * binaries as the postgres OS user in a temp directory: initdb, pg_ctl start, pg_basebackup -R
 * from the primary, pg_ctl start of the standby. The machine's running server is not used as the
 * primary because its pg_hba.conf has no `replication` line (`all` does not match replication
 * connections) and pg_hba cannot be changed through ALTER SYSTEM; a pair of our own touches no
 * shared configuration and goes away with the directory. Only available when run as root (to
 * switch to the postgres user) or as postgres; otherwise `available()` says why.
 */

const BIN = '/usr/lib/postgresql/15/bin';

export type ReplicaPair = {
  primaryUrl: (db: string) => string;
  replicaUrl: (db: string) => string;
  /** Takes the base backup of the primary as it is now (-R: a standby) and starts it. Once. */
  makeReplica: () => void;
  /** Stops the standby (fast shutdown): the "replica down" case. */
  stopReplica: () => void;
  startReplica: () => void;
  /** Pauses / resumes WAL replay on the standby, so a write on the primary is visibly not there yet. */
  pauseReplay: () => Promise<void>;
  resumeReplay: () => Promise<void>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  waitForReplay: () => Promise<void>;
  stop: () => void;
};

export function replicaPairUnavailable(): string | null {
  if (!fs.existsSync(path.join(BIN, 'pg_basebackup'))) return `no PostgreSQL 15 binaries in ${BIN}`;
  const uid = process.getuid?.();
  if (uid !== 0 && os.userInfo().username !== 'postgres') return 'must run as root or postgres to start a PostgreSQL server';
  return null;
}

function asPostgres(cmd: string, args: string[]): string {
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args]] : [path.join(BIN, cmd), args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

async function sql<T>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const why = replicaPairUnavailable();
  if (why) throw new Error(why);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-pgpair-'));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const serverOpts = (port: number) => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=32MB`;
  const url = (port: number) => (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  let primaryUp = false;
  let replicaUp = false;
  const stopAll = () => {
    for (const [up, d] of [
      [replicaUp, replicaDir],
      [primaryUp, primaryDir],
    ] as const) {
      if (!up) continue;
      try {
        asPostgres('pg_ctl', ['-D', d, '-m', 'immediate', '-w', 'stop']);
      } catch {}
    }
    replicaUp = false;
    primaryUp = false;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // initdb with --auth=trust writes `host replication all 127.0.0.1/32 trust` into its pg_hba.conf.
    asPostgres('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
    asPostgres('pg_ctl', [
      '-D',
      primaryDir,
      '-o',
      serverOpts(primaryPort),
      '-l',
      path.join(dir, 'primary.log'),
      '-w',
      '-t',
      '120',
      'start',
    ]);
    primaryUp = true;
  } catch (e) {
    stopAll();
    throw e;
  }
  const startReplica = () => {
    asPostgres('pg_ctl', [
      '-D',
      replicaDir,
      '-o',
      serverOpts(replicaPort),
      '-l',
      path.join(dir, 'replica.log'),
      '-w',
      '-t',
      '120',
      'start',
    ]);
    replicaUp = true;
  };
  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(replicaPort),
    makeReplica: () => {
      // -R writes standby.signal and primary_conninfo; -X stream copies the WAL needed to start;
      // -c fast: an immediate checkpoint (the default spread one can take minutes on an idle primary).
      asPostgres('pg_basebackup', [
        '-h',
        '127.0.0.1',
        '-p',
        String(primaryPort),
        '-U',
        'postgres',
        '-D',
        replicaDir,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
      ]);
      startReplica();
    },
    stopReplica: () => {
      asPostgres('pg_ctl', ['-D', replicaDir, '-m', 'fast', '-w', 'stop']);
      replicaUp = false;
    },
    startReplica,
    pauseReplay: async () => {
      await sql(url(replicaPort)('postgres'), 'select pg_wal_replay_pause()');
    },
    resumeReplay: async () => {
      await sql(url(replicaPort)('postgres'), 'select pg_wal_replay_resume()');
    },
    waitForReplay: async () => {
      const [target] = await sql<{ lsn: string }>(url(primaryPort)('postgres'), 'select pg_current_wal_lsn()::text as lsn');
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const [r] = await sql<{ caught: boolean }>(
          url(replicaPort)('postgres'),
          `select pg_last_wal_replay_lsn() >= '${target?.lsn}'::pg_lsn as caught`,
        );
        if (r?.caught) return;
        await new Promise((res) => setTimeout(res, 100));
      }
      throw new Error('the replica did not catch up within 30 s');
    },
    stop: stopAll,
  };
}
