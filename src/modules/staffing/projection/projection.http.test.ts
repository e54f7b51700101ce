import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { DOSSIER_PROCEDURES, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { insertProjectionHistory } from '../../../../test/support/projection-history.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { RunLine, StaffingRun } from '../runs/run.schemas.ts';
import type { Projection, UnitProjection } from './projection.schemas.ts';

/**
 * The stored runs (another module, being built in parallel) are replaced by hand-built runs:
 * run 1 ends in February 2026 (30 months of history before it), run 2 in November 2023 (too
 * little history: flat). The history itself is real dossiers in the database.
 */
const runs = vi.hoisted(() => ({ byId: new Map<number, unknown>() }));
vi.mock('../runs/use-cases/runs.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../runs/use-cases/runs.ts')>();
  return {
    ...original,
    getRun: async (_deps: unknown, actor: { provinceCode: string }, runId: number, filter: { unitId?: number }) => {
      const run = runs.byId.get(runId) as StaffingRun | undefined;
      if (!run || run.provinceCode !== actor.provinceCode) throw new AppError('NOT_FOUND');
      return { ...run, lines: run.lines.filter((l) => filter.unitId === undefined || l.unitId === filter.unitId) };
    },
  };
});

/** AWT = 250 days × 8 h = 120,000 minutes, no CAS or IAS: required = Σ dossiers × minutes / 120,000. */
const AWT_MIN = 120_000;

type Src = RunLine['workloadSources'][number];
const processing = (code: string, minutes: number, dossiers: number): Src => ({
  activity: 'PROCESSING',
  procedureCode: code,
  procedureName: `Thủ tục ${code}`,
  channel: null,
  dossiers,
  minutesPerDossier: minutes,
  standardSource: 'test',
});
const reception = (channel: 'COUNTER' | 'ONLINE' | 'POST', minutes: number, dossiers: number): Src => ({
  activity: 'RECEPTION',
  procedureCode: null,
  procedureName: `Tiếp nhận (${channel})`,
  channel,
  dossiers,
  minutesPerDossier: minutes,
  standardSource: 'test',
});

function line(unit: { id: number; code: string; name: string; kind: string }, field: string, sources: Src[]): RunLine {
  return {
    unitId: unit.id,
    unitCode: unit.code,
    unitName: unit.name,
    unitKind: unit.kind,
    field,
    status: 'BALANCED',
    input: {
      workingTime: {
        possibleWorkingDays: 250,
        daysPerWeek: 5,
        publicHolidayDays: 0,
        annualLeaveDays: 0,
        sickLeaveDays: 0,
        otherAbsenceDays: 0,
        hoursPerDay: 8,
      },
      service: [],
      support: [],
      additional: [],
      actualStaff: 2,
    },
    result: null,
    refusal: null,
    workloadSources: sources,
    expertise: { placed: 0, notMeeting: 0, gapCompetencies: [] },
  };
}

function run(id: number, periodTo: string, lines: RunLine[]): StaffingRun {
  return {
    id,
    provinceCode: 'T1',
    year: 2026,
    periodFrom: '2025-03-01',
    periodTo,
    formulaVersion: 'WISN-WHO-2010/cadre-1',
    createdAt: '2026-03-02T03:00:00.000Z',
    createdBy: null,
    note: null,
    rulesUsed: [],
    calendar: { possibleWorkingDays: 250, publicHolidayDays: 0, holidays: [] },
    lines,
    totals: { units: 2, lines: lines.length, shortage: 0, balanced: lines.length, surplus: 0, requiredStaff: 0, actualStaff: 0 },
  };
}

describe.each(testDialects())('staffing projection over HTTP on %s', (dialect) => {
  let t: TestApp;
  let unitA: number;
  let unitB: number;

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, query = '', runId = 1, lang?: string) =>
    t.app.inject({
      url: `/api/v1/staffing/runs/${runId}/projection${query}`,
      headers: { authorization: user(name).bearer, ...(lang ? { cookie: `cadre_lang=${lang}` } : {}) },
    });
  const page = (name: string, query = '') =>
    t.app.inject({ url: `/staffing/runs/1/projection${query}`, headers: { cookie: user(name).cookie } });
  const unitOf = (p: Projection, id: number): UnitProjection => {
    const u = p.units.find((x) => x.unitId === id);
    if (!u) throw new Error(`no unit ${id}`);
    return u;
  };
  const categoryOf = (u: UnitProjection, field: string) => {
    const c = u.categories.find((x) => x.field === field);
    if (!c) throw new Error(`no category ${field}`);
    return c;
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const db = t.database.db;
    unitA = t.fixture.unitA;
    unitB = t.fixture.unitB;
    await seedDossierProcedures(db);
    const province = await db.selectFrom('administrativeUnits').select('id').where('code', '=', 'T1').executeTakeFirstOrThrow();
    await insertProjectionHistory(db, {
      units: [
        { id: unitA, code: '10001' },
        { id: unitB, code: '10002', kind: 'WARD' },
      ],
      provinceUnit: { id: province.id, code: 'T1' },
      months: 30,
      until: '2026-03-01',
      perUnitMonth: 300,
    });
    const A = { id: unitA, code: '10001', name: 'Xã Hòa Bình', kind: 'COMMUNE' };
    const B = { id: unitB, code: '10002', name: 'Phường Đông Ba', kind: 'WARD' };
    const lines = [
      line(A, 'INDUSTRY_TRADE', [processing(DOSSIER_PROCEDURES.commune, 60, 100)]),
      line(A, 'ONE_STOP', [reception('COUNTER', 10, 500), reception('ONLINE', 2, 800), reception('POST', 8, 20)]),
      line(B, 'ONE_STOP', [reception('COUNTER', 10, 600), reception('ONLINE', 2, 900), reception('POST', 8, 30)]),
    ];
    runs.byId.set(1, run(1, '2026-02-28', lines));
    runs.byId.set(2, run(2, '2023-11-30', lines));
  });
  afterAll(async () => t?.close());

  it('forecasts each source with seasonality and trend from 30 months of history, then WISN per year', async () => {
    const res = await api('province_analyst');
    expect(res.statusCode).toBe(200);
    const p = res.json() as Projection;
    expect(p.years).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(p.history.to).toBe('2026-02');
    expect(p.history.months).toBeGreaterThanOrEqual(29);
    expect(p.units.map((u) => u.unitName)).toEqual(['Phường Đông Ba', 'Xã Hòa Bình']);
    const trade = categoryOf(unitOf(p, unitA), 'INDUSTRY_TRADE');
    const src = trade.sources[0];
    expect(src?.method).toBe('SEASONAL_TREND');
    expect(src?.origin).toBe(p.history.from);
    // The Tết dip (February) and the year-end peak (December) of the history are found.
    const s = src?.seasonalIndices ?? [];
    expect(s).toHaveLength(12);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 9);
    expect(s[1]).toBeLessThan(0.85);
    expect(s[11]).toBeGreaterThan(1);
    // Household business grows 5 % a year in the history: a rising trend.
    expect(src?.slope).toBeGreaterThan(0);
    // Without levers the projected workload is the forecast, and the need is its WISN.
    for (const [i, y] of trade.years.entries()) {
      const sy = src?.years[i];
      expect(sy?.projected).toBe(sy?.forecast);
      expect(y.requiredStaff).toBeCloseTo(((sy?.projected ?? 0) * 60) / AWT_MIN, 10);
    }
    expect(src?.trace.map((l) => l.step)).toEqual(['CMA', 'S', 'trend', 'F[2026]', 'F[2027]', 'F[2028]', 'F[2029]', 'F[2030]']);
    // Per unit: Σ of its categories against the norm (20,000 residents: 32 + floor(4,000 / 2,000) = 34).
    const a = unitOf(p, unitA);
    const y2027 = a.years[1];
    expect(y2027?.requiredStaff).toBeCloseTo(
      a.categories.reduce((sum, c) => sum + (c.years[1]?.requiredStaff ?? 0), 0),
      10,
    );
    expect(y2027?.norm).toBe(34);
    expect(y2027?.normDifference).toBeCloseTo(34 - (y2027?.requiredStaff ?? 0), 10);
    expect(p.province.years[0]?.norm).toBe(68);
    expect(p.province.years[0]?.requiredStaff).toBeCloseTo(
      (a.years[0]?.requiredStaff ?? 0) + (unitOf(p, unitB).years[0]?.requiredStaff ?? 0),
      10,
    );
  });

  it('applies the levers phased to 2030', async () => {
    const res = await api('province_admin', `?onlineShare=80&population=10&moves=${DOSSIER_PROCEDURES.commune}:0`);
    expect(res.statusCode).toBe(200);
    const p = res.json() as Projection;
    expect(p.levers).toEqual({ onlineShare: 80, populationPercent: 10, moves: [{ procedureCode: DOSSIER_PROCEDURES.commune, factor: 0 }] });
    const years = categoryOf(unitOf(p, unitA), 'INDUSTRY_TRADE').sources[0]?.years ?? [];
    expect(years[0]?.projected).toBeCloseTo(years[0]?.forecast ?? -1, 9);
    // 2028: f = 0.5 → × 0.5, and population × 1.1² = 1.21
    expect(years[2]?.projected).toBeCloseTo((years[2]?.forecast ?? 0) * 0.5 * 1.21, 8);
    expect(years[4]?.projected).toBe(0);
    const desk = categoryOf(unitOf(p, unitB), 'ONE_STOP').sources;
    const at2030 = desk.map((x) => x.years[4]?.projected ?? 0);
    const total = at2030.reduce((a, b) => a + b, 0);
    expect((at2030[1] ?? 0) / total).toBeCloseTo(0.8, 10);
    // The norm follows the population: 20,000 × 1.1⁴ = 29,282 → 32 + floor(13,282 / 2,000) = 38.
    expect(unitOf(p, unitA).years[4]).toMatchObject({ population: 29282, norm: 38 });
  });

  it('refuses bad levers with translated messages and changes nothing', async () => {
    const res = await api('province_analyst', '?onlineShare=150&moves=XYZ.9:1');
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; errors: { path: string; message: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([
      { path: 'onlineShare', message: 'Tỷ lệ trực tuyến mục tiêu phải là một số từ 0 đến 100.' },
      { path: 'moves', message: 'Thủ tục XYZ.9 không có trong đợt tính này.' },
    ]);
    const en = await api('province_analyst', '?population=abc&moves=1.001', 1, 'en');
    expect(en.statusCode).toBe(400);
    expect((en.json() as typeof body).errors).toEqual([
      { path: 'population', message: 'The population change must be a number from −10 to 10 (% per year).' },
      { path: 'moves', message: '“1.001” is not in the form CODE:factor (e.g. 1.001:0).' },
    ]);
  });

  it('falls back to the run’s annualised workload with too little history', async () => {
    const res = await api('province_analyst', '', 2);
    expect(res.statusCode).toBe(200);
    const p = res.json() as Projection;
    expect(p.history.months).toBeLessThan(6);
    const src = categoryOf(unitOf(p, unitA), 'INDUSTRY_TRADE').sources[0];
    expect(src?.method).toBe('FLAT');
    expect(src?.years.map((y) => y.projected)).toEqual([100, 100, 100, 100, 100]);
  });

  it('shows unit roles their own unit only', async () => {
    const own = await api('unit_leader_a');
    expect(own.statusCode).toBe(200);
    expect((own.json() as Projection).units.map((u) => u.unitId)).toEqual([unitA]);
    expect((await api('unit_leader_a', `?unitId=${unitB}`)).statusCode).toBe(404);
    expect((await api('unit_hr_b', `?unitId=${unitA}`)).statusCode).toBe(404);
    expect((await api('counter_officer_a')).statusCode).toBe(403);
    expect((await api('province_analyst', '', 99)).statusCode).toBe(404);
  });

  it('renders the page: form, province chart, unit × year table and the drill-down', async () => {
    const res = await page('province_analyst', `?unitId=${unitA}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Dự báo nhu cầu nhân lực 2026–2030');
    expect(html).toContain('<svg');
    expect(html).toContain('Phường Đông Ba');
    expect(html).toContain('Chi tiết: Xã Hòa Bình');
    expect(html).toContain('Mùa vụ + xu hướng');
    expect(html).toMatch(/<form method="get" action="\/staffing\/runs\/1\/projection"/);
    const bad = await page('province_analyst', '?onlineShare=150');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Tỷ lệ trực tuyến mục tiêu phải là một số từ 0 đến 100.');
    expect(bad.body).toContain('value="150"');
    expect((await page('unit_leader_b', `?unitId=${unitA}`)).statusCode).toBe(404);
  });
});
