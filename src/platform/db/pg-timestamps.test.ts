import { describe, expect, it } from 'vitest';
import { pgTimestamptzToIso } from './pg-timestamps.ts';

describe('pgTimestamptzToIso', () => {
  it('gives what new Date(text).toISOString() gives, for every fraction length and other forms', () => {
    const samples = [
      '2026-11-30 10:00:00+00',
      '2026-11-30 10:00:00.5+00',
      '2026-11-30 10:00:00.12+00',
      '2026-11-30 10:00:00.123+00',
      '2026-11-30 10:00:00.1234+00',
      '2026-11-30 10:00:00.99999+00',
      '2026-11-30 23:59:59.999999+00',
      '2024-02-29 00:00:00.000001+00',
      // Not the UTC form: the Date path.
      '2026-11-30 17:00:00+07',
      '2026-11-30 03:00:00.25-05:30',
    ];
    for (const text of samples) expect(pgTimestamptzToIso(text), text).toBe(new Date(text).toISOString());
  });

  it('keeps milliseconds and drops microseconds', () => {
    expect(pgTimestamptzToIso('2026-01-02 03:04:05.678901+00')).toBe('2026-01-02T03:04:05.678Z');
    expect(pgTimestamptzToIso('2026-01-02 03:04:05+00')).toBe('2026-01-02T03:04:05.000Z');
  });

  it('refuses what is not an instant, as Date does', () => {
    expect(() => pgTimestamptzToIso('infinity')).toThrow(RangeError);
  });
});
