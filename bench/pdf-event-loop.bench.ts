/**
 * Event-loop stall while the demo province's training plan PDF renders (brief HPDF): pdfmake on
 * the main thread (PDF_WORKERS=0, the code path renderPdf had before) against the render worker
 * pool (PDF_WORKERS=1). perf_hooks.monitorEventLoopDelay (10 ms resolution) runs during each
 * render; its max is what @fastify/under-pressure compares with maxEventLoopDelay (2000 ms).
 *
 *   node --import tsx bench/pdf-event-loop.bench.ts                      # seeds the demo into a temp DATA_DIR
 *   BENCH_DATA_DIR=/tmp/hpdf-demo node --import tsx bench/pdf-event-loop.bench.ts   # a seeded demo
 *   BENCH_ROUNDS=5 …
 *
 * The first render of each mode is reported apart: it includes loading pdfmake (and, for the
 * pool, starting the worker thread with tsx).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { planPdf } from '../src/modules/training/plan-documents/plan-pdf.ts';
import { planDocumentOf } from '../src/modules/training/plan-versions/use-cases/plan-document.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { parseConfig } from '../src/platform/config.ts';
import { connectDatabase } from '../src/platform/db/connect.ts';
import { translator } from '../src/platform/i18n/index.ts';
import { configurePdfRendering, stopPdfRendering } from '../src/platform/pdf/pdf.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { cadre, median } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const log = (s: string) => process.stderr.write(`${s}\n`);

let dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-pdf-bench-'));
  const env = { DATA_DIR: dataDir, DEMO_PASSWORD: 'bench-password-1', LOG_LEVEL: 'silent' };
  log(`seeding the demo into ${dataDir}`);
  cadre(['migrate'], env);
  cadre(['seed', 'demo'], env);
}
const config = parseConfig({ DATA_DIR: dataDir });
const database = connectDatabase({ sqlitePath: config.sqlitePath });
const plan = await database.db
  .selectFrom('trainingPlans')
  .select(['id', 'provinceCode'])
  .where('status', '=', 'DONE')
  .orderBy('id')
  .executeTakeFirstOrThrow();
const tVi = translator('vi');
const doc = await planDocumentOf({ db: database.db, clock: systemClock }, SYSTEM_ACTOR(plan.provinceCode), plan.id, tVi, 'vi');
const attendances = doc.classes.reduce((s, k) => s + k.participants.length, 0);
log(
  `plan ${plan.id}: ${doc.classes.length} classes, ${attendances} attendances; annex capped at EXPORT_PDF_MAX_ROWS=${config.EXPORT_PDF_MAX_ROWS}`,
);

type Sample = { seconds: number; maxStallMs: number; maxGapMs: number; bytes: number };

/** Resolves after the loop has run its timers once more (a stalled loop records its delay when the timer finally fires). */
const settle = () => new Promise((r) => setTimeout(r, 50));

async function measured(): Promise<Sample> {
  await settle();
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  // A second, plain probe: the longest gap between 10 ms interval ticks.
  let last = performance.now();
  let maxGapMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 10);
  const t = performance.now();
  const pdf = await planPdf(doc, tVi, 'vi', { maxAnnexRows: config.EXPORT_PDF_MAX_ROWS });
  const seconds = (performance.now() - t) / 1000;
  await settle();
  clearInterval(tick);
  h.disable();
  return { seconds, maxStallMs: h.max / 1e6, maxGapMs, bytes: pdf.length };
}

const rows: string[] = [];
for (const [label, workers] of [
  ['main thread (PDF_WORKERS=0, as before)', 0],
  ['worker pool (PDF_WORKERS=1)', 1],
] as const) {
  configurePdfRendering({ workers });
  const first = await measured();
  const samples: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await measured());
  await stopPdfRendering();
  const fmt = (xs: number[], d: number) => `${median(xs).toFixed(d)} (max ${Math.max(...xs).toFixed(d)})`;
  const row = `| ${label} | ${first.seconds.toFixed(2)} / ${first.maxStallMs.toFixed(0)} / ${first.maxGapMs.toFixed(0)} | ${fmt(
    samples.map((s) => s.seconds),
    2,
  )} | ${fmt(
    samples.map((s) => s.maxStallMs),
    0,
  )} | ${fmt(
    samples.map((s) => s.maxGapMs),
    0,
  )} | ${(first.bytes / 1024).toFixed(0)} |`;
  log(row);
  rows.push(row);
}
await database.close();

console.log(
  `Plan ${plan.id}: ${doc.classes.length} classes, ${attendances} attendances; ${ROUNDS} rounds after a first render; load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('');
console.log(
  '| Rendering | first render: s / stall ms / tick gap ms | render s, median (max) | monitorEventLoopDelay max ms, median (max) | longest 10 ms tick gap ms, median (max) | PDF KiB |',
);
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
