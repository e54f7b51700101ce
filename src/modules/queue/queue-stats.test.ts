import { describe, expect, it } from 'vitest';
import { queueStatistics, serviceSeconds, summarise, type TicketTimes, waitSeconds } from './queue-stats.ts';

const at = (min: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, 0) + min * 60_000).toISOString();
const ticket = (field: string, status: string, issued: number, called: number | null, served: number | null, finished: number | null) =>
  ({
    field,
    status,
    issuedAt: at(issued),
    calledAt: called === null ? null : at(called),
    servedAt: served === null ? null : at(served),
    finishedAt: finished === null ? null : at(finished),
  }) satisfies TicketTimes;

describe('queue statistics', () => {
  it('summarises average and median (even and odd counts)', () => {
    expect(summarise([])).toEqual({ count: 0, averageSeconds: null, medianSeconds: null });
    expect(summarise([300, 60, 120])).toEqual({ count: 3, averageSeconds: 160, medianSeconds: 120 });
    expect(summarise([60, 120, 180, 600])).toEqual({ count: 4, averageSeconds: 240, medianSeconds: 150 });
  });

  it('measures wait to the first call and service from its start (or the call) to the finish', () => {
    expect(waitSeconds(ticket('LAND', 'WAITING', 0, null, null, null))).toBeNull();
    expect(waitSeconds(ticket('LAND', 'CALLED', 0, 12, null, null))).toBe(720);
    expect(serviceSeconds(ticket('LAND', 'DONE', 0, 12, 14, 24))).toBe(600);
    expect(serviceSeconds(ticket('LAND', 'DONE', 0, 12, null, 20))).toBe(480);
    expect(serviceSeconds(ticket('LAND', 'NO_SHOW', 0, 12, null, 15))).toBeNull();
  });

  it('groups by field in the given order, then a total row', () => {
    const rows = queueStatistics(
      [
        ticket('LAND', 'DONE', 0, 10, 10, 30),
        ticket('CIVIL_STATUS', 'DONE', 0, 4, 5, 9),
        ticket('CIVIL_STATUS', 'NO_SHOW', 1, 7, null, 9),
        ticket('CIVIL_STATUS', 'WAITING', 2, null, null, null),
      ],
      ['CIVIL_STATUS', 'LAND'],
    );
    expect(rows.map((r) => r.field)).toEqual(['CIVIL_STATUS', 'LAND', null]);
    expect(rows[0]).toEqual({
      field: 'CIVIL_STATUS',
      issued: 3,
      served: 1,
      noShow: 1,
      wait: { count: 2, averageSeconds: 300, medianSeconds: 300 },
      service: { count: 1, averageSeconds: 240, medianSeconds: 240 },
    });
    expect(rows[2]).toMatchObject({ issued: 4, served: 2, noShow: 1, wait: { count: 3, medianSeconds: 360 } });
    expect(rows[2]?.service).toEqual({ count: 2, averageSeconds: 720, medianSeconds: 720 });
  });
});
