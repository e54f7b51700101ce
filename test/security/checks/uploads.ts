import { expect, it } from 'vitest';
import type { AttackServer } from '../support/cadre-server.ts';

/**
 * Hostile uploads against the attachment API (PDF, JPEG, PNG only, sniffed by magic bytes):
 * files that are two things at once either are refused, or are stored and served so no
 * browser can run them (the sniffed type, Content-Disposition attachment, nosniff and a
 * sandboxing CSP). Oversized files and the roster importer's wrong files are refused and
 * leave nothing behind.
 */

const PDF_HTML_POLYGLOT = Buffer.from(
  '%PDF-1.4\n<html><body><script>alert(document.domain)</script></body></html>\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n',
  'latin1',
);
const JPEG_WITH_SCRIPT_TAIL = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  Buffer.alloc(64),
  Buffer.from([0xff, 0xd9]),
  Buffer.from('<script>alert(1)</script><?php system($_GET["c"]); ?>', 'latin1'),
]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>', 'utf8');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

type Upload = { name: string; bytes: Buffer; type: string };

async function upload(s: AttackServer, dossierId: number, files: Upload[]): Promise<Response> {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return fetch(`${s.base}/api/v1/dossiers/${dossierId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.province.token}` },
    body: form,
    signal: AbortSignal.timeout(60_000),
  });
}

async function attachmentCount(s: AttackServer): Promise<number> {
  const [row] = await s.province.query<{ n: number }>('select count(*) as n from dossier_attachments');
  return Number(row?.n);
}

export function uploadChecks(server: () => AttackServer): void {
  let dossierId = 0;

  it('polyglots that pass the magic-byte check are served as inert downloads', async () => {
    const s = server();
    const [d] = await s.province.query<{ id: number }>('select id from dossiers where competent_unit_id = ? order by id desc limit 1', [
      s.province.unitId,
    ]);
    dossierId = Number(d?.id);
    const res = await upload(s, dossierId, [
      // The part's declared type lies; the server must go by the bytes.
      { name: 'ho-so.pdf', bytes: PDF_HTML_POLYGLOT, type: 'text/html' },
      { name: 'anh.jpg', bytes: JPEG_WITH_SCRIPT_TAIL, type: 'image/jpeg' },
      { name: '..\\..\\x.html.pdf', bytes: PDF_HTML_POLYGLOT, type: 'application/pdf' },
    ]);
    expect(res.status).toBe(201);
    const { items } = (await res.json()) as { items: { id: number; fileName: string; mediaType: string; url: string }[] };
    expect(items.map((i) => i.mediaType)).toEqual(['application/pdf', 'image/jpeg', 'application/pdf']);
    expect(items[2]?.fileName).toBe('x.html.pdf');
    for (const item of items) {
      const dl = await fetch(`${s.base}${item.url}`, { headers: { authorization: `Bearer ${s.province.token}` } });
      await dl.body?.cancel();
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-type')).toBe(item.mediaType);
      expect(dl.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
      expect(dl.headers.get('content-security-policy')).toMatch(/sandbox/);
      expect(dl.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
  });

  it.each([
    ['SVG renamed .png', { name: 'anh.png', bytes: SVG, type: 'image/png' }],
    ['HTML renamed .pdf', { name: 'don.pdf', bytes: Buffer.from('<!doctype html><script>alert(1)</script>'), type: 'application/pdf' }],
    [
      'PNG bytes named .html',
      { name: 'trang.html', bytes: Buffer.concat([PNG_MAGIC, Buffer.from('<script>alert(1)</script>')]), type: 'text/html' },
    ],
    ['PNG bytes named .svg', { name: 'anh.svg', bytes: Buffer.concat([PNG_MAGIC, SVG]), type: 'image/svg+xml' }],
    ['PDF named .png', { name: 'anh.png', bytes: PDF_HTML_POLYGLOT, type: 'image/png' }],
    ['no extension', { name: 'ho-so', bytes: PDF_HTML_POLYGLOT, type: 'application/pdf' }],
  ] as const)('refuses %s (415) and stores nothing, not even the good file beside it', async (_label, bad) => {
    const s = server();
    const before = await attachmentCount(s);
    const good = { name: 'ok.pdf', bytes: PDF_HTML_POLYGLOT, type: 'application/pdf' };
    const res = await upload(s, dossierId, [good, { ...bad, bytes: Buffer.from(bad.bytes) }]);
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await attachmentCount(s)).toBe(before);
  });

  it('refuses a file one byte over UPLOAD_MAX_BYTES (413) and stores nothing', async () => {
    const s = server();
    const before = await attachmentCount(s);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1 - 9, 0x20)]);
    const res = await upload(s, dossierId, [{ name: 'lon.pdf', bytes: big, type: 'application/pdf' }]);
    expect(res.status).toBe(413);
    expect(await attachmentCount(s)).toBe(before);
  });

  it('the roster importer refuses an HTML page named .xlsx and an oversized workbook', async () => {
    const s = server();
    const hrToken = await s.tokenFor('hr');
    const [hr] = await s.province.query<{ n: number }>('select count(*) as n from staff');
    const post = async (bytes: Buffer) => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([new Uint8Array(bytes)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
        'ds.xlsx',
      );
      const res = await fetch(`${s.base}/api/v1/staff/import?dryRun=false`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hrToken}` },
        body: form,
        signal: AbortSignal.timeout(60_000),
      });
      await res.body?.cancel();
      return res.status;
    };
    expect(await post(Buffer.from('<html><script>alert(1)</script></html>'))).toBeGreaterThanOrEqual(400);
    const zipHeader = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    expect(await post(Buffer.concat([zipHeader, Buffer.alloc(5 * 1024 * 1024 + 1)]))).toBe(413);
    const [after] = await s.province.query<{ n: number }>('select count(*) as n from staff');
    expect(Number(after?.n)).toBe(Number(hr?.n));
  });
}
