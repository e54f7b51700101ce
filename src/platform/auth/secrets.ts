import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Server secrets: generated once into DATA_DIR/secrets.json (mode 0600) when not supplied,
 * so a fresh install is secure without set-up. Several processes sharing one PostgreSQL
 * must share this file (or the same DATA_DIR).
 */
export type ServerSecrets = { csrfKey: Buffer; encryptionKey: Buffer };

export function loadOrCreateSecrets(dataDir: string): ServerSecrets {
  const file = path.join(dataDir, 'secrets.json');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    const body = JSON.stringify({ csrfKey: randomBytes(32).toString('base64'), encryptionKey: randomBytes(32).toString('base64') });
    try {
      fs.writeFileSync(file, body, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { csrfKey: string; encryptionKey: string };
  return { csrfKey: Buffer.from(parsed.csrfKey, 'base64'), encryptionKey: Buffer.from(parsed.encryptionKey, 'base64') };
}

export function testSecrets(): ServerSecrets {
  return { csrfKey: createHash('sha256').update('csrf').digest(), encryptionKey: createHash('sha256').update('enc').digest() };
}

/** AES-256-GCM for secrets kept in the database (TOTP seeds). Output: v1.iv.tag.ciphertext, base64url. */
export function seal(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function unseal(key: Buffer, sealed: string): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !ct) throw new Error('unknown sealed format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

export function sha256Hex(v: string): string {
  return createHash('sha256').update(v).digest('hex');
}
