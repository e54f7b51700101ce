import {
  currentUnitName,
  HUE_FORMER_DISTRICTS,
  HUE_PROVINCE,
  HUE_RESOLUTION,
  HUE_UNITS,
  type NamedUnit,
  type ParsedPredecessor,
  parsePredecessor,
} from './hue-units.ts';
import { createRng, deriveSeed, type Rng } from './prng.ts';
import { LAST_DAY_BEFORE_MERGER, MERGER_DATE, type UnitKind } from './reference-data.ts';

export type UnitPlan = {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  population: number | null;
  areaKm2: number | null;
  isMountainous: boolean;
  validFrom: string | null;
  validTo: string | null;
  createdByResolution: string | null;
};

export type CurrentUnitPlan = UnitPlan & {
  kind: 'WARD' | 'COMMUNE';
  /** In lineage order; the first named unit's order matters for the showcase. */
  predecessorCodes: string[];
};

export type LineagePlan = { predecessorCode: string; successorCode: string; resolution: string; effectiveDate: string };

export type UnitsPlan = {
  province: UnitPlan;
  formerDistricts: UnitPlan[];
  current: CurrentUnitPlan[];
  predecessors: UnitPlan[];
  lineage: LineagePlan[];
};

export const MIN_UNITS = HUE_UNITS.length;
/**
 * The nation's count of communes, wards and special zones (domain.md §1.1), so a benchmark can
 * put the whole country's registry in one database. Current unit codes are 46001–49321 and
 * predecessor codes stay below them (at most 5 per unit from 20001), so codes never collide.
 */
export const MAX_UNITS = 3321;

/** Hue: centrally-run city since 1 January 2025 (NA Resolution 175/2024/QH15); figures from domain.md §1.1. */
const PROVINCE_UNIT: UnitPlan = {
  code: HUE_PROVINCE.code,
  name: HUE_PROVINCE.name,
  kind: 'PROVINCE',
  parentCode: null,
  population: 1_236_393,
  areaKm2: 4_947.11,
  isMountainous: false,
  validFrom: '2025-01-01',
  validTo: null,
  createdByResolution: '175/2024/QH15',
};

const currentCode = (index: number) => String(46_000 + index + 1);
const predecessorCode = (index: number) => String(20_000 + index + 1);
const districtCode = (index: number) => String(10_000 + index + 1);

/** Splits a total into n random shares that add up to it exactly. */
function splitTotal(rng: Rng, total: number, n: number, decimals: number): number[] {
  const weights = Array.from({ length: n }, () => 0.6 + rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const factor = 10 ** decimals;
  const shares = weights.map((w) => Math.round(((total * w) / sum) * factor) / factor);
  const rest = Math.round((total - shares.reduce((a, b) => a + b, 0)) * factor) / factor;
  shares[0] = Math.round(((shares[0] ?? 0) + rest) * factor) / factor;
  return shares;
}

/** A generated unit beyond the named 40, for benchmarks: "Phường Mẫu 041" and its predecessors. */
function syntheticUnit(rng: Rng, index: number): NamedUnit {
  const isWard = rng.chance(0.5);
  const isMountainous = !isWard && rng.chance(0.25);
  const count = rng.weighted([
    [2, 25],
    [3, 30],
    [4, 30],
    [5, 15],
  ] as const);
  const label = String(index + 1).padStart(3, '0');
  const predecessors = Array.from({ length: count }, (_, i) => {
    const letter = isWard
      ? rng.weighted([
          ['P', 70],
          ['X', 25],
          ['T', 5],
        ] as const)
      : rng.weighted([
          ['X', 88],
          ['T', 12],
        ] as const);
    return `${letter} Mẫu Cũ ${label}-${i + 1}`;
  });
  return {
    name: `Mẫu ${label}`,
    kind: isWard ? 'WARD' : 'COMMUNE',
    district: rng.pick(HUE_FORMER_DISTRICTS).key,
    population: isWard ? rng.int(25_000, 70_000) : rng.int(8_000, 40_000),
    areaKm2: isWard ? rng.int(80, 800) / 10 : rng.int(isMountainous ? 1500 : 400, isMountainous ? 4000 : 3500) / 10,
    isMountainous,
    predecessors,
  };
}

/**
 * The province, its former districts, `units` current communes/wards (the 40 named Hue
 * units, then generated ones) and their predecessors with lineage. Each unit draws from its
 * own stream, so the named units do not change when more are generated.
 */
export function planUnits(seed: number, units: number): UnitsPlan {
  if (!Number.isInteger(units) || units < MIN_UNITS || units > MAX_UNITS) {
    throw new Error(`units must be a whole number from ${MIN_UNITS} to ${MAX_UNITS}`);
  }
  const districtCodes = new Map(HUE_FORMER_DISTRICTS.map((d, i) => [d.key, districtCode(i)]));
  const formerDistricts: UnitPlan[] = HUE_FORMER_DISTRICTS.map((d, i) => ({
    code: districtCode(i),
    name: d.name,
    kind: 'FORMER_DISTRICT',
    parentCode: PROVINCE_UNIT.code,
    population: null,
    areaKm2: null,
    isMountainous: false,
    validFrom: null,
    validTo: LAST_DAY_BEFORE_MERGER,
    createdByResolution: null,
  }));

  const current: CurrentUnitPlan[] = [];
  const predecessors: UnitPlan[] = [];
  const lineage: LineagePlan[] = [];
  for (let i = 0; i < units; i++) {
    const rng = createRng(deriveSeed(seed, `unit:${i}`));
    const named = HUE_UNITS[i] ?? syntheticUnit(rng, i);
    const code = currentCode(i);
    const parsed: ParsedPredecessor[] = named.predecessors.map((p) => parsePredecessor(p, named.district));
    const populations = splitTotal(rng, named.population, parsed.length, 0);
    const areas = splitTotal(rng, named.areaKm2, parsed.length, 1);
    const codes: string[] = [];
    parsed.forEach((p, j) => {
      const pCode = predecessorCode(predecessors.length);
      const parentCode = districtCodes.get(p.district);
      if (!parentCode) throw new Error(`Unknown former district ${p.district} for ${p.name}`);
      codes.push(pCode);
      predecessors.push({
        code: pCode,
        name: p.name,
        kind: p.kind,
        parentCode,
        // People moved and boundaries were redrawn since: pre-merger figures are a share of today's.
        population: populations[j] ?? null,
        areaKm2: areas[j] ?? null,
        isMountainous: named.isMountainous,
        validFrom: null,
        validTo: LAST_DAY_BEFORE_MERGER,
        createdByResolution: null,
      });
      lineage.push({ predecessorCode: pCode, successorCode: code, resolution: HUE_RESOLUTION, effectiveDate: MERGER_DATE });
    });
    current.push({
      code,
      name: currentUnitName(named.kind, named.name),
      kind: named.kind,
      parentCode: PROVINCE_UNIT.code,
      population: named.population,
      areaKm2: named.areaKm2,
      isMountainous: named.isMountainous,
      validFrom: MERGER_DATE,
      validTo: null,
      createdByResolution: HUE_RESOLUTION,
      predecessorCodes: codes,
    });
  }
  return { province: PROVINCE_UNIT, formerDistricts, current, predecessors, lineage };
}
