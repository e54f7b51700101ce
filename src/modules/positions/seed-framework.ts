import type { Db } from '../../platform/db/database.ts';
import { writeFramework } from '../competencies/use-cases/versions.ts';
import { interimFramework } from './interim-catalogue.ts';

/**
 * Gives a province its first framework: Cadre's competency library and the interim
 * 43-position list, published from its effective date. For a caller inside a transaction.
 */
export async function seedInterimFramework(trx: Db, provinceCode: string, now: string) {
  return writeFramework(trx, provinceCode, interimFramework(), 'PUBLISHED', now, null);
}
