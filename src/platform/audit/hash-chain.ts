import { createHash } from 'node:crypto';

/** The fields an audit entry's hash covers, in a fixed order. */
export type AuditFields = {
  seq: number;
  provinceCode: string;
  at: string;
  actorUserId: number | null;
  actorUsername: string | null;
  actorRole: string | null;
  actorUnitId: number | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
};

export const GENESIS_HASH = '0'.repeat(64);

/** sha256 over the previous hash and the entry's fields as a JSON array (stable order, no key sorting needed). */
export function entryHash(prevHash: string, e: AuditFields): string {
  const payload = JSON.stringify([
    prevHash,
    e.seq,
    e.provinceCode,
    e.at,
    e.actorUserId,
    e.actorUsername,
    e.actorRole,
    e.actorUnitId,
    e.requestId,
    e.action,
    e.entityType,
    e.entityId,
    e.before,
    e.after,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

export type ChainProblem =
  | { kind: 'altered'; seq: number }
  | { kind: 'broken-link'; seq: number }
  | { kind: 'missing'; afterSeq: number; expectedSeq: number }
  | { kind: 'head-mismatch'; headSeq: number; lastSeq: number };

export type ChainRow = AuditFields & { prevHash: string; hash: string };

/**
 * Walks the rows in seq order and returns the first problem: an entry whose content no
 * longer matches its hash (altered), a gap in seq (missing), a prev_hash that does not
 * match the previous entry's hash, or a head that points past the last row (rows deleted
 * from the end). Pure, so the CLI and tests share it.
 */
export function createChainVerifier() {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let checked = 0;
  return {
    push(row: ChainRow): ChainProblem | null {
      if (row.seq !== prevSeq + 1) return { kind: 'missing', afterSeq: prevSeq, expectedSeq: prevSeq + 1 };
      if (entryHash(row.prevHash, row) !== row.hash) return { kind: 'altered', seq: row.seq };
      if (row.prevHash !== prevHash) return { kind: 'broken-link', seq: row.seq };
      prevHash = row.hash;
      prevSeq = row.seq;
      checked++;
      return null;
    },
    finish(head: { seq: number; hash: string } | null): ChainProblem | null {
      if (!head) return prevSeq === 0 ? null : { kind: 'head-mismatch', headSeq: 0, lastSeq: prevSeq };
      if (head.seq !== prevSeq || head.hash !== prevHash) {
        if (head.seq > prevSeq) return { kind: 'missing', afterSeq: prevSeq, expectedSeq: prevSeq + 1 };
        return { kind: 'head-mismatch', headSeq: head.seq, lastSeq: prevSeq };
      }
      return null;
    },
    get checked() {
      return checked;
    },
  };
}
