import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMailer } from './mail.ts';

describe('file outbox mailer', () => {
  it('writes a complete message with a UTF-8 subject and a base64 body that decodes to the text', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cadre-outbox-'));
    const mailer = createMailer({ MAIL_FROM: 'Cadre <no-reply@cadre.invalid>', dataDir: dir });
    expect(mailer.kind).toBe('outbox');
    const receipt = await mailer.send({ to: 'dan@example.vn', subject: 'Phiếu xin lỗi', text: 'Hẹn lại ngày 10/03/2026.' });
    const raw = await fs.readFile(path.join(dir, 'outbox', receipt.id), 'utf8');
    expect(raw).toMatch(/^To: dan@example\.vn$/m);
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const body = raw.split('\n\n').slice(1).join('\n\n').replace(/\s+/g, '');
    expect(Buffer.from(body, 'base64').toString('utf8')).toBe('Hẹn lại ngày 10/03/2026.');
  });
});
