import { describe, expect, it } from 'vitest';
import { domainToday, formatDate, formatInstant, formatNumber } from './format.ts';

describe('date formatting in Asia/Ho_Chi_Minh', () => {
  it('shows calendar dates as dd/mm/yyyy without shifting them through a zone', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    expect(formatDate(null)).toBe('');
  });

  it('shows a UTC instant in Vietnam time (UTC+7), across midnight', () => {
    expect(formatInstant('2026-03-01T18:30:00.000Z')).toBe('02/03/2026 01:30');
  });

  it("computes Vietnam's calendar day, not the server's", () => {
    expect(domainToday(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
    expect(domainToday(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
  });

  it('gives remembered dates equal to a fresh computation, instant after instant across midnights', () => {
    const fresh = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
    const start = Date.parse('2026-12-31T16:00:00Z');
    // Every 7 minutes 13 seconds for two days, twice (the second pass reads what the first remembered).
    for (let pass = 0; pass < 2; pass++)
      for (let t = start; t < start + 2 * 86_400_000; t += 433_000) {
        expect(domainToday(new Date(t)), new Date(t).toISOString()).toBe(fresh.format(new Date(t)));
      }
    expect(domainToday(new Date('2026-12-31T16:59:59.999Z'))).toBe('2026-12-31');
    expect(domainToday(new Date('2026-12-31T17:00:00.000Z'))).toBe('2027-01-01');
  });
});

describe('number formatting', () => {
  it("uses each locale's separators and the requested precision, whatever was formatted before", () => {
    expect(formatNumber(1234.567, 'vi', 1)).toBe('1.234,6');
    expect(formatNumber(1234.567, 'en', 2)).toBe('1,234.57');
    expect(formatNumber(1234.567, 'vi')).toBe('1.235');
    expect(formatNumber(1234.567, 'id', 1)).toBe('1.234,6');
    expect(formatNumber(1234.567, 'vi', 1)).toBe('1.234,6');
    expect(formatNumber(null, 'vi')).toBe('');
  });

  it('keeps working past its bound on remembered formatters', () => {
    for (let digits = 0; digits <= 20; digits++) for (const l of ['vi', 'en', 'id']) formatNumber(1, l, digits);
    expect(formatNumber(0.5, 'en', 1)).toBe('0.5');
  });
});
