import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { intakeBody, seedDossierProcedures } from '../../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp } from '../../../../test/support/fixture.ts';

type Received = { to: string[]; raw: string };

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), as a mail client would. */
function decodeHeader(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function parse(raw: string): { subject: string; body: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = decodeHeader(/^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '');
  const body = Buffer.from(rest.join('\n').replace(/\s+/g, ''), 'base64').toString('utf8');
  return { subject, body };
}

describe.each(testDialects())('apology slips with email over a real SMTP server on %s', (dialect) => {
  let t: TestApp;
  let smtp: ChildProcess;
  const inbox: Received[] = [];

  /** Starts the SMTP sink in its own process and resolves with its port once it listens. */
  const startSmtp = () =>
    new Promise<number>((resolve, reject) => {
      smtp = spawn(process.execPath, [path.join(import.meta.dirname, 'testing/smtp-sink.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
      smtp.once('error', reject);
      const lines = readline.createInterface({ input: smtp.stdout as NodeJS.ReadableStream });
      lines.on('line', (line) => {
        const listening = /^LISTENING (\d+)$/.exec(line);
        if (listening) return resolve(Number(listening[1]));
        const m = JSON.parse(line) as { to: string[]; raw: string };
        inbox.push({ to: m.to, raw: Buffer.from(m.raw, 'base64').toString('utf8') });
      });
    });
  const stopSmtp = () =>
    new Promise<void>((resolve) => {
      if (!smtp || smtp.exitCode !== null) return resolve();
      smtp.once('exit', () => resolve());
      smtp.kill('SIGTERM');
    });
  /** Messages arrive on the sink's stdout a moment after the server accepted them. */
  const waitForMail = async (match: (m: Received) => boolean): Promise<Received | undefined> => {
    for (let i = 0; i < 100; i++) {
      const found = inbox.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    return undefined;
  };

  beforeAll(async () => {
    const port = await startSmtp();
    t = await buildTestApp(dialect, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'UBND xã <motcua@hoabinh.gov.vn>' });
    await seedDossierProcedures(t.database.db);
  });
  afterAll(async () => {
    await t?.close();
    await stopSmtp();
  });

  const user = (name: string) => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** Received Monday 2 March at 10:00 (due Thursday 5 March, 17:00) and in processing at the specialist. */
  const processingDossier = async (over: Record<string, unknown> = {}) => {
    const res = await api('counter_officer_a', 'POST', '/api/v1/dossiers', intakeBody(t.fixture.unitA, over));
    const id = res.json().id as number;
    const started = await api('counter_officer_a', 'POST', `/api/v1/dossiers/${id}/transitions`, {
      action: 'START_PROCESSING',
      version: 1,
    });
    expect(started.statusCode).toBe(200);
    return { id, code: res.json().code as string };
  };

  it('prompts for a slip near the due date, issues it, moves the appointment and emails the applicant in Vietnamese', async () => {
    const { id, code } = await processingDossier();
    expect((await api('field_specialist_a', 'GET', `/api/v1/dossiers/${id}/processing`)).json().needsApology).toBe(false);
    t.clock.set('2026-03-05T02:00:00.000Z'); // Thursday 09:00: less than a working day left
    try {
      const before = await api('field_specialist_a', 'GET', `/api/v1/dossiers/${id}/processing`);
      expect(before.json()).toMatchObject({ needsApology: true, dueState: 'NEAR_DUE' });

      const res = await api('field_specialist_a', 'POST', `/api/v1/dossiers/${id}/apology`, {
        reason: 'Cần xác minh thêm thông tin tại địa phương',
        newDueAt: '2026-03-10',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        dossierId: id,
        previousDueAt: '2026-03-05T10:00:00.000Z',
        newDueAt: '2026-03-10T10:00:00.000Z',
        channel: 'EMAIL',
        deliveredAt: expect.any(String),
        deliveryError: null,
      });

      const mail = await waitForMail((m) => parse(m.raw).subject.includes(code));
      expect(mail?.to).toEqual(['nhung@example.vn']);
      const { subject, body } = parse(mail?.raw ?? '');
      expect(subject).toBe(`Phiếu xin lỗi và hẹn lại ngày trả kết quả – hồ sơ ${code}`);
      expect(body).toContain('Ngày hẹn trả kết quả mới: 10/03/2026 17:00.');
      expect(body).toContain('Cần xác minh thêm thông tin tại địa phương');

      const after = await api('field_specialist_a', 'GET', `/api/v1/dossiers/${id}/processing`);
      expect(after.json()).toMatchObject({ appointmentAt: '2026-03-10T10:00:00.000Z', needsApology: false, slips: [{ channel: 'EMAIL' }] });
      const stored = await t.database.db
        .selectFrom('dossiers')
        .select(['promisedAt', 'dueAt'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(new Date(stored.promisedAt ?? '').toISOString()).toBe('2026-03-10T10:00:00.000Z');
      // The statutory due date stays: the 766 indicators measure against it.
      expect(new Date(stored.dueAt ?? '').toISOString()).toBe('2026-03-05T10:00:00.000Z');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('shows the prompt and the slip form on the dossier page of an overdue dossier', async () => {
    t.clock.set('2026-02-20T03:00:00.000Z');
    let id: number;
    try {
      id = (await processingDossier()).id;
    } finally {
      t.clock.set(NOW);
    }
    const detail = await t.app.inject({ method: 'GET', url: `/dossiers/${id}`, headers: { cookie: user('field_specialist_a').cookie } });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Cần lập phiếu xin lỗi');
    expect(detail.body).toContain(`action="/dossiers/${id}/apology"`);
    expect(detail.body).toMatch(/class="badge off">Quá hạn</);
  });

  it('refuses a new date that is not after the current appointment, and a dossier not being handled', async () => {
    const { id } = await processingDossier();
    const res = await api('field_specialist_a', 'POST', `/api/v1/dossiers/${id}/apology`, { reason: 'Chậm', newDueAt: '2026-03-05' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'DOSSIER_APOLOGY_DATE_NOT_LATER', detail: expect.stringContaining('05/03/2026 17:00') });
    const paused = await api('field_specialist_a', 'POST', `/api/v1/dossiers/${id}/transitions`, {
      action: 'REQUEST_SUPPLEMENT',
      version: 2,
      reason: 'Thiếu giấy tờ',
    });
    expect(paused.statusCode).toBe(200);
    const refused = await api('field_specialist_a', 'POST', `/api/v1/dossiers/${id}/apology`, { reason: 'Chậm', newDueAt: '2026-03-12' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('DOSSIER_APOLOGY_NOT_OPEN');
    const slips = await t.database.db.selectFrom('apologySlips').select('id').where('dossierId', '=', id).execute();
    expect(slips).toEqual([]);
  });

  it('keeps the slip and records the failure when the mail server is unreachable', async () => {
    const { id } = await processingDossier();
    await stopSmtp();
    const res = await api('unit_leader_a', 'POST', `/api/v1/dossiers/${id}/apology`, {
      reason: 'Chờ ý kiến cơ quan khác',
      newDueAt: '2026-03-12',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'EMAIL', deliveredAt: null, deliveryError: expect.any(String) });
    const stored = await t.database.db.selectFrom('apologySlips').selectAll().where('dossierId', '=', id).executeTakeFirstOrThrow();
    expect(stored.deliveryError).toBeTruthy();
    expect(new Date(stored.newDueAt).toISOString()).toBe('2026-03-12T10:00:00.000Z');
  });

  it('hands the slip over at the counter when no email is known', async () => {
    const { id } = await processingDossier({ applicantEmail: null });
    const res = await api('counter_officer_a', 'POST', `/api/v1/dossiers/${id}/apology`, {
      reason: 'Chờ xác minh',
      newDueAt: '2026-03-09',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'COUNTER', deliveredAt: null, deliveryError: null });
  });
});
