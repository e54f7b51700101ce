import { parentPort } from 'node:worker_threads';
import { renderDefinition } from './pdf-engine.ts';
import type { PdfJobMessage, PdfResultMessage } from './pdf-thread.messages.ts';

/**
 * Runs in a PDF render worker: pdfmake and its fonts are loaded once here, then each
 * document definition that arrives is laid out and answered with its bytes. pdfmake's layout
 * is synchronous, so on the main thread a large plan would hold the event loop for seconds.
 * One document at a time: the pool sends the next only after this one is answered.
 */
const port = parentPort;
if (!port) throw new Error('pdf-thread.entry.ts must run in a worker thread');

port.on('message', async ({ id, definition }: PdfJobMessage) => {
  let answer: PdfResultMessage;
  try {
    const bytes = await renderDefinition(definition);
    // A copy that owns its whole ArrayBuffer, so it can be transferred instead of copied again.
    const pdf = new Uint8Array(bytes.byteLength);
    pdf.set(bytes);
    answer = { id, ok: true, pdf };
    port.postMessage(answer, [pdf.buffer]);
  } catch (e) {
    answer = { id, ok: false, message: e instanceof Error ? e.message : String(e) };
    port.postMessage(answer);
  }
});
