import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.ts';
import {
  DEFAULT_STAFFING_LEAVE_POLICY,
  DEFAULT_STAFFING_WISN_STANDARDS,
  StaffingLeavePolicySchema,
  type StaffingWisnStandards,
  StaffingWisnStandardsSchema,
} from '../../../platform/rules/defaults/staffing-wisn.config.ts';
import { WisnInputSchema } from '../staffing.schemas.ts';
import {
  annualisationFactor,
  type BuildInput,
  buildLines,
  calendarFigures,
  fitRows,
  periodDays,
  splitWorkload,
  statusOf,
} from './build-lines.ts';
import { RunLineSchema } from './run.schemas.ts';
import { resolvePeriod } from './use-cases/runs.ts';

/** AWT of every case: A 250, B 10, C 12, D 3, E 5 → 220 days × 8 h = 1,760 h = 105,600 min. */
const AWT_MIN = 105_600;

const plainRule = (over: Partial<StaffingWisnStandards> = {}): StaffingWisnStandards => ({
  ...DEFAULT_STAFFING_WISN_STANDARDS,
  support: [],
  additional: [],
  ...over,
});

const base = (over: Partial<BuildInput> = {}): BuildInput => ({
  units: [
    { id: 1, code: '001', name: 'Xã Một', kind: 'COMMUNE' },
    { id: 2, code: '002', name: 'Phường Hai', kind: 'WARD' },
  ],
  processing: [],
  reception: [],
  staff: [],
  standards: new Map(),
  leave: DEFAULT_STAFFING_LEAVE_POLICY,
  wisn: plainRule(),
  calendar: { possibleWorkingDays: 250, publicHolidayDays: 10, holidays: [] },
  periodFrom: '2025-01-01',
  periodTo: '2025-12-31',
  expertise: new Map(),
  ...over,
});

describe('WISN run rules (staffing.leavePolicy, staffing.wisnStandards)', () => {
  it('the defaults pass their own schemas and carry the brief’s figures', () => {
    expect(StaffingLeavePolicySchema.safeParse(DEFAULT_STAFFING_LEAVE_POLICY).success).toBe(true);
    expect(StaffingWisnStandardsSchema.safeParse(DEFAULT_STAFFING_WISN_STANDARDS).success).toBe(true);
    expect(DEFAULT_STAFFING_LEAVE_POLICY).toMatchObject({
      annualLeaveDays: 12,
      sickLeaveDays: 3,
      otherAbsenceDays: 5,
      hoursPerDay: 8,
      daysPerWeek: 5,
    });
    expect(DEFAULT_STAFFING_WISN_STANDARDS.fieldCategories.RESIDENCE).toBeNull();
    expect(DEFAULT_STAFFING_WISN_STANDARDS.fieldCategories.HOUSEHOLD_BUSINESS).toBe('INDUSTRY_TRADE');
    expect(DEFAULT_STAFFING_WISN_STANDARDS.bands).toEqual({ shortageBelow: 0.9, surplusAbove: 1.1 });
  });

  it('refuses bands whose shortage threshold is above the surplus threshold', () => {
    const bad = { ...DEFAULT_STAFFING_WISN_STANDARDS, bands: { shortageBelow: 1.2, surplusAbove: 1.1 } };
    expect(StaffingWisnStandardsSchema.safeParse(bad).success).toBe(false);
  });
});

describe('calendar figures (A and B)', () => {
  it('counts weekdays plus swapped Saturdays, and holidays on weekdays only', () => {
    // 2026 starts on a Thursday: 52 weeks + 1 Thursday = 261 weekdays.
    const f = calendarFigures(2026, [
      { date: '2026-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch' }, // Thursday → B
      { date: '2026-02-14', kind: 'WORKING_SATURDAY', name: 'Làm bù' }, // Saturday → A + 1
      { date: '2026-05-02', kind: 'HOLIDAY', name: 'Trên thứ Bảy' }, // Saturday: not a working day, not in B
      { date: '2026-05-04', kind: 'COMPENSATORY_DAY_OFF', name: 'Nghỉ bù' }, // Monday → B
      { date: '2025-09-02', kind: 'HOLIDAY', name: 'Năm khác' }, // another year
    ]);
    expect(f.possibleWorkingDays).toBe(262);
    expect(f.publicHolidayDays).toBe(2);
    expect(f.holidays.map((h) => h.date)).toEqual(['2026-01-01', '2026-05-04']);
  });

  it('a leap year starting on a Thursday has 262 weekdays', () => {
    // 2032: 366 days from Thursday → 52 weeks + Thursday + Friday.
    expect(calendarFigures(2032, []).possibleWorkingDays).toBe(262);
  });
});

describe('period and annualisation', () => {
  it('counts days inclusively and scales only periods shorter than a year', () => {
    expect(periodDays('2025-01-01', '2025-12-31')).toBe(365);
    expect(periodDays('2025-01-01', '2025-06-30')).toBe(181);
    expect(periodDays('2026-03-01', '2026-03-01')).toBe(1);
    expect(annualisationFactor(365)).toBe(1);
    expect(annualisationFactor(366)).toBe(1);
    expect(annualisationFactor(73)).toBe(5);
  });

  it('defaults to the 12 months before today, shortened to the first dossier', () => {
    expect(resolvePeriod({}, '2026-03-02', null)).toEqual({ from: '2025-03-02', to: '2026-03-01' });
    expect(resolvePeriod({}, '2026-03-02', '2025-06-10')).toEqual({ from: '2025-06-10', to: '2026-03-01' });
    // A first dossier before the default start changes nothing.
    expect(resolvePeriod({}, '2026-03-02', '2024-01-01')).toEqual({ from: '2025-03-02', to: '2026-03-01' });
  });

  it('refuses a period in the future, reversed or longer than 366 days', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof AppError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => resolvePeriod({ periodTo: '2026-03-03' }, '2026-03-02', null))).toBe('STAFFING_RUN_PERIOD_FUTURE');
    expect(code(() => resolvePeriod({ periodFrom: '2026-02-01', periodTo: '2026-01-01' }, '2026-03-02', null))).toBe(
      'STAFFING_RUN_PERIOD_INVALID',
    );
    expect(code(() => resolvePeriod({ periodFrom: '2024-01-01', periodTo: '2025-01-01' }, '2026-03-02', null))).toBe(
      'STAFFING_RUN_PERIOD_INVALID',
    );
    expect(resolvePeriod({ periodFrom: '2024-01-01', periodTo: '2024-12-31' }, '2026-03-02', null)).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });
});

describe('colour bands', () => {
  it('reads the ratio against the configured thresholds', () => {
    const bands = { shortageBelow: 0.9, surplusAbove: 1.1 };
    expect(statusOf(0.89, bands)).toBe('SHORTAGE');
    expect(statusOf(0.9, bands)).toBe('BALANCED');
    expect(statusOf(1.1, bands)).toBe('BALANCED');
    expect(statusOf(1.11, bands)).toBe('SURPLUS');
    expect(statusOf(null, bands)).toBe('NO_WORKLOAD');
    expect(statusOf(1.11, { shortageBelow: 0.5, surplusAbove: 1.5 })).toBe('BALANCED');
  });
});

describe('buildLines', () => {
  it('turns counts, standards and staff into WISN lines (hand-computed)', () => {
    const out = buildLines(
      base({
        processing: [
          // 1000 × 30 min + 1680 × 45 min (rule default) = 105,600 min = exactly one AWT → 1 staff.
          { unitId: 1, procedureCode: 'P1', procedureName: 'Khai sinh', field: 'CIVIL_STATUS', dossiers: 1000 },
          { unitId: 1, procedureCode: 'P2', procedureName: 'Kết hôn', field: 'CERTIFICATION', dossiers: 1680 },
          { unitId: 1, procedureCode: 'R1', procedureName: 'Cư trú', field: 'RESIDENCE', dossiers: 50 },
          { unitId: 99, procedureCode: 'P1', procedureName: 'Khai sinh', field: 'CIVIL_STATUS', dossiers: 20 },
        ],
        // 4224 × 15 + 5280 × 8 = 63,360 + 42,240 = 105,600 min → 1 staff of ONE_STOP.
        reception: [
          { unitId: 1, channel: 'COUNTER', dossiers: 4224 },
          { unitId: 1, channel: 'ONLINE', dossiers: 5280 },
        ],
        staff: [
          { unitId: 1, category: 'JUSTICE_CIVIL_STATUS', staff: 1 },
          { unitId: 1, category: 'OFFICE', staff: 3 },
          { unitId: 2, category: 'JUSTICE_CIVIL_STATUS', staff: 2 },
        ],
        standards: new Map([['P1', { minutesPerDossier: 30, source: 'TIME_STUDY (test)' }]]),
        expertise: new Map([
          ['1:JUSTICE_CIVIL_STATUS', { placed: 1, notMeeting: 1, gapCompetencies: [{ code: 'C1', name: 'Luật', staffBelow: 1 }] }],
        ]),
      }),
    );
    expect(out.lines.map((l) => `${l.unitCode}:${l.field}:${l.status}`)).toEqual([
      '001:JUSTICE_CIVIL_STATUS:BALANCED',
      '001:ONE_STOP:SHORTAGE',
      '002:JUSTICE_CIVIL_STATUS:NO_WORKLOAD',
    ]);
    const [justice, oneStop, idle] = out.lines;
    expect(justice?.result?.availableWorkingTime.minutes.value).toBe(AWT_MIN);
    expect(justice?.result?.requiredStaff.value).toBeCloseTo(1, 12);
    expect(justice?.result?.ratio?.value).toBeCloseTo(1, 12);
    expect(justice?.workloadSources.map((s) => [s.procedureCode, s.minutesPerDossier])).toEqual([
      ['P1', 30],
      ['P2', 45],
    ]);
    expect(justice?.workloadSources[1]?.standardSource).toContain('DEFAULT');
    expect(justice?.expertise.notMeeting).toBe(1);
    expect(oneStop?.result?.requiredStaff.value).toBeCloseTo(1, 12);
    expect(oneStop?.result?.difference.value).toBeCloseTo(-1, 12);
    expect(oneStop?.workloadSources.map((s) => [s.channel, s.dossiers, s.minutesPerDossier])).toEqual([
      ['COUNTER', 4224, 15],
      ['ONLINE', 5280, 8],
    ]);
    expect(oneStop?.expertise).toEqual({ placed: 0, notMeeting: 0, gapCompetencies: [] });
    expect(idle?.result?.requiredStaff.value).toBe(0);
    expect(idle?.result?.ratio).toBeNull();
    expect(out.totals).toEqual({ units: 2, lines: 3, shortage: 1, balanced: 1, surplus: 0, requiredStaff: 2, actualStaff: 1 });
    expect(out.notes.find((n) => n.code === 'CATEGORIES_LEFT_OUT')?.params.list).toContain('OFFICE (3)');
    expect(out.notes).toContainEqual({ code: 'NO_CATEGORY', params: { count: 50 } });
    expect(out.notes).toContainEqual({ code: 'OUTSIDE_UNITS', params: { count: 20 } });
    // Every stored line matches the contract schemas (the API answers with them).
    for (const l of out.lines) {
      expect(RunLineSchema.safeParse(l).success).toBe(true);
      expect(WisnInputSchema.safeParse(l.input).success).toBe(true);
    }
  });

  it('annualises a half year and applies support (CAS) and additional (IAS) activities', () => {
    const out = buildLines(
      base({
        periodFrom: '2025-01-01',
        periodTo: '2025-06-30', // 181 days → × 365 / 181
        reception: [{ unitId: 1, channel: 'COUNTER', dossiers: 181 }],
        wisn: plainRule({
          support: [{ name: 'Họp giao ban', time: 2, timeUnit: 'hours', per: 'week', categories: null }],
          additional: [{ name: 'Kế toán', timePerPerson: 100, timeUnit: 'hours', persons: 1, categories: ['ONE_STOP'] }],
        }),
      }),
    );
    const line = out.lines[0];
    // workload 181 × 365/181 = 365 dossiers/year; need = 365 × 15 / 105,600 = 0.0518465909…
    // CAS = 120 / (480 × 5) × 100 = 5 % → CAF = 1 / 0.95; IAF = 6,000 / 105,600 = 0.0568181818…
    expect(line?.input.service[0]?.annualWorkload).toBeCloseTo(365, 10);
    expect(line?.result?.totalCasPercent.value).toBeCloseTo(5, 12);
    expect(line?.result?.iaf.value).toBeCloseTo(6000 / AWT_MIN, 12);
    expect(line?.result?.requiredStaff.value).toBeCloseTo((365 * 15) / AWT_MIN / 0.95 + 6000 / AWT_MIN, 12);
    expect(line?.status).toBe('SHORTAGE');
    expect(out.notes[0]).toMatchObject({ code: 'PERIOD_ANNUALISED', params: { days: 181 } });
  });

  it('marks a surplus, and a line the formulas refuse', () => {
    const surplus = buildLines(
      base({
        // 1056 × 50 min = 52,800 min = 0.5 staff; 1 in post → ratio 2.
        processing: [{ unitId: 1, procedureCode: 'L1', procedureName: 'Đất đai', field: 'LAND', dossiers: 1056 }],
        staff: [{ unitId: 1, category: 'LAND', staff: 1 }],
        standards: new Map([['L1', { minutesPerDossier: 50, source: 'EXPERT_ESTIMATE' }]]),
      }),
    );
    expect(surplus.lines[0]?.status).toBe('SURPLUS');
    expect(surplus.lines[0]?.result?.ratio?.value).toBeCloseTo(2, 12);

    const refused = buildLines(
      base({
        processing: [{ unitId: 1, procedureCode: 'L1', procedureName: 'Đất đai', field: 'LAND', dossiers: 10 }],
        wisn: plainRule({ support: [{ name: 'Cả ngày họp', time: 8, timeUnit: 'hours', per: 'day', categories: ['LAND'] }] }),
      }),
    );
    expect(refused.lines[0]?.status).toBe('REFUSED');
    expect(refused.lines[0]?.result).toBeNull();
    expect(refused.lines[0]?.refusal).toContain('casTotalTooHigh');
    expect(refused.totals).toMatchObject({ lines: 1, shortage: 0, balanced: 0, surplus: 0, requiredStaff: 0 });
  });

  it('gives no line to a unit × category with neither workload nor staff, nor to units outside the list', () => {
    const out = buildLines(base({ staff: [{ unitId: 99, category: 'LAND', staff: 4 }] }));
    expect(out.lines).toEqual([]);
    expect(out.totals.lines).toBe(0);
  });
});

describe('fitRows', () => {
  it('merges the smallest activities beyond 50 into one row with the same total minutes', () => {
    const service = Array.from({ length: 53 }, (_, i) => ({
      name: `P${i}`,
      annualWorkload: i + 1,
      standard: 10,
      standardUnit: 'minutes_per_item' as const,
    }));
    const total = service.reduce((n, s) => n + s.annualWorkload * s.standard, 0);
    fitRows(service);
    expect(service).toHaveLength(50);
    // The four smallest (workloads 1–4) became one row: 10 items at 10 minutes.
    expect(service[49]).toMatchObject({ name: 'Các thủ tục khác (4)', annualWorkload: 10, standard: 10 });
    expect(service.reduce((n, s) => n + s.annualWorkload * s.standard, 0)).toBe(total);
    expect(
      WisnInputSchema.safeParse({
        workingTime: { publicHolidayDays: 0, annualLeaveDays: 0, sickLeaveDays: 0, otherAbsenceDays: 0 },
        service,
        actualStaff: 1,
      }).success,
    ).toBe(true);
  });
});

describe('splitWorkload', () => {
  it('adds up the versions of one code and splits processing from reception', () => {
    const procedures = [
      { id: 1, code: 'P1', name: 'Tên cũ', field: 'CIVIL_STATUS' },
      { id: 5, code: 'P1', name: 'Tên mới', field: 'CIVIL_STATUS' },
      { id: 2, code: 'L1', name: 'Đất', field: 'LAND' },
    ];
    const { processing, reception } = splitWorkload(
      [
        { competentUnitId: 10, procedureId: 1, receivingUnitId: 10, channel: 1, dossiers: 3 },
        { competentUnitId: 10, procedureId: 5, receivingUnitId: 11, channel: 2, dossiers: 4 },
        { competentUnitId: 11, procedureId: 2, receivingUnitId: 10, channel: 1, dossiers: 2 },
        { competentUnitId: 10, procedureId: 99, receivingUnitId: 10, channel: 9, dossiers: 7 },
      ],
      procedures,
    );
    expect(processing).toEqual([
      { unitId: 10, procedureCode: 'P1', procedureName: 'Tên mới', field: 'CIVIL_STATUS', dossiers: 7 },
      { unitId: 11, procedureCode: 'L1', procedureName: 'Đất', field: 'LAND', dossiers: 2 },
    ]);
    expect(reception).toEqual([
      { unitId: 10, channel: 'COUNTER', dossiers: 5 },
      { unitId: 11, channel: 'ONLINE', dossiers: 4 },
    ]);
  });
});
