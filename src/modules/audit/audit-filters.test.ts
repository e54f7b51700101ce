import { describe, expect, it } from 'vitest';
import { compactJson, parseDateBound } from './audit-filters.ts';

describe('parseDateBound', () => {
  it('reads dd/mm/yyyy as a day in Vietnam (UTC+7)', () => {
    expect(parseDateBound('02/03/2026', 'from')).toBe('2026-03-01T17:00:00.000Z');
    expect(parseDateBound('02/03/2026', 'to')).toBe('2026-03-02T17:00:00.000Z');
    expect(parseDateBound('2/3/2026', 'from')).toBe('2026-03-01T17:00:00.000Z');
  });

  it('reads ISO dates and instants', () => {
    expect(parseDateBound('2026-03-02', 'from')).toBe('2026-03-01T17:00:00.000Z');
    expect(parseDateBound('2026-03-02T10:00:00+07:00', 'from')).toBe('2026-03-02T03:00:00.000Z');
    expect(parseDateBound('2026-03-02T03:00:00Z', 'to')).toBe('2026-03-02T03:00:00.001Z');
  });

  it('treats empty input as no bound', () => {
    expect(parseDateBound(undefined, 'from')).toBeUndefined();
    expect(parseDateBound('  ', 'to')).toBeUndefined();
  });

  it('refuses impossible or ambiguous dates', () => {
    for (const bad of ['31/02/2026', '00/01/2026', '2026-13-01', '12/31/2026', 'yesterday', '2026-03-02T10:00', '02-03-2026']) {
      expect({ bad, bound: parseDateBound(bad, 'from') }).toEqual({ bad, bound: null });
    }
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseDateBound('29/02/2028', 'from')).toBe('2028-02-28T17:00:00.000Z');
    expect(parseDateBound('29/02/2026', 'from')).toBeNull();
  });
});

describe('compactJson', () => {
  it('pretty-prints and cuts long values', () => {
    expect(compactJson(null)).toBeNull();
    expect(compactJson('{"a":1}')).toBe('{\n "a": 1\n}');
    const long = compactJson(JSON.stringify({ text: 'x'.repeat(500) }), 50);
    expect(long).toHaveLength(51);
    expect(long?.endsWith('…')).toBe(true);
    expect(compactJson('not json')).toBe('not json');
  });
});
