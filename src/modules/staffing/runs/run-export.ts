import ExcelJS from 'exceljs';
import type { MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { type PdfContent, renderPdf } from '../../../platform/pdf/pdf.ts';
import { formatDate, formatNumber } from '../../../platform/time/format.ts';
import { type OutCell, safeCell } from '../../../platform/xlsx/safe-cells.ts';
import { fieldLabel } from '../../units/units.labels.ts';
import type { PositionRow } from './pages/position-view.ts';
import { rankExpertise, rankPressure } from './pages/run-view.ts';
import type { RunLine, StaffingRun } from './run.schemas.ts';
import { headlineOf } from './stored-line.ts';

/**
 * The staffing report of a stored WISN run as XLSX and PDF (issue 5 §6). Both are filed
 * documents, written in Vietnamese whatever the page language (the caller passes the
 * Vietnamese translator), like the review-campaign exports. The XLSX keeps every figure
 * UNROUNDED with its unit (a reader can recompute); the PDF rounds for reading (2 decimals for
 * staff, 1 for ratios: domain.md §10.2). Every text cell goes through safeCell, so a procedure
 * or unit name starting with = + - @ never runs as a formula.
 */

const statusText = (t: Translate, s: string) => t(`staffingReport.status.${s}` as MessageKey);

/**
 * Columns of the lines sheet: [header key, unit of the value or '', value of a line]. Required,
 * difference and ratio of a line stored under an older formula version are its stored figures
 * (headlineOf); its intermediate figures are not available and stay empty.
 */
const LINE_COLUMNS: [MessageKey, string, (l: RunLine, t: Translate) => OutCell][] = [
  ['staffingReport.xlsx.unitCode', '', (l) => l.unitCode],
  ['staffingReport.col.unit', '', (l) => l.unitName],
  ['staffingReport.xlsx.fieldCode', '', (l) => l.field],
  ['staffingReport.col.field', '', (l, t) => fieldLabel(t, l.field)],
  ['staffingReport.col.status', '', (l, t) => statusText(t, l.status)],
  ['staffingReport.col.required', 'staff', (l) => headlineOf(l)?.requiredStaff ?? null],
  ['staffingReport.col.actual', 'staff', (l) => l.input.actualStaff],
  ['staffingReport.col.difference', 'staff', (l) => headlineOf(l)?.difference ?? null],
  ['staffingReport.col.ratio', 'ratio', (l) => headlineOf(l)?.ratio ?? null],
  ['staffingReport.col.pressure', 'ratio', (l) => l.result?.pressure?.value ?? null],
  ['staffing.fig.serviceStaff', 'staff', (l) => l.result?.serviceStaff.value ?? null],
  ['staffing.fig.awtHours', 'hours/year', (l) => l.result?.availableWorkingTime.hours.value ?? null],
  ['staffing.fig.totalCas', 'percent', (l) => l.result?.totalCasPercent.value ?? null],
  ['staffing.fig.caf', 'factor', (l) => l.result?.caf.value ?? null],
  ['staffing.fig.iaf', 'staff', (l) => l.result?.iaf.value ?? null],
  ['staffingReport.col.placed', 'persons', (l) => l.expertise.placed],
  ['staffingReport.col.notMeeting', 'persons', (l) => l.expertise.notMeeting],
  [
    'staffingReport.col.gapCompetencies',
    '',
    (l) => l.expertise.gapCompetencies.map((g) => `${g.code} (${g.staffBelow})`).join('; ') || null,
  ],
  ['staffingReport.xlsx.refusal', '', (l) => l.refusal],
];

const unitText = (t: Translate, unit: string) => (unit ? t(`staffing.figUnit.${unit}` as MessageKey) : '');

/** One row per input of every line, each with its value, its unit and where it comes from. */
function inputRows(t: Translate, l: RunLine): OutCell[][] {
  const head = [l.unitCode, l.unitName, l.field];
  const rows: OutCell[][] = [];
  for (const s of l.workloadSources) {
    const what = `${t(`staffingReport.activity.${s.activity}` as MessageKey)}${s.channel ? ` (${t(`staffingReport.channel.${s.channel}` as MessageKey)})` : ''}`;
    // The procedure code goes with the kind, so the name cell holds the name exactly as stored.
    const kind = s.procedureCode ? `${what}: ${s.procedureCode}` : what;
    rows.push([...head, kind, s.procedureName, s.dossiers, t('staffingReport.unit.dossiersInPeriod'), s.standardSource]);
    rows.push([...head, kind, s.procedureName, s.minutesPerDossier, unitText(t, 'minutes/item'), s.standardSource]);
  }
  const w = l.input.workingTime as Record<string, number | undefined>;
  for (const [k, v] of Object.entries(w))
    if (v !== undefined) rows.push([...head, t('staffing.wisn.workingTime'), t(`staffing.f.${k}` as MessageKey), v, '', '']);
  for (const s of l.input.support)
    rows.push([...head, 'CAS', s.name, s.time, `${t(`staffing.timeUnit.${s.timeUnit}`)} / ${t(`staffing.per.${s.per}`)}`, '']);
  for (const a of l.input.additional) {
    rows.push([...head, 'IAS', a.name, a.timePerPerson, `${t(`staffing.timeUnit.${a.timeUnit}`)} / ${t('staffing.per.year')}`, '']);
    rows.push([...head, 'IAS', `${a.name}: ${t('staffing.f.persons')}`, a.persons, unitText(t, 'persons'), '']);
  }
  rows.push([...head, t('staffing.wisn.staff'), t('staffing.f.actualStaff'), l.input.actualStaff, unitText(t, 'staff'), '']);
  return rows;
}

/** Columns of the per-position sheet (derived figures, unrounded; see pages/position-view.ts). */
const POSITION_COLUMNS: [MessageKey, string, (r: PositionRow, t: Translate) => OutCell][] = [
  ['staffingReport.xlsx.unitCode', '', (r) => r.unitCode],
  ['staffingReport.col.unit', '', (r) => r.unitName],
  ['staffingReport.xlsx.fieldCode', '', (r) => r.field],
  ['staffingReport.col.field', '', (r, t) => fieldLabel(t, r.field)],
  ['staffingPositions.xlsx.positionCode', '', (r) => r.positionCode],
  ['staffingPositions.col.position', '', (r, t) => r.positionName ?? t('staffingPositions.noPosition')],
  ['staffingReport.col.status', '', (r, t) => statusText(t, r.status)],
  ['staffingPositions.col.required', 'staff', (r) => r.required],
  ['staffingReport.col.actual', 'staff', (r) => r.actual],
  ['staffingReport.col.difference', 'staff', (r) => r.difference],
  ['staffingReport.col.ratio', 'ratio', (r) => r.ratio],
  ['staffingPositions.col.share', 'ratio', (r) => r.share],
  ['staffingPositions.xlsx.lineActual', 'staff', (r) => r.lineActual],
  ['staffingPositions.xlsx.lineHolders', 'persons', (r) => r.lineHolders],
];

export async function runWorkbook(
  run: StaffingRun,
  lines: readonly RunLine[],
  t: Translate,
  byPosition?: { onDate: string; rows: readonly PositionRow[] },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cadre';
  const add = (ws: ExcelJS.Worksheet, cells: readonly OutCell[]) => ws.addRow(cells.map(safeCell));

  const ls = wb.addWorksheet(t('staffingReport.xlsx.sheetLines'));
  add(
    ls,
    LINE_COLUMNS.map(([k]) => t(k)),
  ).font = { bold: true };
  add(
    ls,
    LINE_COLUMNS.map(([, unit]) => unitText(t, unit)),
  ).font = { italic: true };
  for (const l of lines)
    add(
      ls,
      LINE_COLUMNS.map(([, , v]) => v(l, t)),
    );
  ls.views = [{ state: 'frozen', ySplit: 2 }];
  ls.getColumn(2).width = 28;
  ls.getColumn(4).width = 26;

  const is = wb.addWorksheet(t('staffingReport.xlsx.sheetInputs'));
  add(is, [
    t('staffingReport.xlsx.unitCode'),
    t('staffingReport.col.unit'),
    t('staffingReport.xlsx.fieldCode'),
    t('staffingReport.xlsx.inputKind'),
    t('staffingReport.xlsx.inputName'),
    t('staffing.wisn.value'),
    t('staffing.wisn.unit'),
    t('staffingReport.line.standardSource'),
  ]).font = { bold: true };
  for (const l of lines) for (const row of inputRows(t, l)) add(is, row);
  is.views = [{ state: 'frozen', ySplit: 1 }];
  is.getColumn(5).width = 40;

  const rs = wb.addWorksheet(t('staffingReport.xlsx.sheetRules'));
  add(rs, [t('staffingReport.export.title')]).font = { bold: true, size: 13 };
  add(rs, [t('staffingReport.xlsx.runId'), run.id]);
  add(rs, [t('staffingReport.run.year'), run.year]);
  add(rs, [t('staffingReport.run.period'), `${run.periodFrom} – ${run.periodTo}`]);
  add(rs, [t('staffingReport.run.formula'), run.formulaVersion]);
  add(rs, [t('staffingReport.run.createdAt'), run.createdAt]);
  add(rs, [t('staffingReport.run.note'), run.note]);
  add(rs, [t('staffingReport.xlsx.possibleWorkingDays'), run.calendar.possibleWorkingDays]);
  add(rs, [t('staffingReport.xlsx.publicHolidayDays'), run.calendar.publicHolidayDays]);
  rs.addRow([]);
  add(rs, [
    t('staffingReport.rules.key'),
    t('staffingReport.rules.version'),
    t('staffingReport.rules.effectiveFrom'),
    t('staffingReport.rules.source'),
  ]).font = { bold: true };
  for (const r of run.rulesUsed) add(rs, [r.key, r.version, r.effectiveFrom, r.sourceNote]);
  rs.addRow([]);
  add(rs, [t('staffingReport.line.date'), t('staffingReport.line.holiday')]).font = { bold: true };
  for (const h of run.calendar.holidays) add(rs, [h.date, h.name]);
  rs.getColumn(1).width = 30;
  rs.getColumn(4).width = 50;

  if (byPosition) {
    const ps = wb.addWorksheet(t('staffingPositions.xlsx.sheet'));
    add(
      ps,
      POSITION_COLUMNS.map(([k]) => t(k)),
    ).font = { bold: true };
    add(
      ps,
      POSITION_COLUMNS.map(([, unit]) => unitText(t, unit)),
    ).font = { italic: true };
    for (const r of byPosition.rows)
      add(
        ps,
        POSITION_COLUMNS.map(([, , v]) => v(r, t)),
      );
    ps.views = [{ state: 'frozen', ySplit: 2 }];
    ps.getColumn(2).width = 28;
    ps.getColumn(6).width = 36;
    rs.addRow([]);
    add(rs, [t('staffingPositions.xlsx.rule')]).font = { bold: true };
    add(rs, [t('staffingPositions.rule', { date: formatDate(byPosition.onDate) })]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The PDF: A4 landscape; the run, the lines (rounded for reading), fields by pressure and by missing expertise. */
export async function runPdf(run: StaffingRun, lines: readonly RunLine[], t: Translate, today: string): Promise<Buffer> {
  const staff = (n: number | null | undefined) => (n === null || n === undefined ? '–' : formatNumber(n, 'vi', 2));
  const ratio = (n: number | null | undefined) => (n === null || n === undefined ? '–' : formatNumber(n, 'vi', 1));
  const signed = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${n > 0 ? '+' : ''}${formatNumber(n, 'vi', 2)}`);
  const th = (k: MessageKey) => ({ text: t(k), bold: true });
  const lineBody: PdfContent[][] = [
    [
      th('staffingReport.col.unit'),
      th('staffingReport.col.field'),
      th('staffingReport.col.status'),
      th('staffingReport.col.required'),
      th('staffingReport.col.actual'),
      th('staffingReport.col.difference'),
      th('staffingReport.col.ratio'),
      th('staffingReport.col.notMeeting'),
    ],
    ...lines.map((l) => [
      l.unitName,
      fieldLabel(t, l.field),
      statusText(t, l.status),
      staff(headlineOf(l)?.requiredStaff),
      staff(l.input.actualStaff),
      signed(headlineOf(l)?.difference),
      ratio(headlineOf(l)?.ratio),
      `${l.expertise.notMeeting}/${l.expertise.placed}`,
    ]),
  ];
  const pressure = rankPressure(lines);
  const expertise = rankExpertise(lines);
  const content: PdfContent[] = [
    { text: t('staffingReport.export.title'), style: 'title' },
    {
      text: `${t('staffingReport.xlsx.runId')}: ${run.id} · ${t('staffingReport.run.year')}: ${run.year} · ${t('staffingReport.run.period')}: ${formatDate(run.periodFrom)} – ${formatDate(run.periodTo)} · ${t('staffingReport.run.formula')}: ${run.formulaVersion} · ${t('staffingReport.export.date')}: ${formatDate(today)}`,
    },
    { text: t('staffingReport.export.rounding'), italics: true, margin: [0, 2, 0, 8] },
    { text: t('staffingReport.pressure.title'), style: 'heading' },
    {
      table: {
        headerRows: 1,
        body: [
          [
            th('staffingReport.col.field'),
            th('staffingReport.col.required'),
            th('staffingReport.col.actual'),
            th('staffingReport.col.gap'),
            th('staffingReport.col.ratio'),
            th('staffingReport.col.shortageUnits'),
          ],
          ...pressure.map((p) => [
            fieldLabel(t, p.field),
            staff(p.required),
            staff(p.actual),
            signed(p.gap),
            ratio(p.ratio),
            String(p.shortageUnits),
          ]),
        ],
      },
      fontSize: 8,
    },
    { text: t('staffingReport.expertise.title'), style: 'heading' },
    expertise.length === 0
      ? { text: t('staffingReport.expertise.none') }
      : {
          table: {
            headerRows: 1,
            body: [
              [
                th('staffingReport.col.field'),
                th('staffingReport.col.both'),
                th('staffingReport.col.gap'),
                th('staffingReport.col.placed'),
                th('staffingReport.col.notMeeting'),
                th('staffingReport.col.gapCompetencies'),
              ],
              ...expertise.map((e) => [
                fieldLabel(t, e.field),
                t(e.both ? 'staffingReport.expertise.bothYes' : 'staffingReport.expertise.bothNo'),
                signed(e.gap),
                String(e.placed),
                String(e.notMeeting),
                e.gaps
                  .slice(0, 3)
                  .map((g) => `${g.name} (${g.staffBelow})`)
                  .join('; '),
              ]),
            ],
          },
          fontSize: 8,
        },
    { text: t('staffingReport.export.lines'), style: 'heading', pageBreak: 'before' },
    { table: { headerRows: 1, widths: [150, 130, 70, 55, 55, 55, 45, 50], body: lineBody }, fontSize: 8 },
  ];
  return renderPdf({
    // pdfmake takes pageOrientation; platform/pdf's PdfDocument type does not list it, and renderPdf spreads the definition as given.
    ...({ pageOrientation: 'landscape' } as object),
    pageMargins: [28, 28, 28, 28],
    info: { title: `${t('staffingReport.export.title')} – ${run.id}`, author: 'Cadre' },
    styles: { title: { fontSize: 14, bold: true, margin: [0, 0, 0, 6] }, heading: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] } },
    content,
  });
}
