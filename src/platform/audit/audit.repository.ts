import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { fixedQuery } from '../db/fixed-query.ts';
import { type AuditFields, type ChainProblem, createChainVerifier, entryHash, GENESIS_HASH } from './hash-chain.ts';

export type AuditInput = Omit<AuditFields, 'seq' | 'before' | 'after'> & {
  before?: unknown;
  after?: unknown;
};

export type AuditEntry = AuditFields & { prevHash: string; hash: string };

const AUDIT_LOCK_KEY = 7_420_001;

/** Entries per insert statement: 15 parameters each, far under both drivers' limits. */
const ENTRIES_PER_STATEMENT = 500;

function toJson(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

type Head = { seq: number; hash: string };

/**
 * The chain head this process last wrote: a guess, never trusted. The fast path moves the
 * head only where it still equals this guess (one conditional update, which on PostgreSQL
 * also takes the head row's lock and re-checks after a concurrent appender commits); any
 * other writer in between — another process, a rolled-back transaction, a raw SQL fix —
 * makes that update match nothing, and the append falls back to locking and reading the head.
 */
let headGuess: Head | null = null;

function chained(head: Head | null, inputs: readonly AuditInput[]): AuditEntry[] {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let seq = head?.seq ?? 0;
  return inputs.map((input) => {
    seq += 1;
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
    const entry = { ...fields, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

type MoveHead = { seq: number; hash: string; guessSeq: number; guessHash: string };

const moveHeadIfUnchanged = fixedQuery<MoveHead, never>((db, p) =>
  db
    .updateTable('auditHead')
    .set({ seq: p('seq'), hash: p('hash') })
    .where('id', '=', 1)
    .where('seq', '=', p('guessSeq'))
    .where('hash', '=', p('guessHash')),
);

type EntryParams = MoveHead & { [K in keyof AuditEntry as `e_${K}`]: AuditEntry[K] };

const entryColumns = [
  'seq',
  'provinceCode',
  'at',
  'actorUserId',
  'actorUsername',
  'actorRole',
  'actorUnitId',
  'requestId',
  'action',
  'entityType',
  'entityId',
  'before',
  'after',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditEntry)[];

/**
 * PostgreSQL, one entry: move the head where it equals the guess and insert the entry only
 * if it moved, in one statement (one round trip while the head row is locked).
 */
const appendOneIfHeadIs = fixedQuery<EntryParams, never>((db, p) =>
  db
    .with('moved', (w) =>
      w
        .updateTable('auditHead')
        .set({ seq: p('seq'), hash: p('hash') })
        .where('id', '=', 1)
        .where('seq', '=', p('guessSeq'))
        .where('hash', '=', p('guessHash'))
        .returning('id'),
    )
    .insertInto('auditLog')
    .columns([...entryColumns])
    .expression((eb) => eb.selectFrom('moved').select(entryColumns.map((c) => eb.val(p(`e_${c}`)).as(c)))),
);

const insertOne = fixedQuery<EntryParams, never>((db, p) =>
  db.insertInto('auditLog').values(Object.fromEntries(entryColumns.map((c) => [c, p(`e_${c}`)])) as AuditEntry),
);

function entryParams(guess: Head, entries: readonly AuditEntry[]): EntryParams {
  const last = entries.at(-1) as AuditEntry;
  const first = entries[0] as AuditEntry;
  const params: Record<string, unknown> = { seq: last.seq, hash: last.hash, guessSeq: guess.seq, guessHash: guess.hash };
  for (const c of entryColumns) params[`e_${c}`] = first[c];
  return params as EntryParams;
}

async function insertEntries(trx: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 1) {
    await insertOne(trx, entryParams({ seq: 0, hash: '' }, entries));
    return;
  }
  for (let i = 0; i < entries.length; i += ENTRIES_PER_STATEMENT) {
    await trx
      .insertInto('auditLog')
      .values(entries.slice(i, i + ENTRIES_PER_STATEMENT))
      .execute();
  }
}

/** The fast path: writes the entries after the guessed head, or nothing and answers false. */
async function appendAfterGuess(trx: Db, guess: Head, entries: readonly AuditEntry[]): Promise<boolean> {
  const last = entries.at(-1) as AuditEntry;
  if (entries.length === 1 && dialectOf(trx) === 'postgres') {
    return (await appendOneIfHeadIs(trx, entryParams(guess, entries))).numAffectedRows === 1;
  }
  const moved = await moveHeadIfUnchanged(trx, { seq: last.seq, hash: last.hash, guessSeq: guess.seq, guessHash: guess.hash });
  if (moved.numAffectedRows !== 1) return false;
  await insertEntries(trx, entries);
  return true;
}

/**
 * The head, locked until the transaction ends. On PostgreSQL `for update` waits for any
 * appender holding the head row (a failed fast-path update keeps its lock too), then reads
 * the committed head; the advisory lock only serialises the very first appends, when there
 * is no head row to lock yet (taking it whenever the row exists could deadlock with a
 * fast-path appender that holds the row and falls back to here). On SQLite the write
 * transaction already serialises appends.
 */
async function lockedHead(trx: Db): Promise<Head | null> {
  if (dialectOf(trx) === 'postgres') {
    const read = () => trx.selectFrom('auditHead').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirst();
    let row = await read();
    if (!row) {
      await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
      row = await read();
    }
    return row ? { seq: Number(row.seq), hash: row.hash } : null;
  }
  const row = await trx.selectFrom('auditHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/**
 * Appends entries to the hash chain, in order. Call it inside the transaction that makes the
 * change, so the entries and the change commit or roll back together. Several entries (a
 * re-timing's one per dossier) take one head update and one insert per 500 entries.
 */
export async function appendAuditEntries(trx: Db, inputs: readonly AuditInput[]): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  const guess = headGuess;
  if (guess) {
    const entries = chained(guess, inputs);
    if (await appendAfterGuess(trx, guess, entries)) {
      headGuess = entries.at(-1) ?? null;
      return entries;
    }
  }
  const head = await lockedHead(trx);
  const entries = chained(head, inputs);
  const last = entries.at(-1) as AuditEntry;
  await insertEntries(trx, entries);
  if (head) {
    await trx.updateTable('auditHead').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
  } else {
    await trx.insertInto('auditHead').values({ id: 1, seq: last.seq, hash: last.hash }).execute();
  }
  headGuess = { seq: last.seq, hash: last.hash };
  return entries;
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction that makes the
 * change, so the entry and the change commit or roll back together.
 */
export async function appendAudit(trx: Db, input: AuditInput): Promise<AuditEntry> {
  const [entry] = await appendAuditEntries(trx, [input]);
  return entry as AuditEntry;
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
