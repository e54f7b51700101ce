import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedInstant, zonedParts } from './zoned-time.ts';

/** The slow, obviously right answer: Intl for every instant, no cache. */
function reference(instant: Date, timeZone: string): { date: string; msOfDay: number } {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(instant)) p[part.type] = part.value;
  const msOfDay = (Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second)) * 1000 + instant.getUTCMilliseconds();
  return { date: `${p.year}-${p.month}-${p.day}`, msOfDay };
}

// Vietnam (fixed +07:00 since 1975, but +08:00 before), zones with DST, a half-hour DST zone.
const ZONES = ['Asia/Ho_Chi_Minh', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
const instants = fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2040, 0, 1) }).map((t) => new Date(t));

describe('zoned time with the per-day offset cache', () => {
  it('gives the same local date and time of day as Intl, including on DST transition days', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
        expect(zonedParts(instant, zone)).toEqual(reference(instant, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('is exact around the 2026 New York spring-forward and autumn-back instants', () => {
    const transitions = [Date.UTC(2026, 2, 8, 7, 0, 0), Date.UTC(2026, 10, 1, 6, 0, 0)];
    for (const t of transitions) {
      for (const delta of [-3_600_001, -1, 0, 1, 1_800_000, 3_600_000]) {
        const instant = new Date(t + delta);
        expect(zonedParts(instant, 'America/New_York')).toEqual(reference(instant, 'America/New_York'));
      }
    }
  });

  it('zonedInstant inverts zonedParts in Asia/Ho_Chi_Minh', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1976, 0, 1), max: Date.UTC(2040, 0, 1) }), (t) => {
        const { date, msOfDay } = zonedParts(new Date(t), 'Asia/Ho_Chi_Minh');
        expect(zonedInstant(date, msOfDay, 'Asia/Ho_Chi_Minh').getTime()).toBe(t);
      }),
    );
  });

  it('refuses an invalid instant as Intl does', () => {
    expect(() => zonedParts(new Date(Number.NaN), 'Asia/Ho_Chi_Minh')).toThrow(RangeError);
  });
});
