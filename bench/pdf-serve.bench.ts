/**
 * The demo plan PDF through `node bin/cadre.js serve` (brief HPDF), PDF_WORKERS=0 then 1: while
 * the PDF downloads (BENCH_ROUNDS times, 2), a second client asks GET /api/v1/me every 50 ms;
 * prints the PDF times, the slowest /me answer and the non-200 answers (under-pressure's 503s).
 *
 *   BENCH_DATA_DIR=/tmp/hpdf-demo node --import tsx bench/pdf-serve.bench.ts   # a seeded demo (cadre seed demo)
 */
import { spawn } from 'node:child_process';
import { cadre, freePort, ROOT, waitFor } from './support.ts';

const DATA_DIR = process.env.BENCH_DATA_DIR;
if (!DATA_DIR) throw new Error('BENCH_DATA_DIR must name a DATA_DIR with the demo seeded (cadre migrate && cadre seed demo)');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const token = cadre(['token', 'create', '--user', 'analyst', '--name', `pdf-bench-${Date.now()}`], { DATA_DIR });
const headers = { authorization: `Bearer ${token}` };

for (const workers of ['0', '1']) {
  const port = await freePort();
  const env = { ...process.env, DATA_DIR, PORT: String(port), COOKIE_SECURE: 'false', LOG_LEVEL: 'error', PDF_WORKERS: workers };
  const child = spawn(process.execPath, ['bin/cadre.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/health/live`, child);
  await (await fetch(`${base}/api/v1/me`, { headers })).text();
  const answers: { ms: number; status: number }[] = [];
  let done = false;
  const poll = (async () => {
    while (!done) {
      const t = performance.now();
      const r = await fetch(`${base}/api/v1/me`, { headers });
      await r.text();
      answers.push({ ms: performance.now() - t, status: r.status });
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const times: string[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    const r = await fetch(`${base}/api/v1/training/plans/1/document.pdf`, { headers });
    const kib = (await r.arrayBuffer()).byteLength / 1024;
    times.push(`${r.status} ${kib.toFixed(0)} KiB ${((performance.now() - t) / 1000).toFixed(2)} s`);
  }
  done = true;
  await poll;
  const bad = answers.filter((a) => a.status !== 200);
  console.log(
    `| ${workers} | ${times.join('; ')} | ${answers.length} | ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} | ${bad.length}${bad.length ? ` (${[...new Set(bad.map((b) => b.status))].join(', ')})` : ''} |`,
  );
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
