import { sql } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';
import { dialectOf } from '../../src/platform/db/dialect.ts';

/**
 * Plays an attacker with DDL rights: drops the append-only triggers so audit rows can be
 * edited or deleted by hand. Verification must still notice.
 */
export async function dropAuditGuards(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop trigger if exists audit_log_no_change on audit_log`.execute(db);
    await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
    return;
  }
  await sql`drop trigger if exists audit_log_no_update`.execute(db);
  await sql`drop trigger if exists audit_log_no_delete`.execute(db);
}
