import { describe, expect, it } from 'vitest';
import { fixedClock } from '../time/clock.ts';
import { Scheduler } from './schedule.ts';

describe('scheduler', () => {
  it('runs each schedule once at the first call, then only after its interval', async () => {
    const clock = fixedClock('2026-03-02T03:00:00.000Z');
    const s = new Scheduler(clock);
    const runs: string[] = [];
    s.add({ name: 'fast', everyMs: 60_000, run: async (now) => runs.push(`fast@${now.toISOString().slice(11, 16)}`) });
    s.add({ name: 'slow', everyMs: 15 * 60_000, run: async () => runs.push('slow') });
    expect(await s.runDue()).toEqual(['fast', 'slow']);
    expect(await s.runDue()).toEqual([]);
    clock.set('2026-03-02T03:01:00.000Z');
    expect(await s.runDue()).toEqual(['fast']);
    clock.set('2026-03-02T03:15:00.000Z');
    expect(await s.runDue()).toEqual(['fast', 'slow']);
    expect(runs).toEqual(['fast@03:00', 'slow', 'fast@03:01', 'fast@03:15', 'slow']);
  });

  it('logs a failing schedule and waits for its interval instead of retrying at every poll', async () => {
    const clock = fixedClock('2026-03-02T03:00:00.000Z');
    const warnings: string[] = [];
    const s = new Scheduler(clock, { warn: (_o, msg) => warnings.push(msg) });
    let calls = 0;
    s.add({
      name: 'broken',
      everyMs: 60_000,
      run: async () => {
        calls += 1;
        throw new Error('boom');
      },
    });
    expect(await s.runDue()).toEqual(['broken']);
    expect(await s.runDue()).toEqual([]);
    expect(calls).toBe(1);
    expect(warnings).toHaveLength(1);
  });

  it('never overlaps itself and refuses a duplicate name or a bad interval', async () => {
    const clock = fixedClock('2026-03-02T03:00:00.000Z');
    const s = new Scheduler(clock);
    let release: () => void = () => {};
    s.add({ name: 'long', everyMs: 1, run: () => new Promise<void>((r) => (release = r)) });
    const first = s.runDue();
    expect(await s.runDue()).toEqual([]);
    release();
    expect(await first).toEqual(['long']);
    expect(() => s.add({ name: 'long', everyMs: 1, run: async () => {} })).toThrow(/twice/);
    expect(() => s.add({ name: 'zero', everyMs: 0, run: async () => {} })).toThrow(/positive/);
  });
});
