/**
 * The training plan as a PDF in the layout of an official Vietnamese plan (Kế hoạch, the
 * administrative-document layout of Decree 30/2020/NĐ-CP): issuing body and national motto,
 * number and place-date line, title, the grounds, sections I–IV, recipients and signature
 * block, then the classes and the participants as annexes. The wording of the generated
 * sections is Cadre's (a province edits the issued text as it sees fit); the figures are the
 * plan's. The caller passes the translator (Vietnamese for the filed document).
 */
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { formHeader, type PdfContent, renderPdf } from '../../../platform/pdf/pdf.ts';
import { domainToday, formatInstant, formatNumber } from '../../../platform/time/format.ts';
import { contentTypeLabel, formatVnd, fundingLabel, modeLabel } from '../training.labels.ts';
import type { PlanClass, PlanDocument, PlanTotalLine } from './plan-document.ts';
import { needsText, solverLine } from './plan-text.ts';

export type PlanPdfOptions = {
  /** Issuing body: parent over unit (printed in capitals); default the province's People's Committee. */
  issuer?: { parent: string; unit: string };
  /** Place in the date line; default the province name without "Tỉnh" / "Thành phố". */
  place?: string;
  /** Document number; blank (filled by hand at issue) when omitted. */
  number?: string;
  /** Date of the plan, YYYY-MM-DD; default the Vietnam date of generatedAt. */
  date?: string;
  signer?: { name: string };
  /** Rows of the participant annex at most (pdfmake holds the whole table in memory); the XLSX has all. */
  maxAnnexRows?: number;
};

export const DEFAULT_MAX_ANNEX_ROWS = 2000;

/** "Tỉnh Quảng Trị" → "Quảng Trị", "Thành phố Huế" → "Huế". */
export function placeOf(provinceName: string): string {
  return provinceName.replace(/^\s*(tỉnh|thành phố|tp\.?)\s+/iu, '').trim();
}

/** Decree 30/2020: a day below 10 and the months January and February are written with a leading zero. */
export function officialDateParts(date: string): { day: string; month: string; year: string } {
  const [y = '', m = '', d = ''] = date.split('-');
  const month = Number(m);
  return { day: d.padStart(2, '0'), month: month <= 2 ? String(month).padStart(2, '0') : String(month), year: y };
}

const num = (n: number) => String(n);

function th(text: string): PdfContent {
  return { text, bold: true, alignment: 'center' };
}
const right = (text: string): PdfContent => ({ text, alignment: 'right' });

/** Classes of one year grouped by course: the rows of section II. */
export function courseRows(classes: readonly PlanClass[]) {
  const rows = new Map<string, { first: PlanClass; classes: number; participants: number; cost: number }>();
  for (const k of classes) {
    const key = `${k.courseCode}\u0000${k.fundingSource}`;
    const r = rows.get(key) ?? { first: k, classes: 0, participants: 0, cost: 0 };
    r.classes += 1;
    r.participants += k.participants.length;
    r.cost += k.total;
    rows.set(key, r);
  }
  return [...rows.values()];
}

function contentSection(doc: PlanDocument, t: Translate, locale: Locale): PdfContent[] {
  const out: PdfContent[] = [{ text: t('planDoc.pdf.s2'), style: 'section' }];
  if (doc.classes.length === 0) return [...out, { text: t('planDoc.pdf.noClasses') }];
  doc.totals.byYear.forEach((y, i) => {
    const rows = courseRows(doc.classes.filter((k) => k.year === y.year));
    out.push({ text: t('planDoc.pdf.yearHeading', { n: i + 1, year: y.year }), style: 'sub' });
    if (rows.length === 0) {
      out.push({ text: t('planDoc.pdf.noClassesYear') });
      return;
    }
    out.push({
      table: {
        headerRows: 1,
        widths: [18, '*', 82, 44, 28, 40, 62, 60],
        body: [
          [
            th(t('planDoc.col.no')),
            th(t('planDoc.col.course')),
            th(t('planDoc.col.contentType')),
            th(t('planDoc.col.mode')),
            th(t('planDoc.col.classes')),
            th(t('planDoc.col.participants')),
            th(t('planDoc.col.costVnd')),
            th(t('planDoc.col.fundingSource')),
          ],
          ...rows.map((r, j) => [
            { text: num(j + 1), alignment: 'center' },
            `${r.first.courseCode} – ${r.first.courseName}`,
            contentTypeLabel(t, r.first.contentType),
            modeLabel(t, r.first.mode),
            right(num(r.classes)),
            right(num(r.participants)),
            right(formatVnd(locale, r.cost)),
            fundingLabel(t, r.first.fundingSource),
          ]),
          [
            '',
            { text: t('planDoc.pdf.sum'), bold: true },
            '',
            '',
            { text: num(y.classes), bold: true, alignment: 'right' },
            { text: num(y.participants), bold: true, alignment: 'right' },
            { text: formatVnd(locale, y.cost), bold: true, alignment: 'right' },
            '',
          ],
        ],
      },
      fontSize: 9,
      alignment: 'left',
      margin: [0, 2, 0, 6],
    });
  });
  return out;
}

function budgetSection(doc: PlanDocument, t: Translate, locale: Locale): PdfContent[] {
  const money = (l: PlanTotalLine, bold = false) =>
    [l.budget, l.cost, l.remaining].map((v) => ({ text: formatVnd(locale, v), alignment: 'right', bold }));
  const body: PdfContent[][] = [
    [
      th(t('planDoc.col.year')),
      th(t('planDoc.col.fundingSource')),
      th(t('planDoc.col.budget')),
      th(t('planDoc.col.cost')),
      th(t('planDoc.col.remaining')),
    ],
  ];
  for (const y of doc.totals.byYear) {
    for (const c of doc.totals.byYearSource.filter((l) => l.year === y.year))
      body.push([num(c.year), fundingLabel(t, c.fundingSource), ...money(c)]);
    body.push([{ text: t('planDoc.xlsx.yearTotal', { year: y.year }), bold: true, colSpan: 2 }, '', ...money(y, true)]);
  }
  for (const s of doc.totals.bySource) body.push([t('planDoc.xlsx.period'), fundingLabel(t, s.fundingSource), ...money(s)]);
  body.push([{ text: t('planDoc.xlsx.grandTotal'), bold: true, colSpan: 2 }, '', ...money(doc.totals.all, true)]);
  return [
    { text: t('planDoc.pdf.s3'), style: 'section' },
    {
      text: t('planDoc.pdf.s3.total', { total: formatVnd(locale, doc.totals.all.cost), budget: formatVnd(locale, doc.totals.all.budget) }),
    },
    { table: { headerRows: 1, widths: [70, '*', 80, 80, 80], body }, fontSize: 9, alignment: 'left', margin: [0, 4, 0, 4] },
    { text: t('planDoc.pdf.s3.sources') },
  ];
}

function organisationSection(doc: PlanDocument, t: Translate): PdfContent[] {
  const p = { province: doc.provinceName };
  return [
    { text: t('planDoc.pdf.s4'), style: 'section' },
    { text: t('planDoc.pdf.s4.home', p) },
    { text: t('planDoc.pdf.s4.finance') },
    { text: t('planDoc.pdf.s4.units') },
    { text: t('planDoc.pdf.s4.providers') },
    { text: t('planDoc.pdf.s4.close', p), margin: [0, 4, 0, 0] },
  ];
}

function signatureBlock(t: Translate, signer: { name: string } | undefined): PdfContent {
  return {
    columns: [
      {
        width: '50%',
        stack: [
          { text: t('planDoc.pdf.recipients'), bold: true, italics: true, fontSize: 11 },
          ...[
            t('planDoc.pdf.recipient.moha'),
            t('planDoc.pdf.recipient.departments'),
            t('planDoc.pdf.recipient.communes'),
            t('planDoc.pdf.recipient.archive'),
          ].map((r) => ({ text: r, fontSize: 9 })),
        ],
      },
      {
        width: '50%',
        alignment: 'center',
        stack: [
          { text: t('planDoc.pdf.onBehalf'), bold: true },
          { text: t('planDoc.pdf.chair'), bold: true },
          { text: signer?.name ?? '', bold: true, margin: [0, 60, 0, 0] },
        ],
      },
    ],
    margin: [0, 16, 0, 0],
    unbreakable: true,
  };
}

function annexHeading(t: Translate, title: string, doc: PlanDocument, numberText: string): PdfContent[] {
  return [
    { text: title, bold: true, alignment: 'center', fontSize: 12 },
    {
      text: t('planDoc.pdf.annexOf', { number: numberText, province: doc.provinceName }),
      italics: true,
      alignment: 'center',
      margin: [0, 0, 0, 6],
    },
  ];
}

function classAnnex(doc: PlanDocument, t: Translate, locale: Locale, numberText: string): PdfContent[] {
  return [
    {
      stack: annexHeading(t, t('planDoc.pdf.annex1'), doc, numberText),
      pageBreak: 'before',
      pageOrientation: 'landscape',
    },
    {
      table: {
        headerRows: 1,
        widths: [32, 60, '*', 30, 34, 34, 46, 70, 80, 80],
        body: [
          [
            th(t('planDoc.col.year')),
            th(t('planDoc.col.courseCode')),
            th(t('planDoc.col.courseName')),
            th(t('planDoc.col.classNo')),
            th(t('planDoc.col.sessions')),
            th(t('planDoc.col.days')),
            th(t('planDoc.col.participants')),
            th(t('planDoc.col.costPerClass')),
            th(t('planDoc.col.costParticipants')),
            th(t('planDoc.col.total')),
          ],
          ...doc.classes.map((k) => [
            num(k.year),
            k.courseCode,
            k.courseName,
            right(num(k.classNo)),
            right(num(k.sessions)),
            right(num(k.days)),
            right(num(k.participants.length)),
            right(formatVnd(locale, k.costPerClass)),
            right(formatVnd(locale, k.costParticipants)),
            right(formatVnd(locale, k.total)),
          ]),
        ],
      },
      fontSize: 8,
      alignment: 'left',
    },
  ];
}

function participantAnnex(doc: PlanDocument, t: Translate, locale: Locale, numberText: string, maxRows: number): PdfContent[] {
  const body: PdfContent[][] = [
    [
      th(t('planDoc.col.no')),
      th(t('planDoc.col.year')),
      th(t('planDoc.col.course')),
      th(t('planDoc.col.classNo')),
      th(t('planDoc.col.fullName')),
      th(t('planDoc.col.unit')),
      th(t('planDoc.col.position')),
      th(t('planDoc.col.why')),
    ],
  ];
  let total = 0;
  for (const k of doc.classes)
    for (const a of k.participants) {
      total += 1;
      if (total > maxRows) continue;
      body.push([
        right(num(total)),
        num(k.year),
        k.courseCode,
        right(num(k.classNo)),
        a.fullName,
        a.unitName,
        a.positionName,
        needsText(t, locale, a.needsClosed),
      ]);
    }
  const out: PdfContent[] = [
    { stack: annexHeading(t, t('planDoc.pdf.annex2'), doc, numberText), pageBreak: 'before', pageOrientation: 'landscape' },
  ];
  if (total > maxRows) out.push({ text: t('planDoc.pdf.annexCapped', { shown: maxRows, total }), italics: true, margin: [0, 0, 0, 4] });
  out.push({ table: { headerRows: 1, widths: [28, 30, 56, 26, 110, 110, 120, '*'], body }, fontSize: 8, alignment: 'left' });
  return out;
}

export async function planPdf(doc: PlanDocument, t: Translate, locale: Locale = 'vi', options: PlanPdfOptions = {}): Promise<Buffer> {
  const years = doc.parameters.years;
  const from = years.length > 0 ? Math.min(...years) : '';
  const to = years.length > 0 ? Math.max(...years) : '';
  const date = officialDateParts(options.date ?? domainToday(new Date(doc.generatedAt)));
  const numberText = options.number ?? '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0';
  const issuer = options.issuer ?? { parent: t('planDoc.pdf.issuerParent'), unit: doc.provinceName };
  const needs = doc.classes.reduce((s, k) => s + k.participants.reduce((s2, a) => s2 + a.needsClosed.length, 0), 0);
  const weight = doc.classes.reduce(
    (s, k) => s + k.participants.reduce((s2, a) => s2 + a.needsClosed.reduce((s3, n) => s3 + n.weight, 0), 0),
    0,
  );
  const courses = new Set(doc.classes.map((k) => k.courseCode)).size;
  const title = t('planDoc.pdf.subtitle', { from, to });
  const content: PdfContent[] = [
    formHeader(issuer),
    {
      columns: [
        { width: '42%', alignment: 'center', text: t('planDoc.pdf.number', { number: numberText }) },
        {
          width: '*',
          alignment: 'center',
          italics: true,
          text: t('planDoc.pdf.placeDate', { place: options.place ?? placeOf(doc.provinceName), ...date }),
        },
      ],
      margin: [0, -10, 0, 16],
    },
    { text: t('planDoc.pdf.title'), bold: true, fontSize: 14, alignment: 'center' },
    { text: title, bold: true, alignment: 'center' },
    { canvas: [{ type: 'line', x1: 195, y1: 3, x2: 295, y2: 3, lineWidth: 0.5 }], margin: [0, 0, 0, 4] },
    {
      text: t('planDoc.pdf.version', { name: doc.planName, at: formatInstant(doc.generatedAt), solver: solverLine(t, locale, doc.solver) }),
      italics: true,
      fontSize: 9,
      alignment: 'center',
      margin: [0, 0, 0, 10],
    },
    { text: t('planDoc.pdf.ground1'), italics: true },
    { text: t('planDoc.pdf.ground2'), italics: true },
    { text: t('planDoc.pdf.intro', { province: doc.provinceName, title }), margin: [0, 4, 0, 0] },
    { text: t('planDoc.pdf.s1'), style: 'section' },
    {
      text: t('planDoc.pdf.s1.purpose', {
        needs,
        weight: formatNumber(weight, locale, 2),
        people: doc.totals.all.people,
        classes: doc.totals.all.classes,
        courses,
      }),
    },
    {
      text: t('planDoc.pdf.s1.requirements', {
        days: doc.parameters.maxDaysPerPersonYear,
        share: formatNumber(doc.parameters.maxUnitShareAway * 100, locale, 1),
      }),
    },
    ...contentSection(doc, t, locale),
    ...budgetSection(doc, t, locale),
    ...organisationSection(doc, t),
    signatureBlock(t, options.signer),
    ...classAnnex(doc, t, locale, numberText),
    ...participantAnnex(doc, t, locale, numberText, options.maxAnnexRows ?? DEFAULT_MAX_ANNEX_ROWS),
  ];
  return renderPdf({
    info: { title: `${t('planDoc.pdf.title')} ${title} – ${doc.planName}`, author: doc.provinceName },
    styles: {
      section: { bold: true, fontSize: 11, margin: [0, 10, 0, 4] },
      sub: { bold: true, italics: true, margin: [0, 6, 0, 2] },
    },
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2, alignment: 'justify' },
    content,
  });
}
