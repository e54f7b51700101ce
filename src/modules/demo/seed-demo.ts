import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';

export type SeedOptions = {
  seed: number;
  password: string;
  /** Number of current communes/wards (default 40, as in Hue). */
  units?: number;
  staffPerUnit?: number;
  onProgress?: (done: number, total: number, stage?: string) => void;
};
export type DemoAccount = { username: string; role: string; unitName: string | null };
export type SeedResult = { provinceCode: string; accounts: DemoAccount[]; units: number; predecessors: number; staff: number };

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('provinces').select('code').limit(1).executeTakeFirst();
  return row === undefined;
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function seedDemo(_db: Db, _opts: SeedOptions): Promise<SeedResult> {
  throw new Error('seedDemo: being written (issue 2)');
}
