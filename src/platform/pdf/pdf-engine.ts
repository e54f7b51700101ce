import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * pdfmake 0.3 on the server, set up once per thread that imports this file (the render
 * worker, or the main thread for the fallback): its bundled Roboto (which carries every
 * Vietnamese diacritic), no URL fetching at all, and local reads limited to those four
 * font files, so a document definition built from user data can never make the server
 * fetch a URL or read one of its own files. Images must be data: URLs (pdfmake reads
 * those without asking the local policy).
 */

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

/** Renders a complete document definition (defaults already applied by renderPdf) to PDF bytes. */
export async function renderDefinition(definition: object): Promise<Buffer> {
  return Buffer.from(await pdfmake.createPdf(definition).getBuffer());
}
