import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { formHeader, type PdfContent, renderPdf, stopPdfRendering } from './pdf.ts';
import { PdfWorkerPool, renderHere } from './pdf-pool.ts';

/** Starting a worker loads tsx and pdfmake; on a shared machine that alone can take seconds. */
const SLOW = 90_000;
const CRASHING_WORKER = new URL('./pdf-thread.crash-fixture.mjs', import.meta.url);

/** pdftotext (poppler-utils) extracts the text layer, so the test reads what a reader would copy. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadre-pdf-pool-'));
  const file = path.join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

const doc = (title: string, content: PdfContent[]) => ({ info: { title }, content });

const pools: PdfWorkerPool[] = [];
function pool(opts: ConstructorParameters<typeof PdfWorkerPool>[0]): PdfWorkerPool {
  const p = new PdfWorkerPool(opts);
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  await stopPdfRendering();
});

describe('PDF rendering in worker threads', () => {
  it(
    'renders Vietnamese text with every diacritic in a worker (renderPdf and the pool itself)',
    async () => {
      const line = 'Nguyễn Thị Hương – Phường Thuận Hóa: đã tiếp nhận hồ sơ, hẹn trả kết quả ngày 05/11/2026.';
      const viaRenderPdf = await renderPdf({ content: [formHeader({ parent: 'UBND Thành phố Huế', unit: 'Phường Thuận Hóa' }), line] });
      expect(viaRenderPdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(viaRenderPdf);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('PHƯỜNG THUẬN HÓA');
      expect(text).toContain(line);

      const p = pool({ size: 1 });
      expect(p.workerCount).toBe(0);
      const direct = await p.render(doc('một', ['Ước lượng ỹ ự ằ ẳ ẵ ặ ễ ệ ổ ỗ ộ ờ ở ỡ ợ ừ ử ữ ự ỳ ỷ ỹ ỵ']));
      expect(pdfText(direct)).toContain('Ước lượng ỹ ự ằ ẳ ẵ ặ ễ ệ ổ ỗ ộ ờ ở ỡ ợ ừ ử ữ ự ỳ ỷ ỹ ỵ');
      expect(p.workerCount).toBe(1);
    },
    SLOW,
  );

  it(
    'answers three concurrent renders each with its own document: queued on one worker, spread over two',
    async () => {
      const names = ['Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em'];
      for (const size of [1, 2]) {
        const p = pool({ size });
        const pdfs = await Promise.all(names.map((n, i) => p.render(doc(n, [`Số ${i + 1}: ${n}`]))));
        pdfs.forEach((pdf, i) => {
          const text = pdfText(pdf);
          expect(text).toContain(`Số ${i + 1}: ${names[i]}`);
          for (const other of names.filter((_, j) => j !== i)) expect(text).not.toContain(other);
        });
        expect(p.workerCount).toBe(size);
      }
    },
    SLOW,
  );

  it(
    'keeps the main event loop turning while a long document renders, unlike rendering in place',
    async () => {
      // A fresh definition per render: pdfmake writes its layout state (functions among it) into the one it renders.
      const big = () => ({
        content: [
          {
            table: {
              widths: [40, '*', '*', '*'],
              body: Array.from({ length: 1200 }, (_, i): PdfContent[] => [
                String(i + 1),
                `Nguyễn Văn Số ${i + 1}`,
                'Phường Phú Xuân',
                'Chuyên viên',
              ]),
            },
          },
        ],
      });
      /** The longest gap between 5 ms ticks while `render` runs: how long other requests would wait. */
      const longestGap = async (render: () => Promise<Buffer>) => {
        let last = performance.now();
        let gap = 0;
        const tick = setInterval(() => {
          const now = performance.now();
          gap = Math.max(gap, now - last);
          last = now;
        }, 5);
        await render();
        await new Promise((r) => setTimeout(r, 20));
        clearInterval(tick);
        return gap;
      };
      const p = pool({ size: 1 });
      await p.render(doc('khởi động', ['x'])); // the worker's start-up is not what is measured
      await renderHere(doc('khởi động', ['x']));
      const inPlace = await longestGap(() => renderHere(big()));
      const inWorker = await longestGap(() => p.render(big()));
      expect(p.renderedOnMainThread).toBe(0);
      expect(inPlace).toBeGreaterThan(300);
      expect(inWorker).toBeLessThan(inPlace / 2);
    },
    SLOW,
  );

  it(
    'fails only the render whose worker crashed, with a 503 naming the exit, and goes on with a fresh worker',
    async () => {
      const lost: Error[] = [];
      const p = pool({ size: 1, workerUrl: CRASHING_WORKER, onWorkerLost: (e) => lost.push(e) });
      await p.render(doc('trước', ['Trước sự cố']));
      const [first] = p.threadIds;

      // The crash and a render queued behind it on the same (only) worker.
      const [crashed, queued] = await Promise.allSettled([p.render(doc('__exit__', ['x'])), p.render(doc('sau', ['Sau sự cố']))]);
      expect(crashed.status).toBe('rejected');
      const err = (crashed as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(String(err.cause?.message)).toMatch(/PDF render worker \(thread \d+\) exited with code 7/);
      expect(queued.status).toBe('fulfilled');
      expect(pdfText((queued as PromiseFulfilledResult<Buffer>).value)).toContain('Sau sự cố');
      expect(p.threadIds).toHaveLength(1);
      expect(p.threadIds[0]).not.toBe(first);

      // An uncaught error inside the worker: same answer, its message kept for the log.
      await expect(p.render(doc('__throw__', ['x']))).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        cause: { message: expect.stringContaining('render worker blew up') },
      });
      expect(pdfText(await p.render(doc('lại', ['Chạy lại được'])))).toContain('Chạy lại được');
      expect(lost.map((e) => e.message)).toEqual([expect.stringContaining('code 7'), expect.stringContaining('render worker blew up')]);
    },
    SLOW,
  );

  it(
    'ends a worker that overruns the time limit and answers that render 503',
    async () => {
      const lost: Error[] = [];
      const p = pool({ size: 1, timeoutMs: 1, onWorkerLost: (e) => lost.push(e) });
      await expect(p.render(doc('chậm', ['Chậm']))).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        cause: { message: expect.stringContaining('took longer than 1 ms') },
      });
      expect(p.workerCount).toBe(0);
      expect(lost).toHaveLength(1);
    },
    SLOW,
  );

  it(
    'reports a document pdfmake refuses without losing the worker, and still refuses URLs and local files',
    async () => {
      const p = pool({ size: 1 });
      await p.render(doc('khởi động', ['x']));
      const [thread] = p.threadIds;
      await expect(p.render(doc('url', [{ image: 'https://example.com/logo.png' }]))).rejects.toThrow(/PDF rendering failed: .*denied/);
      await expect(p.render(doc('file', [{ image: '/etc/passwd' }]))).rejects.toThrow(/PDF rendering failed/);
      expect(p.threadIds).toEqual([thread]);
    },
    SLOW,
  );

  it(
    'renders a definition that cannot be cloned (a footer function) on the main thread instead',
    async () => {
      const p = pool({ size: 1 });
      const withFooter = {
        ...doc('chân trang', ['Nội dung']),
        footer: (page: number, pages: number) => ({ text: `Trang ${page}/${pages}` }),
      };
      expect(pdfText(await p.render(withFooter))).toContain('Trang 1/1');
      expect(p.renderedOnMainThread).toBe(1);
    },
    SLOW,
  );

  it(
    'refuses queued and later renders once closed',
    async () => {
      const p = pool({ size: 1 });
      const both = Promise.allSettled([p.render(doc('một', ['Một'])), p.render(doc('hai', ['Hai']))]);
      await p.close();
      for (const r of await both) expect(r).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/shut down/) } });
      await expect(p.render(doc('ba', ['Ba']))).rejects.toThrow(/shut down/);
      expect(p.workerCount).toBe(0);
    },
    SLOW,
  );
});
