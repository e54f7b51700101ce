import { dictionary } from '@zxcvbn-ts/language-common';
import argon2 from 'argon2';
import { AppError } from '../errors/app-error.ts';

/**
 * ASVS 5.0 V6.2: at least 8 characters (we accept up to 128, above the 64 required),
 * no composition rules, checked against a list of common passwords.
 * The list is zxcvbn-ts's common-password dictionary (about 49,000 entries).
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const COMMON = new Set<string>((dictionary as Record<string, string[]>)['passwords-common']?.map((p) => p.toLowerCase()) ?? []);

export function checkPasswordPolicy(password: string, context: string[] = []): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN) throw new AppError('PASSWORD_TOO_SHORT', { min: PASSWORD_MIN });
  if (length > PASSWORD_MAX) throw new AppError('PASSWORD_TOO_LONG', { max: PASSWORD_MAX });
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) throw new AppError('PASSWORD_TOO_COMMON');
  // Context words (username, app name) make a password easy to guess too.
  for (const word of [...context, 'cadre']) {
    if (word.length >= 3 && lower.includes(word.toLowerCase()) && lower.length < word.length + 4) {
      throw new AppError('PASSWORD_TOO_COMMON');
    }
  }
}

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}

/** OWASP's argon2id parameters: m=19 MiB, t=2, p=1. */
const ARGON_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('cadre-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
