/**
 * The inbox (GET /api/v1/inbox, the counter's /inbox page) as a unit's open backlog grows: the
 * counter officer's first page on the freshly seeded demo province (the baseline) and again after
 * open dossiers waiting for the counter were added to the same ward, in the same run. Figures are
 * ratios of the median call time: an inbox whose first page costs what the whole backlog costs
 * shows it here. Found by the 30-minute SQLite soak of 14b739b: its intakes (2,464, all to one
 * ward, none processed) grew that ward's backlog from 357 to about 2,800, and the window p99 of
 * the interactive requests grew with it (+256 ms/h ± 53).
 *
 *   npm run bench:inbox-backlog
 *   BENCH_STEPS=500,2000,5000 BENCH_DIALECTS=postgres npm run bench:inbox-backlog
 *
 * Calls go through listInbox of the use case: the repository's queries, the lifecycle, the
 * due-state overlay and the mapping.
 */
import { sql } from 'kysely';
import { InboxQuerySchema } from '../src/modules/dossiers/processing/processing.schemas.ts';
import type { ProcessingDeps } from '../src/modules/dossiers/processing/use-cases/deps.ts';
import { listInbox } from '../src/modules/dossiers/processing/use-cases/inbox.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import type { DatabaseHandle } from '../src/platform/db/connect.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { benchDialects, type Dialect, machine, median, seededDemo, timed } from './support.ts';

const STEPS = (process.env.BENCH_STEPS ?? '500,2000').split(',').map(Number);
const CALLS = Number(process.env.BENCH_CALLS ?? 20);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (s: string) => process.stderr.write(`${s}\n`);

async function medianCall(handle: DatabaseHandle, actor: Actor): Promise<{ ms: number; total: number }> {
  const deps = { db: handle.db, clock: systemClock } as unknown as ProcessingDeps;
  const query = InboxQuerySchema.parse({ pageSize: '20' });
  let last = await listInbox(deps, actor, query); // warm: statements prepared, pages cached
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const [ms, r] = await timed(() => listInbox(deps, actor, query));
    times.push(ms);
    last = r;
  }
  return { ms: median(times), total: last.total };
}

/** `count` dossiers received at the ward's counter and not yet passed on: copies of one of its dossiers (status 2, first step, no assignee), due a minute apart from tomorrow. */
async function addReceived(handle: DatabaseHandle, dialect: Dialect, wardId: number, count: number, tag: string): Promise<void> {
  const series =
    dialect === 'sqlite'
      ? `with recursive s(g) as (select 1 union all select g + 1 from s where g < ${count})`
      : `with s as (select generate_series(1, ${count}) as g)`;
  const dueAt =
    dialect === 'sqlite'
      ? `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 day', '+' || g || ' minutes')`
      : `now() + interval '1 day' + g * interval '1 minute'`;
  await sql
    .raw(
      `insert into dossiers (province_code, code, receiving_unit_id, competent_unit_id, procedure_id, channel, status,
        applicant_name, applicant_name_search, received_at, valid_at, due_at, created_at, updated_at, created_by)
       ${series}
       select d.province_code, d.code || '-${tag}' || g, ${wardId}, ${wardId}, d.procedure_id, d.channel, 2,
         d.applicant_name, d.applicant_name_search, d.received_at, d.valid_at, ${dueAt}, d.created_at, d.updated_at, d.created_by
       from s, (select * from dossiers where competent_unit_id = ${wardId} order by id limit 1) d`,
    )
    .execute(handle.db);
  const made = await handle.db
    .selectFrom('dossiers')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('code', 'like', `%-${tag}%`)
    .executeTakeFirstOrThrow();
  if (Number(made.n) !== count) throw new Error(`${count} dossiers asked for, ${made.n} made`);
  await sql.raw(dialect === 'postgres' ? 'analyze dossiers' : 'analyze').execute(handle.db);
}

async function benchDialect(dialect: Dialect): Promise<string> {
  const { handle, counter, close } = await seededDemo(dialect, PG_ADMIN, 14);
  try {
    const { wardId } = counter;
    const actor = {
      userId: counter.userId,
      role: 'counter_officer',
      unitId: wardId,
      provinceCode: counter.provinceCode,
    } as unknown as Actor;
    const cells: string[] = [];
    const seed = await medianCall(handle, actor);
    cells.push(`${seed.ms.toFixed(1)} (${seed.total})`);
    let added = 0;
    for (const [i, step] of STEPS.entries()) {
      const started = performance.now();
      await addReceived(handle, dialect, wardId, step - added, `B${i}-`);
      added = step;
      log(`${dialect}: backlog +${step} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      const m = await medianCall(handle, actor);
      cells.push(`${m.ms.toFixed(1)} (${m.total}) ×${(m.ms / seed.ms).toFixed(1)}`);
    }
    return `| ${dialect} | ${cells.join(' | ')} |`;
  } finally {
    await close();
  }
}

const rows: string[] = [];
for (const dialect of await benchDialects(PG_ADMIN)) rows.push(await benchDialect(dialect));
console.log(`Counter officer's inbox, first page of 20: median ms of ${CALLS} calls (items in the inbox) and ÷ the seed; ${machine()}`);
console.log(`| Dialect | seed | ${STEPS.map((s) => `+${s} received`).join(' | ')} |`);
console.log(`|---|---|${STEPS.map(() => '---').join('|')}|`);
for (const r of rows) console.log(r);
