import { describe, expect, it } from 'vitest';
import { type AuditFields, type ChainRow, createChainVerifier, entryHash, GENESIS_HASH } from './hash-chain.ts';

function fields(seq: number, over: Partial<AuditFields> = {}): AuditFields {
  return {
    seq,
    provinceCode: 'T1',
    at: `2026-03-02T03:00:0${seq % 10}.000Z`,
    actorUserId: 7,
    actorUsername: 'admin',
    actorRole: 'system_admin',
    actorUnitId: null,
    requestId: `req-${seq}`,
    action: 'user.create',
    entityType: 'user',
    entityId: String(seq),
    before: null,
    after: JSON.stringify({ n: seq }),
    ...over,
  };
}

/** A valid chain of n rows, as appendAudit would write it. */
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const f = fields(seq);
    const hash = entryHash(prev, f);
    rows.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function verify(rows: ChainRow[], head: { seq: number; hash: string } | null) {
  const v = createChainVerifier();
  for (const r of rows) {
    const problem = v.push(r);
    if (problem) return { problem, checked: v.checked };
  }
  return { problem: v.finish(head), checked: v.checked };
}

const headOf = (rows: ChainRow[]) => {
  const last = rows.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
};

describe('entryHash', () => {
  it('is a deterministic sha256 hex digest', () => {
    expect(entryHash(GENESIS_HASH, fields(1))).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS_HASH, fields(1))).toBe(entryHash(GENESIS_HASH, fields(1)));
  });

  it('changes when any covered field or the previous hash changes', () => {
    const base = entryHash(GENESIS_HASH, fields(1));
    const variants: Partial<AuditFields>[] = [
      { seq: 2 },
      { provinceCode: 'T2' },
      { at: '2026-03-02T03:00:01.001Z' },
      { actorUserId: 8 },
      { actorUsername: 'someone' },
      { actorRole: 'province_admin' },
      { actorUnitId: 3 },
      { requestId: 'other' },
      { action: 'user.disable' },
      { entityType: 'staff' },
      { entityId: '2' },
      { before: '{}' },
      { after: JSON.stringify({ n: 2 }) },
    ];
    for (const v of variants) expect({ v, same: entryHash(GENESIS_HASH, fields(1, v)) === base }).toEqual({ v, same: false });
    expect(entryHash('1'.repeat(64), fields(1))).not.toBe(base);
  });

  it('keeps null and the string "null" apart', () => {
    expect(entryHash(GENESIS_HASH, fields(1, { entityId: null }))).not.toBe(entryHash(GENESIS_HASH, fields(1, { entityId: 'null' })));
  });
});

describe('createChainVerifier', () => {
  it('accepts an intact chain and an empty log', () => {
    const rows = chain(5);
    expect(verify(rows, headOf(rows))).toEqual({ problem: null, checked: 5 });
    expect(verify([], null)).toEqual({ problem: null, checked: 0 });
  });

  it('reports an entry whose content was edited', () => {
    const rows = chain(4);
    rows[1] = { ...(rows[1] as ChainRow), after: JSON.stringify({ n: 99 }) };
    expect(verify(rows, headOf(rows))).toEqual({ problem: { kind: 'altered', seq: 2 }, checked: 1 });
  });

  it('reports an entry that was re-hashed after editing (the next link breaks)', () => {
    const rows = chain(4);
    const edited = fields(2, { after: '{"n":99}' });
    rows[1] = { ...edited, prevHash: rows[0]?.hash ?? '', hash: entryHash(rows[0]?.hash ?? '', edited) };
    expect(verify(rows, headOf(rows)).problem).toEqual({ kind: 'broken-link', seq: 3 });
  });

  it('reports a deleted middle entry as missing', () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(verify(rows, headOf(rows)).problem).toEqual({ kind: 'missing', afterSeq: 2, expectedSeq: 3 });
  });

  it('reports entries deleted from the end through the head', () => {
    const rows = chain(5);
    const head = headOf(rows);
    expect(verify(rows.slice(0, 4), head).problem).toEqual({ kind: 'missing', afterSeq: 4, expectedSeq: 5 });
    expect(verify([], head).problem).toEqual({ kind: 'missing', afterSeq: 0, expectedSeq: 1 });
  });

  it('reports a head that disagrees with the log', () => {
    const rows = chain(3);
    expect(verify(rows, null).problem).toEqual({ kind: 'head-mismatch', headSeq: 0, lastSeq: 3 });
    expect(verify(rows, { seq: 2, hash: rows[1]?.hash ?? '' }).problem).toEqual({ kind: 'head-mismatch', headSeq: 2, lastSeq: 3 });
    expect(verify(rows, { seq: 3, hash: 'f'.repeat(64) }).problem).toEqual({ kind: 'head-mismatch', headSeq: 3, lastSeq: 3 });
  });

  it('reports a first entry that does not start from the genesis hash', () => {
    const f = fields(1);
    const rows = [{ ...f, prevHash: 'a'.repeat(64), hash: entryHash('a'.repeat(64), f) }];
    expect(verify(rows, headOf(rows)).problem).toEqual({ kind: 'broken-link', seq: 1 });
  });
});
