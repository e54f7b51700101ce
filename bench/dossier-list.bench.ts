/**
 * The paged dossier list (GET /api/v1/dossiers, the counter's and the analyst's first page)
 * as the dossiers table grows: the same list calls on the freshly seeded demo province (about
 * 300 dossiers: the baseline) and again after more dossiers were added to the same database, in
 * the same run. The figures are ratios of the median call time per case: a list whose page costs grow with the table shows it here (the scale-out capacity
 * rounds of test/scale/capacity.ts saw the list fall from 84 to 12 req/s as intake rounds
 * added tens of thousands of dossiers).
 *
 *   npm run bench:dossier-list
 *   BENCH_EXTRA=200000 BENCH_CALLS=40 BENCH_DIALECTS=postgres npm run bench:dossier-list
 *
 * The table grows twice (EXTRA, then 3 × EXTRA more): the last ratio shows whether a page's cost
 * still follows the table's size once the count cap (10,000) is reached.
 * The extra dossiers: half go to the counter officer's ward (a busy ward's year and more), the
 * rest spread over every other current unit, created a second apart after the seed's newest.
 * Cases: the ward's first page (counter officer: received or competent), its page 20, the
 * ward's open dossiers of one status, and the whole province's first page (an analyst).
 * Calls go through listDossiers of the use case: the repository's queries and the mapping.
 */
import { sql } from 'kysely';
import { DossierListQuerySchema } from '../src/modules/dossiers/dossiers.schemas.ts';
import type { DossiersDeps } from '../src/modules/dossiers/use-cases/deps.ts';
import { listDossiers } from '../src/modules/dossiers/use-cases/read-dossiers.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import type { DatabaseHandle } from '../src/platform/db/connect.ts';
import { benchDialects, type Dialect, machine, median, seededDemo, timed } from './support.ts';

const EXTRA = Number(process.env.BENCH_EXTRA ?? 50_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 30);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const log = (s: string) => process.stderr.write(`${s}\n`);

type Case = { name: string; actor: Actor; query: Record<string, string> };

async function medianCall(handle: DatabaseHandle, c: Case): Promise<{ ms: number; total: number; capped: boolean }> {
  const deps = { db: handle.db } as unknown as DossiersDeps;
  const query = DossierListQuerySchema.parse(c.query);
  let last = await listDossiers(deps, c.actor, query); // warm: statements prepared, pages cached
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const [ms, r] = await timed(() => listDossiers(deps, c.actor, query));
    times.push(ms);
    last = r;
  }
  return { ms: median(times), total: last.total, capped: last.totalCapped };
}

/** EXTRA dossiers copied from one seeded row: half to `wardId`, the rest over `otherUnits`, a second apart. */
async function addDossiers(
  handle: DatabaseHandle,
  dialect: Dialect,
  wardId: number,
  otherUnits: number[],
  count: number,
  tag: string,
): Promise<void> {
  const units = dialect === 'sqlite' ? `json_each('${JSON.stringify(otherUnits)}')` : `unnest(array[${otherUnits.join(',')}]::int[])`;
  const n = otherUnits.length;
  // g runs 1..EXTRA; odd g → the ward, even g → the (g/2 mod n)-th other unit.
  const unitOf = `case when g % 2 = 1 then ${wardId} else (select u from others where i = (g / 2) % ${n}) end`;
  const createdAt =
    dialect === 'sqlite'
      ? `strftime('%Y-%m-%dT%H:%M:%fZ', (select max(created_at) from dossiers), '+' || g || ' seconds')`
      : `(select max(created_at) from dossiers) + g * interval '1 second'`;
  const series =
    dialect === 'sqlite'
      ? `with recursive s(g) as (select 1 union all select g + 1 from s where g < ${count}),
         others(i, u) as (select key, value from ${units})`
      : `with s as (select generate_series(1, ${count}) as g),
         others as (select (row_number() over ()) - 1 as i, u from ${units} as t(u))`;
  await sql
    .raw(
      `insert into dossiers (province_code, code, receiving_unit_id, competent_unit_id, procedure_id, channel, status,
        applicant_name, applicant_name_search, received_at, valid_at, due_at, created_at, updated_at, created_by)
       ${series}
       select d.province_code, d.code || '-${tag}' || g, ${unitOf}, ${unitOf}, d.procedure_id, d.channel, 1 + g % 10,
         d.applicant_name, d.applicant_name_search, d.received_at, d.valid_at, d.due_at, ${createdAt}, d.updated_at, d.created_by
       from s, (select * from dossiers order by id limit 1) d`,
    )
    .execute(handle.db);
  if (dialect === 'postgres') await sql`analyze dossiers`.execute(handle.db);
  else await sql`analyze`.execute(handle.db);
}

async function benchDialect(dialect: Dialect): Promise<string[]> {
  const { handle, counter, close } = await seededDemo(dialect, PG_ADMIN, 1);
  try {
    const { wardId } = counter;
    const others = (
      await handle.db
        .selectFrom('administrativeUnits')
        .select('id')
        .where('provinceCode', '=', counter.provinceCode)
        .where('id', '!=', wardId)
        .execute()
    ).map((u) => Number(u.id));
    const unitActor = {
      userId: counter.userId,
      role: 'counter_officer',
      unitId: wardId,
      provinceCode: counter.provinceCode,
    } as unknown as Actor;
    const analyst = {
      userId: counter.userId,
      role: 'province_analyst',
      unitId: null,
      provinceCode: counter.provinceCode,
    } as unknown as Actor;
    const cases: Case[] = [
      { name: 'ward, page 1', actor: unitActor, query: { pageSize: '20' } },
      { name: 'ward, page 20', actor: unitActor, query: { pageSize: '20', page: '20' } },
      { name: 'ward, status 4', actor: unitActor, query: { pageSize: '20', status: '4' } },
      { name: 'province, page 1', actor: analyst, query: { pageSize: '20' } },
    ];
    const measure = async () => {
      const out: Awaited<ReturnType<typeof medianCall>>[] = [];
      for (const c of cases) out.push(await medianCall(handle, c));
      return out;
    };
    const grow = async (count: number, tag: string) => {
      const started = performance.now();
      await addDossiers(handle, dialect, wardId, others, count, tag);
      log(`${dialect}: ${count} dossiers added in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    };
    const seed = await measure();
    await grow(EXTRA, 'B');
    const grown = await measure();
    await grow(3 * EXTRA, 'C');
    const grown4 = await measure();
    return cases.map((c, i) => {
      const [s, g, g4] = [seed[i], grown[i], grown4[i]];
      if (!s || !g || !g4) throw new Error('missing measurement');
      return `| ${dialect} | ${c.name} | ${s.ms.toFixed(2)} | ${g.ms.toFixed(2)} | ${g4.ms.toFixed(2)} | ${(g.ms / s.ms).toFixed(1)} | ${(g4.ms / g.ms).toFixed(1)} | ${g4.total}${g4.capped ? '+' : ''} |`;
    });
  } finally {
    await close();
  }
}

const rows: string[] = [];
for (const dialect of await benchDialects(PG_ADMIN)) rows.push(...(await benchDialect(dialect)));
console.log(`Dossier list, median ms of ${CALLS} calls: the seed (≈300 dossiers), +${EXTRA}, and +${4 * EXTRA} in all; ${machine()}`);
console.log(`| Dialect | Case | seed | +${EXTRA} | +${4 * EXTRA} | ÷ seed | ×4 rows ÷ | total at the end |`);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
