import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, expect, it } from 'vitest';
import type { AttackServer } from '../support/cadre-server.ts';
import { LIMITS } from '../support/mode.ts';
import { ensureDebianTools } from '../support/tools.ts';
import { startVulnerableTwin } from '../support/vulnerable-twin.ts';
import { WebClient } from '../support/web-client.ts';

const WAPITI_RUN = path.join(import.meta.dirname, '../support/wapiti-run.py');

/**
 * wapiti crawls the pages (anonymous, then signed in as officers) and attacks every link and
 * form it finds with reflected and stored XSS, open redirect, CRLF, command execution and
 * path traversal payloads, bounded by --max-scan-time. Zero findings. Forms carry their
 * CSRF field, so wapiti's POSTs reach the handlers. Sign-out and the language switch are
 * excluded so the session and locale hold for the whole scan.
 */
const MODULES = 'xss,permanentxss,redirect,crlf,exec,file';

type Report = {
  vulnerabilities: Record<string, unknown[]>;
  anomalies: Record<string, unknown[]>;
  infos?: Record<string, unknown>;
  /** From wapiti's session database: resources it found, and (resource, module) attacks it ran. */
  coverage: { resources: number; attacks: number };
};

/** What the scan covered, read from the session database wapiti stores (--store-session). */
function coverageOf(dir: string): Report['coverage'] {
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.db'));
  if (!file) return { resources: 0, attacks: 0 };
  const db = new Database(path.join(dir, file), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    return { resources: count('paths'), attacks: count('attack_log') };
  } finally {
    db.close();
  }
}

async function wapiti(base: string, label: string, cookie: string | null, start: string[]): Promise<Report> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cadre-wapiti-${label}-`));
  const report = path.join(dir, 'report.json');
  const seconds = LIMITS.wapitiScanSeconds;
  const args = [
    '-u',
    `${base}/`,
    '--scope',
    'folder',
    '-m',
    MODULES,
    '-d',
    '4',
    '--max-links-per-page',
    '40',
    '--max-files-per-dir',
    '30',
    '--max-scan-time',
    String(seconds),
    '--max-attack-time',
    String(Math.ceil(seconds / 8)),
    '-t',
    '10',
    '--flush-session',
    '--store-session',
    dir,
    '--store-config',
    dir,
    '-f',
    'json',
    '-o',
    report,
    '-v',
    '0',
    '--no-bugreport',
    '-x',
    `${base}/logout`,
    '-x',
    `${base}/lang*`,
    '-x',
    `${base}/static/*`,
  ];
  for (const p of start) args.push('-s', `${base}${p}`);
  if (cookie) args.push('-H', `Cookie: ${cookie}`);
  // Debian's wapiti through a wrapper that fixes its exclusion patterns for Python 3.11 and asks for
  // encodings its HTTP library can decode (see the file): without it the scans ran nothing.
  const child = spawn('/usr/bin/python3', [WAPITI_RUN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    out += b.toString();
  });
  // Hard stop a minute after wapiti's own limit, in case it does not honour it.
  const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
  await new Promise<void>((resolve) => child.once('close', () => resolve()));
  clearTimeout(timer);
  fs.writeFileSync(path.join(dir, 'output.txt'), out);
  if (!fs.existsSync(report)) throw new Error(`wapiti (${label}) wrote no report: ${out.slice(-2000)}`);
  const coverage = coverageOf(dir);
  console.info(`wapiti (${label}): ${coverage.resources} resources, ${coverage.attacks} attacks; report in ${report}`);
  return { ...(JSON.parse(fs.readFileSync(report, 'utf8')) as Omit<Report, 'coverage'>), coverage };
}

function findings(r: Report): string[] {
  return Object.entries(r.vulnerabilities).flatMap(([kind, list]) => list.map((v) => `${kind}: ${JSON.stringify(v).slice(0, 400)}`));
}

export function wapitiChecks(server: () => AttackServer): void {
  beforeAll(() => ensureDebianTools(), 900_000);

  it('wapiti flags a deliberately vulnerable twin, so "no findings" below means something', async () => {
    const twin = await startVulnerableTwin();
    try {
      const r = await wapiti(twin.base, 'twin', null, ['/hello?name=x']);
      expect(r.vulnerabilities['Cross Site Scripting']?.length ?? 0).toBeGreaterThan(0);
    } finally {
      await twin.close();
    }
  });

  it('wapiti: no script injection, open redirect or CRLF on the public pages', async () => {
    const r = await wapiti(server().base, 'anonymous', null, ['/login', '/track?code=abc&phone4=1234', '/submit', '/feedback', '/docs']);
    console.info('wapiti anomalies (anonymous):', JSON.stringify(r.anomalies).slice(0, 2000));
    expect(findings(r)).toEqual([]);
    // "No findings" only means something if wapiti crawled past its start pages and attacked.
    expect(r.coverage.resources).toBeGreaterThan(5);
    expect(r.coverage.attacks).toBeGreaterThan(0);
  });

  it.each(['counter', 'leader'])('wapiti: no script injection, open redirect or CRLF on the pages %s reaches', async (username) => {
    const s = server();
    // A session of its own, so wapiti's form posts cannot disturb other checks' sessions.
    const client = new WebClient(s.base);
    await client.login(username, 'crash-Password-2026');
    const r = await wapiti(s.base, username, client.cookieHeader(), ['/', '/dossiers', '/feedback/manage', '/staff', '/units']);
    console.info(`wapiti anomalies (${username}):`, JSON.stringify(r.anomalies).slice(0, 2000));
    expect(findings(r)).toEqual([]);
    expect(r.coverage.resources).toBeGreaterThan(5);
    expect(r.coverage.attacks).toBeGreaterThan(0);
    // The session survived the scan, so the pages behind sign-in were really attacked.
    expect((await client.get('/')).status).toBe(200);
  });
}
