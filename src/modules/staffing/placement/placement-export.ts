import ExcelJS from 'exceljs';
import type { Translate } from '../../../platform/i18n/index.ts';
import { type PdfContent, renderPdf } from '../../../platform/pdf/pdf.ts';
import { formatDate, formatInstant, formatNumber } from '../../../platform/time/format.ts';
import { type OutCell, safeCell } from '../../../platform/xlsx/safe-cells.ts';
import { fieldLabel } from '../../units/units.labels.ts';
import type { BatchView, RecommendationView } from './placement.schemas.ts';
import {
  batchStatusLabel,
  costsText,
  decisionText,
  eligibilityText,
  fixesText,
  ineligibleLabel,
  kindLabel,
  positionText,
} from './placement-text.ts';

/**
 * A placement batch as XLSX and PDF (issue 5 §6): one row per recommendation with what it
 * fixes, what it costs and the facts checked, then the people left out. Filed documents, in
 * Vietnamese (the caller passes the Vietnamese translator). Every XLSX cell goes through
 * safeCell: a name or unit starting with = + - @ never runs as a formula.
 */

export function columns(t: Translate): string[] {
  return [
    t('placement.col.person'),
    t('placement.col.from'),
    t('placement.col.to'),
    t('placement.col.kind'),
    t('placement.col.endDate'),
    t('placement.col.fixes'),
    t('placement.col.costs'),
    t('placement.col.benefitValue'),
    t('placement.col.costValue'),
    t('placement.col.eligibility'),
    t('placement.col.decision'),
  ];
}

export function rowCells(t: Translate, r: RecommendationView): OutCell[] {
  return [
    r.fullName,
    `${r.fromUnitName} · ${fieldLabel(t, r.fromField)}${r.fromPositionName ? ` · ${r.fromPositionName}` : ''}`,
    `${r.toUnitName} · ${fieldLabel(t, r.toField)} · ${positionText(r)}`,
    kindLabel(t, r.kind),
    r.endDate === null ? null : formatDate(r.endDate),
    fixesText(t, 'vi', r.explanation),
    costsText(t, 'vi', r.explanation),
    r.benefit,
    r.cost,
    eligibilityText(t, r.explanation),
    decisionText(t, r),
  ];
}

function headLines(t: Translate, b: BatchView): [string, string][] {
  const o = b.params.options;
  return [
    [t('placement.export.batch'), String(b.id)],
    [t('placement.export.run'), String(b.runId)],
    [t('placement.col.createdAt'), formatInstant(b.createdAt)],
    [t('placement.col.status'), batchStatusLabel(t, b.status)],
    [t('placement.summary.rule'), `${b.params.rule.version} (${formatDate(b.params.rule.effectiveFrom)})`],
    [
      t('placement.summary.options'),
      t('placement.summary.optionsText', {
        share: formatNumber(o.maxShareMovedPerUnit * 100, 'vi', 1),
        leadership: t(o.includeLeadership ? 'placement.yes' : 'placement.no'),
        district: t(o.forbidOutsideDistrict ? 'placement.yes' : 'placement.no'),
      }),
    ],
    [t('placement.summary.figures'), t('placement.summary.figuresText', { ...b.params.summary })],
    [t('placement.col.objective'), formatNumber(b.objective, 'vi', 4)],
  ];
}

export async function placementWorkbook(b: BatchView, t: Translate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cadre';
  const add = (ws: ExcelJS.Worksheet, cells: readonly OutCell[]) => ws.addRow(cells.map(safeCell));

  const ws = wb.addWorksheet(t('placement.export.sheet.recommendations'));
  add(ws, columns(t)).font = { bold: true };
  for (const r of b.recommendations) add(ws, rowCells(t, r));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const [i, w] of [26, 36, 44, 14, 12, 60, 50, 10, 10, 70, 30].entries()) ws.getColumn(i + 1).width = w;

  const sum = wb.addWorksheet(t('placement.export.sheet.summary'));
  add(sum, [t('placement.export.title')]).font = { bold: true, size: 13 };
  for (const [k, v] of headLines(t, b)) add(sum, [k, v]);
  sum.addRow([]);
  add(sum, [t('placement.excluded.title')]).font = { bold: true };
  for (const x of b.params.excluded) add(sum, [x.fullName, fieldLabel(t, x.field), x.reasons.map((c) => ineligibleLabel(t, c)).join('; ')]);
  sum.getColumn(1).width = 34;
  sum.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A4 landscape: title, the batch's facts, the recommendation table and the people left out. */
export async function placementPdf(b: BatchView, t: Translate, today: string): Promise<Buffer> {
  const text = (v: OutCell) => (v === null ? '' : typeof v === 'number' ? formatNumber(v, 'vi', 2) : String(v));
  const header = columns(t).map((h) => ({ text: h, bold: true }));
  const content: PdfContent[] = [
    { text: t('placement.export.title'), style: 'title' },
    { text: `${t('placement.export.date')}: ${formatDate(today)}`, margin: [0, 0, 0, 6] },
    ...headLines(t, b).map(([k, v]) => ({ text: `${k}: ${v}` })),
  ];
  if (b.recommendations.length === 0) content.push({ text: t('placement.empty'), italics: true, margin: [0, 8, 0, 0] });
  else
    content.push({
      table: {
        headerRows: 1,
        widths: [50, 60, 70, 38, 34, 100, 80, 26, 26, 120, 50],
        body: [header, ...b.recommendations.map((r) => rowCells(t, r).map(text))],
      },
      fontSize: 6,
      margin: [0, 8, 0, 0],
    });
  if (b.params.excluded.length > 0) {
    content.push({ text: t('placement.excluded.title'), style: 'heading' });
    for (const x of b.params.excluded)
      content.push({
        text: `${x.fullName} (${fieldLabel(t, x.field)}): ${x.reasons.map((c) => ineligibleLabel(t, c)).join('; ')}`,
        fontSize: 8,
      });
  }
  const doc = {
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 28] as [number, number, number, number],
    info: { title: `${t('placement.export.title')} – ${b.id}`, author: 'Cadre' },
    styles: { title: { fontSize: 14, bold: true, margin: [0, 0, 0, 6] }, heading: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] } },
    content,
  };
  return renderPdf(doc);
}
