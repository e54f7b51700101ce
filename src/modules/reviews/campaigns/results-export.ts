import ExcelJS from 'exceljs';
import type { Translate } from '../../../platform/i18n/index.ts';
import { type PdfContent, renderPdf } from '../../../platform/pdf/pdf.ts';
import { formatDate, formatNumber } from '../../../platform/time/format.ts';
import { type OutCell, safeCell } from '../../../platform/xlsx/safe-cells.ts';
import { positionGroupLabel } from '../../positions/positions.labels.ts';
import { codeLabel, fieldLabel } from '../../units/units.labels.ts';
import { campaignStatusLabel } from '../reviews.labels.ts';
import { NO_POSITION_GROUP } from './lock-quota.ts';
import type { DistributionLine, ResultsExport } from './use-cases/dashboard.ts';

/**
 * The campaign results as XLSX and PDF (issue 4 §6): one row per participant, then the
 * distributions. Both are filed documents, so they are written in Vietnamese whatever the
 * page language (the caller passes the Vietnamese translator). Every text cell goes through
 * safeCell, so a name or unit starting with = + - @ can never run as a formula.
 */

export const RATING_COLUMNS = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED', 'UNRATED'] as const;

export const ratingLabel = (t: Translate, r: string | null) =>
  r === null ? t('reviewCampaigns.results.unrated') : codeLabel(t, 'reviews.band', r);
export const outcomeLabel = (t: Translate, o: string | null) =>
  o === null ? t('reviewCampaigns.results.notScreened') : codeLabel(t, 'reviews.screening.outcome', o);
export const groupLabel = (t: Translate, g: string | null) =>
  g === null || g === NO_POSITION_GROUP ? t('reviewCampaigns.results.noGroup') : positionGroupLabel(t, g);

/** A distribution line's label: the unit or body name, the translated field, or "none". */
export function lineLabel(t: Translate, dimension: 'unit' | 'body' | 'field', l: DistributionLine): string {
  if (l.key === null) return t(dimension === 'body' ? 'reviewCampaigns.results.noBody' : 'reviewCampaigns.results.noField');
  if (dimension === 'field') return fieldLabel(t, l.key);
  return l.name ?? l.key;
}

export function participantColumns(t: Translate): string[] {
  return [
    t('reviewCampaigns.export.col.name'),
    t('reviewCampaigns.export.col.unit'),
    t('reviewCampaigns.export.col.body'),
    t('reviewCampaigns.export.col.position'),
    t('reviewCampaigns.export.col.group'),
    t('reviewCampaigns.export.col.score'),
    t('reviewCampaigns.export.col.rating'),
    t('reviewCampaigns.export.col.finalRating'),
    t('reviewCampaigns.export.col.screening'),
    t('reviewCampaigns.export.col.gaps'),
  ];
}

function participantCells(t: Translate, r: ResultsExport['rows'][number]): OutCell[] {
  const position = r.positionCode === null ? null : r.positionName ? `${r.positionCode} – ${r.positionName}` : r.positionCode;
  return [
    r.fullName,
    r.unitName,
    r.bodyName,
    position,
    r.positionGroup === null ? null : groupLabel(t, r.positionGroup),
    r.score,
    r.rating === null ? null : ratingLabel(t, r.rating),
    r.finalRating === null ? null : ratingLabel(t, r.finalRating),
    r.screeningOutcome === null ? null : outcomeLabel(t, r.screeningOutcome),
    r.gapCount,
  ];
}

function distributionRows(t: Translate, dimension: 'unit' | 'body' | 'field', lines: readonly DistributionLine[]): OutCell[][] {
  return lines.map((l) => [lineLabel(t, dimension, l), ...RATING_COLUMNS.map((c) => l.counts[c]), l.total]);
}

export async function resultsWorkbook(data: ResultsExport, t: Translate): Promise<Buffer> {
  const { dashboard: d } = data;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cadre';
  const add = (ws: ExcelJS.Worksheet, cells: readonly OutCell[]) => ws.addRow(cells.map(safeCell));

  const ws = wb.addWorksheet(t('reviewCampaigns.export.sheet.participants'));
  add(ws, participantColumns(t)).font = { bold: true };
  for (const r of data.rows) add(ws, participantCells(t, r));
  if (data.rows.length < data.total) add(ws, [t('reviewCampaigns.export.truncated', { shown: data.rows.length, total: data.total })]);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const [i, w] of [28, 24, 28, 36, 22, 8, 24, 24, 24, 8].entries()) ws.getColumn(i + 1).width = w;

  const sum = wb.addWorksheet(t('reviewCampaigns.export.sheet.summary'));
  add(sum, [t('reviewCampaigns.export.title')]).font = { bold: true, size: 13 };
  add(sum, [t('reviewCampaigns.export.campaign'), d.campaign.name]);
  add(sum, [t('reviewCampaigns.f.year'), d.campaign.year]);
  add(sum, [t('reviewCampaigns.detail.status'), campaignStatusLabel(t, d.campaign.status)]);
  add(sum, [t('reviewCampaigns.detail.participants'), d.participants]);
  const ratingHeader = RATING_COLUMNS.map((c) => ratingLabel(t, c === 'UNRATED' ? null : c));
  const section = (title: string, dimension: 'unit' | 'body' | 'field', lines: readonly DistributionLine[]) => {
    sum.addRow([]);
    add(sum, [title]).font = { bold: true };
    add(sum, ['', ...ratingHeader, t('reviewCampaigns.results.total')]).font = { bold: true };
    for (const row of distributionRows(t, dimension, lines)) add(sum, row);
  };
  section(t('reviewCampaigns.results.byUnit'), 'unit', d.byUnit);
  section(t('reviewCampaigns.results.byBody'), 'body', d.byBody);
  section(t('reviewCampaigns.results.byField'), 'field', d.byField);
  sum.addRow([]);
  add(sum, [t('reviewCampaigns.results.screening')]).font = { bold: true };
  for (const s of d.screening) add(sum, [outcomeLabel(t, s.outcome), s.n]);
  sum.addRow([]);
  add(sum, [t('reviewCampaigns.results.gaps')]).font = { bold: true };
  add(sum, [
    t('reviewCampaigns.results.col.competency'),
    t('reviewCampaigns.results.col.people'),
    t('reviewCampaigns.results.col.assessed'),
    t('reviewCampaigns.results.col.meanShortfall'),
  ]).font = { bold: true };
  for (const g of d.gaps)
    add(sum, [g.nameVi ? `${g.competencyCode} – ${g.nameVi}` : g.competencyCode, g.people, g.assessed, g.meanShortfall]);
  sum.addRow([]);
  add(sum, [t('reviewCampaigns.results.quota')]).font = { bold: true };
  add(sum, [
    t('reviewCampaigns.results.col.agency'),
    t('reviewCampaigns.export.col.group'),
    t('reviewCampaigns.results.col.excellent'),
    t('reviewCampaigns.results.col.allowed'),
    t('reviewCampaigns.results.col.good'),
    t('reviewCampaigns.results.col.verdict'),
  ]).font = { bold: true };
  for (const q of d.quota)
    add(sum, [
      q.agency.name,
      groupLabel(t, q.positionGroup),
      q.excellentCount,
      q.allowed,
      q.goodCount,
      t(q.violates ? 'reviewCampaigns.results.quotaOver' : 'reviewCampaigns.results.quotaWithin'),
    ]);
  sum.getColumn(1).width = 40;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The PDF: A4 landscape, title, campaign, date, the participant table and the distributions by unit. */
export async function resultsPdf(data: ResultsExport, t: Translate, today: string): Promise<Buffer> {
  const { dashboard: d } = data;
  const text = (v: OutCell) => (v === null ? '' : typeof v === 'number' ? formatNumber(v, 'vi', 2) : String(v));
  const header = participantColumns(t).map((h) => ({ text: h, bold: true }));
  const body: PdfContent[][] = [header, ...data.rows.map((r) => participantCells(t, r).map(text))];
  const ratingHeader = RATING_COLUMNS.map((c) => ({ text: ratingLabel(t, c === 'UNRATED' ? null : c), bold: true }));
  const content: PdfContent[] = [
    { text: t('reviewCampaigns.export.title'), style: 'title' },
    { text: `${t('reviewCampaigns.export.campaign')}: ${d.campaign.name} (${d.campaign.year})` },
    {
      text: `${t('reviewCampaigns.detail.status')}: ${campaignStatusLabel(t, d.campaign.status)} · ${t('reviewCampaigns.export.date')}: ${formatDate(today)} · ${t('reviewCampaigns.detail.participants')}: ${data.total}`,
      margin: [0, 0, 0, 8],
    },
    { table: { headerRows: 1, widths: [90, 80, 80, 110, 60, 32, 70, 70, 70, 28], body }, fontSize: 7 },
  ];
  if (data.rows.length < data.total)
    content.push({
      text: t('reviewCampaigns.export.truncated', { shown: data.rows.length, total: data.total }),
      italics: true,
      margin: [0, 4, 0, 0],
    });
  content.push(
    { text: t('reviewCampaigns.results.byUnit'), style: 'heading' },
    {
      table: {
        headerRows: 1,
        body: [
          [
            { text: t('reviewCampaigns.export.col.unit'), bold: true },
            ...ratingHeader,
            { text: t('reviewCampaigns.results.total'), bold: true },
          ],
          ...distributionRows(t, 'unit', d.byUnit).map((r) => r.map(text)),
        ],
      },
      fontSize: 8,
    },
  );
  const doc = {
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 28] as [number, number, number, number],
    info: { title: `${t('reviewCampaigns.export.title')} – ${d.campaign.name}`, author: 'Cadre' },
    styles: { title: { fontSize: 14, bold: true, margin: [0, 0, 0, 6] }, heading: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] } },
    content,
  };
  // pdfmake takes pageOrientation; platform/pdf's PdfDocument type does not list it, and renderPdf spreads the definition as given.
  return renderPdf(doc);
}
