import { describe, expect, it } from 'vitest';
import type { DemoProcedure } from './generate-dossiers.ts';
import { expectedCount, type HistoryOptions, historyMonths, onlineShare, planHistoryMonth, SEASON } from './generate-history.ts';

const proc = (id: number, nationalCode: string, field: string, competentLevel = 'COMMUNE', onlineLevel = 'FULL'): DemoProcedure => ({
  id,
  nationalCode,
  field,
  competentLevel,
  timeLimitAmount: 3,
  timeLimitUnit: 'WORKING_DAYS',
  onlineLevel,
  essentialService: false,
  fee: 0,
  paperResult: true,
  effectiveFrom: '2025-07-01',
  effectiveTo: null,
  workflow: [
    { code: 'RECEIVE', roles: ['counter_officer'] },
    { code: 'RETURN', roles: ['counter_officer'] },
  ],
});

const OPTIONS: HistoryOptions = {
  seed: 7,
  units: [
    { code: '10001', kind: 'COMMUNE', population: 20_000 },
    { code: '10002', kind: 'WARD', population: 30_000 },
  ],
  provinceUnitCode: 'T1',
  procedures: [
    proc(1, '1.001', 'CIVIL_STATUS'),
    proc(2, '1.002', 'LAND', 'COMMUNE', 'PARTIAL'),
    proc(3, '2.001', 'CONSTRUCTION', 'PROVINCE', 'NONE'),
  ],
  until: '2026-11-16',
  months: 24,
  codeFormat: '{agency}-{yymmdd}-{seq4}',
  agencyCodes: {},
  perUnitMonth: 400,
};

describe('historyMonths', () => {
  it('gives N whole months plus the days of the window’s month before it starts', () => {
    expect(historyMonths('2026-11-16', 2)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(historyMonths('2026-11-01', 2)).toEqual(['2026-09', '2026-10']);
    expect(historyMonths('2026-02-10', 2)).toEqual(['2025-12', '2026-01', '2026-02']);
  });
});

describe('expected volumes', () => {
  it('averages the seasonal factors to 1 with a Tết dip and year-end and school-year peaks', () => {
    expect(SEASON.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 10);
    expect(SEASON[1]).toBeLessThan(SEASON[0] as number);
    expect(SEASON[0]).toBeLessThan(1);
    expect(SEASON[7]).toBeGreaterThan(1);
    expect(SEASON[11]).toBeGreaterThan(1);
  });

  it('grows land 8 % a year: 12 months earlier the same month is 1 / 1.08 of it', () => {
    const now = expectedCount(1000, 1, 'LAND', '2026-03', '2026-11-16');
    const yearBefore = expectedCount(1000, 1, 'LAND', '2025-03', '2026-11-16');
    expect(yearBefore / now).toBeCloseTo(1 / 1.08, 12);
    expect(expectedCount(1000, 1, 'CERTIFICATION', '2025-03', '2026-11-16')).toBeGreaterThan(
      expectedCount(1000, 1, 'CERTIFICATION', '2026-03', '2026-11-16'),
    );
  });

  it('raises the online share towards the regular generator’s, 12 points a year', () => {
    expect(onlineShare('FULL', 0)).toBeCloseTo(0.95, 12);
    expect(onlineShare('FULL', 24)).toBeCloseTo(0.71, 12);
    expect(onlineShare('NONE', 0)).toBe(0);
  });
});

describe('planHistoryMonth', () => {
  it('is deterministic and gives closed dossiers with unique codes in the month', () => {
    const a = planHistoryMonth(OPTIONS, '2025-08');
    expect(planHistoryMonth(OPTIONS, '2025-08')).toEqual(a);
    expect(a.dossiers.length).toBeGreaterThan(100);
    expect(new Set(a.dossiers.map((d) => d.code)).size).toBe(a.dossiers.length);
    for (const d of a.dossiers) {
      expect(d.state.status).toBe(10);
      expect(d.state.receivedAt?.toISOString().slice(0, 7)).toMatch(/^2025-0[78]$/);
      expect(d.code).toMatch(/^(10001|10002|T1)-2508\d\d-\d{4}$/);
    }
    // Counters: one per agency and day, the last sequence used.
    const seqs = new Map<string, number>();
    for (const d of a.dossiers) {
      const [agency, day, seq] = d.code.split('-');
      const k = `${agency}|${day}`;
      seqs.set(k, Math.max(seqs.get(k) ?? 0, Number(seq)));
    }
    expect(a.counters.map((c) => [`${c.agencyCode}|${c.day}`, c.lastSeq]).sort()).toEqual([...seqs.entries()].sort());
  });

  it('sends province-level procedures to the province unit, online ones received where competent', () => {
    const { dossiers } = planHistoryMonth(OPTIONS, '2026-03');
    const construction = dossiers.filter((d) => d.procedureId === 3);
    expect(construction.length).toBeGreaterThan(0);
    for (const d of construction) expect(d.competentUnitCode).toBe('T1');
    for (const d of construction) expect(d.channel).not.toBe(2);
    for (const d of dossiers.filter((x) => x.channel === 2)) expect(d.receivingUnitCode).toBe(d.competentUnitCode);
  });

  it('has fewer dossiers in February (Tết) than in August, and stops before the regular window', () => {
    const feb = planHistoryMonth(OPTIONS, '2026-02').dossiers.length;
    const aug = planHistoryMonth(OPTIONS, '2026-08').dossiers.length;
    expect(feb).toBeLessThan(aug * 0.7);
    const partial = planHistoryMonth(OPTIONS, '2026-11').dossiers;
    expect(partial.length).toBeGreaterThan(0);
    // 16 Nov 00:00 in Vietnam is 15 Nov 17:00 UTC.
    for (const d of partial) expect(d.state.receivedAt?.getTime()).toBeLessThan(Date.parse('2026-11-15T17:00:00Z'));
  });
});
