/**
 * The campaign dashboard at national scale (issue 4, Performance): one review campaign over every
 * current commune and ward, opened through Cadre's `createCampaign`, filled like a finished
 * campaign with bulk SQL (bench-only preparation, deterministic from ids), then
 * `campaignDashboard` (in process, as a province analyst) against the best hand-written SQL
 * for the same figures, as separate statements sent at once on a bare pg pool of Cadre's size.
 * Run from bench/workforce.bench.ts after the directory cases.
 */

import { deepStrictEqual } from 'node:assert';
import pg from 'pg';
import { DIGITAL_COMPETENCIES, GAP_FIELD_COMPETENCIES } from '../src/modules/demo/demo-reviews.ts';
import { createCampaign } from '../src/modules/reviews/campaigns/use-cases/campaigns.ts';
import { campaignDashboard, type Dashboard, GAP_TOP } from '../src/modules/reviews/campaigns/use-cases/dashboard.ts';
import { allowedExcellent } from '../src/modules/reviews/rules/excellent-quota.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import type { Db } from '../src/platform/db/database.ts';
import { getRule } from '../src/platform/rules/rules.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { median, timed } from './support.ts';

/** The campaign's name: a run deletes the previous run's campaign of this name (the cached database is reused). */
export const BENCH_CAMPAIGN = 'Bench: national review 2026';
/** Cadre's pool size on PostgreSQL (connectDatabase's default, src/platform/db/connect.ts); the hand side gets the same. */
const CADRE_POOL_SIZE = 10;
/** Heavy workload, adequate skills (as the demo's ADEQUATE_COMPETENCIES, src/modules/demo/demo-reviews.ts). */
const ADEQUATE_COMPETENCIES = ['FLD.CIVIL_STATUS', 'FLD.IT_SECURITY'];
/** The IT specialist's own digital skills are not the gap (the demo's IT_POSITION). */
const IT_POSITION = 'CM.02';

export type CampaignBenchRow = { name: string; matches: number; cadre: number; hand: number; ratio: number };
export type CampaignBenchResult = {
  createMs: number;
  participants: number;
  competencyRows: number;
  evaluations: number;
  fillMs: number;
  screenings: number;
  rows: CampaignBenchRow[];
};

/** A deterministic number 0..999 from an integer expression and a salt (bench data only). */
const h = (expr: string, salt: number) => `(((hashint8((${expr})::bigint * 1000003 + ${salt}) % 1000) + 1000) % 1000)`;
const clamp = (expr: string) => `least(5, greatest(1, ${expr}))`;

/** Removes an earlier run's campaign (children first; nothing else references these rows). */
async function dropPrevious(pool: pg.Pool): Promise<number> {
  const ids = (await pool.query('select id from review_campaigns where name = $1', [BENCH_CAMPAIGN])).rows.map((r) => Number(r.id));
  if (ids.length === 0) return 0;
  const parts = 'select id from review_participants where campaign_id = any($1)';
  await pool.query(`delete from review_screenings where participant_id in (${parts})`, [ids]);
  await pool.query(`delete from review_evaluations where participant_id in (${parts})`, [ids]);
  await pool.query(`delete from review_competency_levels where participant_id in (${parts})`, [ids]);
  await pool.query('delete from review_snapshots where campaign_id = any($1)', [ids]);
  await pool.query('delete from review_participants where campaign_id = any($1)', [ids]);
  await pool.query('delete from review_campaigns where id = any($1)', [ids]);
  return ids.length;
}

/**
 * Fills the campaign like a finished one (bench-only data preparation, bulk SQL, deterministic
 * from ids): stage submissions, self/supervisor/council competency levels with the demo's gap
 * pattern (field and digital competencies mostly one level short), computed and council ratings
 * with Excellent kept within the quota in about nine agency-groups out of ten, and a Decree 178
 * screening outcome for 95% of participants.
 */
async function fill(pool: pg.Pool, campaignId: number): Promise<number> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    const doneAt = '2026-11-20T03:00:00Z';
    await c.query(
      `update review_participants set
         self_submitted_at = case when ${h('id', 1)} < 985 then $2::timestamptz end,
         supervisor_submitted_at = case when ${h('id', 1)} < 975 then $2::timestamptz + interval '10 days' end,
         council_decided_at = case when ${h('id', 1)} < 960 then $2::timestamptz + interval '20 days' end
       where campaign_id = $1`,
      [campaignId, doneAt],
    );
    // The level the person really works at, relative to the requirement (the demo's trueLevel).
    const below = (share: string, twoShare: number) =>
      `case when ${h('l.id', 3)} < ${share} then l.required_level - case when ${h('l.id', 4)} < ${twoShare} then 2 else 1 end
            else l.required_level + case when ${h('l.id', 4)} < 150 then 1 else 0 end end`;
    await c.query(
      `with t as (
         select l.id, p.id as pid,
           case
             when l.competency_code = any($2) then ${below('780', 120)}
             when l.competency_code = any($3) and coalesce(p.position_code, '') <> $5
               then ${below(`case when ${h('p.id', 2)} < 580 then 800 else 30 end`, 30)}
             when l.competency_code = any($4)
               then l.required_level + (${h('l.id', 3)} < 350)::int - (${h('l.id', 4)} < 20)::int
             else case when ${h('l.id', 3)} < 25 then l.required_level - 1 else l.required_level + (${h('l.id', 4)} < 250)::int end
           end as tl
         from review_competency_levels l join review_participants p on p.id = l.participant_id
         where p.campaign_id = $1 and l.required_level is not null
       )
       update review_competency_levels l set
         self_level = ${clamp(`t.tl + (${h('t.id', 6)} < 300)::int - (${h('t.id', 7)} < 40)::int`)},
         supervisor_level = case when ${h('t.id', 5)} < 30 then null else ${clamp('t.tl')} end,
         council_level = case when ${h('t.pid', 8)} < 400 then ${clamp('t.tl')} end,
         updated_at = $6::timestamptz
       from t where l.id = t.id`,
      [campaignId, GAP_FIELD_COMPETENCIES, DIGITAL_COMPETENCIES, ADEQUATE_COMPETENCIES, IT_POSITION, doneAt],
    );
    // Ratings: 7% Excellent, 62% Good, 30% Completed, 0.6% Not completed (the demo's weights); 1.5% not rated yet.
    const rating = `case when ${h('rp.id', 10)} < 70 then 'EXCELLENT' when ${h('rp.id', 10)} < 690 then 'GOOD'
                         when ${h('rp.id', 10)} < 994 then 'COMPLETED' else 'NOT_COMPLETED' end`;
    await c.query(
      `update review_evaluations e set
         rating = case when ${h('rp.id', 9)} < 15 then null else ${rating} end,
         score = case when ${h('rp.id', 9)} < 15 then null else 50 + ${h('rp.id', 11)} / 20.0 end,
         council_rating = case when ${h('rp.id', 9)} >= 15 and ${h('rp.id', 12)} < 200 then ${rating} end,
         config_version = 'bench', updated_at = $2::timestamptz
       from review_participants rp where rp.id = e.participant_id and rp.campaign_id = $1`,
      [campaignId, doneAt],
    );
    // The council keeps the quota (Excellent ≤ 20% of Good per agency and position group) in ~90% of groups.
    await c.query(
      `with f as (
         select e.id, rp.id as pid, coalesce(e.council_rating, e.rating) as fr,
                case when rp.org_body_id is null then 'U' || rp.unit_id else 'B' || rp.org_body_id end
                  || '|' || coalesce(rp.position_group, 'NONE') as g
           from review_evaluations e join review_participants rp on rp.id = e.participant_id
          where rp.campaign_id = $1),
       grp as (select g, count(*) filter (where fr = 'GOOD') as good from f group by g),
       ranked as (select id, g, row_number() over (partition by g order by pid) as rn from f where fr = 'EXCELLENT')
       update review_evaluations e set council_rating = 'GOOD', council_note = 'bench: quota'
         from ranked r join grp on grp.g = r.g
        where e.id = r.id and r.rn > floor(grp.good * 0.2) and ${h('hashtext(r.g)', 13)} >= 100`,
      [campaignId],
    );
    const screened = await c.query(
      `insert into review_screenings (province_code, participant_id, criteria, result, config_version, outcome, updated_at)
       select rp.province_code, rp.id, '{}', '{}', 'bench',
              case when ${h('rp.id', 14)} < 800 then 'RETAIN' when ${h('rp.id', 14)} < 930 then 'RETRAIN'
                   when ${h('rp.id', 14)} < 980 then 'REASSIGN' else 'EXIT_CANDIDATE' end,
              $2::timestamptz + interval '20 days'
         from review_participants rp where rp.campaign_id = $1 and ${h('rp.id', 15)} < 950`,
      [campaignId, doneAt],
    );
    // As if advanced three times (OPEN → … → COUNCIL); not locked (the lock's snapshot is another benchmark).
    await c.query(`update review_campaigns set status = 'COUNCIL', version = 4 where id = $1`, [campaignId]);
    await c.query('commit');
    return screened.rowCount ?? 0;
  } catch (e) {
    await c.query('rollback');
    throw e;
  } finally {
    c.release();
  }
}

type Counts = Dashboard['byUnit'][number]['counts'];
type Line = { key: string | null; name: string | null; counts: Counts; total: number };
type HandDashboard = Pick<
  Dashboard,
  'units' | 'participants' | 'byUnit' | 'byBody' | 'byField' | 'screening' | 'gaps' | 'quota' | 'quotaConfigVersion'
> & {
  counts: Dashboard['campaign']['counts'];
};

const finalRating = 'coalesce(e.council_rating, e.rating)';
const countsSql = `count(*) filter (where ${finalRating} = 'EXCELLENT') as excellent,
  count(*) filter (where ${finalRating} = 'GOOD') as good,
  count(*) filter (where ${finalRating} = 'COMPLETED') as completed,
  count(*) filter (where ${finalRating} = 'NOT_COMPLETED') as not_completed,
  count(*) filter (where ${finalRating} is null) as unrated,
  count(*) as total`;
const toLine = (r: Record<string, unknown>): Line => ({
  key: r.key === null ? null : String(r.key),
  name: r.name === null ? null : String(r.name),
  counts: {
    EXCELLENT: Number(r.excellent),
    GOOD: Number(r.good),
    COMPLETED: Number(r.completed),
    NOT_COMPLETED: Number(r.not_completed),
    UNRATED: Number(r.unrated),
  },
  total: Number(r.total),
});

/**
 * The hand-written dashboard: nine statements sent at once (campaign counts, the unit list,
 * three distributions with the final rating folded in SQL, screening outcomes, the gap top 10
 * with its denominators and names in one pass, quota counts per agency and group with the
 * agency's name). The quota parameters are read once beforehand; the allowance is the same
 * pure rule Cadre applies.
 */
function handDashboard(pool: pg.Pool, provinceCode: string, quota: Awaited<ReturnType<typeof quotaParams>>) {
  return async (campaignId: number, unitId: number | null): Promise<HandDashboard> => {
    const v: unknown[] = [campaignId];
    let unitWhere = '';
    if (unitId !== null) {
      v.push(unitId);
      unitWhere = 'and rp.unit_id = $2';
    }
    const [counts, units, byUnit, byBody, byField, screening, gaps, quotaRows] = await Promise.all([
      pool.query(
        `select count(*) as participants, count(self_submitted_at) as self, count(supervisor_submitted_at) as supervisor,
                count(council_decided_at) as council
           from review_participants where campaign_id = $1`,
        [campaignId],
      ),
      pool.query(
        `select u.id, u.name, count(*) as n from review_participants rp join administrative_units u on u.id = rp.unit_id
          where rp.campaign_id = $1 group by u.id, u.name`,
        [campaignId],
      ),
      pool.query(
        `select rp.unit_id as key, min(u.name) as name, ${countsSql}
           from review_participants rp join administrative_units u on u.id = rp.unit_id
           left join review_evaluations e on e.participant_id = rp.id
          where rp.campaign_id = $1 ${unitWhere} group by rp.unit_id`,
        v,
      ),
      pool.query(
        `select rp.org_body_id as key, min(b.name) as name, ${countsSql}
           from review_participants rp left join org_bodies b on b.id = rp.org_body_id
           left join review_evaluations e on e.participant_id = rp.id
          where rp.campaign_id = $1 ${unitWhere} group by rp.org_body_id`,
        v,
      ),
      pool.query(
        `select p.field as key, p.field as name, ${countsSql}
           from review_participants rp left join positions p on p.id = rp.position_id
           left join review_evaluations e on e.participant_id = rp.id
          where rp.campaign_id = $1 ${unitWhere} group by p.field`,
        v,
      ),
      pool.query(
        `select s.outcome, count(*) as n from review_participants rp left join review_screenings s on s.participant_id = rp.id
          where rp.campaign_id = $1 ${unitWhere} group by s.outcome`,
        v,
      ),
      // (participant, competency) is unique, so count(*) counts people; one pass gives the shortfall and the denominator.
      pool.query(
        `with d as (
           select l.competency_code as code, l.required_level - coalesce(l.council_level, l.supervisor_level, l.self_level) as gap
             from review_competency_levels l join review_participants rp on rp.id = l.participant_id
            where rp.campaign_id = $1 ${unitWhere} and l.required_level is not null),
         g as (
           select code, count(*) filter (where gap > 0) as people, avg(gap) filter (where gap > 0) as mean,
                  count(gap) as assessed
             from d group by code having count(*) filter (where gap > 0) > 0
            order by people desc, mean desc, code limit ${GAP_TOP})
         select g.*, n.name_vi, n.name_en from g
           left join lateral (
             select c.name_vi, c.name_en from competencies c
              where c.province_code = $${v.length + 1} and c.code = g.code
              order by (c.version_id = (select framework_version_id from review_campaigns where id = $1)) desc nulls last, c.version_id desc
              limit 1) n on true
          order by g.people desc, g.mean desc, g.code`,
        [...v, provinceCode],
      ),
      pool.query(
        `select case when rp.org_body_id is null then 'UNIT' else 'BODY' end as kind, coalesce(rp.org_body_id, rp.unit_id) as id,
                coalesce(rp.position_group, 'NONE') as grp, coalesce(min(b.name), min(u.name)) as name,
                count(*) filter (where ${finalRating} = 'GOOD') as good, count(*) filter (where ${finalRating} = 'EXCELLENT') as excellent
           from review_participants rp join review_evaluations e on e.participant_id = rp.id
           left join org_bodies b on b.id = rp.org_body_id
           left join administrative_units u on u.id = rp.unit_id and rp.org_body_id is null
          where rp.campaign_id = $1 ${unitWhere} and ${finalRating} is not null
          group by 1, 2, 3`,
        v,
      ),
    ]);
    const c = counts.rows[0];
    const lines = byUnit.rows.map(toLine);
    return {
      counts: {
        participants: Number(c.participants),
        selfSubmitted: Number(c.self),
        supervisorSubmitted: Number(c.supervisor),
        councilDecided: Number(c.council),
      },
      units: units.rows.map((r) => ({ id: Number(r.id), name: String(r.name), n: Number(r.n) })),
      participants: lines.reduce((s, l) => s + l.total, 0),
      byUnit: lines,
      byBody: byBody.rows.map(toLine),
      byField: byField.rows.map(toLine),
      screening: screening.rows.map((r) => ({ outcome: r.outcome, n: Number(r.n) })),
      gaps: gaps.rows.map((r) => ({
        competencyCode: r.code,
        people: Number(r.people),
        meanShortfall: Math.round(Number(r.mean) * 100) / 100,
        assessed: Number(r.assessed),
        nameVi: r.name_vi,
        nameEn: r.name_en,
      })),
      quota: quotaRows.rows.map((r) => {
        const good = Number(r.good);
        const excellent = Number(r.excellent);
        const allowed = allowedExcellent(quota, quota.base === 'GOOD_ONLY' ? good : good + excellent);
        return {
          agency: { kind: r.kind, id: Number(r.id), name: String(r.name) },
          positionGroup: r.grp,
          goodCount: good,
          excellentCount: excellent,
          allowed,
          violates: excellent > allowed,
        };
      }),
      quotaConfigVersion: quota.version,
    };
  };
}

/** The excellent-quota parameters of a Decree 335 year (the campaign's regime for 2026), read once. */
async function quotaParams(db: Db, provinceCode: string, year: number) {
  return getRule(db, 'review.excellentQuota', provinceCode, `${year}-12-31`);
}

const byJson = <T>(xs: readonly T[]) => [...xs].map((x) => JSON.stringify(x)).sort();

/** Same figures, order-insensitive where Cadre sorts in JavaScript (the gap ranking's order is SQL's and is compared as is). */
function sameFigures(cadre: Dashboard, hand: HandDashboard, label: string) {
  const msg = (part: string) => `${label}: ${part} differ between Cadre and the hand-written SQL`;
  deepStrictEqual(hand.counts, cadre.campaign.counts, msg('campaign counts'));
  deepStrictEqual(byJson(hand.units), byJson(cadre.units), msg('units'));
  deepStrictEqual(hand.participants, cadre.participants, msg('participants'));
  deepStrictEqual(byJson(hand.byUnit), byJson(cadre.byUnit), msg('by unit'));
  deepStrictEqual(byJson(hand.byBody), byJson(cadre.byBody), msg('by body'));
  deepStrictEqual(byJson(hand.byField), byJson(cadre.byField), msg('by field'));
  deepStrictEqual(byJson(hand.screening), byJson(cadre.screening), msg('screening'));
  deepStrictEqual(hand.gaps, cadre.gaps, msg('gap ranking'));
  deepStrictEqual(byJson(hand.quota), byJson(cadre.quota), msg('quota'));
  deepStrictEqual(hand.quotaConfigVersion, cadre.quotaConfigVersion, msg('quota config version'));
}

export async function benchCampaignDashboard(opts: {
  db: Db;
  target: string;
  provinceCode: string;
  wardId: number;
  rounds: number;
  log: (s: string) => void;
}): Promise<CampaignBenchResult> {
  const { db, provinceCode, rounds, log } = opts;
  const pool = new pg.Pool({ connectionString: opts.target, max: CADRE_POOL_SIZE });
  try {
    const dropped = await dropPrevious(pool);
    if (dropped > 0) log(`  removed ${dropped} campaign(s) of an earlier run`);
    const unitIds = (
      await pool.query(
        `select id from administrative_units
          where province_code = $1 and valid_to is null and kind in ('COMMUNE', 'WARD', 'SPECIAL_ZONE') order by id`,
        [provinceCode],
      )
    ).rows.map((r) => Number(r.id));
    const admin: Actor = {
      userId: 0,
      username: 'bench-admin',
      displayName: 'bench-admin',
      role: 'province_admin',
      provinceCode,
      unitId: null,
      locale: 'vi',
      sessionId: null,
      via: 'system',
    };
    const deps = { db, clock: systemClock };
    log(`  createCampaign over ${unitIds.length} units …`);
    const [createMs, created] = await timed(() =>
      createCampaign(
        deps,
        admin,
        {
          name: BENCH_CAMPAIGN,
          year: 2026,
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          instruments: ['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178'],
          scope: { kind: 'UNITS', unitIds },
        },
        { actor: admin, requestId: 'bench-workforce', at: new Date().toISOString(), provinceCode },
        'vi',
      ),
    );
    const campaignId = created.id;
    const rowCount = async (table: string) =>
      Number(
        (
          await pool.query(
            `select count(*) as n from ${table} x join review_participants rp on rp.id = x.participant_id where rp.campaign_id = $1`,
            [campaignId],
          )
        ).rows[0].n,
      );
    const competencyRows = await rowCount('review_competency_levels');
    const evaluations = await rowCount('review_evaluations');
    log(
      `  createCampaign: ${(createMs / 1000).toFixed(1)} s, ${created.counts.participants} participants, ${competencyRows} competency rows, ${evaluations} evaluations`,
    );

    const [fillMs, screenings] = await timed(async () => {
      const n = await fill(pool, campaignId);
      await pool.query('vacuum (analyze) review_participants, review_competency_levels, review_evaluations, review_screenings');
      return n;
    });
    log(`  filled (levels, ratings, ${screenings} screenings) and vacuumed/analyzed in ${(fillMs / 1000).toFixed(1)} s`);

    const analyst: Actor = { ...admin, username: 'bench', displayName: 'bench', role: 'province_analyst' };
    const quota = await quotaParams(db, provinceCode, 2026);
    const hand = handDashboard(pool, provinceCode, quota);
    const cases: { name: string; unitId: number | null }[] = [
      { name: 'campaign dashboard, one ward', unitId: opts.wardId },
      { name: 'campaign dashboard, whole campaign', unitId: null },
    ];
    const rows: CampaignBenchRow[] = [];
    for (const c of cases) {
      const viaCadre = () => campaignDashboard(deps, analyst, campaignId, { unitId: c.unitId ?? undefined });
      const viaHand = () => hand(campaignId, c.unitId);
      const expected = await viaCadre();
      sameFigures(expected, await viaHand(), c.name);
      if (c.unitId === null) {
        const excellent = expected.byUnit.reduce((s, l) => s + l.counts.EXCELLENT, 0);
        const violating = expected.quota.filter((q) => q.violates).length;
        log(
          `  whole campaign: ${expected.participants} participants, ${excellent} Excellent, ${expected.quota.length} quota groups (${violating} over the quota), ` +
            `${expected.byBody.length} bodies, ${expected.byField.length} fields, top gap ${expected.gaps[0]?.competencyCode} (${expected.gaps[0]?.people} people)`,
        );
      }
      for (let i = 0; i < 2; i++) {
        await viaCadre();
        await viaHand();
      }
      const cadreMs: number[] = [];
      const handMs: number[] = [];
      for (let i = 0; i < rounds; i++) {
        cadreMs.push((await timed(viaCadre))[0]);
        handMs.push((await timed(viaHand))[0]);
      }
      const cm = median(cadreMs);
      const hm = median(handMs);
      log(`  postgres ${c.name}: ${expected.participants} participants, Cadre ${cm.toFixed(1)} ms, hand ${hm.toFixed(1)} ms`);
      rows.push({ name: c.name, matches: expected.participants, cadre: cm, hand: hm, ratio: cm / hm });
    }
    return { createMs, participants: created.counts.participants, competencyRows, evaluations, fillMs, screenings, rows };
  } finally {
    await pool.end().catch(() => {});
  }
}
