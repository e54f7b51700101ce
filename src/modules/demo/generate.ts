import type { Role } from '../../platform/auth/roles.ts';
import { type AppointmentPlan, planUnitStaff, SHOWCASE_NAME, type StaffPlan } from './generate-staff.ts';
import { planUnits, type UnitPlan, type UnitsPlan } from './generate-units.ts';
import { HUE_PROVINCE } from './hue-units.ts';
import { vietnameseName } from './names.ts';
import { createRng, deriveSeed } from './prng.ts';
import { type BodyTemplate, bodiesFor } from './reference-data.ts';

export type BodyPlan = BodyTemplate & { unitCode: string };
export type AccountPlan = { username: string; role: Role; unitCode: string | null; displayName: string };
export type Showcase = {
  fullName: string;
  unitName: string;
  currentTitle: string;
  formerTitle: string;
  formerUnitName: string;
};

export type DemoPlan = UnitsPlan & {
  provinceCode: string;
  provinceName: string;
  bodies: BodyPlan[];
  staff: StaffPlan[];
  accounts: AccountPlan[];
  showcase: Showcase | null;
};

export const MIN_STAFF_PER_UNIT = 5;
export const MAX_STAFF_PER_UNIT = 200;

/**
 * Who signs in to the demo. Unit roles sit in the first ward (Phú Xuân), and a second
 * counter officer in the first mountainous commune, so one can watch unit scoping work.
 */
function planAccounts(seed: number, units: UnitsPlan): AccountPlan[] {
  const rng = createRng(deriveSeed(seed, 'accounts'));
  const firstWard = units.current.find((u) => u.kind === 'WARD');
  const mountainous = units.current.find((u) => u.isMountainous);
  if (!firstWard || !mountainous) throw new Error('the demo needs a ward and a mountainous commune');
  const specs: [string, Role, string | null][] = [
    ['analyst', 'province_analyst', null],
    ['admin', 'system_admin', null],
    ['padmin', 'province_admin', null],
    ['counter', 'counter_officer', firstWard.code],
    ['specialist', 'field_specialist', firstWard.code],
    ['leader', 'unit_leader', firstWard.code],
    ['hr', 'unit_hr', firstWard.code],
    ['counter2', 'counter_officer', mountainous.code],
  ];
  return specs.map(([username, role, unitCode]) => ({
    username,
    role,
    unitCode,
    displayName: vietnameseName(rng, rng.chance(0.5) ? 'FEMALE' : 'MALE'),
  }));
}

/**
 * The whole demo province as plain data, with no database: the same seed and options give
 * the same plan, byte for byte. Rows refer to each other by unit code; the repository turns
 * codes into ids as it inserts.
 */
export function planDemo(opts: { seed: number; units: number; staffPerUnit: number }): DemoPlan {
  const { seed, staffPerUnit } = opts;
  if (!Number.isInteger(staffPerUnit) || staffPerUnit < MIN_STAFF_PER_UNIT || staffPerUnit > MAX_STAFF_PER_UNIT) {
    throw new Error(`staffPerUnit must be a whole number from ${MIN_STAFF_PER_UNIT} to ${MAX_STAFF_PER_UNIT}`);
  }
  const units = planUnits(seed, opts.units);
  const byCode = new Map<string, UnitPlan>([...units.predecessors, ...units.formerDistricts].map((u) => [u.code, u]));
  const bodies: BodyPlan[] = units.current.flatMap((u) => bodiesFor(u.kind).map((b) => ({ ...b, unitCode: u.code })));
  const taken = { citizenIds: new Set<string>(), emails: new Set<string>() };
  const staff = units.current.flatMap((unit, unitIndex) =>
    planUnitStaff({
      seed,
      unitIndex,
      unit,
      predecessors: unit.predecessorCodes.map((c) => byCode.get(c)).filter((u): u is UnitPlan => u !== undefined),
      staffPerUnit,
      taken,
      withShowcase: unitIndex === 0,
    }),
  );
  return {
    ...units,
    provinceCode: HUE_PROVINCE.code,
    provinceName: HUE_PROVINCE.name,
    bodies,
    staff,
    accounts: planAccounts(seed, units),
    showcase: findShowcase(units, staff, byCode),
  };
}

function findShowcase(units: UnitsPlan, staff: StaffPlan[], byCode: Map<string, UnitPlan>): Showcase | null {
  const person = staff.find((s) => s.fullName === SHOWCASE_NAME);
  const unit = units.current[0];
  const former: AppointmentPlan | undefined = person?.appointments.find((a) => a.title === 'Chủ tịch UBND');
  const formerUnit = former ? byCode.get(former.unitCode) : undefined;
  if (!person || !unit || !former || !formerUnit) return null;
  return {
    fullName: person.fullName,
    unitName: unit.name,
    currentTitle: person.currentTitle,
    formerTitle: former.title,
    formerUnitName: formerUnit.name,
  };
}
