import { describe, expect, it } from 'vitest';
import { domainToday, formatDate, formatInstant } from './format.ts';

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
});
