import { describe, expect, it } from 'vitest';
import { preparedStatementLru } from './prepared-lru.mjs';

/** A stand-in connection that counts how often each SQL text is prepared. */
function countingDb() {
  const prepared: string[] = [];
  return {
    prepared,
    prepare(sql: string) {
      prepared.push(sql);
      return { sql, serial: prepared.length };
    },
  };
}

describe('preparedStatementLru', () => {
  it('prepares each SQL text once and hands back the same statement after', () => {
    const db = countingDb();
    const lru = preparedStatementLru(db, 3);
    const first = lru.prepare('select 1');
    expect(lru.prepare('select 1')).toBe(first);
    expect(db.prepared).toEqual(['select 1']);
  });

  it('pushes out the least recently used statement, not the oldest prepared', () => {
    const db = countingDb();
    const lru = preparedStatementLru(db, 2);
    lru.prepare('a');
    lru.prepare('b');
    lru.prepare('a'); // a is now the most recent
    lru.prepare('c'); // pushes out b
    expect(lru.size).toBe(2);
    lru.prepare('a');
    expect(db.prepared).toEqual(['a', 'b', 'c']);
    lru.prepare('b');
    expect(db.prepared).toEqual(['a', 'b', 'c', 'b']);
  });

  it('forgets everything on clear', () => {
    const db = countingDb();
    const lru = preparedStatementLru(db, 2);
    lru.prepare('a');
    lru.clear();
    expect(lru.size).toBe(0);
    lru.prepare('a');
    expect(db.prepared).toEqual(['a', 'a']);
  });
});

describe('preparedStatementLru, bounded by SQL text', () => {
  it('pushes out the least recently used statements to stay within the characters budget', () => {
    const db = countingDb();
    const lru = preparedStatementLru(db, 100, 100);
    lru.prepare('a'.repeat(8));
    lru.prepare('b'.repeat(8));
    lru.prepare('a'.repeat(8)); // a is now the most recent
    for (let i = 0; i < 10; i++) lru.prepare(`${i}`.repeat(9));
    expect(lru.chars).toBeLessThanOrEqual(100);
    // b went first, then a; the last statements stay.
    lru.prepare('9'.repeat(9));
    expect(db.prepared.filter((s) => s === '9'.repeat(9))).toHaveLength(1);
    lru.prepare('b'.repeat(8));
    expect(db.prepared.filter((s) => s === 'b'.repeat(8))).toHaveLength(2);
  });

  it('never keeps a statement longer than a tenth of the budget, and prepares it every time', () => {
    const db = countingDb();
    const lru = preparedStatementLru(db, 100, 100);
    const long = 'x'.repeat(11);
    lru.prepare(long);
    lru.prepare(long);
    expect(db.prepared).toEqual([long, long]);
    expect(lru.size).toBe(0);
    expect(lru.chars).toBe(0);
  });

  it('counts characters back to zero on clear', () => {
    const lru = preparedStatementLru(countingDb(), 10, 1_000);
    lru.prepare('select 1');
    expect(lru.chars).toBe(8);
    lru.clear();
    expect(lru.chars).toBe(0);
  });
});
