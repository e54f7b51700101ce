import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { intakeBody, onlineBody, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';

/** Smallest byte strings each type is recognised by, padded so sizes differ. */
const SAMPLE = {
  pdf: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20), Buffer.from('\n%%EOF\n')]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 2)]),
  html: Buffer.from('<!doctype html><script>alert(1)</script>'),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]),
};

type Part = { name: string; value: string } | { name: string; fileName: string; type?: string; data: Buffer };

/** A multipart/form-data body built by hand, so the test controls every byte and header. */
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----cadre${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('value' in p) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        p.data,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(dir, f)).isFile());
  } catch {
    return [];
  }
}

describe.each(testDialects())('dossier attachments and slips over HTTP on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  let dossierId: number;
  let dossierCode: string;
  const uploads = () => path.join(dataDir, 'uploads');
  const MAX = 4096;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'cadre-docs-'));
    t = await buildTestApp(dialect, { DATA_DIR: dataDir, UPLOAD_MAX_BYTES: String(MAX) });
    await seedDossierProcedures(t.database.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { authorization: user('counter_officer_a').bearer },
      payload: intakeBody(t.fixture.unitA),
    });
    expect(res.statusCode).toBe(201);
    dossierId = res.json().id;
    dossierCode = res.json().code;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function user(name: string): TestUser {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  }
  const upload = (name: string, parts: Part[], id = dossierId) => {
    const { payload, contentType } = multipart(parts);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/attachments`,
      headers: { authorization: user(name).bearer, 'content-type': contentType },
      payload,
    });
  };
  const rowCount = async () => (await t.database.db.selectFrom('dossierAttachments').select('id').execute()).length;
  const html = (name: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: user(name).cookie } });

  it('stores a PDF, a JPEG and a PNG with their sha256, under uploads/<province>/<year>/<random id>, and audits it', async () => {
    const res = await upload('counter_officer_a', [
      { name: 'files', fileName: 'Giấy đề nghị.pdf', data: SAMPLE.pdf },
      { name: 'files', fileName: 'ảnh CCCD.JPG', data: SAMPLE.jpeg },
      { name: 'files', fileName: 'sơ đồ.png', data: SAMPLE.png },
    ]);
    expect(res.statusCode).toBe(201);
    const items = res.json().items as { id: number; fileName: string; mediaType: string; size: number; sha256: string }[];
    expect(items.map((i) => [i.fileName, i.mediaType, i.size])).toEqual([
      ['Giấy đề nghị.pdf', 'application/pdf', SAMPLE.pdf.length],
      ['ảnh CCCD.JPG', 'image/jpeg', SAMPLE.jpeg.length],
      ['sơ đồ.png', 'image/png', SAMPLE.png.length],
    ]);
    expect(items[0]?.sha256).toBe(createHash('sha256').update(SAMPLE.pdf).digest('hex'));
    const rows = await t.database.db.selectFrom('dossierAttachments').select(['storedName', 'sha256']).orderBy('id').execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.storedName).toMatch(/^T1\/2026\/[A-Za-z0-9_-]{32}$/);
      const onDisk = readFileSync(path.join(uploads(), r.storedName));
      expect(createHash('sha256').update(onDisk).digest('hex')).toBe(r.sha256);
    }
    expect(listFiles(uploads())).toHaveLength(3);
    const audit = await t.database.db.selectFrom('auditLog').select(['entityId', 'after']).where('action', '=', 'dossier.attach').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entityId).toBe(String(dossierId));
    expect(audit[0]?.after).toContain(items[0]?.sha256);
  });

  it('lists the attachments', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${dossierId}/attachments`,
      headers: { authorization: user('province_analyst').bearer },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { mediaType: string }) => i.mediaType)).toEqual(['application/pdf', 'image/jpeg', 'image/png']);
  });

  describe('refusals store nothing', () => {
    it.each([
      ['an HTML page named .pdf', 'to-khai.pdf', SAMPLE.html, 415],
      ['a program named .pdf', 'giay-to.pdf', SAMPLE.exe, 415],
      ['PNG bytes named .pdf', 'anh.pdf', SAMPLE.png, 415],
      ['PDF bytes named .html', 'trang.html', SAMPLE.pdf, 415],
      ['a PDF without extension', 'giayto', SAMPLE.pdf, 415],
      ['a file over UPLOAD_MAX_BYTES', 'lon.pdf', Buffer.concat([SAMPLE.pdf, Buffer.alloc(MAX, 0x20)]), 413],
    ])('%s', async (_label, fileName, data, status) => {
      const before = listFiles(uploads()).length;
      const rows = await rowCount();
      const res = await upload('counter_officer_a', [{ name: 'files', fileName, data }]);
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(status === 413 ? 'ATTACHMENT_TOO_LARGE' : 'ATTACHMENT_TYPE_REFUSED');
      expect(listFiles(uploads())).toHaveLength(before);
      expect(await rowCount()).toBe(rows);
    });

    it('one bad file among good ones refuses the whole upload', async () => {
      const before = listFiles(uploads()).length;
      const res = await upload('counter_officer_a', [
        { name: 'files', fileName: 'tot.pdf', data: SAMPLE.pdf },
        { name: 'files', fileName: 'xau.png', data: SAMPLE.html },
      ]);
      expect(res.statusCode).toBe(415);
      expect(listFiles(uploads())).toHaveLength(before);
    });

    it('a JSON body is not an upload (415), whatever it claims', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${dossierId}/attachments`,
        headers: { authorization: user('counter_officer_a').bearer },
        payload: { files: [{ fileName: 'a.pdf', bytes: '%PDF-' }] },
      });
      expect(res.statusCode).toBe(415);
    });

    it('a request without files is a 400', async () => {
      const res = await upload('counter_officer_a', [{ name: 'note', value: 'không có tệp' }]);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('ATTACHMENT_MISSING');
    });
  });

  it('downloads as an attachment: stored type, RFC 5987 name, nosniff and a sandboxing CSP', async () => {
    const [first] = await t.database.db.selectFrom('dossierAttachments').select('id').orderBy('id').execute();
    const res = await html('counter_officer_a', `/dossiers/${dossierId}/attachments/${first?.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Giay de nghi.pdf"; filename*=UTF-8''${encodeURIComponent('Giấy đề nghị.pdf')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(res.rawPayload.equals(SAMPLE.pdf)).toBe(true);
  });

  it('answers 404 to another commune, for listing, download, upload and the receipt', async () => {
    const [first] = await t.database.db.selectFrom('dossierAttachments').select('id').orderBy('id').execute();
    const before = listFiles(uploads()).length;
    expect((await upload('counter_officer_b', [{ name: 'files', fileName: 'a.pdf', data: SAMPLE.pdf }])).statusCode).toBe(404);
    expect(listFiles(uploads())).toHaveLength(before);
    expect((await html('counter_officer_b', `/dossiers/${dossierId}/attachments/${first?.id}`)).statusCode).toBe(404);
    expect((await html('unit_leader_b', `/dossiers/${dossierId}/attachments`)).statusCode).toBe(404);
    expect((await html('counter_officer_b', `/dossiers/${dossierId}/receipt.pdf`)).statusCode).toBe(404);
    // An attachment id of one dossier cannot be fetched through another dossier's URL.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { authorization: user('counter_officer_a').bearer },
      payload: intakeBody(t.fixture.unitA, { applicantName: 'Phạm Văn Khác' }),
    });
    expect((await html('counter_officer_a', `/dossiers/${other.json().id}/attachments/${first?.id}`)).statusCode).toBe(404);
  });

  describe('the HTML form', () => {
    const post = (parts: Part[], headers: Record<string, string> = {}) => {
      const { payload, contentType } = multipart(parts);
      return t.app.inject({
        method: 'POST',
        url: `/dossiers/${dossierId}/attachments`,
        headers: { cookie: user('counter_officer_a').cookie, 'content-type': contentType, ...headers },
        payload,
      });
    };

    it('takes the CSRF token as a form field and redirects to the attachments page', async () => {
      const before = await rowCount();
      const res = await post([
        { name: '_csrf', value: user('counter_officer_a').csrf },
        { name: 'files', fileName: 'bổ sung.pdf', data: SAMPLE.pdf },
      ]);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/dossiers/${dossierId}/attachments?uploaded=1`);
      expect(await rowCount()).toBe(before + 1);
      const page = await html('counter_officer_a', res.headers.location as string);
      expect(page.body).toContain('bổ sung.pdf');
    });

    it('takes it as the X-CSRF-Token header too', async () => {
      const res = await post([{ name: 'files', fileName: 'the.png', data: SAMPLE.png }], {
        'x-csrf-token': user('counter_officer_a').csrf,
      });
      expect(res.statusCode).toBe(303);
    });

    it('refuses a post without a valid token and stores nothing', async () => {
      const before = listFiles(uploads()).length;
      const rows = await rowCount();
      for (const parts of [
        [{ name: 'files', fileName: 'x.pdf', data: SAMPLE.pdf }],
        [
          { name: '_csrf', value: user('counter_officer_b').csrf },
          { name: 'files', fileName: 'x.pdf', data: SAMPLE.pdf },
        ],
      ] as Part[][]) {
        const res = await post(parts);
        expect(res.statusCode).toBe(403);
      }
      expect(listFiles(uploads())).toHaveLength(before);
      expect(await rowCount()).toBe(rows);
    });

    it('multipart is refused on other routes (415), so no other form changes how CSRF is read', async () => {
      const { payload, contentType } = multipart([{ name: '_csrf', value: user('counter_officer_a').csrf }]);
      const res = await t.app.inject({
        method: 'POST',
        url: `/dossiers/${dossierId}/accept`,
        headers: { cookie: user('counter_officer_a').cookie, 'content-type': contentType },
        payload,
      });
      expect(res.statusCode).toBe(415);
    });
  });

  describe('pages', () => {
    it('the dossier page links the attachments and the receipt, and offers the upload form to those who may attach', async () => {
      const officer = await html('counter_officer_a', `/dossiers/${dossierId}`);
      expect(officer.statusCode).toBe(200);
      expect(officer.body).toContain(`href="/dossiers/${dossierId}/receipt.pdf"`);
      expect(officer.body).toContain(`hx-get="/dossiers/${dossierId}/attachments"`);
      expect(officer.body).toContain('enctype="multipart/form-data"');
      const analyst = await html('province_analyst', `/dossiers/${dossierId}`);
      expect(analyst.body).toContain(`href="/dossiers/${dossierId}/attachments"`);
      expect(analyst.body).not.toContain('enctype="multipart/form-data"');
    });

    it('the attachments page lists files with download links; htmx gets the table only', async () => {
      const page = await html('counter_officer_a', `/dossiers/${dossierId}/attachments`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<h1>');
      expect(page.body).toContain('Giấy đề nghị.pdf');
      expect(page.body).toMatch(new RegExp(`href="/dossiers/${dossierId}/attachments/\\d+"`));
      const fragment = await t.app.inject({
        method: 'GET',
        url: `/dossiers/${dossierId}/attachments`,
        headers: { cookie: user('counter_officer_a').cookie, 'hx-request': 'true' },
      });
      expect(fragment.body).not.toContain('<html');
      expect(fragment.body).toContain('<table id="attachments-');
    });
  });

  describe('receipt and appointment slip', () => {
    it('is a PDF with the dossier, the applicant, the documents and the tracking URL', async () => {
      const res = await html('counter_officer_a', `/dossiers/${dossierId}/receipt.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^inline; filename="giay-tiep-nhan-/);
      const file = path.join(dataDir, 'receipt.pdf');
      writeFileSync(file, res.rawPayload);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
      for (const s of [
        `Mã hồ sơ: ${dossierCode}`,
        'Trần Thị Hồng Nhung',
        'Giấy đề nghị',
        '3 ngày làm việc',
        '05/03/2026 17:00',
        `/track?code=${dossierCode}`,
      ]) {
        expect(text).toContain(s);
      }
    });

    it('is refused (409) for an online submission not yet received', async () => {
      const sub = await t.app.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: onlineBody(t.fixture.unitA) });
      expect(sub.statusCode).toBe(201);
      const row = await t.database.db.selectFrom('dossiers').select('id').where('code', '=', sub.json().code).executeTakeFirstOrThrow();
      const res = await html('counter_officer_a', `/dossiers/${row.id}/receipt.pdf`);
      expect(res.statusCode).toBe(409);
    });
  });

  it('renders an apology slip recorded for the dossier, and 404 for another dossier’s slip id', async () => {
    const { id } = await t.database.db
      .insertInto('apologySlips')
      .values({
        provinceCode: 'T1',
        dossierId,
        reason: 'Cần xác minh thực địa',
        previousDueAt: '2026-03-05T10:00:00.000Z',
        newDueAt: '2026-03-10T10:00:00.000Z',
        issuedAt: '2026-03-04T02:00:00.000Z',
        issuedBy: user('field_specialist_a').userId,
        channel: 'COUNTER',
        recipient: null,
        deliveredAt: null,
        deliveryError: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await html('counter_officer_a', `/dossiers/${dossierId}/apology/${id}.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(dataDir, 'apology.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('Cần xác minh thực địa');
    expect(text).toContain('10/03/2026 17:00');
    expect((await html('counter_officer_a', `/dossiers/${dossierId + 1}/apology/${id}.pdf`)).statusCode).toBe(404);
  });
});
