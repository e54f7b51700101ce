import { describe, expect, it } from 'vitest';
import { nextStamp, normalisedInstant } from './post-stamp.ts';

describe('nextStamp', () => {
  it('uses now for a new line and when time has moved on', () => {
    expect(nextStamp(null, '2026-03-02T03:00:00.000Z')).toBe('2026-03-02T03:00:00.000Z');
    expect(nextStamp('2026-03-02T02:59:59.999Z', '2026-03-02T03:00:00.000Z')).toBe('2026-03-02T03:00:00.000Z');
  });

  it('moves one millisecond past the previous stamp when now is not later', () => {
    expect(nextStamp('2026-03-02T03:00:00.000Z', '2026-03-02T03:00:00.000Z')).toBe('2026-03-02T03:00:00.001Z');
    expect(nextStamp('2026-03-02T04:00:00.000Z', '2026-03-02T03:00:00.000Z')).toBe('2026-03-02T04:00:00.001Z');
  });
});

describe('normalisedInstant', () => {
  it('spells an instant with an offset as UTC milliseconds', () => {
    expect(normalisedInstant('2026-03-02T10:00:00+07:00')).toBe('2026-03-02T03:00:00.000Z');
    expect(normalisedInstant('not a date')).toBeNull();
  });
});
