import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import type { Db } from '../../platform/db/database.ts';
import { RULES } from '../../platform/rules/rules.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { loadWorkingCalendar } from '../calendar/use-cases/load-calendar.ts';
import { receptionDay } from '../dossiers/dossier-code.ts';
import { nextCodeSequence } from '../dossiers/dossiers.repository.ts';
import { listDemoProcedures } from './demo-dossiers.repository.ts';
import { planDemo } from './generate.ts';
import { type DossierGenOptions, planDossiers } from './generate-dossiers.ts';
import { seedDemo } from './seed-demo.ts';

// Wednesday 4 March 2026, 11:00 in Hue: the window is Mon 2, Tue 3 and the morning of Wed 4.
const NOW = '2026-03-04T04:00:00.000Z';
const DAYS = 3;
const SEED = 2025;

type Row = {
  id: number;
  code: string;
  status: number;
  channel: number;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  stoppedAt: string | null;
  withdrawnAt: string | null;
  createdAt: string;
};

const ms = (v: string | Date | null) => (v === null ? null : new Date(v).getTime());

async function planAgain(db: Db, seed: number): Promise<DossierGenOptions> {
  const plan = planDemo({ seed, units: 40, staffPerUnit: 5 });
  const from = new Date(Date.parse(NOW) - DAYS * 86_400_000);
  return {
    seed,
    units: plan.current.map((u) => ({ code: u.code, kind: u.kind, population: u.population })),
    provinceUnitCode: plan.province.code,
    procedures: await listDemoProcedures(db, plan.provinceCode),
    until: new Date(NOW),
    days: DAYS,
    cal: await loadWorkingCalendar({ db }, plan.provinceCode, from),
    codeFormat: '{agency}-{yymmdd}-{seq4}',
    agencyCodes: {},
    ratingCriteria: RULES['satisfaction.criteria'].default.criteria.map((c) => c.code),
  };
}

describe.each(testDialects())('demo dossiers on %s', (dialect) => {
  let database: DatabaseHandle;
  let db: Db;
  let rows: Row[];
  let seeded: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.db;
    const result = await seedDemo(db, {
      trainingPlan: false,
      seed: SEED,
      password: 'perfume river at dusk',
      staffPerUnit: 5,
      dossierDays: DAYS,
      clock: fixedClock(NOW),
    });
    seeded = result.dossiers;
    const raw = await db
      .selectFrom('dossiers')
      .select([
        'id',
        'code',
        'status',
        'channel',
        'receivedAt',
        'dueAt',
        'finishedAt',
        'returnedAt',
        'stoppedAt',
        'withdrawnAt',
        'createdAt',
      ])
      .execute();
    const text = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
    rows = raw.map((r) => ({
      ...r,
      receivedAt: text(r.receivedAt),
      dueAt: text(r.dueAt),
      finishedAt: text(r.finishedAt),
      returnedAt: text(r.returnedAt),
      stoppedAt: text(r.stoppedAt),
      withdrawnAt: text(r.withdrawnAt),
      createdAt: text(r.createdAt) ?? '',
    }));
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('seeds about 1,100 dossiers per unit per month: for 40 units, two and a half working days', () => {
    expect(rows).toHaveLength(seeded);
    // ≈ 49 a working day per unit: 40 × 49 × 2.4 ≈ 4,700, with ±25 % daily variation.
    expect(seeded).toBeGreaterThan(3_000);
    expect(seeded).toBeLessThan(7_000);
    const online = rows.filter((r) => r.channel === 2).length / rows.length;
    expect(online).toBeGreaterThan(0.5);
    expect(online).toBeLessThan(0.95);
  });

  it('gives gap-free codes per agency and reception day, and leaves the counters where the next intake continues', async () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    const groups = new Map<string, number[]>();
    for (const r of rows) {
      const m = /^(.+)-(\d{6})-(\d{4,})$/.exec(r.code);
      expect(m, r.code).not.toBeNull();
      const [, agency, day, seq] = m as RegExpExecArray;
      expect(day).toBe(receptionDay(new Date(r.createdAt)));
      groups.set(`${agency}|${day}`, [...(groups.get(`${agency}|${day}`) ?? []), Number(seq)]);
    }
    const counters = await db.selectFrom('dossierCodeCounters').select(['agencyCode', 'day', 'lastSeq']).execute();
    expect(counters).toHaveLength(groups.size);
    for (const [key, seqs] of groups) {
      seqs.sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const [agency, day] = key.split('|') as [string, string];
      expect(counters.find((c) => c.agencyCode === agency && c.day === day)?.lastSeq).toBe(seqs.length);
    }
    const [agency, day] = ([...groups.keys()][0] ?? '').split('|') as [string, string];
    expect(await nextCodeSequence(db, '46', agency, day)).toBe((groups.get(`${agency}|${day}`)?.length ?? 0) + 1);
  });

  it('keeps statuses consistent with their instants, none after the reference instant', () => {
    const now = Date.parse(NOW);
    const seen = new Set<number>();
    for (const r of rows) {
      seen.add(r.status);
      for (const v of [r.createdAt, r.receivedAt, r.finishedAt, r.returnedAt, r.stoppedAt, r.withdrawnAt]) {
        if (v !== null) expect(ms(v)).toBeLessThanOrEqual(now);
      }
      if (r.receivedAt !== null) {
        expect(r.dueAt).not.toBeNull();
        expect(ms(r.dueAt)).toBeGreaterThanOrEqual(ms(r.receivedAt) as number);
        expect(ms(r.receivedAt)).toBeGreaterThanOrEqual(ms(r.createdAt) as number);
      }
      if (r.status === 1 || r.status === 3) expect(r.receivedAt).toBeNull();
      if ([2, 4, 5, 6].includes(r.status)) expect([r.receivedAt !== null, r.finishedAt]).toEqual([true, null]);
      if (r.status === 9) expect([r.finishedAt !== null, r.returnedAt]).toEqual([true, null]);
      if (r.status === 10) expect(ms(r.returnedAt)).toBeGreaterThanOrEqual(ms(r.finishedAt) as number);
      expect(r.withdrawnAt !== null).toBe(r.status === 7);
      expect(r.stoppedAt !== null).toBe(r.status === 8);
    }
    // Three days in, the mix has returned, in-processing and waiting dossiers.
    for (const s of [1, 2, 4, 10]) expect(seen).toContain(s);
  });

  it('records a timeline whose first event is the filing and whose last reaches the current status', async () => {
    const events = await db.selectFrom('dossierEvents').select(['dossierId', 'kind', 'toStatus', 'at']).orderBy('id').execute();
    const byDossier = new Map<number, typeof events>();
    for (const e of events) byDossier.set(e.dossierId, [...(byDossier.get(e.dossierId) ?? []), e]);
    for (const r of rows) {
      const list = byDossier.get(r.id) ?? [];
      expect(['RECEIVED', 'SUBMITTED_ONLINE']).toContain(list[0]?.kind);
      expect(list.at(-1)?.toStatus).toBe(r.status);
      const times = list.map((e) => ms(e.at as string) as number);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('rates part of the returned dossiers only, after their return', async () => {
    const ratings = await db.selectFrom('dossierRatings').select(['dossierId', 'createdAt', 'answers']).execute();
    expect(ratings.length).toBeGreaterThan(0);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const rt of ratings) {
      const d = byId.get(rt.dossierId);
      expect(d?.status).toBe(10);
      expect(ms(rt.createdAt as string)).toBeGreaterThanOrEqual(ms(d?.returnedAt ?? null) as number);
      expect(Object.keys(JSON.parse(rt.answers) as object)).toContain('OVERALL');
    }
    expect(ratings.length).toBeLessThan(rows.filter((r) => r.status === 10).length);
  });

  it('records the Decision 766 facts in plausible shares, none before the fact could happen', async () => {
    const facts = await db
      .selectFrom('dossiers as d')
      .innerJoin('procedures as p', 'p.id', 'd.procedureId')
      .select([
        'd.status',
        'd.channel',
        'd.receivedAt',
        'd.finishedAt',
        'd.electronicResultAt',
        'd.paidOnlineAt',
        'd.reusedData',
        'd.nationalSyncAt',
        'p.fee',
        'p.paperResult',
      ])
      .execute();
    const received = facts.filter((f) => f.receivedAt !== null);
    const share = (set: typeof facts, test: (f: (typeof facts)[number]) => boolean) => set.filter(test).length / set.length;
    // 95 % are synced within four hours of reception: the last hours' ones are not yet.
    expect(share(received, (f) => f.nationalSyncAt !== null)).toBeGreaterThan(0.8);
    expect(share(received, (f) => Boolean(f.reusedData))).toBeGreaterThan(0.4);
    expect(share(received, (f) => Boolean(f.reusedData))).toBeLessThan(0.6);
    const paperDone = facts.filter((f) => [9, 10].includes(Number(f.status)) && Boolean(f.paperResult));
    expect(share(paperDone, (f) => f.electronicResultAt !== null)).toBeGreaterThan(0.45);
    expect(share(paperDone, (f) => f.electronicResultAt !== null)).toBeLessThan(0.75);
    const onlinePaid = received.filter((f) => Number(f.channel) === 2 && Number(f.fee) > 0);
    expect(share(onlinePaid, (f) => f.paidOnlineAt !== null)).toBeGreaterThan(0.25);
    expect(share(onlinePaid, (f) => f.paidOnlineAt !== null)).toBeLessThan(0.55);
    // Only fee-bearing procedures are paid; only a result issues electronically, and not before it.
    expect(facts.filter((f) => f.paidOnlineAt !== null && Number(f.fee) === 0)).toEqual([]);
    for (const f of facts.filter((x) => x.electronicResultAt !== null)) {
      expect([9, 10]).toContain(Number(f.status));
      expect(ms(String(f.electronicResultAt))).toBeGreaterThanOrEqual(ms(String(f.finishedAt)) ?? 0);
      expect(ms(String(f.electronicResultAt))).toBeLessThanOrEqual(Date.parse(NOW));
    }
    const complaints = await db.selectFrom('feedback').select(['kind', 'dossierId']).execute();
    expect(complaints.every((c) => c.kind === 'COMPLAINT' && c.dossierId !== null)).toBe(true);
    expect(complaints.length).toBeLessThan(rows.length * 0.02);
  });

  it('counts the dossiers in the single demo.seed audit entry', async () => {
    const entries = await db.selectFrom('auditLog').select(['action', 'after']).execute();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.after ?? '{}')).toMatchObject({ dossiers: seeded, dossierDays: DAYS });
  });

  it('is deterministic: the same seed plans the same codes as were stored, another seed other ones', async () => {
    const again = planDossiers(await planAgain(db, SEED));
    expect(again.dossiers.map((d) => d.code).sort()).toEqual(rows.map((r) => r.code).sort());
    const other = planDossiers(await planAgain(db, SEED + 1));
    expect(other.dossiers.map((d) => d.applicantName)).not.toEqual(again.dossiers.map((d) => d.applicantName));
  });

  it('gives the counter and specialist accounts a caseload of their own unit, so their service evidence has figures', async () => {
    const users = await db
      .selectFrom('users')
      .select(['id', 'username', 'unitId'])
      .where('username', 'in', ['counter', 'specialist'])
      .execute();
    const counter = users.find((u) => u.username === 'counter');
    const specialist = users.find((u) => u.username === 'specialist');
    const received = await db
      .selectFrom('dossiers')
      .select(['receivingUnitId', 'channel'])
      .where('createdBy', '=', counter?.id ?? -1)
      .execute();
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((d) => d.receivingUnitId === counter?.unitId && d.channel === 1)).toBe(true);
    const handled = await db
      .selectFrom('dossiers as d')
      .innerJoin('procedures as p', 'p.id', 'd.procedureId')
      .select(['d.competentUnitId', 'p.field'])
      .where('d.assigneeId', '=', specialist?.id ?? -1)
      .execute();
    expect(handled.length).toBeGreaterThan(0);
    expect(
      handled.every((d) => d.competentUnitId === specialist?.unitId && ['CIVIL_STATUS', 'CERTIFICATION', 'JUSTICE'].includes(d.field)),
    ).toBe(true);
  });
});
