import type { Db } from '../../../platform/db/database.ts';
import type { WisnInput } from '../staffing.schemas.ts';
import { computeWisn, WISN_FORMULA_VERSION } from '../wisn.ts';
import type { RunLine, StaffingRun, WisnStatus } from './run.schemas.ts';
import { insertRun } from './runs.repository.ts';

/**
 * Hand-built StaffingRun values for page and export tests that do not need a database. Every
 * figure comes from the real computeWisn, so the pages render real intermediate numbers and
 * traces. The status bands here (ratio < 0.9 shortage, > 1.1 surplus) only stand in for the
 * rule `staffing.wisnStandards`; the pages never recompute a status, they show the stored one.
 */

const WORKING_TIME: WisnInput['workingTime'] = {
  daysPerWeek: 5,
  weeksPerYear: 52,
  publicHolidayDays: 11,
  annualLeaveDays: 12,
  sickLeaveDays: 3,
  otherAbsenceDays: 4,
  hoursPerDay: 8,
};

const SUPPORT: WisnInput['support'] = [
  { name: 'Họp giao ban', time: 2, timeUnit: 'hours', per: 'week' },
  { name: 'Báo cáo tháng', time: 4, timeUnit: 'hours', per: 'month' },
];

export const FIXTURE_FIELDS = ['JUSTICE_CIVIL_STATUS', 'LAND', 'CULTURE_INFORMATION'] as const;
export const FIXTURE_UNITS = [
  { unitId: 101, unitCode: '19801', unitName: 'Phường Thuận Hóa', unitKind: 'WARD' },
  { unitId: 102, unitCode: '19802', unitName: 'Xã Phú Vang', unitKind: 'COMMUNE' },
  { unitId: 103, unitCode: '19803', unitName: 'Xã A Lưới 1', unitKind: 'COMMUNE' },
] as const;

type LineSpec = {
  dossiers: number;
  minutes: number;
  actual: number;
  additionalHours?: number;
  /** Makes the formulas refuse the input (TotalCAS% ≥ 100). */
  refuse?: boolean;
  placed?: number;
  notMeeting?: number;
};

/** Status from the stored result, as the runs helper's bands would give it (placeholder thresholds). */
export function fixtureStatus(ratio: number | null, refused: boolean): WisnStatus {
  if (refused) return 'REFUSED';
  if (ratio === null) return 'NO_WORKLOAD';
  if (ratio < 0.9) return 'SHORTAGE';
  if (ratio > 1.1) return 'SURPLUS';
  return 'BALANCED';
}

export function fixtureLine(
  unit: { unitId: number; unitCode: string; unitName: string; unitKind: string },
  field: string,
  spec: LineSpec,
): RunLine {
  // A name starting with = checks that the XLSX export neutralises formulas.
  const procedureName = field === 'LAND' ? '=1+1 Đăng ký đất đai' : `Thủ tục ${field}`;
  const input: WisnInput = {
    workingTime: WORKING_TIME,
    service:
      spec.dossiers > 0
        ? [
            { name: procedureName, annualWorkload: spec.dossiers, standard: spec.minutes, standardUnit: 'minutes_per_item' },
            {
              name: 'Tiếp nhận hồ sơ (quầy)',
              annualWorkload: Math.round(spec.dossiers / 2),
              standard: 10,
              standardUnit: 'minutes_per_item',
            },
          ]
        : [],
    support: spec.refuse ? [{ name: 'Họp cả ngày', time: 8, timeUnit: 'hours', per: 'day' }] : SUPPORT,
    additional: spec.additionalHours ? [{ name: 'Kế toán', timePerPerson: spec.additionalHours, timeUnit: 'hours', persons: 1 }] : [],
    actualStaff: spec.actual,
  };
  const outcome = computeWisn(input);
  const result = outcome.ok ? outcome.result : null;
  const placed = spec.placed ?? Math.round(spec.actual);
  const notMeeting = Math.min(spec.notMeeting ?? 0, placed);
  return {
    unitId: unit.unitId,
    unitCode: unit.unitCode,
    unitName: unit.unitName,
    unitKind: unit.unitKind,
    field,
    status: fixtureStatus(result?.ratio?.value ?? null, !outcome.ok),
    input,
    result,
    refusal: outcome.ok ? null : outcome.problems.map((p) => `${p.path}: ${p.reason}`).join('; '),
    workloadSources:
      spec.dossiers > 0
        ? [
            {
              activity: 'PROCESSING',
              procedureCode: `1.00${unit.unitId}`,
              procedureName,
              channel: null,
              dossiers: spec.dossiers,
              minutesPerDossier: spec.minutes,
              standardSource: 'Ước tính của chuyên gia',
            },
            {
              activity: 'RECEPTION',
              procedureCode: null,
              procedureName: 'Tiếp nhận hồ sơ',
              channel: 'COUNTER',
              dossiers: Math.round(spec.dossiers / 2),
              minutesPerDossier: 10,
              standardSource: 'Giá trị tạm của Cadre',
            },
          ]
        : [],
    expertise: {
      placed,
      notMeeting,
      gapCompetencies: notMeeting > 0 ? [{ code: `${field}.LAW`, name: 'Kiến thức pháp luật chuyên ngành', staffBelow: notMeeting }] : [],
    },
  };
}

export function runOf(lines: RunLine[], id = 7): StaffingRun {
  const count = (s: WisnStatus) => lines.filter((l) => l.status === s).length;
  return {
    id,
    provinceCode: 'T1',
    year: 2026,
    periodFrom: '2025-03-01',
    periodTo: '2026-02-28',
    formulaVersion: WISN_FORMULA_VERSION,
    createdAt: '2026-03-02T03:00:00.000Z',
    createdBy: 1,
    note: 'Chạy thử',
    rulesUsed: [
      { key: 'staffing.wisnStandards', version: 'cadre-placeholder-1', effectiveFrom: null, sourceNote: 'Giá trị tạm của Cadre' },
      { key: 'staffing.norm', version: '09/CV-BCĐ', effectiveFrom: '2025-05-30', sourceNote: 'Công văn 09/CV-BCĐ' },
    ],
    calendar: {
      possibleWorkingDays: 261,
      publicHolidayDays: 11,
      holidays: [
        { date: '2026-01-01', name: 'Tết Dương lịch' },
        { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
      ],
    },
    lines,
    totals: {
      units: new Set(lines.map((l) => l.unitId)).size,
      lines: lines.length,
      shortage: count('SHORTAGE'),
      balanced: count('BALANCED'),
      surplus: count('SURPLUS'),
      requiredStaff: lines.reduce((s, l) => s + (l.result?.requiredStaff.value ?? 0), 0),
      actualStaff: lines.reduce((s, l) => s + l.input.actualStaff, 0),
    },
  };
}

/**
 * 3 units × 3 fields covering every status: shortage with missing expertise (Thuận Hóa, justice),
 * balanced, surplus, no workload and refused.
 */
export function smallRun(): StaffingRun {
  const [u1, u2, u3] = FIXTURE_UNITS;
  const [justice, land, culture] = FIXTURE_FIELDS;
  return runOf([
    fixtureLine(u1, justice, { dossiers: 6000, minutes: 45, actual: 2, placed: 2, notMeeting: 1 }),
    fixtureLine(u1, land, { dossiers: 2000, minutes: 60, actual: 2, additionalHours: 100 }),
    fixtureLine(u1, culture, { dossiers: 300, minutes: 30, actual: 2 }),
    fixtureLine(u2, justice, { dossiers: 3000, minutes: 45, actual: 1, placed: 1, notMeeting: 1 }),
    fixtureLine(u2, land, { dossiers: 0, minutes: 0, actual: 1 }),
    fixtureLine(u2, culture, { dossiers: 400, minutes: 30, actual: 1, refuse: true }),
    fixtureLine(u3, justice, { dossiers: 1500, minutes: 45, actual: 1 }),
    fixtureLine(u3, land, { dossiers: 3000, minutes: 60, actual: 1, placed: 1, notMeeting: 0 }),
    fixtureLine(u3, culture, { dossiers: 200, minutes: 30, actual: 1 }),
  ]);
}

const DEMO_FIELDS = [
  'JUSTICE_CIVIL_STATUS',
  'LAND',
  'CONSTRUCTION',
  'EDUCATION',
  'HEALTH',
  'FINANCE_PLANNING',
  'INDUSTRY_TRADE',
  'AGRICULTURE_ENVIRONMENT',
  'HOME_AFFAIRS',
  'CULTURE_INFORMATION',
  'LABOUR_SOCIAL',
  'OFFICE',
  'URBAN_MANAGEMENT',
  'INFORMATION_TECHNOLOGY',
];

/** The demo's size (40 units × 14 fields), for the page-weight check. */
export function demoSizedRun(): StaffingRun {
  const lines: RunLine[] = [];
  for (let u = 0; u < 40; u++) {
    const unit = { unitId: 1000 + u, unitCode: String(19900 + u), unitName: `Phường Thuận Hóa số ${u + 1}`, unitKind: 'WARD' };
    DEMO_FIELDS.forEach((field, f) => {
      lines.push(
        fixtureLine(unit, field, {
          dossiers: ((u * 7 + f * 13) % 20) * 150,
          minutes: 30 + (f % 4) * 10,
          actual: 1 + ((u + f) % 3),
          placed: 1 + ((u + f) % 3),
          notMeeting: (u + f) % 4 === 0 ? 1 : 0,
          refuse: u === 3 && f === 5,
        }),
      );
    });
  }
  return runOf(lines, 42);
}

/** Stores a hand-built run as the runs use cases would (the lines' JSON and their indexed columns); returns its id. */
export async function storeRun(db: Db, run: StaffingRun, createdBy: number | null = null): Promise<number> {
  return insertRun(
    db,
    {
      provinceCode: run.provinceCode,
      year: run.year,
      periodFrom: run.periodFrom,
      periodTo: run.periodTo,
      formulaVersion: run.formulaVersion,
      createdAt: run.createdAt,
      createdBy,
      note: run.note,
      notes: JSON.stringify(run.notes ?? []),
      rulesUsed: JSON.stringify(run.rulesUsed),
      calendar: JSON.stringify(run.calendar),
      totals: JSON.stringify(run.totals),
    },
    run.lines.map((l) => ({
      unitId: l.unitId,
      field: l.field,
      status: l.status,
      requiredStaff: l.result?.requiredStaff.value ?? null,
      actualStaff: l.input.actualStaff,
      difference: l.result?.difference.value ?? null,
      ratio: l.result?.ratio?.value ?? null,
      line: JSON.stringify(l),
    })),
  );
}

/**
 * The test fixture's stored run (test/support/fixture.ts): smallRun's lines moved onto the
 * fixture's two communes (Thuận Hóa's lines → commune A, Phú Vang's → commune B; A Lưới's are left out).
 */
export async function seedStaffingRun(db: Db, f: { provinceCode: string; unitA: number; unitB: number }): Promise<number> {
  const run = smallRun();
  const unitOf: Record<number, number> = { 101: f.unitA, 102: f.unitB };
  const lines = run.lines.filter((l) => l.unitId in unitOf).map((l) => ({ ...l, unitId: unitOf[l.unitId] as number }));
  return storeRun(db, { ...runOf(lines), provinceCode: f.provinceCode });
}
