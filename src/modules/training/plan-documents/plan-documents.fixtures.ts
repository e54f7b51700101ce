import { CONTENT_TYPES, COURSE_MODES, type FundingSource } from '../courses.ts';
import { makePlanDocument, type PlanClass, type PlanDocument, type PlanParticipant } from './plan-document.ts';

/** Hand-made plan documents for the renderer and comparison tests (figures worked out by hand in the tests). */

const person = (staffId: number, fullName: string, unitName: string, needs: [string, number][] = []): PlanParticipant => ({
  staffId,
  fullName,
  unitName,
  positionName: 'Công chức Tư pháp - Hộ tịch',
  needsClosed: needs.map(([label, weight]) => ({ label, weight })),
});

export const PEOPLE = {
  an: person(1, 'Nguyễn Văn An', 'Phường Thuận Hóa', [
    ['Năng lực Pháp luật lên mức 3', 2.5],
    ['Chương trình bắt buộc LAW.01', 1],
  ]),
  binh: person(2, 'Trần Thị Bình', 'Phường Thuận Hóa', [['Năng lực Pháp luật lên mức 3', 1.75]]),
  cuong: person(3, 'Lê Văn Cường', 'Xã Phú Vang', [['Năng lực Pháp luật lên mức 4', 3]]),
  dung: person(4, 'Phạm Thị Dung', 'Xã Phú Vang', [['Năng lực Kỹ năng số lên mức 2', 1.5]]),
  em: person(5, 'Hoàng Văn Em', 'Xã Phú Vang', [['Năng lực Đạo đức công vụ lên mức 3', 2]]),
};

type ClassSpec = {
  year: number;
  code: string;
  name: string;
  classNo: number;
  source: FundingSource;
  perClass: number;
  perPerson: number;
  people: PlanParticipant[];
  contentType?: PlanClass['contentType'];
  mode?: PlanClass['mode'];
};

export function planClass(s: ClassSpec): PlanClass {
  const costParticipants = s.perPerson * s.people.length;
  return {
    year: s.year,
    courseCode: s.code,
    courseName: s.name,
    contentType: s.contentType ?? 'STATE_MANAGEMENT',
    mode: s.mode ?? 'IN_PERSON',
    fundingSource: s.source,
    classNo: s.classNo,
    sessions: 2,
    days: 8,
    participants: s.people,
    costPerClass: s.perClass,
    costParticipants,
    total: s.perClass + costParticipants,
  };
}

const LAW = {
  code: 'LAW.01',
  name: 'Kỹ năng áp dụng pháp luật',
  source: 'STATE_BUDGET',
  perClass: 20_000_000,
  perPerson: 1_500_000,
} as const;
const DIG = {
  code: 'DIG.01',
  name: 'Kỹ năng số cơ bản',
  source: 'EMPLOYER',
  perClass: 5_000_000,
  perPerson: 500_000,
  contentType: 'DIGITAL_INNOVATION',
  mode: 'ONLINE',
} as const;
const ETH = {
  code: 'ETH.01',
  name: 'Đạo đức công vụ',
  source: 'STATE_BUDGET',
  perClass: 10_000_000,
  perPerson: 1_000_000,
  contentType: 'JOB_POSITION',
  mode: 'BLENDED',
} as const;

/**
 * Plan A. 2026: DIG.01 class 1 (Dung, An: 5 000 000 + 2 × 500 000, employer), LAW.01 class 1 (An,
 * Bình, Cường: 20 000 000 + 3 × 1 500 000) and class 2 (Dung: 21 500 000), state budget; 2027: ETH.01
 * (Em, Bình: 10 000 000 + 2 × 1 000 000). A 2027 employer budget line of 5 000 000 stays unused.
 */
export function docA(): PlanDocument {
  const { an, binh, cuong, dung, em } = PEOPLE;
  return makePlanDocument({
    planId: 11,
    provinceName: 'Thành phố Huế',
    planName: 'Phương án A',
    generatedAt: '2026-02-03T02:30:00.000Z',
    parameters: {
      years: [2026, 2027],
      budgets: [
        { year: 2026, fundingSource: 'STATE_BUDGET', amount: 100_000_000 },
        { year: 2026, fundingSource: 'EMPLOYER', amount: 20_000_000 },
        { year: 2027, fundingSource: 'STATE_BUDGET', amount: 80_000_000 },
        { year: 2027, fundingSource: 'EMPLOYER', amount: 5_000_000 },
      ],
      maxDaysPerPersonYear: 10,
      maxUnitShareAway: 0.3,
      timeLimitSeconds: 60,
    },
    solver: { status: 'OPTIMAL', objective: 11.75, bestBound: 11.75, gap: 0, seconds: 1.2, greedyObjective: 9.5 },
    // Given out of order on purpose: makePlanDocument sorts by year, course code, class number.
    classes: [
      planClass({ ...ETH, year: 2027, classNo: 1, people: [em, binh] }),
      planClass({ ...LAW, year: 2026, classNo: 2, people: [dung] }),
      planClass({ ...LAW, year: 2026, classNo: 1, people: [an, binh, cuong] }),
      planClass({ ...DIG, year: 2026, classNo: 1, people: [dung, an] }),
    ],
  });
}

/**
 * Plan B against A: LAW.01 down to one class in 2026 (An, Cường: 23 000 000); DIG.01 removed, so An
 * changes course; ETH.01 moves from 2027 to 2028 (Em: same course, other year; Bình also loses
 * LAW.01: course change); SEC.01 added in 2027 with Giang, who is only in B; Dung is only in A.
 */
export function docB(): PlanDocument {
  const { an, binh, cuong, em } = PEOPLE;
  const giang = person(7, 'Đỗ Thị Giang', 'Phường Thuận Hóa', [['Năng lực Quốc phòng lên mức 2', 1]]);
  return makePlanDocument({
    planId: 12,
    provinceName: 'Thành phố Huế',
    planName: 'Phương án B',
    generatedAt: '2026-02-04T02:30:00.000Z',
    parameters: {
      years: [2026, 2027, 2028],
      budgets: [
        { year: 2026, fundingSource: 'STATE_BUDGET', amount: 60_000_000 },
        { year: 2027, fundingSource: 'STATE_BUDGET', amount: 50_000_000 },
        { year: 2028, fundingSource: 'STATE_BUDGET', amount: 50_000_000 },
      ],
      maxDaysPerPersonYear: 10,
      maxUnitShareAway: 0.3,
      timeLimitSeconds: 60,
    },
    solver: { status: 'TIME_LIMIT', objective: 10.25, bestBound: 10.5, gap: 0.0243902, seconds: 60, greedyObjective: 8 },
    classes: [
      planClass({ ...LAW, year: 2026, classNo: 1, people: [an, cuong] }),
      planClass({
        code: 'SEC.01',
        name: 'Quốc phòng và an ninh',
        source: 'STATE_BUDGET',
        perClass: 8_000_000,
        perPerson: 0,
        year: 2027,
        classNo: 1,
        people: [giang],
        contentType: 'DEFENCE_SECURITY',
      }),
      planClass({ ...ETH, year: 2028, classNo: 1, people: [em, binh] }),
    ],
  });
}

/** A province-sized plan: `people` officials spread over `courses` courses and five years, deterministic. */
export function largeDoc(name: string, people: number, courses: number, shift = 0): PlanDocument {
  const years = [2026, 2027, 2028, 2029, 2030];
  const classes: PlanClass[] = [];
  const perClass = 30;
  let next = 0;
  for (let c = 0; c < courses; c++) {
    const code = `C${String(c).padStart(3, '0')}`;
    const year = years[(c + shift) % years.length] ?? 2026;
    const size = Math.floor(people / courses) * 2;
    const members: PlanParticipant[] = [];
    for (let i = 0; i < size; i++) {
      const id = ((next + i + shift * 7) % people) + 1;
      members.push(person(id, `Cán bộ Số ${id}`, `Xã ${(id % 40) + 1}`, [[`Năng lực ${code} lên mức 3`, 1 + (id % 3)]]));
    }
    next += size;
    for (let k = 0; k * perClass < members.length; k++)
      classes.push(
        planClass({
          year,
          code,
          name: `Khóa học số ${c}`,
          classNo: k + 1,
          source: c % 3 === 0 ? 'EMPLOYER' : 'STATE_BUDGET',
          perClass: 15_000_000,
          perPerson: 800_000,
          people: members.slice(k * perClass, (k + 1) * perClass),
          contentType: CONTENT_TYPES[c % CONTENT_TYPES.length] ?? 'JOB_POSITION',
          mode: COURSE_MODES[c % COURSE_MODES.length] ?? 'IN_PERSON',
        }),
      );
  }
  return makePlanDocument({
    planId: 100 + shift,
    provinceName: 'Thành phố Huế',
    planName: name,
    generatedAt: '2026-02-03T02:30:00.000Z',
    parameters: {
      years,
      budgets: years.flatMap((year) => [
        { year, fundingSource: 'STATE_BUDGET' as const, amount: 2_000_000_000 },
        { year, fundingSource: 'EMPLOYER' as const, amount: 800_000_000 },
      ]),
      maxDaysPerPersonYear: 15,
      maxUnitShareAway: 0.25,
      timeLimitSeconds: 60,
    },
    solver: { status: 'TIME_LIMIT', objective: 5000 + shift, bestBound: 5100, gap: 0.02, seconds: 60, greedyObjective: 4500 },
    classes,
  });
}
