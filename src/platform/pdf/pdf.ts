import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * pdfmake 0.3 on the server, set up once: its bundled Roboto (which carries every
 * Vietnamese diacritic), no URL fetching at all, and local reads limited to those four
 * font files, so a document definition built from user data can never make the server
 * fetch a URL or read one of its own files. Images must be data: URLs (pdfmake reads
 * those without asking the local policy).
 */

/** The subset of pdfmake's document definition Cadre uses; pdfmake ships no types. */
export type PdfContent =
  | string
  | PdfContent[]
  | ({ [key: string]: unknown } & (
      | { text: PdfContent }
      | { stack: PdfContent[] }
      | { columns: PdfContent[] }
      | { table: { widths?: (string | number)[]; body: PdfContent[][]; headerRows?: number } }
      | { ul: PdfContent[] }
      | { ol: PdfContent[] }
      | { image: string }
      | { canvas: unknown[] }
    ));

export type PdfDocument = {
  content: PdfContent[];
  info?: { title?: string; author?: string; subject?: string };
  pageSize?: 'A4';
  pageMargins?: [number, number, number, number];
  styles?: Record<string, Record<string, unknown>>;
  defaultStyle?: Record<string, unknown>;
};

type PdfMake = {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
};

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as PdfMake;
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONT_FILES = {
  normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
  bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
  italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
  bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
};
const ALLOWED_FILES = new Set(Object.values(FONT_FILES));

pdfmake.setFonts({ Roboto: FONT_FILES });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => ALLOWED_FILES.has(path.resolve(p)));

const MARGINS: [number, number, number, number] = [56, 48, 48, 48];
const A4_WIDTH = 595.28;
const CONTENT_WIDTH = A4_WIDTH - MARGINS[0] - MARGINS[2];

/** The national motto that heads every administrative form (Decree 30/2020 layout). */
export const NATIONAL_MOTTO = {
  country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
} as const;

/**
 * The standard two-column heading of a Vietnamese administrative form: the issuing agency
 * (parent over unit) on the left, the national motto on the right, each underlined by a
 * short rule as printed forms are.
 */
export function formHeader(agency: { parent: string; unit: string }): PdfContent {
  // Column widths in points (A4 minus the margins renderPdf sets); a canvas in a centred
  // stack is centred by its own width, so each rule is drawn from 0.
  const left = CONTENT_WIDTH * 0.42;
  const right = CONTENT_WIDTH - left;
  const rule = (length: number) => ({ canvas: [{ type: 'line', x1: 0, y1: 2, x2: length, y2: 2, lineWidth: 0.5 }] });
  return {
    columns: [
      {
        width: left,
        alignment: 'center',
        stack: [
          { text: agency.parent.toUpperCase(), fontSize: 10 },
          { text: agency.unit.toUpperCase(), bold: true, fontSize: 10 },
          rule(80),
        ],
      },
      {
        width: right,
        alignment: 'center',
        stack: [
          { text: NATIONAL_MOTTO.country, bold: true, fontSize: 10 },
          { text: NATIONAL_MOTTO.motto, bold: true, fontSize: 11 },
          rule(150),
        ],
      },
    ],
    columnGap: 0,
    margin: [0, 0, 0, 16],
  };
}

/** Renders a document definition to PDF bytes (A4, Roboto 11 pt unless the definition says otherwise). */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  const definition = {
    pageSize: 'A4',
    pageMargins: MARGINS,
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2 },
    ...doc,
  };
  return Buffer.from(await pdfmake.createPdf(definition).getBuffer());
}
