import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { registerMultipartParser } from './multipart.ts';

const MAX_FILE = 64 * 1024;
const MAX_DISCARD = 16 * 1024 * 1024;
const BOUNDARY = 'cadre-test-boundary';

/** A multipart body with one file part `file` of `size` bytes. */
function multipartBody(size: number): Buffer {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.alloc(size, 0x20), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

function requestHead(port: number, length: number): string {
  return [
    'POST /upload HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
    `Content-Length: ${length}`,
    'Connection: keep-alive',
    '',
    '',
  ].join('\r\n');
}

type Exchange = { status: number; answeredBeforeLastByte: boolean; writeError: string | null; socket: Socket; received: string };

/**
 * Sends the request head, then the body in 32 slices with a pause between them (a slow
 * upload), noting whether any byte of the answer arrived before the last slice was written.
 */
async function slowUpload(port: number, body: Buffer): Promise<Exchange> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  let lastByteSent = false;
  let answeredBeforeLastByte = false;
  let writeError: string | null = null;
  socket.on('data', (d: Buffer) => {
    if (!lastByteSent) answeredBeforeLastByte = true;
    received += d.toString('latin1');
  });
  socket.on('error', (e: NodeJS.ErrnoException) => {
    writeError = e.code ?? e.message;
  });
  socket.write(requestHead(port, body.length));
  const slice = Math.ceil(body.length / 32);
  for (let at = 0; at < body.length && writeError === null; at += slice) {
    // Marked before the last slice is written: an answer seen after that may be to the whole body.
    if (at + slice >= body.length) lastByteSent = true;
    await new Promise<void>((resolve) => socket.write(body.subarray(at, at + slice), () => resolve()));
    await sleep(10);
  }
  for (let i = 0; i < 200 && !/\r\n\r\n[\s\S]*\}/.test(received); i++) await sleep(10);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
  return { status, answeredBeforeLastByte, writeError, socket, received };
}

/**
 * The refusal of an oversized upload on a real listening server: the rest of the body is read
 * and dropped before the 413 goes out (Fastify then closes the connection after a parser error),
 * so a client still sending gets the answer instead of a broken pipe; past the discard limit
 * the answer comes at once.
 */
describe('multipart parser: refusing an oversized upload', () => {
  let app: FastifyInstance;
  let port = 0;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    app.setErrorHandler((e, _req, reply) => {
      const status = e instanceof AppError ? e.status : 500;
      void reply.code(status).send({ code: e instanceof AppError ? e.code : 'INTERNAL' });
    });
    registerMultipartParser(app, {
      maxFileBytes: MAX_FILE,
      maxFiles: 1,
      maxFields: 5,
      maxDiscardBytes: MAX_DISCARD,
      tooLarge: () => new AppError('BODY_TOO_LARGE'),
      tooMany: () => new AppError('VALIDATION_FAILED'),
    });
    app.post('/upload', async (request) => {
      const body = request.body as { files: { bytes: Buffer }[] };
      return { stored: body.files.map((f) => f.bytes.length) };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    port = address.port;
  });
  afterAll(async () => app.close());

  it('answers 413 only after the whole body arrived, every byte of it written without error', async () => {
    const ex = await slowUpload(port, multipartBody(MAX_FILE * 4));
    expect(ex.writeError).toBeNull();
    expect(ex.status).toBe(413);
    expect(ex.received).toContain('"code":"BODY_TOO_LARGE"');
    expect(ex.answeredBeforeLastByte).toBe(false);
    ex.socket.destroy();
  });

  it('answers at once when the client keeps sending past the discard limit', async () => {
    const ex = await slowUpload(port, multipartBody(MAX_DISCARD + 4 * 1024 * 1024));
    ex.socket.destroy();
    expect(ex.status).toBe(413);
    expect(ex.answeredBeforeLastByte).toBe(true);
  });

  // 8 MiB: far more than the loopback socket buffers hold, so fetch is still sending when refused.
  it('gives fetch() the 413 and its body for an upload over the limit', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(8 * 1024 * 1024)], { type: 'application/pdf' }), 'a.pdf');
    for (let round = 0; round < 5; round++) {
      const res = await fetch(`http://127.0.0.1:${port}/upload`, { method: 'POST', body: form });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ code: 'BODY_TOO_LARGE' });
    }
  });
});
