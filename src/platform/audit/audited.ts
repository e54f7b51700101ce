import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { type AuditInput, appendAudit } from './audit.repository.ts';

/**
 * Who and what request a write belongs to; passed from the route into use cases.
 * `operator` is the OS account that ran a CLI command as the shared system actor; it is
 * recorded in the entry's `after` so those changes stay attributable to a person.
 */
export type AuditMeta = { actor: Actor | null; requestId: string | null; at: string; provinceCode: string; operator?: string };

function withOperator(meta: AuditMeta, after: unknown): unknown {
  if (!meta.operator) return after;
  if (after && typeof after === 'object' && !Array.isArray(after)) return { ...after, operator: meta.operator };
  return after === undefined || after === null ? { operator: meta.operator } : { value: after, operator: meta.operator };
}

export type AuditedChange<T> = { result: T; entityId: string | number | null; before?: unknown; after?: unknown };

/**
 * The audit entry of a change made by meta's actor — what audited() appends — for writes that
 * append their entries themselves (intake batches, re-timing). `provinceCode` defaults to meta's.
 */
export function auditEntry(
  meta: AuditMeta,
  action: string,
  entityType: string,
  entityId: string | number | null,
  change: { before?: unknown; after?: unknown; provinceCode?: string } = {},
): AuditInput {
  return {
    provinceCode: change.provinceCode ?? meta.provinceCode,
    at: meta.at,
    actorUserId: meta.actor?.userId ?? null,
    actorUsername: meta.actor?.username ?? null,
    actorRole: meta.actor?.role ?? null,
    actorUnitId: meta.actor?.unitId ?? null,
    requestId: meta.requestId,
    action,
    entityType,
    entityId: entityId === null ? null : String(entityId),
    before: change.before,
    after: withOperator(meta, change.after),
  };
}

/**
 * Runs a change and its audit entry in one transaction (issue 2, point 5): both commit
 * or neither does. `run` receives the transaction and reports before/after images.
 */
export async function audited<T>(
  db: Db,
  meta: AuditMeta,
  action: string,
  entityType: string,
  run: (trx: Db) => Promise<AuditedChange<T>>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const change = await run(trx);
    await appendAudit(trx, auditEntry(meta, action, entityType, change.entityId, change));
    return change.result;
  });
}

/** An audit entry with no data change of its own (failed login, refused authorisation). */
export async function auditEvent(
  db: Db,
  meta: AuditMeta & { username?: string | null },
  action: string,
  entityType: string,
  entityId: string | null,
  details?: unknown,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await appendAudit(trx, {
      provinceCode: meta.provinceCode,
      at: meta.at,
      actorUserId: meta.actor?.userId ?? null,
      actorUsername: meta.actor?.username ?? meta.username ?? null,
      actorRole: meta.actor?.role ?? null,
      actorUnitId: meta.actor?.unitId ?? null,
      requestId: meta.requestId,
      action,
      entityType,
      entityId,
      after: withOperator(meta, details),
    });
  });
}
