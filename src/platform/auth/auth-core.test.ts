import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors/app-error.ts';
import { csrfTokenFor, isValidCsrf } from '../http/csrf.ts';
import { type Actor, assertUnitAccess, canSeePersonalData } from './actor.ts';
import { checkPasswordPolicy, hashPassword, isCommonPassword, verifyPassword } from './passwords.ts';
import { roleHas } from './roles.ts';
import { seal, testSecrets, unseal } from './secrets.ts';
import { checkTotp, newTotpSecret, totpCode } from './totp.ts';

const code = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('password policy (ASVS 5.0 V6.2)', () => {
  it('needs at least 8 characters and accepts long passphrases, with no composition rules', () => {
    expect(code(() => checkPasswordPolicy('short7!'))).toBe('PASSWORD_TOO_SHORT');
    expect(code(() => checkPasswordPolicy('all lower case words here'))).toBeNull();
    expect(code(() => checkPasswordPolicy(`${'x'.repeat(64)} and more`))).toBeNull();
    expect(code(() => checkPasswordPolicy('y'.repeat(129)))).toBe('PASSWORD_TOO_LONG');
  });

  it('refuses common passwords and ones built on the username', () => {
    expect(isCommonPassword('password1')).toBe(true);
    expect(code(() => checkPasswordPolicy('12345678'))).toBe('PASSWORD_TOO_COMMON');
    expect(code(() => checkPasswordPolicy('nguyenvan1', ['nguyenvan']))).toBe('PASSWORD_TOO_COMMON');
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('một mật khẩu dài');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'một mật khẩu dài')).toBe(true);
    expect(await verifyPassword(hash, 'mot mat khau dai')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('authorization helpers', () => {
  const actor = (role: Actor['role'], unitId: number | null): Actor => ({
    userId: 1,
    username: 'u',
    displayName: 'U',
    role,
    provinceCode: 'P',
    unitId,
    locale: 'vi',
    sessionId: null,
    via: 'session',
  });

  it('keeps commune roles inside their commune and province roles inside their province', () => {
    expect(code(() => assertUnitAccess(actor('counter_officer', 1), { provinceCode: 'P', unitId: 1 }))).toBeNull();
    expect(code(() => assertUnitAccess(actor('counter_officer', 1), { provinceCode: 'P', unitId: 2 }))).toBe('NOT_FOUND');
    expect(code(() => assertUnitAccess(actor('province_analyst', null), { provinceCode: 'P', unitId: 2 }))).toBeNull();
    expect(code(() => assertUnitAccess(actor('province_admin', null), { provinceCode: 'Q', unitId: 2 }))).toBe('NOT_FOUND');
  });

  it('shows personal data only to HR roles', () => {
    expect(canSeePersonalData(actor('unit_hr', 1))).toBe(true);
    expect(canSeePersonalData(actor('province_admin', null))).toBe(true);
    expect(canSeePersonalData(actor('province_analyst', null))).toBe(false);
    expect(canSeePersonalData(actor('unit_leader', 1))).toBe(false);
  });

  it('gives user management to system administrators only', () => {
    expect(roleHas('system_admin', 'users.manage')).toBe(true);
    expect(roleHas('province_admin', 'users.manage')).toBe(false);
    expect(roleHas('citizen', 'units.read')).toBe(false);
  });
});

describe('CSRF tokens', () => {
  const key = testSecrets().csrfKey;
  it('are valid only for the session they were made for', () => {
    const t = csrfTokenFor(key, 'session-1');
    expect(isValidCsrf(key, 'session-1', t)).toBe(true);
    expect(isValidCsrf(key, 'session-2', t)).toBe(false);
    expect(isValidCsrf(key, 'session-1', '')).toBe(false);
    expect(isValidCsrf(key, 'session-1', undefined)).toBe(false);
  });
});

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-03-02T03:00:10Z');
  it('accepts the current code and one step of drift, and names the step', () => {
    const step = Math.floor(now.getTime() / 30_000);
    expect(checkTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(checkTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
  });
  it('refuses old, malformed and foreign codes', () => {
    expect(checkTotp(secret, totpCode(secret, new Date(now.getTime() - 120_000)), now)).toBeNull();
    expect(checkTotp(secret, 'abcdef', now)).toBeNull();
    expect(checkTotp(secret, totpCode(newTotpSecret(), now), now)).toBeNull();
  });
});

describe('sealed secrets', () => {
  it('round-trips and detects tampering', () => {
    const { encryptionKey } = testSecrets();
    const sealed = seal(encryptionKey, 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(unseal(encryptionKey, sealed)).toBe('JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    parts[3] = `A${parts[3]?.slice(1)}`;
    expect(() => unseal(encryptionKey, parts.join('.'))).toThrow();
  });
});
