import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_SEED } from '../../../platform/db/migrations/0005-calendar-and-rules.ts';
import { defaultRulesUsed, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { addWorkingDays, buildCalendar } from '../../calendar/working-days.ts';
import {
  type CalendarData,
  dueState,
  effectiveDueAt,
  extendByWorkingMs,
  needsApology,
  pausedWorkingMs,
  workingMsBetween,
} from './due-state.ts';
import { initialState, type LifecycleState, type Pause } from './state-machine.ts';

const cal: CalendarData = { calendar: buildCalendar(HOLIDAY_SEED), rules: toWorkingTimeRules(defaultRulesUsed()) };
/** A wall-clock time in Vietnam (UTC+7). Office hours by default: 07:30–11:30 and 13:00–17:00. */
const vn = (local: string) => new Date(`${local}+07:00`);
const H = 3_600_000;

/** A dossier received at the counter at `received` with a limit of `days` working days. */
function received(at: string, days: number, changes: Partial<LifecycleState> = {}): LifecycleState {
  const due = addWorkingDays(vn(at), days, cal.calendar, cal.rules).due;
  return { ...initialState('COUNTER', vn(at), due), status: 4, stepIndex: 1, ...changes };
}

describe('working time', () => {
  it('counts office hours only: Mon 10:00 → Tue 09:00 is 1.5 + 4 + 1.5 = 7 hours', () => {
    expect(workingMsBetween(vn('2026-03-02T10:00:00'), vn('2026-03-03T09:00:00'), cal)).toBe(7 * H);
    expect(workingMsBetween(vn('2026-03-03T09:00:00'), vn('2026-03-02T10:00:00'), cal)).toBe(0);
    // Lunch and the weekend do not count: Fri 11:00 → Mon 08:00 = 0.5 + 4 + 0.5.
    expect(workingMsBetween(vn('2026-03-06T11:00:00'), vn('2026-03-09T08:00:00'), cal)).toBe(5 * H);
  });

  it('stops walking once past stopAbove, and gives the exact time when it is not passed', () => {
    const from = vn('2026-02-12T14:00:00');
    const to = vn('2026-02-24T10:00:00');
    // 21.5 h in all; past 8 h the walk stops at the end of the first working day past it (Mon 23 Feb: 3 + 8 = 11 h).
    expect(workingMsBetween(from, to, cal, 8 * H)).toBe(11 * H);
    expect(workingMsBetween(from, to, cal, 21.5 * H)).toBe(21.5 * H);
    expect(workingMsBetween(from, to, cal, 100 * H)).toBe(21.5 * H);
  });

  it('skips the Tết 2026 break: Thu 12 Feb 14:00 → Tue 24 Feb 10:00 is 3 + 8 + 8 + 2.5 = 21.5 hours', () => {
    expect(workingMsBetween(vn('2026-02-12T14:00:00'), vn('2026-02-24T10:00:00'), cal)).toBe(21.5 * H);
  });

  it('extends a due date at the close of office from the next opening', () => {
    // Mon 23 Feb 17:00 + 21.5 h: Tue 8 h, Wed 8 h, Thu 07:30–11:30 4 h and 13:00–14:30 1.5 h.
    expect(extendByWorkingMs(vn('2026-02-23T17:00:00'), 21.5 * H, cal)).toEqual(vn('2026-02-26T14:30:00'));
    // Fri 13 Feb 16:00 + 2 h: one hour on Friday, the next after Tết on Mon 23 Feb.
    expect(extendByWorkingMs(vn('2026-02-13T16:00:00'), 2 * H, cal)).toEqual(vn('2026-02-23T08:30:00'));
    expect(extendByWorkingMs(vn('2026-02-13T16:00:00'), 0, cal)).toEqual(vn('2026-02-13T16:00:00'));
  });

  it('is additive and inverts the extension (property)', () => {
    const instant = fc.integer({ min: vn('2026-01-05T00:00:00').getTime(), max: vn('2026-12-20T00:00:00').getTime() });
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p - q).map((n) => new Date(n)) as [Date, Date, Date];
        expect(workingMsBetween(x, z, cal)).toBe(workingMsBetween(x, y, cal) + workingMsBetween(y, z, cal));
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 3000 }), (day, minutes) => {
        const due = new Date(vn('2026-01-30T17:00:00').getTime() + day * 86_400_000);
        const extended = extendByWorkingMs(due, minutes * 60_000, cal);
        expect(workingMsBetween(due, extended, cal)).toBe(minutes * 60_000);
      }),
      { numRuns: 60 },
    );
  });
});

describe('dueState: pauses across Tết 2026, applied once', () => {
  // Received Mon 9 Feb 09:00, 5 working days: Tue 10, Wed 11, Thu 12, Fri 13, then Tết, Mon 23 → due Mon 23 Feb 17:00.
  const pause: Pause = { kind: 'SUPPLEMENT', startedAt: vn('2026-02-12T14:00:00'), endedAt: vn('2026-02-24T10:00:00') };
  const base = () => received('2026-02-09T09:00:00', 5, { pauses: [pause], supplementRequests: 1 });

  it('computes the statutory due date the test relies on', () => {
    expect(base().dueAt).toEqual(vn('2026-02-23T17:00:00'));
  });

  it('pushes the due date back by the 21.5 paused working hours, to Thu 26 Feb 14:30', () => {
    const done = (at: string) => dueState({ ...base(), status: 9, doneAt: vn(at) }, vn('2026-03-01T00:00:00'), cal);
    expect(done('2026-02-26T14:30:00')).toMatchObject({
      value: 'ON_TIME',
      effectiveDueAt: vn('2026-02-26T14:30:00'),
      pausedWorkingMs: 21.5 * H,
    });
    expect(done('2026-02-26T14:30:00.001')?.value).toBe('LATE');
    expect(done('2026-02-25T16:00:00')?.value).toBe('EARLY');
    // Subtracting the wall-clock pause (11 days 20 hours) from the finish as well would call Mar 5 on time; it is late.
    expect(done('2026-03-05T10:00:00')?.value).toBe('LATE');
  });

  it('counts an open pause up to now, so a paused dossier does not run out of time', () => {
    const paused: LifecycleState = { ...base(), status: 5, pauses: [{ ...pause, endedAt: null }] };
    const r = dueState(paused, vn('2026-03-10T09:00:00'), cal);
    expect(r?.value).toBe('NOT_DUE');
    expect(r && r.effectiveDueAt.getTime() > vn('2026-03-10T09:00:00').getTime()).toBe(true);
    const unpaused = dueState({ ...base(), pauses: [] }, vn('2026-03-10T09:00:00'), cal);
    expect(unpaused?.value).toBe('OVERDUE');
  });

  it('uses the pause only up to the finish, however late it is asked', () => {
    const open: Pause = { ...pause, endedAt: null };
    const finished: LifecycleState = { ...base(), status: 8, pauses: [open], stoppedAt: vn('2026-02-24T10:00:00') };
    expect(effectiveDueAt(finished, vn('2026-06-01T00:00:00'), cal)?.pausedWorkingMs).toBe(21.5 * H);
  });
});

describe('dueState: around the due instant', () => {
  // Received Mon 2 Mar 09:00, 3 working days → due Thu 5 Mar 17:00.
  const s = () => received('2026-03-02T09:00:00', 3);
  const at = (local: string, near = 1) => dueState(s(), vn(local), cal, near)?.value;

  it('is not due, near due within one working day of office time, then overdue after the instant', () => {
    expect(s().dueAt).toEqual(vn('2026-03-05T17:00:00'));
    expect(at('2026-03-04T16:59:00')).toBe('NOT_DUE'); // 1 minute + 8 hours left
    expect(at('2026-03-04T17:00:00')).toBe('NEAR_DUE'); // exactly 8 hours left
    expect(at('2026-03-05T17:00:00')).toBe('NEAR_DUE');
    expect(at('2026-03-05T17:00:00.001')).toBe('OVERDUE');
    expect(at('2026-03-03T17:00:00', 2)).toBe('NEAR_DUE');
    expect(at('2026-03-04T17:00:00', 0)).toBe('NOT_DUE');
  });

  it('finishes EARLY on an earlier local day, ON_TIME on the due day up to the instant, LATE after', () => {
    const fin = (local: string) => dueState({ ...s(), status: 9, doneAt: vn(local) }, vn('2026-04-01T00:00:00'), cal)?.value;
    expect(fin('2026-03-04T23:59:59')).toBe('EARLY');
    expect(fin('2026-03-05T00:00:00')).toBe('ON_TIME');
    expect(fin('2026-03-05T17:00:00')).toBe('ON_TIME');
    expect(fin('2026-03-05T17:00:01')).toBe('LATE');
  });

  it('takes the finish by priority DONE > RETURNED > STOPPED/REFUSED', () => {
    const both = { ...s(), status: 10 as const, doneAt: vn('2026-03-05T10:00:00'), returnedAt: vn('2026-03-09T10:00:00') };
    expect(dueState(both, vn('2026-04-01T00:00:00'), cal)).toMatchObject({ value: 'ON_TIME', finishedAt: vn('2026-03-05T10:00:00') });
    const stopped = { ...s(), status: 8 as const, stoppedAt: vn('2026-03-06T10:00:00') };
    expect(dueState(stopped, vn('2026-04-01T00:00:00'), cal)?.value).toBe('LATE');
  });

  it('has no overlay before reception or after a withdrawal', () => {
    expect(dueState(initialState('ONLINE', vn('2026-03-02T09:00:00'), null), vn('2026-03-03T09:00:00'), cal)).toBeNull();
    expect(dueState({ ...s(), status: 7, withdrawnAt: vn('2026-03-03T09:00:00') }, vn('2026-03-09T09:00:00'), cal)).toBeNull();
  });
});

describe('needsApology', () => {
  const s = () => received('2026-03-02T09:00:00', 3); // due Thu 5 Mar 17:00

  it('asks for a slip once at most the lead time of office hours is left, and after the due date', () => {
    expect(needsApology(s(), vn('2026-03-04T16:59:00'), cal, 1)).toBe(false);
    expect(needsApology(s(), vn('2026-03-04T17:00:00'), cal, 1)).toBe(true);
    expect(needsApology(s(), vn('2026-03-06T09:00:00'), cal, 1)).toBe(true);
    expect(needsApology(s(), vn('2026-03-03T17:00:00'), cal, 2)).toBe(true);
    expect(needsApology(s(), vn('2026-03-03T16:00:00'), cal, 2)).toBe(false);
  });

  it('is satisfied by a slip with a new date, until that date in turn comes near', () => {
    const slipped: LifecycleState = {
      ...s(),
      apologySlips: [{ issuedAt: vn('2026-03-04T17:00:00'), newDueAt: vn('2026-03-10T17:00:00') }],
    };
    expect(needsApology(slipped, vn('2026-03-05T09:00:00'), cal, 1)).toBe(false);
    expect(needsApology(slipped, vn('2026-03-09T16:59:00'), cal, 1)).toBe(false);
    expect(needsApology(slipped, vn('2026-03-09T17:00:00'), cal, 1)).toBe(true);
  });

  it('is false while paused, before reception and once finished', () => {
    const now = vn('2026-03-06T09:00:00');
    expect(
      needsApology(
        { ...s(), status: 5, pauses: [{ kind: 'SUPPLEMENT', startedAt: vn('2026-03-04T09:00:00'), endedAt: null }] },
        now,
        cal,
        1,
      ),
    ).toBe(false);
    expect(needsApology(initialState('ONLINE', vn('2026-03-02T09:00:00'), null), now, cal, 1)).toBe(false);
    expect(needsApology({ ...s(), status: 9, doneAt: vn('2026-03-05T09:00:00') }, now, cal, 1)).toBe(false);
  });
});

describe('pausing never makes a dossier later (property)', () => {
  const RANK = { EARLY: 0, ON_TIME: 1, LATE: 2, NOT_DUE: 0, NEAR_DUE: 1, OVERDUE: 2 } as const;
  const t0 = vn('2026-02-02T09:00:00').getTime();
  const minute = 60_000;

  it('gives an effective due date no earlier and a state no worse than without the pauses', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 })), { maxLength: 3 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.boolean(),
        (days, gaps, nowOffset, finished) => {
          const s = received('2026-02-02T09:00:00', days);
          let t = t0;
          const pauses: Pause[] = gaps.map(([wait, length]) => {
            const start = t + wait * minute;
            t = start + length * minute;
            return { kind: 'PAYMENT', startedAt: new Date(start), endedAt: new Date(t) };
          });
          const now = new Date(t + nowOffset * minute);
          const end = finished ? { status: 9 as const, doneAt: now } : {};
          const without = dueState({ ...s, ...end }, now, cal);
          const withPauses = dueState({ ...s, ...end, pauses }, now, cal);
          if (!without || !withPauses) throw new Error('a received dossier has a due state');
          expect(withPauses.effectiveDueAt.getTime()).toBeGreaterThanOrEqual(without.effectiveDueAt.getTime());
          expect(RANK[withPauses.value]).toBeLessThanOrEqual(RANK[without.value]);
          expect(pausedWorkingMs(pauses, now, cal)).toBe(withPauses.pausedWorkingMs);
        },
      ),
      { numRuns: 150 },
    );
  });
});
