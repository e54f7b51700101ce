import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.ts';
import type { Plan, PlanInput } from '../plan/plan-model.ts';
import { planClassFromStored, planDocumentFromPlan, planTotals } from './plan-document.ts';
import { docA, PEOPLE, planClass } from './plan-documents.fixtures.ts';
import { closedNeedLabel } from './plan-text.ts';

describe('planTotals', () => {
  it('totals by year × source, by year, by source and overall against the budget (worked by hand)', () => {
    const t = docA().totals;
    expect(t.byYearSource).toEqual([
      {
        year: 2026,
        fundingSource: 'STATE_BUDGET',
        classes: 2,
        participants: 4,
        cost: 46_000_000,
        budget: 100_000_000,
        remaining: 54_000_000,
      },
      { year: 2026, fundingSource: 'EMPLOYER', classes: 1, participants: 2, cost: 6_000_000, budget: 20_000_000, remaining: 14_000_000 },
      {
        year: 2027,
        fundingSource: 'STATE_BUDGET',
        classes: 1,
        participants: 2,
        cost: 12_000_000,
        budget: 80_000_000,
        remaining: 68_000_000,
      },
      // An unused budget line is listed: the money left is the point of the summary.
      { year: 2027, fundingSource: 'EMPLOYER', classes: 0, participants: 0, cost: 0, budget: 5_000_000, remaining: 5_000_000 },
    ]);
    expect(t.byYear).toEqual([
      { year: 2026, classes: 3, participants: 6, cost: 52_000_000, budget: 120_000_000, remaining: 68_000_000 },
      { year: 2027, classes: 1, participants: 2, cost: 12_000_000, budget: 85_000_000, remaining: 73_000_000 },
    ]);
    expect(t.bySource.map((s) => [s.fundingSource, s.cost, s.budget])).toEqual([
      ['STATE_BUDGET', 58_000_000, 180_000_000],
      ['EMPLOYER', 6_000_000, 25_000_000],
    ]);
    // Five distinct people over eight attendances.
    expect(t.all).toEqual({ classes: 4, participants: 8, cost: 64_000_000, budget: 205_000_000, remaining: 141_000_000, people: 5 });
  });

  it('gives a year × source without a budget line budget 0 and a negative remainder', () => {
    const k = planClass({
      year: 2026,
      code: 'X',
      name: 'X',
      classNo: 1,
      source: 'SPONSOR',
      perClass: 1000,
      perPerson: 10,
      people: [PEOPLE.an],
    });
    expect(planTotals([k], []).byYearSource).toEqual([
      { year: 2026, fundingSource: 'SPONSOR', classes: 1, participants: 1, cost: 1010, budget: 0, remaining: -1010 },
    ]);
  });

  it('sorts classes by year, course code and class number', () => {
    expect(docA().classes.map((k) => `${k.year} ${k.courseCode} ${k.classNo}`)).toEqual([
      '2026 DIG.01 1',
      '2026 LAW.01 1',
      '2026 LAW.01 2',
      '2027 ETH.01 1',
    ]);
  });
});

describe('planDocumentFromPlan', () => {
  const input: PlanInput = {
    years: [2027, 2026],
    courses: [
      {
        id: 'LAW',
        costPerClass: 1000,
        costPerParticipant: 10,
        capacity: 2,
        minSize: 1,
        durationDays: 5,
        competencies: [{ competencyCode: 'GEN.LAW', raisesToLevel: 3 }],
        prerequisites: [],
        fundingSource: 'STATE_BUDGET',
      },
      {
        id: 'LAW2',
        costPerClass: 500,
        costPerParticipant: 0,
        capacity: 5,
        minSize: 1,
        durationDays: 5,
        competencies: [{ competencyCode: 'GEN.LAW', raisesToLevel: 4 }],
        prerequisites: [],
        fundingSource: 'EMPLOYER',
      },
    ],
    people: [1, 2, 3].map((id) => ({
      id,
      unitId: 1,
      eligibleCourses: ['LAW', 'LAW2'],
      completedCourses: [],
      needs: [
        { kind: 'COMPETENCY' as const, competencyCode: 'GEN.LAW', requiredLevel: 3, weight: id },
        { kind: 'MANDATORY' as const, courseId: 'LAW2', weight: 0.5 },
      ],
    })),
    units: [{ id: 1, staffCount: 10 }],
    budgets: [
      { year: 2026, fundingSource: 'STATE_BUDGET', amount: 5000 },
      { year: 2027, fundingSource: 'EMPLOYER', amount: 1000 },
    ],
    maxDaysPerPersonYear: 10,
    maxUnitShareAway: 1,
  };
  const plan: Plan = {
    courses: [
      { courseId: 'LAW2', year: 2027, classes: 1, attendees: [1] },
      { courseId: 'LAW', year: 2026, classes: 2, attendees: [1, 2, 3] },
    ],
  };
  const doc = planDocumentFromPlan({
    header: {
      planId: null,
      provinceName: 'Thành phố Huế',
      planName: 'Thử',
      generatedAt: '2026-01-05T00:00:00.000Z',
      solver: { status: 'OPTIMAL', objective: 6.5, bestBound: 6.5, gap: 0, seconds: 0.1, greedyObjective: null },
      parameters: { maxDaysPerPersonYear: 10, maxUnitShareAway: 1, timeLimitSeconds: null },
    },
    input,
    plan,
    course: (id) => ({ code: id, name: `Khóa ${id}`, contentType: 'STATE_MANAGEMENT', mode: 'IN_PERSON', sessions: 1, days: 5 }),
    person: (id) => ({ fullName: `Người ${id}`, unitName: 'Xã A', positionName: 'Công chức' }),
    needLabel: (n) => (n.kind === 'COMPETENCY' ? `${n.competencyCode} ≥ ${n.requiredLevel}` : `Bắt buộc ${n.courseId}`),
  });

  it('splits attendees into classes evenly, with the class cost once per class', () => {
    expect(doc.classes.map((k) => [k.year, k.courseCode, k.classNo, k.participants.map((p) => p.staffId), k.total])).toEqual([
      [2026, 'LAW', 1, [1, 2], 1020],
      [2026, 'LAW', 2, [3], 1010],
      [2027, 'LAW2', 1, [1], 500],
    ]);
    expect(doc.parameters.years).toEqual([2026, 2027]);
    expect(doc.totals.all.cost).toBe(2530);
  });

  it('credits a need closed by two planned courses to the earlier one only', () => {
    const law2026 = doc.classes[0]?.participants[0];
    const law2027 = doc.classes[2]?.participants[0];
    expect(law2026?.needsClosed).toEqual([{ label: 'GEN.LAW ≥ 3', weight: 1 }]);
    // LAW2 also raises GEN.LAW past 3, but that need was met in 2026; only the mandatory course is credited.
    expect(law2027?.needsClosed).toEqual([{ label: 'Bắt buộc LAW2', weight: 0.5 }]);
    expect(doc.classes[1]?.participants[0]?.needsClosed).toEqual([{ label: 'GEN.LAW ≥ 3', weight: 3 }]);
  });
});

describe('planClassFromStored', () => {
  const vi = translator('vi');
  const k = planClassFromStored(
    {
      year: 2027,
      courseCode: 'LAW.01',
      classNo: 2,
      attendees: [
        {
          staffId: 9,
          fullName: 'Võ Thị Hạnh',
          unitName: 'Xã Phú Vang',
          needs: [
            { kind: 'COMPETENCY', competencyCode: 'GEN.LAW', courseCode: null, required: 3, assessed: 1, weight: 2.25 },
            { kind: 'MANDATORY', competencyCode: null, courseCode: 'LAW.01', required: null, assessed: null, weight: 1 },
          ],
        },
        { staffId: 10, fullName: 'Mai Văn Hùng', unitName: 'Xã Phú Vang', positionName: 'Công chức Địa chính', needs: [] },
      ],
    },
    {
      code: 'LAW.01',
      name: 'Kỹ năng áp dụng pháp luật',
      contentType: 'STATE_MANAGEMENT',
      mode: 'IN_PERSON',
      sessions: 2,
      days: 8,
      costPerClass: 20_000_000,
      costPerParticipant: 1_500_000,
      fundingSource: 'STATE_BUDGET',
    },
    (n) => closedNeedLabel(vi, n, n.competencyCode === 'GEN.LAW' ? 'Pháp luật' : null),
  );

  it('splits the stored cost into the class and the participants, and labels the needs', () => {
    expect(k).toMatchObject({ year: 2027, classNo: 2, costPerClass: 20_000_000, costParticipants: 3_000_000, total: 23_000_000 });
    expect(k.participants[0]?.needsClosed).toEqual([
      { label: 'Năng lực GEN.LAW (Pháp luật): mức 1 → 3', weight: 2.25 },
      { label: 'Chương trình bắt buộc LAW.01', weight: 1 },
    ]);
    expect(k.participants.map((p) => p.positionName)).toEqual(['', 'Công chức Địa chính']);
  });

  it('marks a competency never assessed with a question mark', () => {
    expect(
      closedNeedLabel(vi, { kind: 'COMPETENCY', competencyCode: 'DIG.1', courseCode: null, required: 2, assessed: null, weight: 1 }),
    ).toBe('Năng lực DIG.1: mức ? → 2');
  });
});
