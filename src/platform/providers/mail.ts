import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/**
 * Outgoing email (citizen notices such as the apology slip). Two providers behind one
 * interface, like the storage providers: SMTP when the deployment configures a server,
 * otherwise a file outbox under DATA_DIR that needs no extra service and loses nothing
 * (an operator can relay the .eml files later).
 */
export type MailMessage = { to: string; subject: string; text: string };
export type MailReceipt = { id: string };

export interface Mailer {
  /** Resolves when the server (or the outbox) has taken the message; rejects on failure. */
  send(message: MailMessage): Promise<MailReceipt>;
  readonly kind: 'smtp' | 'outbox';
}

/** Bodies are base64 so no transport rewraps Vietnamese text or splits a date across lines. */
const COMMON = { textEncoding: 'base64' as const };

export function smtpMailer(url: string, from: string): Mailer {
  // Short timeouts: a request that issues a slip waits for the hand-over, and the slip is
  // already committed, so a slow server must fail fast and be recorded, not hang the page.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    kind: 'smtp',
    async send(m) {
      const info = await transport.sendMail({ ...COMMON, from, to: m.to, subject: m.subject, text: m.text });
      return { id: String(info.messageId ?? '') };
    },
  };
}

/** Writes each message as an RFC 5322 file, built by the same MIME composer the SMTP path uses. */
export function outboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(m) {
      const info = await transport.sendMail({ ...COMMON, from, to: m.to, subject: m.subject, text: m.text });
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
      await fs.writeFile(path.join(dir, name), info.message as Buffer, { mode: 0o600 });
      return { id: name };
    },
  };
}

export function createMailer(config: { SMTP_URL?: string | undefined; MAIL_FROM: string; dataDir: string }): Mailer {
  return config.SMTP_URL
    ? smtpMailer(config.SMTP_URL, config.MAIL_FROM)
    : outboxMailer(path.join(config.dataDir, 'outbox'), config.MAIL_FROM);
}
