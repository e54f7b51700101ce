import { describe, expect, it } from 'vitest';
import { SingleFlight, singleFlightPerDatabase } from './single-flight.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('gives concurrent callers of one key the same run, and other keys their own', async () => {
    const flight = new SingleFlight<{ n: number }>();
    const gate = deferred<void>();
    let runs = 0;
    const compute = async () => {
      runs++;
      await gate.promise;
      return { n: runs };
    };
    const a = flight.run('T1|2026-11', compute);
    const b = flight.run('T1|2026-11', compute);
    const c = flight.run('T1|2026-10', compute);
    expect(flight.size).toBe(2);
    gate.resolve();
    const [ra, rb, rc] = await Promise.all([a, b, c]);
    expect(ra).toBe(rb);
    expect(rc).not.toBe(ra);
    expect(runs).toBe(2);
    expect(flight.size).toBe(0);
  });

  it('computes afresh once a run has settled: nothing is kept', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    expect(await flight.run('k', async () => ++runs)).toBe(1);
    expect(await flight.run('k', async () => ++runs)).toBe(2);
  });

  it('fails everyone who joined a failed run, then forgets it', async () => {
    const flight = new SingleFlight<number>();
    const gate = deferred<number>();
    const a = flight.run('k', () => gate.promise);
    const b = flight.run('k', async () => 99);
    gate.reject(new Error('database gone'));
    await expect(a).rejects.toThrow('database gone');
    await expect(b).rejects.toThrow('database gone');
    expect(await flight.run('k', async () => 7)).toBe(7);
  });

  it('keeps one flight per database handle', async () => {
    const flightOf = singleFlightPerDatabase<string>();
    const dbA = {};
    const dbB = {};
    expect(flightOf(dbA)).toBe(flightOf(dbA));
    const gate = deferred<string>();
    const a = flightOf(dbA).run('same key', () => gate.promise);
    const b = flightOf(dbB).run('same key', async () => 'from B');
    gate.resolve('from A');
    expect(await Promise.all([a, b])).toEqual(['from A', 'from B']);
  });
});
