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
