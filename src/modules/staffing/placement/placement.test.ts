import { describe, expect, it } from 'vitest';
import { solveLinearAssignment } from '../../../platform/optimize/linear-assignment.ts';
import { DEFAULT_STAFFING_PLACEMENT_CONFIG as CONFIG } from '../../../platform/rules/defaults/staffing-placement.config.ts';
import type { CampaignLevel } from '../../position-fit/fit.ts';
import {
  moveKindOf,
  type Person,
  type PlacementInput,
  type PlacementLine,
  pairCost,
  personEligibility,
  proposePlacements,
  type Slot,
  slotsOf,
  spareOf,
  type TargetPosition,
} from './placement.ts';

/**
 * Hand-computed cases with the default weights: move cost 0.05 / 0.2 / 0.5, relief 1 then ×0.8,
 * bonus 0.3 per gap competency covered, origin loss 0.5, acute below ratio 0.6, 6-month secondment.
 */

const TODAY = '2026-03-02';

const line = (unitId: number, field: string, status: PlacementLine['status'], required: number, actual: number, gaps: string[] = []) => ({
  unitId,
  unitName: `Unit ${unitId}`,
  field,
  status,
  requiredStaff: required,
  actualStaff: actual,
  difference: actual - required,
  ratio: actual / required,
  gapCompetencies: gaps.map((code) => ({ code, name: `Name of ${code}` })),
});

const target = (unitId: number, positionId: number, requirements: TargetPosition['requirements']): TargetPosition => ({
  unitId,
  field: 'LAND',
  positionId,
  positionCode: `LAND_${unitId}`,
  positionName: 'Chuyên viên đất đai',
  requiredRank: 'CHUYEN_VIEN',
  educationLevel: 'UNIVERSITY',
  qualificationFields: [],
  requirements,
  freePost: true,
});

const levels = (entries: Record<string, number>): CampaignLevel[] =>
  Object.entries(entries).map(([competencyCode, level]) => ({
    competencyCode,
    campaignId: 1,
    campaignName: 'Đợt 2025',
    lockedOn: '2025-12-20',
    selfLevel: null,
    supervisorLevel: level,
    councilLevel: null,
  }));

const person = (staffId: number, over: Partial<Person> = {}): Person => ({
  staffId,
  fullName: `Person ${staffId}`,
  unitId: 1,
  field: 'OFFICE',
  staffPositionId: 100 + staffId,
  positionId: 50,
  positionGroup: 'PROFESSIONAL',
  facts: { rank: 'CHUYEN_VIEN', qualification: 'Cử nhân Luật', education: '12/12', qualificationField: 'Luật' },
  ratings: [{ year: 2025, campaignId: 1, rating: 'GOOD' }],
  disciplinePendingUntil: null,
  campaignLevels: [],
  tests: [],
  trainings: [],
  ...over,
});

/** Unit 1 OFFICE: 4 in post for 2 required (SURPLUS, 2 spare). Unit 2 LAND: 1 for 3 (acute). Unit 3 LAND: 2 for 2.5. */
function scenario(over: Partial<PlacementInput> = {}): PlacementInput {
  return {
    today: TODAY,
    config: CONFIG,
    options: { includeLeadership: false, forbidOutsideDistrict: false, maxShareMovedPerUnit: 0.1 },
    lines: [line(1, 'OFFICE', 'SURPLUS', 2, 4), line(2, 'LAND', 'SHORTAGE', 3, 1), line(3, 'LAND', 'SHORTAGE', 2.5, 2, ['LAND.GIS'])],
    targets: [
      target(2, 902, [{ competencyCode: 'LAND.LAW', level: 3 }]),
      target(3, 903, [
        { competencyCode: 'LAND.LAW', level: 3 },
        { competencyCode: 'LAND.GIS', level: 2 },
      ]),
    ],
    people: [
      // Meets both targets and covers unit 3's gap (GIS).
      person(1, { campaignLevels: levels({ 'LAND.LAW': 4, 'LAND.GIS': 3 }) }),
      // Meets unit 2's target only (GIS 1 < 2).
      person(2, {
        campaignLevels: levels({ 'LAND.LAW': 3, 'LAND.GIS': 1 }),
        ratings: [
          { year: 2024, campaignId: 7, rating: 'EXCELLENT' },
          { year: 2025, campaignId: 1, rating: 'GOOD' },
        ],
      }),
      // Eligible but meets no target (LAW 2 < 3): every move forbidden, so left out.
      person(3, { campaignLevels: levels({ 'LAND.LAW': 2 }) }),
      // "Completed" in 2023: below "well completed".
      person(4, {
        campaignLevels: levels({ 'LAND.LAW': 5, 'LAND.GIS': 5 }),
        ratings: [
          { year: 2023, campaignId: 3, rating: 'COMPLETED' },
          { year: 2025, campaignId: 1, rating: 'EXCELLENT' },
        ],
      }),
    ],
    activeStaffByUnit: new Map([
      [1, 20],
      [2, 15],
      [3, 15],
    ]),
    districtsByUnit: new Map([
      [1, [10]],
      [2, [10, 12]],
      [3, [11]],
    ]),
    ...over,
  };
}

describe('personEligibility', () => {
  it('looks at the last ratingYears years only and refuses one rating below the minimum', () => {
    const p = person(1, {
      ratings: [
        { year: 2021, campaignId: 1, rating: 'NOT_COMPLETED' }, // outside 2022–2026
        { year: 2022, campaignId: 2, rating: 'GOOD' },
      ],
    });
    const ok = personEligibility(p, TODAY, CONFIG, false);
    expect(ok).toMatchObject({ eligible: true, reasons: [], window: { from: 2022, to: 2026 }, ratedYears: 1 });
    expect(ok.ratings.map((r) => r.year)).toEqual([2022]);
    const below = personEligibility(person(1, { ratings: [{ year: 2024, campaignId: 5, rating: 'COMPLETED' }] }), TODAY, CONFIG, false);
    expect(below.reasons).toEqual(['RATING_BELOW']);
  });

  it('needs minRatedYears rated years', () => {
    expect(personEligibility(person(1, { ratings: [] }), TODAY, CONFIG, false).reasons).toEqual(['TOO_FEW_RATED_YEARS']);
    const twoYears = { ...CONFIG, minRatedYears: 2 };
    const twoInOneYear = person(1, {
      ratings: [
        { year: 2025, campaignId: 1, rating: 'GOOD' },
        { year: 2025, campaignId: 2, rating: 'EXCELLENT' },
      ],
    });
    expect(personEligibility(twoInOneYear, TODAY, twoYears, false).reasons).toEqual(['TOO_FEW_RATED_YEARS']);
  });

  it('refuses pending discipline up to and including its last day, and leaders unless included', () => {
    expect(personEligibility(person(1, { disciplinePendingUntil: TODAY }), TODAY, CONFIG, false).reasons).toEqual(['DISCIPLINE_PENDING']);
    expect(personEligibility(person(1, { disciplinePendingUntil: '2026-03-01' }), TODAY, CONFIG, false).eligible).toBe(true);
    const leader = person(1, { positionGroup: 'LEADERSHIP' });
    expect(personEligibility(leader, TODAY, CONFIG, false).reasons).toEqual(['LEADERSHIP']);
    expect(personEligibility(leader, TODAY, CONFIG, true).eligible).toBe(true);
  });
});

describe('building blocks', () => {
  it('counts spare movers as floor(difference) of SURPLUS and BALANCED lines only', () => {
    expect(spareOf(line(1, 'A', 'SURPLUS', 2, 4))).toBe(2);
    expect(spareOf(line(1, 'A', 'BALANCED', 5, 6.7))).toBe(1);
    expect(spareOf(line(1, 'A', 'BALANCED', 5, 5.4))).toBe(0);
    expect(spareOf(line(1, 'A', 'SHORTAGE', 5, 3))).toBe(0);
  });

  it('makes ceil(−difference) slots per shortage line with a decreasing relief', () => {
    const slots = slotsOf([line(2, 'LAND', 'SHORTAGE', 3.3, 1)], [target(2, 902, [])], CONFIG);
    expect(slots.map((s) => [s.rank, s.relief, s.acute])).toEqual([
      [1, 1, true],
      [2, 0.8, true],
      [3, expect.closeTo(0.64, 12), true],
    ]);
    // No target position for the line: no slot.
    expect(slotsOf([line(2, 'LAND', 'SHORTAGE', 3, 1)], [], CONFIG)).toEqual([]);
  });

  it('uses the former districts as the distance proxy', () => {
    const d = new Map([
      [1, [10]],
      [2, [10, 12]],
      [3, [11]],
    ]);
    expect(moveKindOf(1, 1, d)).toBe('SAME_UNIT');
    expect(moveKindOf(1, 2, d)).toBe('SAME_FORMER_DISTRICT');
    expect(moveKindOf(1, 3, d)).toBe('OTHER_DISTRICT');
    expect(moveKindOf(1, 4, d)).toBe('OTHER_DISTRICT'); // unknown districts count as other
  });

  it('adds the origin loss when leaving brings the origin line below ratio 1', () => {
    const slot: Slot = { index: 0, line: line(2, 'LAND', 'SHORTAGE', 3, 1), target: target(2, 902, []), rank: 1, relief: 1, acute: true };
    const fit = { meetsPosition: true, reasons: [], coveredGaps: [] };
    const input = { config: CONFIG, options: scenario().options, districtsByUnit: new Map<number, number[]>() };
    // (3.5 − 1) / 3 < 1 → loss 0.5; other district 0.5; relief 1: total 0.5 + 0.5 − 1 = 0.
    const tight = pairCost(line(1, 'OFFICE', 'SURPLUS', 3, 3.5), slot, fit, input);
    expect(tight).toMatchObject({ allowed: true, originLoss: 0.5, moveCost: 0.5, benefit: 1, cost: 1, total: 0, kind: 'TRANSFER' });
    // (5 − 1) / 3 ≥ 1 → no loss: total 0.5 − 1 = −0.5.
    expect(pairCost(line(1, 'OFFICE', 'SURPLUS', 3, 5), slot, fit, input)).toMatchObject({ originLoss: 0, total: -0.5 });
    // Unknown fit is refused while the rule asks for proven fit.
    expect(pairCost(line(1, 'OFFICE', 'SURPLUS', 3, 5), slot, { ...fit, meetsPosition: null }, input)).toEqual({
      allowed: false,
      why: 'FIT',
    });
  });
});

describe('proposePlacements', () => {
  it('finds the assignment of least total cost and explains it', () => {
    // Person 1: unit 2 slot 1 = −1 + 0.2 = −0.8, slot 2 = −0.8 + 0.2 = −0.6, unit 3 = −1 − 0.3 + 0.5 = −0.8.
    // Person 2: −0.8, −0.6, forbidden. Best: 1 → unit 3, 2 → unit 2 slot 1 = −1.6 (not both to unit 2: −1.4).
    const r = proposePlacements(scenario(), solveLinearAssignment);
    expect(r.objective).toBeCloseTo(-1.6, 12);
    expect(r.recommendations.map((x) => [x.staffId, x.toUnitId, x.toPositionId, x.kind])).toEqual([
      [2, 2, 902, 'TRANSFER'],
      [1, 3, 903, 'TRANSFER'],
    ]);
    const [second, first] = r.recommendations;
    expect(second?.explanation.fixes).toMatchObject({ actualBefore: 1, actualAfter: 2, requiredStaff: 3, slotRank: 1, acute: true });
    expect(second?.explanation.fixes.ratioAfter).toBeCloseTo(2 / 3, 12);
    expect(second?.explanation.costs).toMatchObject({ actualBefore: 4, actualAfter: 3, moveKind: 'SAME_FORMER_DISTRICT', moveCost: 0.2 });
    expect(second).toMatchObject({ benefit: 1, cost: 0.2, endDate: null, fromStaffPositionId: 102, fromField: 'OFFICE', toField: 'LAND' });
    expect(first?.explanation.costs).toMatchObject({ actualBefore: 3, actualAfter: 2, moveKind: 'OTHER_DISTRICT', originLoss: 0 });
    expect(first?.explanation.fixes.gapCompetenciesCovered).toEqual([{ code: 'LAND.GIS', name: 'Name of LAND.GIS' }]);
    expect(first?.benefit).toBeCloseTo(1.3, 12);
    expect(second?.explanation.eligibility).toMatchObject({ ratedYears: 2, minRating: 'GOOD', window: { from: 2022, to: 2026 } });
    expect(second?.explanation.eligibility.fit).toMatchObject({ meetsPosition: true, requireProvenFit: true });
    expect(r.excluded).toEqual([{ staffId: 4, fullName: 'Person 4', unitId: 1, field: 'OFFICE', reasons: ['RATING_BELOW'] }]);
    expect(r.summary).toEqual({
      linesWithSpare: 1,
      shortageLines: 2,
      shortageLinesWithoutPosition: 0,
      slots: 3,
      peopleInSpareLines: 4,
      eligible: 3,
      withBeneficialMove: 2,
      preselected: 2,
      recommended: 2,
    });
  });

  it('takes a completed class as evidence when it is newer than the assessment', () => {
    const course = (achievedOn: string) => ({
      enrolmentId: 1,
      competencyCode: 'LAND.LAW',
      level: 3,
      achievedOn,
      classId: 1,
      classCode: 'K-1',
      courseCode: 'C.LAW',
      courseName: 'Pháp luật đất đai',
    });
    const withCourse = (achievedOn: string) =>
      scenario({
        people: scenario().people.map((p) => (p.staffId === 3 ? { ...p, trainings: [course(achievedOn)] } : p)),
      });
    // Person 3's LAW 2 (campaign locked 2025-12-20) raised to 3 by a class on 2026-02-06: a third beneficial move.
    expect(proposePlacements(withCourse('2026-02-06'), solveLinearAssignment).summary.withBeneficialMove).toBe(3);
    // A class before the campaign: the campaign is the fresher evidence, person 3 still fits nothing.
    expect(proposePlacements(withCourse('2025-11-30'), solveLinearAssignment).summary.withBeneficialMove).toBe(2);
  });

  it('keeps the per-unit share cap by pre-selection', () => {
    // 10 active staff × 10 % = 1 mover: persons 1 and 2 tie at −0.8, the lower id is kept.
    const r = proposePlacements(scenario({ activeStaffByUnit: new Map([[1, 10]]) }), solveLinearAssignment);
    expect(r.summary.preselected).toBe(1);
    expect(r.recommendations.map((x) => x.staffId)).toEqual([1]);
    expect(r.objective).toBeCloseTo(-0.8, 12);
    const none = proposePlacements(scenario({ options: { ...scenario().options, maxShareMovedPerUnit: 0 } }), solveLinearAssignment);
    expect(none.recommendations).toEqual([]);
  });

  it('keeps the per-line cap floor(difference)', () => {
    // Unit 1 OFFICE 3 for 2: one spare, although 2 people have a beneficial move.
    const lines = [line(1, 'OFFICE', 'SURPLUS', 2, 3), ...scenario().lines.slice(1)];
    const r = proposePlacements(scenario({ lines }), solveLinearAssignment);
    expect(r.recommendations).toHaveLength(1);
  });

  it('forbids moves outside the former district when asked', () => {
    const options = { ...scenario().options, forbidOutsideDistrict: true };
    const r = proposePlacements(scenario({ options }), solveLinearAssignment);
    // Both go to unit 2: −0.8 + −0.6.
    expect(r.objective).toBeCloseTo(-1.4, 12);
    expect(r.recommendations.map((x) => [x.staffId, x.toUnitId, x.explanation.fixes.slotRank])).toEqual([
      [1, 2, 1],
      [2, 2, 2],
    ]);
    expect(r.recommendations[1]?.explanation.fixes).toMatchObject({ actualBefore: 2, actualAfter: 3 });
  });

  it('proposes only a secondment from a line without surplus, and only to an acute shortage', () => {
    // Unit 1 OFFICE 6 for 5: BALANCED with 1 spare. Unit 3 (ratio 0.8) is not acute: only unit 2 (1/3) can take.
    const lines = [line(1, 'OFFICE', 'BALANCED', 5, 6), ...scenario().lines.slice(1)];
    const r = proposePlacements(scenario({ lines }), solveLinearAssignment);
    expect(r.recommendations.map((x) => [x.staffId, x.toUnitId, x.kind, x.endDate])).toEqual([[1, 2, 'SECONDMENT', '2026-09-02']]);
  });

  it('proposes nothing when no move pays for itself', () => {
    const config = { ...CONFIG, moveCost: { SAME_UNIT: 2, SAME_FORMER_DISTRICT: 2, OTHER_DISTRICT: 2 } };
    const r = proposePlacements(scenario({ config }), solveLinearAssignment);
    expect(r.recommendations).toEqual([]);
    expect(r.objective).toBe(0);
    expect(r.summary.withBeneficialMove).toBe(0);
  });
});
