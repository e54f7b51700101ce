import type { Writable } from 'node:stream';
import type { Translate } from '../../../platform/i18n/index.ts';
import { formHeader, type PdfContent, type PdfDocument, renderPdf } from '../../../platform/pdf/pdf.ts';
import { formatDate } from '../../../platform/time/format.ts';
import { bodyKindLabel } from '../../units/units.labels.ts';
import { employmentLabel, genderLabel, rankLabel } from '../staff.labels.ts';
import type { StaffRecord } from '../staff.repository.ts';
import { exportWriter } from './roster-xlsx.ts';
import type { StaffExport } from './use-cases/export-roster.ts';

/** The exported columns, shared by XLSX and PDF (PDF leaves out the contact and training details). */
type ExportColumn = {
  label: (t: Translate, masked: boolean) => string;
  value: (s: StaffRecord, t: Translate, masked: boolean) => string | null;
  width: number;
  pdf: boolean;
};

const birth = (s: StaffRecord, masked: boolean) => (s.birthDate === null ? null : masked ? s.birthDate : formatDate(s.birthDate));

const COLUMNS: ExportColumn[] = [
  { label: (t) => t('staff.col.name'), value: (s) => s.fullName, width: 28, pdf: true },
  { label: (t) => t('staff.col.gender'), value: (s, t) => genderLabel(t, s.gender), width: 10, pdf: true },
  { label: (t, m) => (m ? t('staff.col.birthYear') : t('staff.col.birthDate')), value: (s, _t, m) => birth(s, m), width: 12, pdf: true },
  { label: (t) => t('staff.col.citizenId'), value: (s) => s.citizenId, width: 16, pdf: true },
  { label: (t) => t('staff.col.ethnicity'), value: (s) => s.ethnicity, width: 10, pdf: false },
  { label: (t) => t('staff.col.phone'), value: (s) => s.phone, width: 14, pdf: false },
  { label: (t) => t('staff.col.email'), value: (s) => s.email, width: 24, pdf: false },
  { label: (t) => t('staff.col.title'), value: (s) => s.currentTitle, width: 26, pdf: true },
  {
    label: (t) => t('staff.col.body'),
    value: (s, t) => (s.orgBody ? s.orgBody.name || bodyKindLabel(t, s.orgBody.kind) : null),
    width: 20,
    pdf: false,
  },
  { label: (t) => t('staff.col.unit'), value: (s) => s.unit.name, width: 22, pdf: true },
  { label: (t) => t('staff.col.rank'), value: (s, t) => rankLabel(t, s.rank), width: 18, pdf: true },
  { label: (t) => t('staff.col.employmentStatus'), value: (s, t) => employmentLabel(t, s.employmentStatus), width: 16, pdf: true },
  { label: (t) => t('staff.col.education'), value: (s) => s.education, width: 10, pdf: false },
  { label: (t) => t('staff.col.qualification'), value: (s) => s.qualification, width: 14, pdf: false },
  { label: (t) => t('staff.col.qualificationField'), value: (s) => s.qualificationField, width: 20, pdf: false },
  { label: (t) => t('staff.col.politicalTheory'), value: (s) => s.politicalTheory, width: 12, pdf: false },
  { label: (t) => t('staff.col.stateManagementTraining'), value: (s) => s.stateManagementTraining, width: 14, pdf: true },
  { label: (t) => t('staff.col.itCertificate'), value: (s) => s.itCertificate, width: 14, pdf: true },
  { label: (t) => t('staff.col.foreignLanguageCertificate'), value: (s) => s.foreignLanguageCertificate, width: 14, pdf: true },
];

/** Writes the export as a streamed workbook into `out` (batches from the database, rows committed as written). */
export async function writeStaffXlsx(out: Writable, data: StaffExport, t: Translate): Promise<void> {
  const writer = exportWriter(
    out,
    t('staff.title'),
    [t('roster.export.no'), ...COLUMNS.map((c) => c.label(t, data.masked))],
    [6, ...COLUMNS.map((c) => c.width)],
  );
  let n = 0;
  for await (const batch of data.batches()) {
    for (const s of batch) writer.add([++n, ...COLUMNS.map((c) => c.value(s, t, data.masked))]);
  }
  await writer.finish();
}

/** A landscape A4 list with the province/unit heading and the date (bounded by exportPdfMaxRows). */
export async function renderStaffPdf(data: StaffExport, t: Translate, today: string): Promise<Buffer> {
  const cols = COLUMNS.filter((c) => c.pdf);
  const body: PdfContent[][] = [[t('roster.export.no'), ...cols.map((c) => c.label(t, data.masked))].map((h) => ({ text: h, bold: true }))];
  let n = 0;
  for await (const batch of data.batches()) {
    for (const s of batch) body.push([String(++n), ...cols.map((c) => c.value(s, t, data.masked) ?? '')]);
  }
  const doc: PdfDocument & { pageOrientation: 'landscape' } = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 36, 32, 36],
    info: { title: t('roster.export.title'), author: 'Cadre' },
    defaultStyle: { font: 'Roboto', fontSize: 8, lineHeight: 1.1 },
    content: [
      formHeader({ parent: data.provinceName, unit: data.unitName ?? data.provinceName }),
      { text: t('roster.export.title'), bold: true, fontSize: 13, alignment: 'center' },
      { text: t('roster.export.date', { date: formatDate(today) }), alignment: 'center', italics: true, margin: [0, 2, 0, 4] },
      { text: t('roster.export.total', { n: data.total }), margin: [0, 0, 0, 6] },
      ...(data.masked ? [{ text: t('roster.export.maskedNote'), italics: true, margin: [0, 0, 0, 6] }] : []),
      { table: { headerRows: 1, widths: ['auto', ...cols.map(() => '*')], body }, fontSize: 7 },
    ],
  };
  return renderPdf(doc);
}
