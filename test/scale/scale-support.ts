import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { childEnv, type Province, ROOT } from '../crash/cadre-process.ts';
import { sequencesByPrefix } from './cluster.ts';

/** Known password given to demo accounts the scale tests sign in with (set through the CLI). */
export const SCALE_PASSWORD = 'scale-Password-2026';

/**
 * The demo province on a fresh database of the PostgreSQL server `adminUrl` names (default
 * TEST_DATABASE_URL); fails loudly when none is configured. Like prepareProvince of the crash
 * tests, but with one day of demo dossiers instead of fourteen and a seed timeout fit for a
 * loaded machine: seeding is most of a short run's time.
 */
export async function preparePgProvince(adminUrl = process.env.TEST_DATABASE_URL): Promise<Province> {
  if (!adminUrl) throw new Error('scale-out tests need PostgreSQL: set TEST_DATABASE_URL (npm run test:scale sets the local default)');
  const name = `cadre_scale_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-scale-'));
  // High rate limit: every client of the test comes from 127.0.0.1.
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', DATABASE_URL: url.toString() };
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  let connected = false;
  const query = async <T>(text: string, params: unknown[] = []) => {
    if (!connected) {
      await client.connect();
      connected = true;
    }
    const numbered = text.replace(/\?/g, (_, i: number, whole: string) => `$${whole.slice(0, i).split('?').length}`);
    return (await client.query(numbered, params)).rows as T[];
  };
  const cleanup = async () => {
    if (connected) await client.end();
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const seeded = cadreCli(['seed', 'demo', '--password', SCALE_PASSWORD, '--staff-per-unit', '5', '--dossier-days', '1'], env);
    if (seeded.status !== 0) throw new Error(`seed failed (${seeded.status}): ${seeded.stderr}`);
    const token = cadreCli(['token', 'create', '--user', 'counter', '--name', 'scale'], env);
    if (token.status !== 0) throw new Error(`token create failed: ${token.stderr}`);
    const [row] = await query<{ unit_id: number }>("select unit_id from users where username = 'counter'");
    if (!row) throw new Error('the demo has no counter officer');
    return { env, token: token.stdout, unitId: Number(row.unit_id), query, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Runs the `cadre` command with a timeout fit for a loaded machine (the crash tests' cadre() gives 60 s). */
export function cadreCli(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/cadre.js', ...args], { cwd: ROOT, env: childEnv(env), encoding: 'utf8', timeout: 300_000 });
  return {
    status: r.status,
    stdout: (r.stdout ?? '').trim(),
    stderr: `${(r.stderr ?? '').trim()}${r.signal ? ` (killed: ${r.signal})` : ''}`,
  };
}

export const INTAKE_PROCEDURE = '1.001193';

export function intakeBody(unitId: number, tag: string): Record<string, unknown> {
  return {
    procedureCode: INTAKE_PROCEDURE,
    competentUnitId: unitId,
    channel: 'IN_PERSON',
    applicantName: `Trần Thị Mở Rộng ${tag}`,
    applicantPhone: '0905333444',
    summary: `Hồ sơ thử nghiệm mở rộng ${tag}`,
  };
}

export type IntakeOutcome = { status: number; code: string | null; backend: string | null };

/** One intake through `base` with an Idempotency-Key; retried once on a transport error. */
export async function postIntake(base: string, token: string, key: string, body: Record<string, unknown>): Promise<IntakeOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${base}/api/v1/dossiers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await res.json().catch(() => ({}))) as { code?: string };
      return { status: res.status, code: json.code ?? null, backend: res.headers.get('x-cadre-backend') };
    } catch (e) {
      if (attempt >= 1) throw e;
    }
  }
}

/**
 * The dossier codes of the agencies and days the test received into, every dossier of those
 * days counted (the demo seed may receive some today too): each group must run 1..n with no
 * gap and no repeat, and its counter must stand at n. Answers the problems found.
 */
export async function codeProblems(p: Province, testCodes: readonly string[]): Promise<string[]> {
  const prefixes = new Set(testCodes.map((c) => c.replace(/-\d+$/, '')));
  const codes = (await p.query<{ code: string }>('select code from dossiers')).map((r) => r.code);
  const counters = await p.query<{ agency_code: string; day: string; last_seq: number }>(
    'select agency_code, day, last_seq from dossier_code_counters',
  );
  const problems: string[] = [];
  if (new Set(codes).size !== codes.length) problems.push('duplicate dossier codes');
  for (const [prefix, seqs] of sequencesByPrefix(codes)) {
    if (!prefixes.has(prefix)) continue;
    const gapFree = seqs.every((s, i) => s === i + 1);
    if (!gapFree) problems.push(`${prefix}: sequence ${seqs.join(',')} is not 1..${seqs.length}`);
    const counter = counters.find((c) => `${c.agency_code}-${c.day}` === prefix);
    if (Number(counter?.last_seq) !== seqs.length) problems.push(`${prefix}: counter at ${counter?.last_seq}, ${seqs.length} codes`);
  }
  return problems;
}
