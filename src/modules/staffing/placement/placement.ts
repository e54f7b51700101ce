import { type ReviewRating, ratingRank } from '../../../platform/rules/defaults/reviews-common.config.ts';
import type { MoveKind, StaffingPlacementConfig } from '../../../platform/rules/defaults/staffing-placement.config.ts';
import type { Requirement } from '../../competencies/framework.ts';
import {
  addMonths,
  type CampaignLevel,
  evaluateFit,
  type PersonFacts,
  type Reason,
  type TestLevel,
  type TrainingLevel,
} from '../../position-fit/fit.ts';
import type { WisnStatus } from '../runs/run.schemas.ts';

/**
 * Placement recommendations as a linear assignment (issue 5 §5–§6; ADR 0009). Pure: the caller
 * loads the run's lines, the people in them with their review ratings and assessed levels (locked
 * campaigns, tests and completed classes), the target position of each shortage line and the
 * former districts of the units, and passes the solver (src/platform/optimize/linear-assignment.ts
 * in production).
 *
 * - Candidates: eligible people of SURPLUS or BALANCED lines with spare staff. At most
 *   floor(difference) movers per line, at most floor(share × ACTIVE staff) per unit. Neither cap
 *   is expressible in a pure assignment, so they are applied by pre-selection: within a line
 *   (then a unit) the people whose best move is cheapest are kept.
 * - Slots: ceil(−difference) per SHORTAGE line, the k-th relieving relief × decay^(k−1).
 * - Cost of person → slot = −relief − expertise bonus + move cost + origin loss; one "stay"
 *   column per person at cost 0 (only that person may take it), so moving is never forced
 *   and only a move with a net benefit is proposed. Forbidden pairs cost +Infinity.
 * - Kind: TRANSFER from a SURPLUS line; from a BALANCED line only a SECONDMENT, and only to a
 *   line in acute shortage (ratio < acuteRatio).
 */

export type PlacementLine = {
  unitId: number;
  unitName: string;
  field: string;
  status: WisnStatus;
  requiredStaff: number | null;
  actualStaff: number;
  difference: number | null;
  ratio: number | null;
  /** Competencies the line's staff are assessed below (from the run's expertise). */
  gapCompetencies: readonly { code: string; name: string }[];
};

/** The professional position a shortage line's new staff would take. */
export type TargetPosition = {
  unitId: number;
  field: string;
  positionId: number;
  positionCode: string;
  positionName: string;
  requiredRank: string;
  educationLevel: string;
  qualificationFields: readonly string[];
  requirements: readonly Requirement[];
  /** Whether the unit has a free post of it (position_posts above holders). */
  freePost: boolean;
};

/** One year's rating from a locked review campaign (council rating, else the computed one). */
export type RatingFact = { year: number; campaignId: number; rating: ReviewRating };

export type Person = {
  staffId: number;
  fullName: string;
  /** The line the person counts in: their current unit and the field of their position. */
  unitId: number;
  field: string;
  staffPositionId: number;
  positionId: number | null;
  positionGroup: string | null;
  facts: PersonFacts;
  ratings: readonly RatingFact[];
  disciplinePendingUntil: string | null;
  campaignLevels: readonly CampaignLevel[];
  tests: readonly TestLevel[];
  /** Competency evidence of the classes the person completed (position-fit, issue 6 §5). */
  trainings: readonly TrainingLevel[];
};

export type PlacementOptions = { includeLeadership: boolean; forbidOutsideDistrict: boolean; maxShareMovedPerUnit: number };

export type PlacementInput = {
  /** The batch date in Vietnam ('YYYY-MM-DD'): rating window, discipline, proposed start. */
  today: string;
  config: StaffingPlacementConfig;
  options: PlacementOptions;
  lines: readonly PlacementLine[];
  targets: readonly TargetPosition[];
  people: readonly Person[];
  /** ACTIVE staff per unit (the base of the share cap). */
  activeStaffByUnit: ReadonlyMap<number, number>;
  /** Former districts each current unit came from (lineage → predecessor → parent FORMER_DISTRICT). */
  districtsByUnit: ReadonlyMap<number, readonly number[]>;
};

export type Solver = (
  cost: Float64Array,
  nRows: number,
  nCols: number,
) => { feasible: true; rowToCol: Int32Array; totalCost: number } | { feasible: false };

export const INELIGIBILITY_CODES = ['LEADERSHIP', 'DISCIPLINE_PENDING', 'TOO_FEW_RATED_YEARS', 'RATING_BELOW'] as const;
export type IneligibilityCode = (typeof INELIGIBILITY_CODES)[number];

export type Eligibility = {
  eligible: boolean;
  reasons: IneligibilityCode[];
  /** The years looked at, inclusive. */
  window: { from: number; to: number };
  ratings: RatingFact[];
  ratedYears: number;
  minRating: ReviewRating;
  disciplinePendingUntil: string | null;
  leadership: boolean;
};

const lineKey = (unitId: number, field: string) => `${unitId}:${field}`;

/** Person-level conditions (Decree 170/2025 as summarised in domain.md §3.3 [S]). */
export function personEligibility(p: Person, today: string, config: StaffingPlacementConfig, includeLeadership: boolean): Eligibility {
  const to = Number(today.slice(0, 4));
  const from = to - config.ratingYears + 1;
  const ratings = p.ratings.filter((r) => r.year >= from && r.year <= to).sort((a, b) => a.year - b.year || a.campaignId - b.campaignId);
  const ratedYears = new Set(ratings.map((r) => r.year)).size;
  const leadership = p.positionGroup === 'LEADERSHIP';
  const reasons: IneligibilityCode[] = [];
  if (leadership && !includeLeadership) reasons.push('LEADERSHIP');
  if (p.disciplinePendingUntil !== null && p.disciplinePendingUntil >= today) reasons.push('DISCIPLINE_PENDING');
  if (ratedYears < config.minRatedYears) reasons.push('TOO_FEW_RATED_YEARS');
  // "In every locked campaign": one rating below the minimum in the window is enough to refuse.
  if (ratings.some((r) => ratingRank(r.rating) > ratingRank(config.minRating))) reasons.push('RATING_BELOW');
  return {
    eligible: reasons.length === 0,
    reasons,
    window: { from, to },
    ratings,
    ratedYears,
    minRating: config.minRating,
    disciplinePendingUntil: p.disciplinePendingUntil,
    leadership,
  };
}

/** Same unit; else same former district when the two units share one; else other (also when unknown). */
export function moveKindOf(fromUnit: number, toUnit: number, districts: ReadonlyMap<number, readonly number[]>): MoveKind {
  if (fromUnit === toUnit) return 'SAME_UNIT';
  const a = districts.get(fromUnit) ?? [];
  const b = new Set(districts.get(toUnit) ?? []);
  return a.some((d) => b.has(d)) ? 'SAME_FORMER_DISTRICT' : 'OTHER_DISTRICT';
}

/** Spare movers of a line: floor(difference) when SURPLUS or BALANCED, else 0. */
export function spareOf(line: PlacementLine): number {
  if (line.status !== 'SURPLUS' && line.status !== 'BALANCED') return 0;
  if (line.difference === null) return 0;
  return Math.max(0, Math.floor(line.difference + 1e-9));
}

export type Slot = {
  index: number;
  line: PlacementLine;
  target: TargetPosition;
  /** 1 for the first missing post of the line, 2 for the second… */
  rank: number;
  relief: number;
  acute: boolean;
};

/** ceil(−difference) slots per SHORTAGE line that has a target position. */
export function slotsOf(lines: readonly PlacementLine[], targets: readonly TargetPosition[], config: StaffingPlacementConfig): Slot[] {
  const byLine = new Map(targets.map((t) => [lineKey(t.unitId, t.field), t]));
  const slots: Slot[] = [];
  for (const line of lines) {
    if (line.status !== 'SHORTAGE' || line.difference === null || line.difference >= 0) continue;
    const target = byLine.get(lineKey(line.unitId, line.field));
    if (!target) continue;
    const n = Math.ceil(-line.difference - 1e-9);
    const acute = line.ratio !== null && line.ratio < config.acuteRatio;
    for (let k = 1; k <= n; k++) {
      slots.push({ index: slots.length, line, target, rank: k, relief: config.relief * config.reliefDecay ** (k - 1), acute });
    }
  }
  return slots;
}

export type FitFacts = { meetsPosition: boolean | null; reasons: Reason[]; coveredGaps: { code: string; name: string }[] };

export type PairCost =
  | { allowed: false; why: 'FIT' | 'DISTANCE' | 'NOT_ACUTE' | 'SAME_LINE' }
  | {
      allowed: true;
      total: number;
      benefit: number;
      cost: number;
      moveKind: MoveKind;
      moveCost: number;
      originLoss: number;
      bonus: number;
      kind: 'TRANSFER' | 'SECONDMENT';
      fit: FitFacts;
    };

/** The target position's fit for the person (pure position-fit evaluation) and the gap competencies they cover. */
export function fitFor(p: Person, slot: Slot, today: string): FitFacts {
  const t = slot.target;
  const fit = evaluateFit({
    person: p.facts,
    position: {
      requiredRank: t.requiredRank,
      educationLevel: t.educationLevel,
      qualificationFields: t.qualificationFields,
      startDate: today,
      requirements: t.requirements,
    },
    campaignLevels: p.campaignLevels,
    tests: p.tests,
    trainings: p.trainings,
    graceMonths: 0,
    today,
  });
  const met = new Set(fit.competencies.filter((c) => c.gap === 0).map((c) => c.competencyCode));
  return { meetsPosition: fit.meetsPosition, reasons: fit.reasons, coveredGaps: slot.line.gapCompetencies.filter((g) => met.has(g.code)) };
}

export function pairCost(
  origin: PlacementLine,
  slot: Slot,
  fit: FitFacts,
  input: Pick<PlacementInput, 'config' | 'options' | 'districtsByUnit'>,
): PairCost {
  const { config, options } = input;
  if (origin.unitId === slot.line.unitId && origin.field === slot.line.field) return { allowed: false, why: 'SAME_LINE' };
  if (fit.meetsPosition === false || (fit.meetsPosition === null && config.requireProvenFit)) return { allowed: false, why: 'FIT' };
  const moveKind = moveKindOf(origin.unitId, slot.line.unitId, input.districtsByUnit);
  if (moveKind === 'OTHER_DISTRICT' && options.forbidOutsideDistrict) return { allowed: false, why: 'DISTANCE' };
  const kind = origin.status === 'SURPLUS' ? 'TRANSFER' : 'SECONDMENT';
  if (kind === 'SECONDMENT' && !slot.acute) return { allowed: false, why: 'NOT_ACUTE' };
  const bonus = config.expertiseBonus * Math.min(fit.coveredGaps.length, config.maxBonusCompetencies);
  const moveCost = config.moveCost[moveKind];
  const required = origin.requiredStaff ?? 0;
  const originLoss = required > 0 && (origin.actualStaff - 1) / required < 1 ? config.originLoss : 0;
  const benefit = slot.relief + bonus;
  const cost = moveCost + originLoss;
  return { allowed: true, total: cost - benefit, benefit, cost, moveKind, moveCost, originLoss, bonus, kind, fit };
}

export type LineFigures = {
  unitId: number;
  unitName: string;
  field: string;
  status: WisnStatus;
  requiredStaff: number | null;
  actualBefore: number;
  actualAfter: number;
  ratioBefore: number | null;
  ratioAfter: number | null;
};

export type Explanation = {
  fixes: LineFigures & { slotRank: number; relief: number; acute: boolean; gapCompetenciesCovered: { code: string; name: string }[] };
  costs: LineFigures & { moveKind: MoveKind; moveCost: number; originLoss: number };
  eligibility: Omit<Eligibility, 'eligible' | 'reasons'> & {
    fit: { meetsPosition: boolean | null; reasons: Reason[]; requireProvenFit: boolean };
  };
  position: { id: number; code: string; name: string; freePost: boolean };
};

export type Recommendation = {
  staffId: number;
  fullName: string;
  fromStaffPositionId: number;
  fromUnitId: number;
  fromPositionId: number | null;
  fromField: string;
  toUnitId: number;
  toPositionId: number;
  toField: string;
  kind: 'TRANSFER' | 'SECONDMENT';
  endDate: string | null;
  benefit: number;
  cost: number;
  explanation: Explanation;
};

export type Excluded = { staffId: number; fullName: string; unitId: number; field: string; reasons: IneligibilityCode[] };

export type PlacementSummary = {
  linesWithSpare: number;
  shortageLines: number;
  shortageLinesWithoutPosition: number;
  slots: number;
  peopleInSpareLines: number;
  eligible: number;
  withBeneficialMove: number;
  preselected: number;
  recommended: number;
};

export type PlacementResult = { recommendations: Recommendation[]; excluded: Excluded[]; objective: number; summary: PlacementSummary };

const ratioOf = (actual: number, required: number | null) => (required === null || required <= 0 ? null : actual / required);

type Row = { person: Person; origin: PlacementLine; eligibility: Eligibility; costs: PairCost[]; best: number };

/** Keeps at most `cap(group)` rows per group, the cheapest best move first (ties: lower staff id). */
function capBy(rows: Row[], group: (r: Row) => string | number, cap: (key: string | number) => number): Row[] {
  const kept: Row[] = [];
  const taken = new Map<string | number, number>();
  for (const r of [...rows].sort((a, b) => a.best - b.best || a.person.staffId - b.person.staffId)) {
    const key = group(r);
    const n = taken.get(key) ?? 0;
    if (n >= cap(key)) continue;
    taken.set(key, n + 1);
    kept.push(r);
  }
  return kept;
}

export function proposePlacements(input: PlacementInput, solve: Solver): PlacementResult {
  const { config, options, today } = input;
  const lineByKey = new Map(input.lines.map((l) => [lineKey(l.unitId, l.field), l]));
  const slots = slotsOf(input.lines, input.targets, config);
  const shortageLines = input.lines.filter((l) => l.status === 'SHORTAGE' && l.difference !== null && l.difference < 0);
  const targetKeys = new Set(input.targets.map((t) => lineKey(t.unitId, t.field)));

  const excluded: Excluded[] = [];
  const rows: Row[] = [];
  let peopleInSpareLines = 0;
  for (const person of [...input.people].sort((a, b) => a.staffId - b.staffId)) {
    const origin = lineByKey.get(lineKey(person.unitId, person.field));
    if (!origin || spareOf(origin) === 0) continue;
    peopleInSpareLines++;
    const eligibility = personEligibility(person, today, config, options.includeLeadership);
    if (!eligibility.eligible) {
      excluded.push({
        staffId: person.staffId,
        fullName: person.fullName,
        unitId: person.unitId,
        field: person.field,
        reasons: eligibility.reasons,
      });
      continue;
    }
    // The fit depends only on the target position: evaluate it once per line, not per slot.
    const fitByLine = new Map<string, FitFacts>();
    const costs = slots.map((slot) => {
      const key = lineKey(slot.line.unitId, slot.line.field);
      let fit = fitByLine.get(key);
      if (!fit) {
        fit = fitFor(person, slot, today);
        fitByLine.set(key, fit);
      }
      return pairCost(origin, slot, fit, input);
    });
    const best = costs.reduce((m, c) => (c.allowed && c.total < m ? c.total : m), 0);
    rows.push({ person, origin, eligibility, costs, best });
  }
  // A person whose every move costs at least staying would stay in any optimum: leave them out.
  const beneficial = rows.filter((r) => r.best < 0);
  const perLine = capBy(
    beneficial,
    (r) => lineKey(r.origin.unitId, r.origin.field),
    (key) => spareOf(lineByKey.get(String(key)) as PlacementLine),
  );
  const share = options.maxShareMovedPerUnit;
  const chosen = capBy(
    perLine,
    (r) => r.origin.unitId,
    (unitId) => Math.floor(share * (input.activeStaffByUnit.get(Number(unitId)) ?? 0) + 1e-9),
  ).sort((a, b) => a.person.staffId - b.person.staffId);

  const nRows = chosen.length;
  const nSlots = slots.length;
  const nCols = nSlots + nRows;
  const matrix = new Float64Array(nRows * nCols).fill(Number.POSITIVE_INFINITY);
  chosen.forEach((r, i) => {
    r.costs.forEach((c, j) => {
      if (c.allowed) matrix[i * nCols + j] = c.total;
    });
    matrix[i * nCols + nSlots + i] = 0;
  });
  const solution = solve(matrix, nRows, nCols);
  // Every row has its own stay column at cost 0, so the problem is always feasible.
  if (!solution.feasible) throw new Error('placement: the assignment has no feasible solution');

  type Move = { row: Row; slot: Slot; pair: Extract<PairCost, { allowed: true }> };
  const moves: Move[] = [];
  chosen.forEach((row, i) => {
    const j = solution.rowToCol[i] as number;
    if (j >= nSlots) return;
    const slot = slots[j] as Slot;
    const pair = row.costs[j] as PairCost;
    if (!pair.allowed) throw new Error('placement: the solver chose a forbidden pair');
    moves.push({ row, slot, pair });
  });
  // Figures before/after count the moves in order of the slot they fill (1st post, 2nd post…).
  moves.sort((a, b) => a.slot.index - b.slot.index);
  const into = new Map<string, number>();
  const outOf = new Map<string, number>();
  const recommendations = moves.map(({ row, slot, pair }) => {
    const tKey = lineKey(slot.line.unitId, slot.line.field);
    const oKey = lineKey(row.origin.unitId, row.origin.field);
    const tBefore = slot.line.actualStaff + (into.get(tKey) ?? 0);
    const oBefore = row.origin.actualStaff - (outOf.get(oKey) ?? 0);
    into.set(tKey, (into.get(tKey) ?? 0) + 1);
    outOf.set(oKey, (outOf.get(oKey) ?? 0) + 1);
    const figures = (l: PlacementLine, before: number, after: number): LineFigures => ({
      unitId: l.unitId,
      unitName: l.unitName,
      field: l.field,
      status: l.status,
      requiredStaff: l.requiredStaff,
      actualBefore: before,
      actualAfter: after,
      ratioBefore: ratioOf(before, l.requiredStaff),
      ratioAfter: ratioOf(after, l.requiredStaff),
    });
    const { eligible: _e, reasons: _r, ...facts } = row.eligibility;
    const rec: Recommendation = {
      staffId: row.person.staffId,
      fullName: row.person.fullName,
      fromStaffPositionId: row.person.staffPositionId,
      fromUnitId: row.origin.unitId,
      fromPositionId: row.person.positionId,
      fromField: row.origin.field,
      toUnitId: slot.line.unitId,
      toPositionId: slot.target.positionId,
      toField: slot.line.field,
      kind: pair.kind,
      endDate: pair.kind === 'SECONDMENT' ? addMonths(today, config.secondmentMonths) : null,
      benefit: pair.benefit,
      cost: pair.cost,
      explanation: {
        fixes: {
          ...figures(slot.line, tBefore, tBefore + 1),
          slotRank: slot.rank,
          relief: slot.relief,
          acute: slot.acute,
          gapCompetenciesCovered: pair.fit.coveredGaps,
        },
        costs: {
          ...figures(row.origin, oBefore, oBefore - 1),
          moveKind: pair.moveKind,
          moveCost: pair.moveCost,
          originLoss: pair.originLoss,
        },
        eligibility: {
          ...facts,
          fit: { meetsPosition: pair.fit.meetsPosition, reasons: pair.fit.reasons, requireProvenFit: config.requireProvenFit },
        },
        position: {
          id: slot.target.positionId,
          code: slot.target.positionCode,
          name: slot.target.positionName,
          freePost: slot.target.freePost,
        },
      },
    };
    return rec;
  });
  return {
    recommendations,
    excluded,
    objective: moves.reduce((s, m) => s + m.pair.total, 0),
    summary: {
      linesWithSpare: input.lines.filter((l) => spareOf(l) > 0).length,
      shortageLines: shortageLines.length,
      shortageLinesWithoutPosition: shortageLines.filter((l) => !targetKeys.has(lineKey(l.unitId, l.field))).length,
      slots: nSlots,
      peopleInSpareLines,
      eligible: rows.length,
      withBeneficialMove: beneficial.length,
      preselected: nRows,
      recommended: recommendations.length,
    },
  };
}
