import { PdfWorkerPool, renderHere } from './pdf-pool.ts';

/**
 * Cadre's PDF documents: pdfmake definitions (plain data) rendered off the event loop by a
 * small pool of worker threads (pdf-pool.ts; pdfmake, its Vietnamese-capable Roboto and the
 * no-URL / fonts-only file policy are set up in pdf-engine.ts, once per worker). A plan PDF
 * takes seconds of synchronous layout; on the main thread that stalled every other request.
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

export type PdfRenderingSettings = {
  /** Render worker threads (config PDF_WORKERS); 0 renders on the main thread. */
  workers: number;
  /** Told when a render worker dies or is ended under a render. */
  onWorkerLost?: (err: Error) => void;
};

// One pool per process, like pdfmake's fonts before it: apps built in the same process share it.
let settings: PdfRenderingSettings = { workers: 1 };
let pool: PdfWorkerPool | null = null;

/** Sets the pool size for the next renders (buildApp calls it); a pool of another size is ended and replaced. */
export function configurePdfRendering(next: PdfRenderingSettings): void {
  const resize = next.workers !== settings.workers;
  settings = next;
  if (!resize) return;
  const old = pool;
  pool = null;
  void old?.close();
}

/** Ends the render workers (app close; renders in flight are refused); a later render starts them again. */
export async function stopPdfRendering(): Promise<void> {
  const old = pool;
  pool = null;
  await old?.close();
}

/**
 * Renders a document definition to PDF bytes (A4, Roboto 11 pt unless the definition says
 * otherwise) in a render worker. A dead worker answers its request with AppError
 * SERVICE_UNAVAILABLE (503, cause attached) and the next render gets a fresh worker.
 */
export async function renderPdf(doc: PdfDocument): Promise<Buffer> {
  const definition = {
    pageSize: 'A4',
    pageMargins: MARGINS,
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.2 },
    ...doc,
  };
  if (settings.workers === 0) return renderHere(definition);
  pool ??= new PdfWorkerPool({ size: settings.workers, onWorkerLost: (e) => settings.onWorkerLost?.(e) });
  return pool.render(definition);
}
