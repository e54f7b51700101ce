import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { childEnv, ROOT } from '../crash/cadre-process.ts';

/**
 * The demo province a load or soak run works on. Seeding a year of dossiers takes minutes, so
 * it is done once per seed profile and schema and cached: for SQLite as a data directory under
 * LOAD_CACHE_DIR, for PostgreSQL as a template database; every run works on a fresh copy, so
 * the dossiers one run receives never change the next run's figures. Loopback only.
 */

export type Dialect = 'sqlite' | 'postgres';

export type SeedProfile = {
  name: string;
  staffPerUnit: number;
  dossierDays: number;
};

/** The demo province: 40 units × 40 staff, a year of dossiers. */
export const FULL_PROFILE: SeedProfile = { name: 'full', staffPerUnit: 40, dossierDays: 365 };
/** For the short forms in CI: the same province with fewer people and two weeks of dossiers. */
export const SMALL_PROFILE: SeedProfile = { name: 'small', staffPerUnit: 5, dossierDays: 14 };

export const PASSWORD = 'load-Password-2026';
/** Accounts the simulated users act as (demo accounts; none is an administrator, so no TOTP). */
export const ACTORS = ['counter', 'specialist', 'leader', 'analyst'] as const;
export type ActorName = (typeof ACTORS)[number];

export type ProvinceFacts = {
  tokens: Record<ActorName, string>;
  /** The counter officer's ward: the competent unit of the dossiers the load receives. */
  counterUnitId: number;
  /** Dossiers of the counter's ward (visible to counter, specialist and leader). */
  unitDossierIds: number[];
  /** Code and phone ending of dossiers across the province, for public tracking. */
  tracked: { code: string; phone4: string }[];
  /** The specialist's own sheet in the open campaign (the self-assessment the load submits). */
  review: { campaignId: number; participantId: number } | null;
};

export type LoadProvince = {
  dialect: Dialect;
  /** Environment of the `cadre serve` child: DATA_DIR and, on PostgreSQL, DATABASE_URL. */
  env: NodeJS.ProcessEnv;
  facts: ProvinceFacts;
  /** True when the seeded copy came from the cache. */
  fromCache: boolean;
  cleanup: () => Promise<void>;
};

function cacheRoot(): string {
  return process.env.LOAD_CACHE_DIR ?? path.join(os.tmpdir(), 'cadre-load-cache');
}

/** Schema and demo generator fingerprint: a new migration or a changed seed invalidates the cache. */
function cacheKey(profile: SeedProfile): string {
  const h = createHash('sha256').update(JSON.stringify(profile));
  const dirs = [path.join(ROOT, 'src/platform/db/migrations'), path.join(ROOT, 'src/modules/demo')];
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.endsWith('.test.ts')) continue;
      h.update(f).update(fs.readFileSync(path.join(dir, f)));
    }
  }
  return `${profile.name}-${h.digest('hex').slice(0, 12)}`;
}

async function withPg<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

function dbUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

type Rows = <T>(sql: string) => Promise<T[]>;

/** Reads what the workload needs from a freshly seeded database (plain SQL, both dialects). */
async function readFacts(rows: Rows, tokens: Record<ActorName, string>): Promise<Omit<ProvinceFacts, 'review'> & { specialist: number }> {
  const [counter] = await rows<{ unit_id: number }>("select unit_id from users where username = 'counter'");
  const [specialist] = await rows<{ staff_id: number | null }>("select staff_id from users where username = 'specialist'");
  if (!counter) throw new Error('the demo has no counter officer');
  const unitId = Number(counter.unit_id);
  const ids = await rows<{ id: number }>(`select id from dossiers where competent_unit_id = ${unitId} order by id desc limit 400`);
  const tracked = await rows<{ code: string; applicant_phone: string }>(
    'select code, applicant_phone from dossiers where applicant_phone is not null and length(applicant_phone) >= 4 order by id desc limit 400',
  );
  return {
    tokens,
    counterUnitId: unitId,
    unitDossierIds: ids.map((r) => Number(r.id)),
    tracked: tracked.map((r) => ({ code: r.code, phone4: r.applicant_phone.replace(/\D/g, '').slice(-4) })),
    specialist: Number(specialist?.staff_id ?? 0),
  };
}

async function openReview(rows: Rows, staffId: number): Promise<{ campaignId: number; participantId: number } | null> {
  const [p] = await rows<{ id: number; campaign_id: number }>(
    `select p.id, p.campaign_id from review_participants p join review_campaigns c on c.id = p.campaign_id
     where p.staff_id = ${staffId} and c.status = 'SELF_ASSESSMENT' order by p.id limit 1`,
  );
  return p ? { campaignId: Number(p.campaign_id), participantId: Number(p.id) } : null;
}

function seedArgs(profile: SeedProfile): string[] {
  return [
    'seed',
    'demo',
    '--password',
    PASSWORD,
    '--staff-per-unit',
    String(profile.staffPerUnit),
    '--dossier-days',
    String(profile.dossierDays),
  ];
}

/** Runs the `cadre` command; seeding a full year takes minutes, hence the long bound. */
function run(args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, ['bin/cadre.js', ...args], {
    cwd: ROOT,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  if (r.status !== 0) throw new Error(`cadre ${args.slice(0, 2).join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout.trim();
}

function createTokens(env: NodeJS.ProcessEnv): Record<ActorName, string> {
  const tokens = {} as Record<ActorName, string>;
  for (const user of ACTORS) tokens[user] = run(['token', 'create', '--user', user, '--name', 'load'], env);
  return tokens;
}

type CacheEntry = { dir: string; meta: string; ready: boolean };

function cacheEntry(profile: SeedProfile, dialect: Dialect): CacheEntry {
  const dir = path.join(cacheRoot(), `${cacheKey(profile)}-${dialect}`);
  const meta = path.join(dir, 'facts.json');
  return { dir, meta, ready: fs.existsSync(meta) };
}

/** Seeds the SQLite cache entry if needed, then copies it into a fresh data directory. */
async function sqliteProvince(profile: SeedProfile, log: (s: string) => void): Promise<LoadProvince> {
  const entry = cacheEntry(profile, 'sqlite');
  const fromCache = entry.ready;
  if (!entry.ready) {
    const building = `${entry.dir}.building-${randomBytes(3).toString('hex')}`;
    fs.mkdirSync(building, { recursive: true });
    const env = { DATA_DIR: building, LOG_LEVEL: 'warn' };
    log(`seeding the demo province (${profile.name}) on SQLite into ${entry.dir} …`);
    run(seedArgs(profile), env);
    const tokens = createTokens(env);
    const db = new Database(path.join(building, 'cadre.db'), { readonly: true, fileMustExist: true });
    const rows: Rows = async <T>(sql: string) => db.prepare(sql).all() as T[];
    const facts = await readFacts(rows, tokens);
    const review = await openReview(rows, facts.specialist);
    db.close();
    fs.writeFileSync(path.join(building, 'facts.json'), JSON.stringify({ ...facts, review }));
    fs.rmSync(entry.dir, { recursive: true, force: true });
    fs.renameSync(building, entry.dir);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-load-'));
  for (const f of ['cadre.db', 'cadre.db-wal', 'secrets.json']) {
    const from = path.join(entry.dir, f);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dataDir, f));
  }
  const facts = JSON.parse(fs.readFileSync(entry.meta, 'utf8')) as ProvinceFacts;
  return {
    dialect: 'sqlite',
    env: { DATA_DIR: dataDir },
    facts,
    fromCache,
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Seeds a PostgreSQL template database if needed, then creates this run's database from it. */
async function postgresProvince(profile: SeedProfile, adminUrl: string, log: (s: string) => void): Promise<LoadProvince> {
  const entry = cacheEntry(profile, 'postgres');
  const template = `cadre_load_${cacheKey(profile).replace(/[^a-z0-9]/g, '_')}`;
  const exists = (await withPg(adminUrl, (c) => c.query('select 1 from pg_database where datname = $1', [template]))).rowCount === 1;
  const fromCache = entry.ready && exists;
  if (!fromCache) {
    fs.rmSync(entry.dir, { recursive: true, force: true });
    fs.mkdirSync(entry.dir, { recursive: true });
    await withPg(adminUrl, async (c) => {
      await c.query(`drop database if exists ${template} with (force)`);
      await c.query(`create database ${template}`);
    });
    const env = { DATA_DIR: entry.dir, LOG_LEVEL: 'warn', DATABASE_URL: dbUrl(adminUrl, template) };
    log(`seeding the demo province (${profile.name}) on PostgreSQL into ${template} …`);
    run(seedArgs(profile), env);
    const tokens = createTokens(env);
    const { facts, review } = await withPg(env.DATABASE_URL, async (c) => {
      const rows: Rows = async <T>(sql: string) => (await c.query(sql)).rows as T[];
      const f = await readFacts(rows, tokens);
      return { facts: f, review: await openReview(rows, f.specialist) };
    });
    fs.writeFileSync(entry.meta, JSON.stringify({ ...facts, review }));
  }
  const name = `cadre_load_run_${randomBytes(5).toString('hex')}`;
  await withPg(adminUrl, (c) => c.query(`create database ${name} template ${template}`));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-load-'));
  fs.copyFileSync(path.join(entry.dir, 'secrets.json'), path.join(dataDir, 'secrets.json'));
  const facts = JSON.parse(fs.readFileSync(entry.meta, 'utf8')) as ProvinceFacts;
  return {
    dialect: 'postgres',
    env: { DATA_DIR: dataDir, DATABASE_URL: dbUrl(adminUrl, name) },
    facts,
    fromCache,
    cleanup: async () => {
      await withPg(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function loadProvince(
  dialect: Dialect,
  profile: SeedProfile,
  opts: { pgAdminUrl?: string; log?: (s: string) => void } = {},
): Promise<LoadProvince> {
  const log = opts.log ?? ((s: string) => console.log(s));
  if (dialect === 'sqlite') return sqliteProvince(profile, log);
  if (!opts.pgAdminUrl) throw new Error('PostgreSQL needs TEST_DATABASE_URL (an admin URL on 127.0.0.1)');
  return postgresProvince(profile, opts.pgAdminUrl, log);
}
