/**
 * A periodic report as a PDF in the layout of a Vietnamese administrative report (Decree
 * 30/2020): issuing body and national motto, number and place-date line, title, the sources
 * of the figures, sections I–V with tables and charts, recipients and signature, then (for
 * the province) the per-unit annex on landscape pages. Rendered by the platform's PDF worker
 * pool. Deterministic: the document's creation date is the snapshot's builtAt (pdfkit derives
 * the file ID from it) and the charts' SVG ids are stable, so a snapshot gives the same bytes.
 */
import { formHeader, type PdfContent, type PdfDocument, renderPdf } from '../../../platform/pdf/pdf.ts';
import type { ReportSnapshot, ReportUnitRow } from '../report-snapshot.ts';
import { bandChart, gapsChart, trendChart } from './report-charts.ts';
import {
  ALERT_KIND,
  ALERT_KINDS,
  alertText,
  BAND,
  DASH,
  dec,
  fieldName,
  int,
  issuerOf,
  pct,
  periodLabel,
  placeDateLine,
  scopeName,
  sourcesLine,
  TEXT,
  TREND,
  titleLine,
} from './report-text.ts';

const th = (text: string): PdfContent => ({ text, bold: true, alignment: 'center' });
const right = (text: string): PdfContent => ({ text, alignment: 'right' });
const para = (text: string): PdfContent => ({ text, margin: [0, 0, 0, 4] });

function table(widths: (string | number)[], head: string[], rows: PdfContent[][], fontSize = 9): PdfContent {
  return {
    // A header row never stays alone at the foot of a page; a row is never split across pages.
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths, body: [head.map(th), ...rows] },
    fontSize,
    alignment: 'left',
    margin: [0, 2, 0, 8],
  };
}

/** pdfmake draws `svg` nodes itself (svg-to-pdfkit); the platform's PdfContent type does not list them. */
const chart = (title: string, svg: string): PdfContent =>
  ({
    stack: [
      { text: title, bold: true, alignment: 'center', fontSize: 10 },
      { svg, width: 430, alignment: 'center', margin: [0, 0, 0, 8] },
    ],
    unbreakable: true,
    margin: [0, 6, 0, 0],
  }) as unknown as PdfContent;

const sum = (rows: readonly ReportUnitRow[], f: (u: ReportUnitRow) => number | null) =>
  rows.some((u) => f(u) !== null) ? rows.reduce((n, u) => n + (f(u) ?? 0), 0) : null;

function serviceSection(s: ReportSnapshot): PdfContent[] {
  const t = s.totals;
  const out: PdfContent[] = [
    { text: TEXT.s1, style: 'section' },
    para(
      `${scopeName(s)} đạt ${dec(t.score)} điểm Bộ chỉ số 766, xếp loại ${BAND[t.band]}${t.complete ? '' : ' (một số chỉ số chưa có số liệu nhập tay: điểm là mức tối thiểu)'}. ` +
        `Tỉ lệ hồ sơ giải quyết đúng hạn ${pct(t.onTimeShare)}; tỉ lệ hồ sơ trực tuyến ${pct(t.onlineShare)}; mức độ hài lòng ${pct(t.satisfaction)}; ` +
        `${int(t.backlog)} hồ sơ tồn cuối kỳ; ${int(t.overdue)} hồ sơ đang quá hạn.`,
    ),
    table(
      ['*', 80],
      ['Chỉ tiêu', 'Kết quả'],
      [
        ['Điểm Bộ chỉ số 766', right(dec(t.score))],
        ['Xếp loại', right(BAND[t.band])],
        ['Tỉ lệ giải quyết đúng hạn (chỉ số 2.1)', right(pct(t.onTimeShare))],
        ['Tỉ lệ hồ sơ trực tuyến (chỉ số 3.3)', right(pct(t.onlineShare))],
        ['Mức độ hài lòng (chỉ số 5.4)', right(pct(t.satisfaction))],
        ['Hồ sơ tồn cuối kỳ', right(int(t.backlog))],
        ['Hồ sơ đang quá hạn', right(int(t.overdue))],
      ],
    ),
  ];
  if (s.scope.unit === null) {
    out.push(chart(TEXT.chartBands, bandChart(s)));
    out.push(para('Số liệu từng đơn vị cấp xã: xem Phụ lục.'));
  } else if (s.fields.length > 0) {
    out.push({ text: 'Hồ sơ theo lĩnh vực', style: 'sub' });
    out.push(
      table(
        ['*', 44, 44, 44, 48, 40, 40],
        ['Lĩnh vực', 'Tiếp nhận', 'Đã giải quyết', 'Đúng hạn', 'Tỉ lệ đúng hạn', 'Tồn', 'Quá hạn'],
        s.fields.map((f) => [
          fieldName(s, f.field),
          right(int(f.received)),
          right(int(f.finished)),
          right(int(f.finishedOnTime)),
          right(pct(f.onTimeShare)),
          right(int(f.backlog)),
          right(int(f.overdue)),
        ]),
        8,
      ),
    );
  }
  if (s.trend.length > 0) out.push(chart(TEXT.chartTrend, trendChart(s)));
  return out;
}

function staffingSection(s: ReportSnapshot): PdfContent[] {
  const out: PdfContent[] = [{ text: TEXT.s2, style: 'section' }];
  const headcount = sum(s.units, (u) => u.headcount);
  const norm = sum(s.units, (u) => u.norm);
  out.push(
    para(
      `Số người đang làm việc: ${int(headcount)}; định mức biên chế (Công văn 09/CV-BCĐ): ${int(norm)}` +
        (headcount !== null && norm !== null ? `; chênh lệch ${int(headcount - norm)}.` : '.'),
    ),
  );
  if (s.sources.wisnRunId === null) out.push(para(TEXT.noRun));
  else {
    const required = sum(s.units, (u) => u.wisnRequired);
    const actual = sum(s.units, (u) => u.wisnActual);
    out.push(para(`Theo lượt tính WISN số ${s.sources.wisnRunId}: cần ${dec(required)} người, hiện có ${dec(actual)} người.`));
  }
  if (s.scope.unit !== null && s.categories.length > 0)
    out.push(
      table(
        ['*', 50, 50, 50],
        ['Nhóm công chức', 'WISN cần', 'Hiện có', 'Tỉ số WISN'],
        s.categories.map((c) => [fieldName(s, c.field), right(dec(c.wisnRequired)), right(dec(c.wisnActual)), right(dec(c.wisnRatio, 2))]),
        8,
      ),
    );
  const gaps = gapsChart(s);
  if (gaps) out.push(chart(TEXT.chartGaps, gaps));
  if (s.fieldGaps.length > 0)
    out.push(
      table(
        ['*', 70],
        ['Nhóm công việc còn thiếu người', 'Số người thiếu'],
        s.fieldGaps.map((g) => [fieldName(s, g.field), right(dec(g.gap))]),
        8,
      ),
    );
  return out;
}

function fitSection(s: ReportSnapshot): PdfContent[] {
  const out: PdfContent[] = [{ text: TEXT.s3, style: 'section' }];
  const rows =
    s.scope.unit === null
      ? s.units.map((u) => [u.name, u.fitPlaced, u.fitShare, u.gaps] as const)
      : s.categories.map((c) => [fieldName(s, c.field), c.fitPlaced, c.fitShare, c.gaps] as const);
  if (rows.length === 0) return [...out, para(TEXT.noData)];
  out.push(
    table(
      ['*', 50, 56, '*'],
      [
        s.scope.unit === null ? 'Đơn vị' : 'Nhóm công chức',
        'Số người được bố trí',
        'Tỉ lệ đáp ứng yêu cầu',
        'Năng lực thiếu hụt nhiều nhất',
      ],
      rows.map(([name, placed, share, gaps]) => [
        name,
        right(int(placed)),
        right(pct(share)),
        gaps.map((g) => `${g.nameVi} (${g.staffBelow})`).join('; ') || DASH,
      ]),
      8,
    ),
  );
  return out;
}

function trainingSection(s: ReportSnapshot): PdfContent[] {
  const out: PdfContent[] = [{ text: TEXT.s4, style: 'section' }];
  if (s.sources.trainingPlanId === null) return [...out, para(TEXT.noPlan)];
  const planned = sum(s.units, (u) => u.training?.planned ?? null) ?? 0;
  const completed = sum(s.units, (u) => u.training?.completed ?? null) ?? 0;
  out.push(
    para(
      `Theo kế hoạch đào tạo, bồi dưỡng số ${s.sources.trainingPlanId}: ${int(planned)} lượt người được cử đi học, ${int(completed)} lượt đã hoàn thành.`,
    ),
  );
  out.push(
    table(
      ['*', 60, 60, 60],
      ['Đơn vị', 'Kế hoạch', 'Hoàn thành', 'Tỉ lệ'],
      s.units.map((u) => [
        u.name,
        right(int(u.training?.planned ?? null)),
        right(int(u.training?.completed ?? null)),
        right(pct(u.training?.share ?? null)),
      ]),
      8,
    ),
  );
  return out;
}

function alertSection(s: ReportSnapshot): PdfContent[] {
  const out: PdfContent[] = [{ text: TEXT.s5, style: 'section' }];
  const r = s.sources.overviewAlertsRule;
  out.push(
    para(
      `Ngưỡng cảnh báo đang áp dụng (phiên bản ${r.version}): báo trước ${r.dueWithinWorkingDays} ngày làm việc; tỉ lệ đúng hạn dưới ${pct(r.onTimeShareBelow)}; tỉ số WISN dưới ${dec(r.wisnRatioBelow, 2)}.`,
    ),
  );
  const total = ALERT_KINDS.reduce((n, k) => n + s.alertTotals[k], 0);
  if (total === 0) return [...out, para(TEXT.noAlerts)];
  out.push(
    table(
      ['*', 60],
      ['Loại cảnh báo', 'Số lượng'],
      ALERT_KINDS.map((k) => [ALERT_KIND[k], right(int(s.alertTotals[k]))]),
    ),
  );
  for (const k of ALERT_KINDS) {
    const items = s.alerts.filter((a) => a.kind === k);
    if (items.length === 0) continue;
    out.push({ text: `${ALERT_KIND[k]} (${s.alertTotals[k]})`, style: 'sub' });
    out.push({ ul: items.map((a) => alertText(s, a)), fontSize: 9, margin: [0, 0, 0, 2] });
    if (s.alertTotals[k] > items.length)
      out.push({ text: `… và ${s.alertTotals[k] - items.length} cảnh báo khác cùng loại.`, italics: true, fontSize: 9 });
  }
  return out;
}

function signatureBlock(s: ReportSnapshot): PdfContent {
  const province = s.scope.unit === null;
  return {
    columns: [
      {
        width: '50%',
        stack: [
          { text: TEXT.recipients, bold: true, italics: true },
          ...(province ? TEXT.recipientsProvince : TEXT.recipientsUnit).map((r) => ({ text: r, fontSize: 9 })),
        ],
      },
      {
        width: '50%',
        alignment: 'center',
        stack: [
          ...(province ? TEXT.signProvince : TEXT.signUnit).map((l) => ({ text: l, bold: true })),
          { text: ' ', margin: [0, 60, 0, 0] },
        ],
      },
    ],
    margin: [0, 16, 0, 0],
    unbreakable: true,
  };
}

/** Every figure of every unit, on landscape pages (a province report's annex). */
function unitAnnex(s: ReportSnapshot): PdfContent[] {
  return [
    {
      stack: [
        { text: TEXT.annex, bold: true, alignment: 'center', fontSize: 12 },
        {
          text: `(Kèm theo báo cáo ${periodLabel(s.period)} của ${TEXT.homeAffairs} ${s.scope.provinceName})`,
          italics: true,
          alignment: 'center',
          margin: [0, 0, 0, 6],
        },
      ],
      pageBreak: 'before',
      pageOrientation: 'landscape',
    },
    table(
      [18, '*', 30, 44, 36, 38, 38, 38, 28, 28, 34, 32, 36, 36, 32, 36, 36],
      [
        'STT',
        'Đơn vị',
        'Điểm 766',
        'Xếp loại',
        'So kỳ trước',
        'Đúng hạn',
        'Trực tuyến',
        'Hài lòng',
        'Tồn',
        'Quá hạn',
        'Số người',
        'Định mức',
        'WISN cần',
        'WISN có',
        'Tỉ số WISN',
        'Đáp ứng VTVL',
        'Đào tạo',
      ],
      s.units.map((u, i) => [
        right(String(i + 1)),
        u.name,
        right(dec(u.score)),
        BAND[u.band],
        TREND[u.scoreTrend],
        right(pct(u.onTimeShare)),
        right(pct(u.onlineShare)),
        right(pct(u.satisfaction)),
        right(int(u.backlog)),
        right(int(u.overdue)),
        right(int(u.headcount)),
        right(int(u.norm)),
        right(dec(u.wisnRequired)),
        right(dec(u.wisnActual)),
        right(dec(u.wisnRatio, 2)),
        right(pct(u.fitShare)),
        right(pct(u.training?.share ?? null)),
      ]),
      7,
    ),
  ];
}

export async function renderReportPdf(s: ReportSnapshot): Promise<Buffer> {
  const province = s.scope.unit === null;
  const content: PdfContent[] = [
    formHeader(issuerOf(s)),
    {
      columns: [
        { width: '42%', alignment: 'center', text: province ? TEXT.numberProvince : TEXT.numberUnit },
        { width: '*', alignment: 'center', italics: true, text: placeDateLine(s) },
      ],
      margin: [0, -10, 0, 16],
    },
    { text: TEXT.report, bold: true, fontSize: 14, alignment: 'center' },
    { text: TEXT.subject, bold: true, alignment: 'center' },
    { text: periodLabel(s.period).replace(/^./, (c) => c.toUpperCase()), bold: true, alignment: 'center' },
    { canvas: [{ type: 'line', x1: 195, y1: 3, x2: 295, y2: 3, lineWidth: 0.5 }], margin: [0, 0, 0, 4] },
    { text: sourcesLine(s), italics: true, fontSize: 9, alignment: 'center', margin: [0, 0, 0, 10] },
    ...serviceSection(s),
    ...staffingSection(s),
    ...fitSection(s),
    ...trainingSection(s),
    ...alertSection(s),
    signatureBlock(s),
    ...(province ? unitAnnex(s) : []),
  ];
  // pdfkit takes the file's CreationDate (and the file ID derived from it) from info.
  const info = { title: `${TEXT.report} ${titleLine(s)}`, author: scopeName(s), creationDate: new Date(s.builtAt) };
  const doc: PdfDocument = {
    info,
    styles: {
      section: { bold: true, fontSize: 11, margin: [0, 10, 0, 4] },
      sub: { bold: true, italics: true, margin: [0, 6, 0, 2] },
    },
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2, alignment: 'justify' },
    content,
  };
  return renderPdf(doc);
}
