import { randomBytes } from 'node:crypto';
import { audited } from '../../platform/audit/audited.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { insertUser } from '../../platform/auth/auth.repository.ts';
import { checkPasswordPolicy, hashPassword } from '../../platform/auth/passwords.ts';
import type { Db } from '../../platform/db/database.ts';
import { type Clock, systemClock } from '../../platform/time/clock.ts';
import { seedProcedureCatalogue } from '../procedures/seed-catalogue.ts';
import * as repo from './demo.repository.ts';
import { type DemoPlan, planDemo, type Showcase } from './generate.ts';
import { MIN_UNITS } from './generate-units.ts';

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
};
export type DemoAccount = { username: string; role: string; unitName: string | null };
export type SeedResult = {
  provinceCode: string;
  accounts: DemoAccount[];
  units: number;
  predecessors: number;
  staff: number;
  /** A former chairman of a merged ward who now heads a department of the new ward. */
  showcase: Showcase | null;
};

export const DEFAULT_STAFF_PER_UNIT = 40;

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
  const total = rowCount(plan);
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

  return audited(db, meta, 'demo.seed', 'province', async (trx) => {
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
    for (const [i, a] of plan.accounts.entries()) {
      await insertUser(
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
      accounts.push({ username: a.username, role: a.role, unitName: a.unitCode === null ? null : (unitNames.get(a.unitCode) ?? null) });
    }
    progress(plan.accounts.length, 'accounts');
    const procedures = await seedProcedureCatalogue(trx, plan.provinceCode, now);

    const result: SeedResult = {
      provinceCode: plan.provinceCode,
      accounts,
      units: plan.current.length,
      predecessors: plan.predecessors.length,
      staff: plan.staff.length,
      showcase: plan.showcase,
    };
    // The audit keeps what was seeded, not the rows themselves, and never the password.
    const after = {
      seed: opts.seed,
      units: result.units,
      predecessors: result.predecessors,
      staff: result.staff,
      procedures: procedures.inserted,
      accounts: accounts.map((a) => a.username),
      ...(opts.operator ? { operator: opts.operator } : {}),
    };
    return { result, entityId: plan.provinceCode, after };
  });
}
