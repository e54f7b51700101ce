import type { ReportSnapshot } from '../report-snapshot.ts';

/**
 * Snapshots for the document tests: a province report of February 2026 with three units (one
 * name starting with "=" to prove formula neutralising), and the same province's unit report.
 */

const unit = (over: Partial<ReportSnapshot['units'][number]>): ReportSnapshot['units'][number] => ({
  unitId: 1,
  code: 'X01',
  name: 'Phường Thuận Hóa',
  kind: 'WARD',
  population: 42000,
  isMountainous: false,
  size: 'MEDIUM',
  score: 82.45,
  band: 'GOOD',
  complete: true,
  scoreTrend: 'UP',
  previousScore: 79.1,
  onTimeShare: 0.935,
  onTimeTrend: 'UP',
  onlineShare: 0.62,
  satisfaction: 0.97,
  backlog: 14,
  overdue: 3,
  headcount: 38,
  norm: 40,
  normDifference: -2,
  wisnRequired: 41.25,
  wisnActual: 36,
  wisnRatio: 0.8727,
  shortFields: [{ field: 'LAND', difference: -3.5, ratio: 0.6 }],
  fitPlaced: 30,
  fitShare: 0.8,
  gaps: [{ code: 'C01', nameVi: 'Soạn thảo văn bản', nameEn: 'Drafting', staffBelow: 4 }],
  training: { planned: 12, completed: 5, share: 5 / 12 },
  ...over,
});

export function provinceSnapshot(): ReportSnapshot {
  return {
    schemaVersion: 1,
    scope: { provinceCode: 'T1', provinceName: 'Thành phố Huế', unit: null },
    period: { kind: 'MONTH', from: '2026-02-01', to: '2026-03-01' },
    previous: { from: '2026-01-01', to: '2026-02-01' },
    builtAt: '2026-03-02T01:15:00.000Z',
    dataAsOf: '2026-03-02T01:15:00.000Z',
    sources: {
      overviewAlertsRule: {
        version: '2026.1',
        effectiveFrom: '2026-01-01',
        dueWithinWorkingDays: 1,
        onTimeShareBelow: 0.9,
        wisnRatioBelow: 0.8,
      },
      wisnRunId: 7,
      trainingPlanId: 3,
    },
    totals: {
      score: 78.6,
      band: 'GOOD',
      complete: true,
      onTimeShare: 0.912,
      onlineShare: 0.55,
      satisfaction: 0.95,
      backlog: 31,
      overdue: 5,
      units: 3,
    },
    units: [
      unit({}),
      unit({
        unitId: 2,
        code: 'X02',
        name: 'Xã Phong Điền',
        kind: 'COMMUNE',
        score: 64.2,
        band: 'AVERAGE',
        scoreTrend: 'DOWN',
        onTimeShare: 0.71,
        backlog: 17,
        overdue: 2,
        isMountainous: true,
        size: 'SMALL',
        training: null,
      }),
      unit({ unitId: 3, code: 'X03', name: '=HYPERLINK("http://x")', score: 91, band: 'EXCELLENT', backlog: 0, overdue: 0, gaps: [] }),
    ],
    fields: [],
    categories: [],
    alerts: [
      {
        kind: 'DUE_SOON',
        unit: { code: 'X01', name: 'Phường Thuận Hóa' },
        subject: 'X01-260225-0004',
        at: '2026-03-02T10:00:00.000Z',
        value: null,
      },
      { kind: 'ON_TIME_LOW', unit: { code: 'X02', name: 'Xã Phong Điền' }, subject: 'Xã Phong Điền', at: null, value: 0.71 },
      { kind: 'WISN_LOW', unit: { code: 'X01', name: 'Phường Thuận Hóa' }, subject: 'LAND', at: null, value: 0.6 },
    ],
    alertTotals: { DUE_SOON: 1, ON_TIME_LOW: 1, WISN_LOW: 1, CAMPAIGN_LATE: 0 },
    trend: [
      { from: '2025-09-01', score: 70.1, onTimeShare: 0.85 },
      { from: '2025-10-01', score: 72.4, onTimeShare: 0.88 },
      { from: '2025-11-01', score: 74.3, onTimeShare: 0.9 },
      { from: '2025-12-01', score: 75.9, onTimeShare: 0.89 },
      { from: '2026-01-01', score: 77.2, onTimeShare: 0.9 },
      { from: '2026-02-01', score: 78.6, onTimeShare: 0.912 },
    ],
    bands: { EXCELLENT: 1, GOOD: 1, AVERAGE: 1, WEAK: 0 },
    fieldGaps: [
      { field: 'LAND', gap: 3.5 },
      { field: 'JUSTICE_CIVIL_STATUS', gap: 1.2 },
    ],
    fieldNames: { LAND: 'Đất đai', JUSTICE_CIVIL_STATUS: 'Tư pháp - Hộ tịch', CIVIL_STATUS: 'Hộ tịch' },
  };
}

export function unitSnapshot(): ReportSnapshot {
  const p = provinceSnapshot();
  const own = p.units[0] as ReportSnapshot['units'][number];
  return {
    ...p,
    scope: { provinceCode: 'T1', provinceName: 'Thành phố Huế', unit: { id: 1, code: 'X01', name: own.name, kind: own.kind } },
    period: { kind: 'QUARTER', from: '2026-01-01', to: '2026-04-01' },
    previous: { from: '2025-10-01', to: '2026-01-01' },
    totals: { ...p.totals, score: own.score, band: own.band, backlog: own.backlog, overdue: own.overdue, units: 1 },
    units: [own],
    fields: [
      {
        field: 'CIVIL_STATUS',
        department: 'Văn phòng HĐND và UBND',
        received: 120,
        finished: 110,
        finishedOnTime: 104,
        onTimeShare: 104 / 110,
        backlog: 10,
        overdue: 2,
      },
    ],
    categories: [
      {
        field: 'LAND',
        wisnStatus: 'OK',
        wisnRequired: 8.5,
        wisnActual: 5,
        wisnRatio: 0.588,
        fitPlaced: 5,
        fitShare: 0.6,
        gaps: [{ code: 'C01', nameVi: 'Soạn thảo văn bản', nameEn: 'Drafting', staffBelow: 2 }],
      },
    ],
    alerts: p.alerts.filter((a) => a.unit?.code === 'X01'),
    alertTotals: { DUE_SOON: 1, ON_TIME_LOW: 0, WISN_LOW: 1, CAMPAIGN_LATE: 0 },
    bands: { EXCELLENT: 0, GOOD: 1, AVERAGE: 0, WEAK: 0 },
  };
}
