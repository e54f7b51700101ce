import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { type AuditFields, type ChainProblem, createChainVerifier, entryHash, GENESIS_HASH } from './hash-chain.ts';

export type AuditInput = Omit<AuditFields, 'seq' | 'before' | 'after'> & {
  before?: unknown;
  after?: unknown;
};

export type AuditEntry = AuditFields & { prevHash: string; hash: string };

const AUDIT_LOCK_KEY = 7_420_001;

function toJson(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction that makes the
 * change, so the entry and the change commit or roll back together. On PostgreSQL an
 * advisory transaction lock serialises appends across processes; on SQLite the write
 * transaction already does.
 */
export async function appendAudit(trx: Db, input: AuditInput): Promise<AuditEntry> {
  if (dialectOf(trx) === 'postgres') {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  }
  const head = await trx.selectFrom('auditHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  const prevHash = head?.hash ?? GENESIS_HASH;
  const seq = (head?.seq ?? 0) + 1;
  const fields: AuditFields = {
    seq,
    provinceCode: input.provinceCode,
    at: input.at,
    actorUserId: input.actorUserId,
    actorUsername: input.actorUsername,
    actorRole: input.actorRole,
    actorUnitId: input.actorUnitId,
    requestId: input.requestId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: toJson(input.before),
    after: toJson(input.after),
  };
  const hash = entryHash(prevHash, fields);
  await trx
    .insertInto('auditLog')
    .values({ ...fields, prevHash, hash })
    .execute();
  if (head) {
    await trx.updateTable('auditHead').set({ seq, hash }).where('id', '=', 1).execute();
  } else {
    await trx.insertInto('auditHead').values({ id: 1, seq, hash }).execute();
  }
  return { ...fields, prevHash, hash };
}

export type AuditFilter = {
  /** Entries of these provinces; '' holds events tied to no province (unknown usernames). */
  provinceCodes: readonly string[];
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
  limit: number;
};

export async function listAudit(db: Db, f: AuditFilter): Promise<AuditEntry[]> {
  if (f.provinceCodes.length === 0) return [];
  let q = db.selectFrom('auditLog').selectAll().where('provinceCode', 'in', f.provinceCodes);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.entityType) q = q.where('entityType', '=', f.entityType);
  if (f.entityId) q = q.where('entityId', '=', f.entityId);
  if (f.actor) q = q.where('actorUsername', '=', f.actor);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  if (f.beforeSeq) q = q.where('seq', '<', f.beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export async function distinctAuditActions(db: Db, provinceCodes: readonly string[]): Promise<string[]> {
  if (provinceCodes.length === 0) return [];
  const rows = await db
    .selectFrom('auditLog')
    .select('action')
    .distinct()
    .where('provinceCode', 'in', provinceCodes)
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}

export type VerifyResult = { ok: boolean; checked: number; problem: ChainProblem | null };

/** Streams the whole chain in pages and reports the first problem. */
export async function verifyAuditChain(db: Db, onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
  const verifier = createChainVerifier();
  const totalRow = await db.selectFrom('auditLog').select(db.fn.countAll<number>().as('n')).executeTakeFirst();
  const total = Number(totalRow?.n ?? 0);
  let after = 0;
  const pageSize = 2000;
  for (;;) {
    const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    for (const r of rows) {
      const problem = verifier.push({ ...r, seq: Number(r.seq) });
      if (problem) return { ok: false, checked: verifier.checked, problem };
    }
    onProgress?.(verifier.checked, total);
    if (rows.length < pageSize) break;
    after = Number(rows.at(-1)?.seq ?? after);
  }
  const head = await db.selectFrom('auditHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  const problem = verifier.finish(head ? { seq: Number(head.seq), hash: head.hash } : null);
  return { ok: problem === null, checked: verifier.checked, problem };
}
