import { describe, expect, it } from 'vitest';
import {
  addContributions,
  type PausedDossier,
  pausedContribution,
  type ServiceCounts,
  serviceEvidence,
  summariseRatings,
} from './service-evidence.ts';

const LEVELS = [
  { code: 'VERY_SATISFIED', unsatisfied: false },
  { code: 'SATISFIED', unsatisfied: false },
  { code: 'UNSATISFIED', unsatisfied: true },
];

const counts = (over: Partial<ServiceCounts> = {}): ServiceCounts => ({
  linkedAccounts: 1,
  received: 0,
  handled: 0,
  finished: 0,
  finishedOnTime: 0,
  overdueOpen: 0,
  ratingsByLevel: {},
  ...over,
});

describe('service evidence', () => {
  it('gives no figures, not zeros, without a linked account or without dossiers', () => {
    expect(serviceEvidence(counts({ linkedAccounts: 0, received: 3 }), LEVELS)).toEqual({
      status: 'NO_DATA',
      reason: 'NO_LINKED_ACCOUNT',
      figures: null,
    });
    expect(serviceEvidence(counts(), LEVELS)).toEqual({ status: 'NO_DATA', reason: 'NO_DOSSIERS', figures: null });
  });

  it('computes the on-time share of finished dossiers only, null when none finished', () => {
    const e = serviceEvidence(counts({ received: 5, handled: 4, finished: 4, finishedOnTime: 3, overdueOpen: 1 }), LEVELS);
    expect(e.status).toBe('DATA');
    expect(e.figures).toMatchObject({ received: 5, handled: 4, finished: 4, finishedOnTime: 3, onTimeShare: 0.75, overdueOpen: 1 });
    expect(serviceEvidence(counts({ received: 2 }), LEVELS).figures?.onTimeShare).toBeNull();
  });

  it('averages ratings on a 1…n scale, best level scoring n', () => {
    const r = summariseRatings({ VERY_SATISFIED: 2, SATISFIED: 1, UNSATISFIED: 1 }, LEVELS);
    expect(r).toEqual({
      count: 4,
      average: (3 * 2 + 2 + 1) / 4,
      scaleMax: 3,
      satisfiedShare: 0.75,
      byLevel: [
        { code: 'VERY_SATISFIED', count: 2 },
        { code: 'SATISFIED', count: 1 },
        { code: 'UNSATISFIED', count: 1 },
      ],
    });
    expect(summariseRatings({}, LEVELS)).toMatchObject({ count: 0, average: null, satisfiedShare: null });
    // Ratings alone are service data.
    expect(serviceEvidence(counts({ ratingsByLevel: { SATISFIED: 1 } }), LEVELS).status).toBe('DATA');
  });
});

describe('paused dossiers', () => {
  const end = new Date('2026-03-01T00:00:00Z');
  const measured = new Date('2026-02-20T00:00:00Z');
  // A stand-in for the working calendar: pushes the due date back by the paused time as is.
  const extend = (due: Date, ms: number) => new Date(due.getTime() + ms);
  const d = (over: Partial<PausedDossier>): PausedDossier => ({
    status: 9,
    dueAt: '2026-02-10T10:00:00.000Z',
    pausedMs: 2 * 3_600_000,
    finishedAt: '2026-02-10T11:00:00.000Z',
    supplementRequests: 1,
    ...over,
  });

  it('is on time when it finished within the due date pushed back by its pause', () => {
    expect(pausedContribution(d({}), end, measured, 2, extend)).toEqual({ handled: 1, finished: 1, finishedOnTime: 1, overdueOpen: 0 });
    expect(pausedContribution(d({ pausedMs: 1_800_000 }), end, measured, 2, extend).finishedOnTime).toBe(0);
  });

  it('counts a repeated supplement request as late, as the 766 rule does', () => {
    expect(pausedContribution(d({ supplementRequests: 2 }), end, measured, 2, extend).finishedOnTime).toBe(0);
  });

  it('counts an open dossier past its extended due date as overdue, unless its clock is stopped now', () => {
    const open = d({ status: 4, finishedAt: null });
    expect(pausedContribution(open, end, measured, 2, extend)).toEqual({ handled: 1, finished: 0, finishedOnTime: 0, overdueOpen: 1 });
    expect(pausedContribution({ ...open, status: 5 }, end, measured, 2, extend).overdueOpen).toBe(0);
    expect(pausedContribution({ ...open, dueAt: null }, end, measured, 2, extend).overdueOpen).toBe(0);
  });

  it('adds contributions to the grouped counts', () => {
    const base = { handled: 3, finished: 2, finishedOnTime: 1, overdueOpen: 0 };
    expect(addContributions(base, [pausedContribution(d({}), end, measured, 2, extend)])).toEqual({
      handled: 4,
      finished: 3,
      finishedOnTime: 2,
      overdueOpen: 0,
    });
  });
});
