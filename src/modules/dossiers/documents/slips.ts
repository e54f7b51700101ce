import QRCode from 'qrcode';
import type { Translate } from '../../../platform/i18n/index.ts';
import { formHeader, type PdfContent, renderPdf } from '../../../platform/pdf/pdf.ts';
import { formatInstant } from '../../../platform/time/format.ts';

/** What form 01 (Circular 01/2018/TT-VPCP) prints; times are UTC ISO instants. */
export type ReceiptSlipData = {
  code: string;
  receivingUnit: string;
  competentUnit: string;
  applicant: { name: string; address: string | null; phone: string | null; email: string | null };
  procedure: string;
  documents: { name: string; original: boolean; copies: number }[];
  timeLimit: string;
  receivedAt: string | null;
  dueAt: string | null;
  channel: string;
  officer: string;
  trackingUrl: string;
};

/** What form 04 prints. */
export type ApologySlipData = {
  code: string;
  receivingUnit: string;
  applicantName: string;
  procedure: string;
  receivedAt: string | null;
  previousDueAt: string;
  newDueAt: string;
  reason: string;
  issuedAt: string;
  issuedBy: string;
};

const dash = (v: string | null | undefined) => (v && v.trim() !== '' ? v : '—');
const when = (iso: string | null) => dash(formatInstant(iso));

function header(t: Translate, unit: string): PdfContent {
  return formHeader({ parent: t('slip.committee', { unit }), unit: t('slip.pasc') });
}

function signatures(left: { title: string; name: string } | null, right: { title: string; name: string }, hint: string): PdfContent {
  const block = (b: { title: string; name: string }) => ({
    stack: [
      { text: b.title, bold: true },
      { text: hint, italics: true, fontSize: 9 },
      { text: b.name, margin: [0, 48, 0, 0] },
    ],
    alignment: 'center',
  });
  return { columns: [left ? block(left) : { text: '' }, block(right)], margin: [0, 24, 0, 0] };
}

/** Form 01: the receipt and appointment slip, with a QR code of the public tracking page. */
export async function receiptSlipPdf(d: ReceiptSlipData, t: Translate): Promise<Buffer> {
  const qr = await QRCode.toDataURL(d.trackingUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const docs: PdfContent[][] = [
    [
      { text: t('slip.doc.no'), bold: true },
      { text: t('slip.doc.name'), bold: true },
      { text: t('slip.doc.form'), bold: true },
      { text: t('slip.doc.copies'), bold: true },
    ],
    ...d.documents.map((doc, i) => [
      String(i + 1),
      doc.name,
      t(doc.original ? 'slip.doc.original' : 'slip.doc.copy'),
      { text: String(doc.copies), alignment: 'right' },
    ]),
  ];
  return renderPdf({
    info: { title: `${t('slip.receipt.title')} ${d.code}`, author: d.receivingUnit },
    content: [
      header(t, d.receivingUnit),
      {
        columns: [
          {
            width: '*',
            stack: [
              { text: t('slip.receipt.title'), bold: true, fontSize: 14, alignment: 'center', margin: [0, 0, 0, 4] },
              { text: t('slip.code', { code: d.code }), bold: true, alignment: 'center' },
              { text: t('slip.copy'), italics: true, fontSize: 9, alignment: 'center' },
            ],
          },
          { width: 84, image: qr, fit: [84, 84] },
        ],
        columnGap: 8,
        margin: [0, 0, 0, 12],
      },
      { text: t('slip.receivingUnit', { unit: d.receivingUnit }) },
      { text: t('slip.competentUnit', { unit: d.competentUnit }) },
      { text: t('slip.applicant', { name: d.applicant.name }), bold: true, margin: [0, 6, 0, 0] },
      { text: t('slip.address', { address: dash(d.applicant.address) }) },
      {
        columns: [
          { text: t('slip.phone', { phone: dash(d.applicant.phone) }) },
          { text: t('slip.email', { email: dash(d.applicant.email) }) },
        ],
      },
      { text: t('slip.procedure', { procedure: d.procedure }), margin: [0, 0, 0, 6] },
      { text: t('slip.documents'), margin: [0, 0, 0, 4] },
      { table: { headerRows: 1, widths: [24, '*', 70, 50], body: docs }, margin: [0, 0, 0, 6] },
      { text: t('slip.timeLimit', { limit: d.timeLimit }) },
      { text: t('slip.receivedAt', { at: when(d.receivedAt) }) },
      { text: t('slip.dueAt', { at: when(d.dueAt) }), bold: true },
      { text: t('slip.channel', { channel: d.channel }) },
      { text: t('slip.tracking', { url: d.trackingUrl }), fontSize: 9, margin: [0, 6, 0, 0] },
      signatures(
        { title: t('slip.applicantSign'), name: d.applicant.name },
        { title: t('slip.officerSign'), name: d.officer },
        t('slip.signHint'),
      ),
    ],
  });
}

/** Form 04: the apology and new-appointment slip. */
export async function apologySlipPdf(d: ApologySlipData, t: Translate): Promise<Buffer> {
  return renderPdf({
    info: { title: `${t('slip.apology.title')} ${d.code}`, author: d.receivingUnit },
    content: [
      header(t, d.receivingUnit),
      { text: t('slip.apology.title'), bold: true, fontSize: 14, alignment: 'center', margin: [0, 0, 0, 12] },
      { text: t('slip.apology.to', { name: d.applicantName }), bold: true, margin: [0, 0, 0, 8] },
      {
        text: t('slip.apology.intro', {
          receivedAt: when(d.receivedAt),
          unit: d.receivingUnit,
          procedure: d.procedure,
          code: d.code,
          previousDue: when(d.previousDueAt),
        }),
        alignment: 'justify',
      },
      { text: t('slip.apology.reasonIntro'), margin: [0, 6, 0, 0] },
      { text: d.reason, italics: true, margin: [16, 2, 0, 6] },
      { text: t('slip.apology.sorry', { newDue: when(d.newDueAt) }), bold: true },
      { text: t('slip.apology.thanks'), margin: [0, 6, 0, 0] },
      { text: t('slip.apology.issuedAt', { at: when(d.issuedAt) }), alignment: 'right', margin: [0, 12, 0, 0] },
      signatures(null, { title: t('slip.apology.signer'), name: d.issuedBy }, t('slip.signHint')),
    ],
  });
}
