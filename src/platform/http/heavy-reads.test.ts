import { afterEach, describe, expect, it, vi } from 'vitest';
import { Bulkhead } from './heavy-reads.ts';

describe('Bulkhead', () => {
  afterEach(() => vi.useRealTimers());

  it('runs up to its concurrency at once and hands a released slot to the longest waiter', async () => {
    const b = new Bulkhead(2, 10_000);
    const r1 = await b.acquire();
    const r2 = await b.acquire();
    expect(r1).toBeTypeOf('function');
    expect(r2).toBeTypeOf('function');
    expect(b.running).toBe(2);
    const order: string[] = [];
    const third = b.acquire().then((r) => {
      order.push('third');
      return r;
    });
    const fourth = b.acquire().then((r) => {
      order.push('fourth');
      return r;
    });
    expect(b.waiting).toBe(2);
    if (r1 === false) throw new Error('no slot');
    r1();
    r1(); // a second call of the same release frees nothing more
    const r3 = await third;
    expect(order).toEqual(['third']);
    expect(b.running).toBe(2);
    expect(b.waiting).toBe(1);
    if (r2 === false || r3 === false) throw new Error('no slot');
    r2();
    const r4 = await fourth;
    r3();
    if (r4 === false) throw new Error('no slot');
    r4();
    expect(b.running).toBe(0);
    expect(b.waiting).toBe(0);
  });

  it('answers false to a waiter whose wait ran out, and forgets it', async () => {
    vi.useFakeTimers();
    const b = new Bulkhead(1, 500);
    const r1 = await b.acquire();
    const waiter = b.acquire();
    vi.advanceTimersByTime(499);
    expect(b.waiting).toBe(1);
    vi.advanceTimersByTime(1);
    expect(await waiter).toBe(false);
    expect(b.waiting).toBe(0);
    if (r1 === false) throw new Error('no slot');
    r1();
    expect(b.running).toBe(0);
  });
});
