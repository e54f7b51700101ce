import { describe, expect, it } from 'vitest';
import { blankReportForm, formToReportBody } from './report-form.ts';
import { scheduleKeyOf, wantedReports } from './use-cases/report-schedule.ts';

const ALL = { enabled: true, monthly: true, quarterly: true, includeUnits: true };

describe('the reports schedule (pure)', () => {
  it('wants last month and last quarter for the province and every unit', () => {
    const wanted = wantedReports(ALL, '2026-04-01', [7, 9]);
    expect(wanted.map((w) => `${w.unitId ?? 'P'}:${w.period.kind}:${w.period.from}:${w.period.to}`)).toEqual([
      'P:MONTH:2026-03-01:2026-04-01',
      '7:MONTH:2026-03-01:2026-04-01',
      '9:MONTH:2026-03-01:2026-04-01',
      'P:QUARTER:2026-01-01:2026-04-01',
      '7:QUARTER:2026-01-01:2026-04-01',
      '9:QUARTER:2026-01-01:2026-04-01',
    ]);
  });

  it('follows the rule: off, months only, province only', () => {
    expect(wantedReports({ ...ALL, enabled: false }, '2026-04-01', [7])).toEqual([]);
    expect(wantedReports({ ...ALL, quarterly: false }, '2026-04-01', [7]).map((w) => w.period.kind)).toEqual(['MONTH', 'MONTH']);
    expect(wantedReports({ ...ALL, includeUnits: false }, '2026-01-15', [7])).toEqual([
      { unitId: null, period: { kind: 'MONTH', from: '2025-12-01', to: '2026-01-01' } },
      { unitId: null, period: { kind: 'QUARTER', from: '2025-10-01', to: '2026-01-01' } },
    ]);
  });

  it('keys a scheduled report by province, scope, kind and period start', () => {
    expect(scheduleKeyOf('T1', null, { kind: 'MONTH', from: '2026-02-01', to: '2026-03-01' })).toBe('T1:P:MONTH:2026-02-01');
    expect(scheduleKeyOf('T1', 12, { kind: 'QUARTER', from: '2025-10-01', to: '2026-01-01' })).toBe('T1:12:QUARTER:2025-10-01');
  });
});

describe('the on-demand form', () => {
  it('defaults to last month (and last quarter) of the scope', () => {
    expect(blankReportForm('2026-01-10', 'province')).toEqual({ kind: 'MONTH', year: '2025', month: '12', quarter: '4', unit: 'province' });
  });

  it('keeps only the month of a monthly report and the quarter of a quarterly one', () => {
    expect(formToReportBody({ kind: 'MONTH', year: '2026', month: '2', quarter: '1', unit: '10001' })).toEqual({
      kind: 'MONTH',
      year: 2026,
      month: 2,
      unit: '10001',
    });
    expect(formToReportBody({ kind: 'QUARTER', year: '2026', month: '2', quarter: '1', unit: 'province' })).toEqual({
      kind: 'QUARTER',
      year: 2026,
      quarter: 1,
      unit: 'province',
    });
    // Junk stays junk, for the schema to refuse with a translated message.
    expect(formToReportBody({ kind: 'MONTH', year: 'x', month: '13', unit: '' })).toEqual({
      kind: 'MONTH',
      year: 'x',
      month: 13,
      unit: '',
    });
  });
});
