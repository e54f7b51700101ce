import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_SEED } from '../../../platform/db/migrations/0005-calendar-and-rules.ts';
import { defaultRulesUsed, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { buildCalendar } from '../../calendar/working-days.ts';
import { type CalendarData, dueState, nearDueUntil } from '../lifecycle/due-state.ts';
import { initialState, type LifecycleStep } from '../lifecycle/state-machine.ts';
import type { DueBounds } from './inbox.repository.ts';
import { actionableGroups, compareInbox, plainDueBounds } from './inbox-rules.ts';

const cal: CalendarData = { calendar: buildCalendar(HOLIDAY_SEED), rules: toWorkingTimeRules(defaultRulesUsed()) };
/** A wall-clock time in Vietnam (UTC+7). Office hours by default: 07:30–11:30 and 13:00–17:00. */
const vn = (local: string) => new Date(`${local}+07:00`);
const H = 3_600_000;

/** A plain open dossier (never paused, no slip) due at `due`, as `dueState` sees it. */
const plainDueState = (due: Date, now: Date, lead: number) =>
  dueState({ ...initialState('COUNTER', vn('2026-01-05T08:00:00'), due), status: 4, stepIndex: 1 }, now, cal, lead)?.value;

/** What the repository's bounds select, in JavaScript (ISO instants compare as text). */
const within = (b: DueBounds, dueIso: string) =>
  (b.before === undefined || dueIso < b.before) &&
  (b.from === undefined || dueIso >= b.from) &&
  (b.until === undefined || dueIso <= b.until) &&
  (b.after === undefined || dueIso > b.after);

describe('nearDueUntil', () => {
  it('is the last instant still near due: one working day from Monday 10:00 ends Tuesday 10:00', () => {
    const now = vn('2026-03-02T10:00:00');
    const until = nearDueUntil(now, 1, cal);
    expect(until.toISOString()).toBe(vn('2026-03-03T10:00:00').toISOString());
    expect(plainDueState(until, now, 1)).toBe('NEAR_DUE');
    expect(plainDueState(new Date(until.getTime() + 1), now, 1)).toBe('NOT_DUE');
  });

  it('runs through the lunch break, the night and the weekend that follow the last working minute', () => {
    // Friday 15:00 + 8 office hours ends Monday 15:00; from Friday 17:00 they end Monday 17:00,
    // and everything up to Tuesday's opening (no office time past the lead yet) is still within it.
    expect(nearDueUntil(vn('2026-03-06T15:00:00'), 1, cal).getTime()).toBe(vn('2026-03-09T15:00:00').getTime());
    const evening = nearDueUntil(vn('2026-03-06T17:00:00'), 1, cal);
    expect(evening.getTime()).toBe(vn('2026-03-10T07:30:00').getTime());
    // No lead at all: only what is due by the next opening is near due.
    expect(nearDueUntil(vn('2026-03-06T18:00:00'), 0, cal).getTime()).toBe(vn('2026-03-09T07:30:00').getTime());
  });

  it('agrees with dueState to the millisecond for any instant and lead', () => {
    const instant = fc.integer({ min: vn('2026-01-05T00:00:00').getTime(), max: vn('2026-12-20T00:00:00').getTime() });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 5 }), (nowMs, lead) => {
        const now = new Date(nowMs);
        const until = nearDueUntil(now, lead, cal);
        expect(plainDueState(until, now, lead)).toBe('NEAR_DUE');
        expect(plainDueState(new Date(until.getTime() + 1), now, lead)).toBe('NOT_DUE');
      }),
      { numRuns: 200 },
    );
  });
});

describe('plainDueBounds', () => {
  it('selects exactly the plain dossiers whose due state is the one filtered on', () => {
    const instant = fc.integer({ min: vn('2026-01-05T00:00:00').getTime(), max: vn('2026-12-20T00:00:00').getTime() });
    fc.assert(
      fc.property(instant, fc.integer({ min: -20 * 24 * H, max: 20 * 24 * H }), fc.integer({ min: 0, max: 3 }), (nowMs, offset, lead) => {
        const now = new Date(nowMs);
        const due = new Date(nowMs + offset);
        const state = plainDueState(due, now, lead);
        for (const filter of ['OVERDUE', 'NEAR_DUE', 'NOT_DUE'] as const)
          expect(within(plainDueBounds(filter, now, cal, lead), due.toISOString())).toBe(state === filter);
      }),
      { numRuns: 300 },
    );
  });
});

describe('actionableGroups', () => {
  const workflow: LifecycleStep[] = [
    { code: 'RECEPTION', roles: ['counter_officer'] },
    { code: 'SPECIALIST', roles: ['field_specialist'] },
    { code: 'APPROVAL', roles: ['unit_leader'] },
    { code: 'RETURN', roles: ['counter_officer'] },
  ];
  const workflowOf = (id: number) => (id === 99 ? undefined : workflow);
  const now = vn('2026-03-02T10:00:00');
  const counter = { userId: 1, role: 'counter_officer' as const };

  it('keeps the groups the role can act on, by status and step with their procedures', () => {
    const groups = [
      { procedureId: 1, status: 2, stepIndex: 0, count: 5 }, // received: the counter starts processing
      { procedureId: 2, status: 2, stepIndex: 0, count: 1 },
      { procedureId: 1, status: 9, stepIndex: 3, count: 2 }, // done: the counter returns the result
      { procedureId: 1, status: 4, stepIndex: 1, count: 7 }, // with the specialist: only withdrawal, not work
      { procedureId: 99, status: 2, stepIndex: 0, count: 3 }, // a procedure not visible: nothing
    ];
    expect(actionableGroups(counter, groups, workflowOf, now)).toEqual([
      { status: 2, stepIndex: 0, procedureIds: [1, 2] },
      { status: 9, stepIndex: 3, procedureIds: [1] },
    ]);
  });

  it('gives a leader only what waits at the approval step', () => {
    const groups = [
      { procedureId: 1, status: 2, stepIndex: 0, count: 5 },
      { procedureId: 1, status: 4, stepIndex: 2, count: 1 },
    ];
    expect(actionableGroups({ userId: 2, role: 'unit_leader' }, groups, workflowOf, now)).toEqual([
      { status: 4, stepIndex: 2, procedureIds: [1] },
    ]);
  });
});

describe('compareInbox', () => {
  it('puts overdue first, then near due, then the rest by appointment (none last), then by id', () => {
    const d = (iso: string) => new Date(iso);
    const keys = [
      { id: 6, due: null, appointment: null },
      { id: 5, due: 'NOT_DUE' as const, appointment: d('2026-03-09T00:00:00Z') },
      { id: 4, due: 'EARLY' as const, appointment: d('2026-03-04T00:00:00Z') },
      { id: 3, due: 'NEAR_DUE' as const, appointment: d('2026-03-03T00:00:00Z') },
      { id: 2, due: 'OVERDUE' as const, appointment: d('2026-03-10T00:00:00Z') },
      { id: 1, due: 'OVERDUE' as const, appointment: d('2026-03-10T00:00:00Z') },
      { id: 0, due: 'OVERDUE' as const, appointment: d('2026-02-25T00:00:00Z') },
    ];
    expect([...keys].sort(compareInbox).map((k) => k.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
