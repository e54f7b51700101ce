import { randomBytes } from 'node:crypto';
import { audited } from '../../platform/audit/audited.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { insertUser } from '../../platform/auth/auth.repository.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/auth/passwords.ts';
import type { Db } from '../../platform/db/database.ts';
import { getRule, getRules } from '../../platform/rules/rules.ts';
import { type Clock, systemClock } from '../../platform/time/clock.ts';
import { domainToday } from '../../platform/time/format.ts';
import { loadWorkingCalendar } from '../calendar/use-cases/load-calendar.ts';
import { seedProcedureCatalogue } from '../procedures/seed-catalogue.ts';
import { reviewConfigsForYear } from '../reviews/assessments/use-cases/access.ts';
import { writeCampaignSnapshot } from '../reviews/campaigns/use-cases/campaigns.ts';
import { ensurePlaceholderStandards } from '../staffing/standards/use-cases/standards.ts';
import * as repo from './demo.repository.ts';
import { seedDemoCourses } from './demo-courses.ts';
import { attributeDemoDossiers, insertDemoDossiers, listDemoProcedures } from './demo-dossiers.repository.ts';
import { type DemoPlanResult, seedDemoPlan } from './demo-plan.ts';
import { seedDemoPositions } from './demo-positions.ts';
import { seedDemoQueue } from './demo-queue.ts';
import * as reviewsRepo from './demo-reviews.repository.ts';
import { planDemoReviews, summariseDemoReviews } from './demo-reviews.ts';
import { seedDemoSupplied } from './demo-supplied.ts';
import { type DemoPlan, planDemo, type Showcase } from './generate.ts';
import { type DossierGenOptions, planDossierDay, windowDates } from './generate-dossiers.ts';
import { MIN_UNITS } from './generate-units.ts';
import { seedHistory } from './seed-history.ts';

export type SeedOptions = {
  seed: number;
  password: string;
  /** Number of current communes/wards (default 40, as in Hue; more are generated as "Phường Mẫu 041"…). */
  units?: number;
  staffPerUnit?: number;
  onProgress?: (done: number, total: number, stage?: string) => void;
  /** Timestamps of the rows and of the audit entry; the system clock by default. */
  clock?: Clock;
  /** The OS account that ran the CLI, kept in the audit entry (the actor is the shared system actor). */
  operator?: string;
  /** Days of dossiers ending at the clock's instant (default 14, so a first start stays quick; 365 for a year). */
  dossierDays?: number;
  /** Opt-in: whole months of lightweight closed dossiers before the regular window (staffing projection); none by default. */
  historyMonths?: number;
  /** Generate the demo's 2026–2030 training plan version after the seed (greedy; default true). */
  trainingPlan?: boolean;
};
export type DemoAccount = { username: string; role: string; unitName: string | null };
export type SeedResult = {
  provinceCode: string;
  accounts: DemoAccount[];
  units: number;
  predecessors: number;
  staff: number;
  dossiers: number;
  /** A former chairman of a merged ward who now heads a department of the new ward. */
  showcase: Showcase | null;
  /** The review campaigns: accounts linked to staff, the locked 2025 campaign, the open 2026 one. */
  reviews: DemoReviewsSummary;
  /** The generated 2026–2030 training plan version, unless trainingPlan was false. */
  trainingPlan?: DemoPlanResult;
};
export type DemoReviewsSummary = ReturnType<typeof summariseDemoReviews> & { snapshotSha256: string };

export const DEFAULT_STAFF_PER_UNIT = 40;
export const DEFAULT_DOSSIER_DAYS = 14;
export const MAX_DOSSIER_DAYS = 366;

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('provinces').select('code').limit(1).executeTakeFirst();
  return row === undefined;
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

function rowCount(plan: DemoPlan): number {
  const units = 1 + plan.formerDistricts.length + plan.current.length + plan.predecessors.length;
  const appointments = plan.staff.reduce((n, s) => n + s.appointments.length, 0);
  return units + plan.lineage.length + plan.bodies.length + plan.staff.length + appointments + plan.accounts.length;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: ${what} is missing`);
  return value;
}

/**
 * Seeds the demo province (Thành phố Huế, deterministic from `seed`) into a database that
 * does not have it yet: units with merger lineage, the Decree 150 bodies, staff with their
 * appointment histories, and one demo account per role. Everything commits in one
 * transaction with a single 'demo.seed' audit entry, or nothing does.
 */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedResult> {
  const plan = planDemo({ seed: opts.seed, units: opts.units ?? MIN_UNITS, staffPerUnit: opts.staffPerUnit ?? DEFAULT_STAFF_PER_UNIT });
  checkPasswordPolicy(
    opts.password,
    plan.accounts.map((a) => a.username),
  );
  if (await repo.provinceExists(db, plan.provinceCode)) {
    throw new Error(
      `The demo province ${plan.provinceCode} (${plan.provinceName}) is already in this database; seed a fresh database instead.`,
    );
  }
  let total = rowCount(plan);
  let done = 0;
  const progress: repo.Progress = (rows, stage) => {
    done += rows;
    opts.onProgress?.(done, total, stage);
  };
  opts.onProgress?.(0, total, 'passwords');
  // One argon2 hash per account, each with its own salt; done before the transaction so the
  // write lock is not held while hashing. argon2 runs on the libuv pool, so these overlap.
  const hashes = await Promise.all(plan.accounts.map(() => hashPassword(opts.password)));
  const now = (opts.clock ?? systemClock).now().toISOString();
  const meta = { actor: SYSTEM_ACTOR(plan.provinceCode), requestId: null, at: now, provinceCode: plan.provinceCode };

  const seeded = await audited(db, meta, 'demo.seed', 'province', async (trx) => {
    if (await repo.provinceExists(trx, plan.provinceCode))
      throw new Error(`The demo province ${plan.provinceCode} is already in this database.`);
    await repo.insertProvince(trx, { code: plan.provinceCode, name: plan.provinceName }, now);
    const unitIds = new Map<string, number>();
    for (const batch of [[plan.province], plan.formerDistricts, plan.current, plan.predecessors]) {
      await repo.insertUnits(trx, plan.provinceCode, batch, unitIds, now, progress);
    }
    const unitId = (code: string) => need(unitIds.get(code), `unit ${code}`);
    await repo.insertLineage(
      trx,
      plan.provinceCode,
      plan.lineage.map((l) => ({
        predecessorId: unitId(l.predecessorCode),
        successorId: unitId(l.successorCode),
        resolution: l.resolution,
        effectiveDate: l.effectiveDate,
      })),
      progress,
    );
    const bodyIds = await repo.insertOrgBodies(
      trx,
      plan.provinceCode,
      plan.bodies.map((b) => ({ unitId: unitId(b.unitCode), kind: b.kind, name: b.name, fields: b.fields, deputyQuota: b.deputyQuota })),
      progress,
    );
    const bodyId = (code: string, kind: string | null) =>
      kind === null ? null : need(bodyIds.get(`${unitId(code)}:${kind}`), `body ${kind}`);
    const staffIds = await repo.insertStaff(
      trx,
      plan.provinceCode,
      plan.staff.map(({ appointments: _appointments, body, unitCode, ...s }) => ({
        ...s,
        unitId: unitId(unitCode),
        orgBodyId: bodyId(unitCode, body),
      })),
      now,
      progress,
    );
    await repo.insertAppointments(
      trx,
      plan.provinceCode,
      plan.staff.flatMap((s) =>
        s.appointments.map((a) => ({
          staffId: need(staffIds.get(s.citizenId), `staff ${s.citizenId}`),
          unitId: unitId(a.unitCode),
          orgBodyId: bodyId(a.unitCode, a.body),
          title: a.title,
          startDate: a.startDate,
          endDate: a.endDate,
          decision: a.decision,
        })),
      ),
      progress,
    );
    const unitNames = new Map(plan.current.map((u) => [u.code, u.name]));
    const accounts: DemoAccount[] = [];
    const userIds = new Map<string, { userId: number; unitId: number | null }>();
    for (const [i, a] of plan.accounts.entries()) {
      const user = await insertUser(
        trx,
        {
          provinceCode: plan.provinceCode,
          username: a.username,
          displayName: a.displayName,
          passwordHash: need(hashes[i], 'password hash'),
          role: a.role,
          unitId: a.unitCode === null ? null : unitId(a.unitCode),
        },
        now,
      );
      userIds.set(a.username, { userId: user.id, unitId: user.unitId });
      accounts.push({ username: a.username, role: a.role, unitName: a.unitCode === null ? null : (unitNames.get(a.unitCode) ?? null) });
    }
    progress(plan.accounts.length, 'accounts');
    const procedures = await seedProcedureCatalogue(trx, plan.provinceCode, now);
    // Cadre placeholder service standards (minutes per dossier) for the WISN runs (issue 5 §2).
    await ensurePlaceholderStandards(trx, plan.provinceCode, now, null);
    await seedDemoPositions(trx, plan.provinceCode, now);
    await seedDemoCourses(trx, opts.clock ?? systemClock, plan.provinceCode, now);
    // Review campaigns for the named province only: benchmark units beyond it (--units) get none, so a
    // national-size seed stays bounded (a campaign snapshot holds every participant's rows).
    const namedUnitIds = new Set(plan.current.slice(0, MIN_UNITS).map((u) => unitId(u.code)));
    const reviews = await seedDemoReviews(trx, plan, namedUnitIds, opts.seed, now, progress, (rows) => {
      total += rows;
    });
    const dossiers = await seedDossiers(trx, plan, opts, new Date(now), unitId, progress, (rows) => {
      total += rows;
    });
    const located = (username: string) => {
      const u = userIds.get(username);
      return u && u.unitId !== null ? { userId: u.userId, unitId: u.unitId } : undefined;
    };
    await attributeDemoDossiers(trx, plan.provinceCode, { counter: located('counter'), specialist: located('specialist') });
    await seedDemoQueue(trx, plan, unitId, opts.seed, new Date(now));
    // Decision 766 counts a province enters by hand (1.1–1.3, 3.5, 5.2), marked as illustrative.
    await seedDemoSupplied(trx, plan.provinceCode, [...namedUnitIds], opts.seed, now);
    const history = await seedHistory(
      trx,
      {
        seed: opts.seed,
        provinceCode: plan.provinceCode,
        provinceUnitCode: plan.province.code,
        units: plan.current,
        months: opts.historyMonths ?? 0,
        regularDays: opts.dossierDays ?? DEFAULT_DOSSIER_DAYS,
        until: new Date(now),
      },
      unitId,
      progress,
      (rows) => {
        total += rows;
      },
    );

    const result: SeedResult = {
      provinceCode: plan.provinceCode,
      accounts,
      units: plan.current.length,
      predecessors: plan.predecessors.length,
      staff: plan.staff.length,
      dossiers,
      showcase: plan.showcase,
      reviews,
    };
    // The audit keeps what was seeded, not the rows themselves, and never the password.
    const after = {
      seed: opts.seed,
      units: result.units,
      predecessors: result.predecessors,
      staff: result.staff,
      procedures: procedures.inserted,
      dossiers,
      dossierDays: opts.dossierDays ?? DEFAULT_DOSSIER_DAYS,
      ...(opts.historyMonths ? { historyMonths: opts.historyMonths, historyDossiers: history } : {}),
      accounts: accounts.map((a) => a.username),
      reviews,
      ...(opts.operator ? { operator: opts.operator } : {}),
    };
    return { result, entityId: plan.provinceCode, after };
  });
  // After the commit: the plan job reads the seeded data through the ordinary use cases and writes its own audit entry.
  if (opts.trainingPlan === false) return seeded;
  opts.onProgress?.(total, total, 'training plan');
  return { ...seeded, trainingPlan: await seedDemoPlan(db, opts.clock ?? systemClock, plan.provinceCode) };
}

/** The dossiers of the last `dossierDays` days, planned from what the transaction already holds. */
async function seedDossiers(
  trx: Db,
  plan: DemoPlan,
  opts: SeedOptions,
  until: Date,
  unitId: (code: string) => number,
  progress: repo.Progress,
  willWrite: (rows: number) => void,
): Promise<number> {
  const days = opts.dossierDays ?? DEFAULT_DOSSIER_DAYS;
  if (!Number.isInteger(days) || days < 0 || days > MAX_DOSSIER_DAYS) {
    throw new Error(`dossierDays must be a whole number from 0 to ${MAX_DOSSIER_DAYS}`);
  }
  if (days === 0) return 0;
  const windowStart = new Date(until.getTime() - days * 86_400_000);
  const [procedures, cal, rules, criteria] = await Promise.all([
    listDemoProcedures(trx, plan.provinceCode),
    loadWorkingCalendar({ db: trx }, plan.provinceCode, windowStart),
    getRules(trx, ['dossier.codeFormat', 'dossier.agencyCodes'], plan.provinceCode, domainToday(until)),
    getRules(trx, ['satisfaction.criteria'], plan.provinceCode, domainToday(until)),
  ]);
  const options: DossierGenOptions = {
    seed: opts.seed,
    units: plan.current.map((u) => ({ code: u.code, kind: u.kind, population: u.population })),
    provinceUnitCode: plan.province.code,
    procedures,
    until,
    days,
    cal,
    codeFormat: rules['dossier.codeFormat'].value,
    agencyCodes: rules['dossier.agencyCodes'].value,
    ratingCriteria: criteria['satisfaction.criteria'].value.criteria.map((c) => c.code),
  };
  let count = 0;
  // Day by day, so a year never sits in memory at once; the progress total grows as days are planned.
  for (const date of windowDates(options)) {
    const day = planDossierDay(options, date);
    willWrite(day.dossiers.reduce((n, d) => n + 1 + d.events.length + (d.rating ? 1 : 0) + (d.complaint ? 1 : 0), day.counters.length));
    await insertDemoDossiers(trx, plan.provinceCode, day, unitId, progress);
    count += day.dossiers.length;
  }
  return count;
}

/**
 * The review campaigns of the demo (issue 4 §8), planned from what the transaction holds
 * after placement: accounts linked to staff of their unit, the 2025 campaign locked with its
 * snapshot (written as lockCampaign writes it), the 2026 one in self-assessment, and a few
 * competency tests. Configs are the ones in force for each year, as the use cases read them.
 */
async function seedDemoReviews(
  trx: Db,
  plan: DemoPlan,
  unitIds: ReadonlySet<number>,
  seed: number,
  now: string,
  progress: repo.Progress,
  willWrite: (rows: number) => void,
): Promise<DemoReviewsSummary> {
  const [read, accounts, configs, quota2025] = await Promise.all([
    reviewsRepo.readReviewPeople(trx, plan.provinceCode),
    reviewsRepo.readAccounts(
      trx,
      plan.provinceCode,
      plan.accounts.map((a) => a.username),
    ),
    reviewConfigsForYear(trx, plan.provinceCode, 2025),
    getRule(trx, 'review.excellentQuota', plan.provinceCode, '2025-12-31'),
  ]);
  const positions = await reviewsRepo.readCrossFieldPositions(trx, read.frameworkVersionId);
  const reviews = planDemoReviews({
    seed,
    positions,
    people: read.people.filter((p) => unitIds.has(p.unitId)),
    chairs: read.chairs,
    accounts,
    now,
    decree90: configs.decree90,
    quota2025,
    screening178: configs.screening178,
  });
  const userIds = new Map(accounts.map((a) => [a.username, a.id]));
  const links = reviews.links.map((l) => ({ userId: need(userIds.get(l.username), `account ${l.username}`), staffId: l.staffId }));
  const rowsOf = (c: typeof reviews.campaign2025) =>
    1 + c.participants.length + c.participants.reduce((n, p) => n + p.levels.length, 0) + c.evaluations.length + c.screenings.length;
  willWrite(links.length + rowsOf(reviews.campaign2025) + rowsOf(reviews.campaign2026) + 1 + reviews.tests.length);
  await reviewsRepo.linkAccountsToStaff(trx, links);
  progress(links.length, 'reviews');
  const scope = { unitIds: read.unitIds };
  const c2025 = await reviewsRepo.insertDemoCampaign(trx, plan.provinceCode, reviews.campaign2025, scope, read.frameworkVersionId);
  progress(c2025.rows, 'reviews');
  const snapshot = await writeCampaignSnapshot(trx, {
    provinceCode: plan.provinceCode,
    campaignId: c2025.campaignId,
    takenAt: need(reviews.campaign2025.lockedAt ?? undefined, 'lock instant'),
    takenBy: null,
  });
  progress(1, 'reviews');
  const c2026 = await reviewsRepo.insertDemoCampaign(trx, plan.provinceCode, reviews.campaign2026, scope, read.frameworkVersionId);
  progress(c2026.rows, 'reviews');
  await reviewsRepo.insertDemoTests(trx, plan.provinceCode, reviews.tests, now);
  progress(reviews.tests.length, 'reviews');
  return { ...summariseDemoReviews(reviews), snapshotSha256: snapshot.sha256 };
}
