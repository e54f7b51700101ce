/**
 * The training plan as an XLSX workbook (issue 6 §4): a summary by year × funding source against
 * the budget, one row per class, one row per attendee with the needs the class closes (why the
 * person is there). Figures stay numbers (a reader can add them up again); headings come from
 * the translator the caller passes (Vietnamese for the filed document). Every text cell goes
 * through safeCell, so a course or person name starting with = + - @ never runs as a formula.
 */
import ExcelJS from 'exceljs';
import type { Locale, MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import { type OutCell, safeCell } from '../../../platform/xlsx/safe-cells.ts';
import { contentTypeLabel, fundingLabel, modeLabel } from '../training.labels.ts';
import type { PlanDocument, PlanTotalLine } from './plan-document.ts';
import { needsText, needsWeight, solverStatusLabel } from './plan-text.ts';

const MONEY = '#,##0';

type Column = { key: MessageKey; width: number; money?: boolean };

export const SUMMARY_COLUMNS: Column[] = [
  { key: 'planDoc.col.year', width: 16 },
  { key: 'planDoc.col.fundingSource', width: 28 },
  { key: 'planDoc.col.classes', width: 10 },
  { key: 'planDoc.col.participants', width: 12 },
  { key: 'planDoc.col.cost', width: 18, money: true },
  { key: 'planDoc.col.budget', width: 18, money: true },
  { key: 'planDoc.col.remaining', width: 18, money: true },
];

export const CLASS_COLUMNS: Column[] = [
  { key: 'planDoc.col.year', width: 8 },
  { key: 'planDoc.col.courseCode', width: 14 },
  { key: 'planDoc.col.courseName', width: 40 },
  { key: 'planDoc.col.contentType', width: 28 },
  { key: 'planDoc.col.mode', width: 12 },
  { key: 'planDoc.col.fundingSource', width: 24 },
  { key: 'planDoc.col.classNo', width: 8 },
  { key: 'planDoc.col.sessions', width: 8 },
  { key: 'planDoc.col.days', width: 8 },
  { key: 'planDoc.col.participants', width: 10 },
  { key: 'planDoc.col.costPerClass', width: 16, money: true },
  { key: 'planDoc.col.costParticipants', width: 16, money: true },
  { key: 'planDoc.col.total', width: 16, money: true },
];

export const PARTICIPANT_COLUMNS: Column[] = [
  { key: 'planDoc.col.year', width: 8 },
  { key: 'planDoc.col.courseCode', width: 14 },
  { key: 'planDoc.col.courseName', width: 36 },
  { key: 'planDoc.col.classNo', width: 8 },
  { key: 'planDoc.col.staffId', width: 10 },
  { key: 'planDoc.col.fullName', width: 28 },
  { key: 'planDoc.col.unit', width: 26 },
  { key: 'planDoc.col.position', width: 30 },
  { key: 'planDoc.col.why', width: 60 },
  { key: 'planDoc.col.weight', width: 10 },
];

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.money) col.numFmt = MONEY;
  });
  return ws;
}

const add = (ws: ExcelJS.Worksheet, cells: readonly OutCell[]) => ws.addRow(cells.map(safeCell));

function totalCells(l: PlanTotalLine): OutCell[] {
  return [l.classes, l.participants, l.cost, l.budget, l.remaining];
}

export async function planWorkbook(doc: PlanDocument, t: Translate, locale: Locale = 'vi'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cadre';
  const p = doc.parameters;
  const s = doc.solver;

  const sum = sheet(wb, t('planDoc.xlsx.sheetSummary'), SUMMARY_COLUMNS);
  add(sum, [t('planDoc.xlsx.title', { name: doc.planName })]).font = { bold: true, size: 13 };
  const facts: [MessageKey, OutCell][] = [
    ['planDoc.f.province', doc.provinceName],
    ['planDoc.f.planId', doc.planId],
    ['planDoc.f.generatedAt', formatInstant(doc.generatedAt)],
    ['planDoc.f.years', p.years.length > 0 ? `${Math.min(...p.years)}–${Math.max(...p.years)}` : ''],
    ['planDoc.f.maxDays', p.maxDaysPerPersonYear],
    ['planDoc.f.maxShare', p.maxUnitShareAway * 100],
    ['planDoc.f.timeLimit', p.timeLimitSeconds],
    ['planDoc.f.status', solverStatusLabel(t, s.status)],
    ['planDoc.f.objective', s.objective],
    ['planDoc.f.bestBound', s.bestBound],
    ['planDoc.f.gap', s.gap === null ? null : s.gap * 100],
    ['planDoc.f.seconds', s.seconds],
    ['planDoc.f.greedy', s.greedyObjective],
    ['planDoc.f.people', doc.totals.all.people],
  ];
  for (const [k, v] of facts) add(sum, [t(k), v]);
  sum.addRow([]);
  add(
    sum,
    SUMMARY_COLUMNS.map((c) => t(c.key)),
  ).font = { bold: true };
  const headerRow = sum.rowCount;
  for (const y of doc.totals.byYear) {
    for (const c of doc.totals.byYearSource.filter((l) => l.year === y.year))
      add(sum, [c.year, fundingLabel(t, c.fundingSource), ...totalCells(c)]);
    add(sum, [t('planDoc.xlsx.yearTotal', { year: y.year }), '', ...totalCells(y)]).font = { bold: true };
  }
  for (const c of doc.totals.bySource) add(sum, [t('planDoc.xlsx.period'), fundingLabel(t, c.fundingSource), ...totalCells(c)]);
  add(sum, [t('planDoc.xlsx.grandTotal'), '', ...totalCells(doc.totals.all)]).font = { bold: true };
  sum.views = [{ state: 'frozen', ySplit: headerRow }];

  const cls = sheet(wb, t('planDoc.xlsx.sheetClasses'), CLASS_COLUMNS);
  add(
    cls,
    CLASS_COLUMNS.map((c) => t(c.key)),
  ).font = { bold: true };
  for (const k of doc.classes)
    add(cls, [
      k.year,
      k.courseCode,
      k.courseName,
      contentTypeLabel(t, k.contentType),
      modeLabel(t, k.mode),
      fundingLabel(t, k.fundingSource),
      k.classNo,
      k.sessions,
      k.days,
      k.participants.length,
      k.costPerClass,
      k.costParticipants,
      k.total,
    ]);
  cls.views = [{ state: 'frozen', ySplit: 1 }];
  cls.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CLASS_COLUMNS.length } };

  const ppl = sheet(wb, t('planDoc.xlsx.sheetParticipants'), PARTICIPANT_COLUMNS);
  add(
    ppl,
    PARTICIPANT_COLUMNS.map((c) => t(c.key)),
  ).font = { bold: true };
  for (const k of doc.classes)
    for (const a of k.participants)
      add(ppl, [
        k.year,
        k.courseCode,
        k.courseName,
        k.classNo,
        a.staffId,
        a.fullName,
        a.unitName,
        a.positionName,
        needsText(t, locale, a.needsClosed),
        needsWeight(a.needsClosed),
      ]);
  ppl.views = [{ state: 'frozen', ySplit: 1 }];
  ppl.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PARTICIPANT_COLUMNS.length } };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
