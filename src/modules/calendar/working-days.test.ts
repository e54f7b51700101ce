import { describe, expect, it } from 'vitest';
import { HOLIDAY_SEED } from '../../platform/db/migrations/0005-calendar-and-rules.ts';
import { defaultRulesUsed, toWorkingTimeRules } from './calendar-rules.ts';
import {
  addCalendarDays,
  addWorkingDays,
  addWorkingHours,
  buildCalendar,
  type DueDateResult,
  isWorkingDay,
  type WorkingTimeRules,
} from './working-days.ts';
import { weekdayOf } from './zoned-time.ts';

const calendar = buildCalendar(HOLIDAY_SEED);
const rules = toWorkingTimeRules(defaultRulesUsed());
const withRules = (changes: Partial<WorkingTimeRules>): WorkingTimeRules => ({ ...rules, ...changes });
/** A wall-clock time in Vietnam (UTC+7, no daylight saving since 1975). */
const vn = (local: string) => new Date(`${local}+07:00`);
const iso = (local: string) => vn(local).toISOString();
const skippedDates = (r: DueDateResult) => r.skipped.map((e) => e.date);

describe('the seeded calendar (domain.md §8)', () => {
  it('puts swapped working days on weekends, days off in lieu on weekdays, one entry per date', () => {
    for (const e of HOLIDAY_SEED) {
      const weekday = weekdayOf(e.date);
      if (e.kind === 'WORKING_SATURDAY') expect({ date: e.date, weekday }).toEqual({ date: e.date, weekday: 6 });
      if (e.kind === 'COMPENSATORY_DAY_OFF')
        expect({ date: e.date, weekend: weekday === 0 || weekday === 6 }).toEqual({ date: e.date, weekend: false });
    }
    expect(new Set(HOLIDAY_SEED.map((e) => e.date)).size).toBe(HOLIDAY_SEED.length);
  });

  it('holds the Tết 2026 break (Sat 14 – Sun 22 Feb) and marks undecided 2026 dates provisional', () => {
    for (const d of ['2026-02-14', '2026-02-16', '2026-02-18', '2026-02-20', '2026-02-22'])
      expect(isWorkingDay(d, calendar, rules)).toBe(false);
    expect(isWorkingDay('2026-02-13', calendar, rules)).toBe(true);
    expect(isWorkingDay('2026-02-23', calendar, rules)).toBe(true);
    expect(HOLIDAY_SEED.filter((e) => e.date.startsWith('2026') && !e.confirmed).map((e) => e.date)).toEqual([
      '2026-01-02',
      '2026-01-10',
      '2026-09-01',
    ]);
  });

  it('treats a swapped working Saturday as a working day and a plain Saturday as a day off', () => {
    expect(isWorkingDay('2025-04-26', calendar, rules)).toBe(true);
    expect(isWorkingDay('2025-04-19', calendar, rules)).toBe(false);
    expect(isWorkingDay('2025-04-19', calendar, withRules({ saturdaysCount: true }))).toBe(true);
    expect(isWorkingDay('2025-04-20', calendar, withRules({ saturdaysCount: true }))).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('counts across the Tết 2026 break: received Fri 13 Feb, 3 working days → Wed 25 Feb 17:00', () => {
    const r = addWorkingDays(vn('2026-02-13T10:00'), 3, calendar, rules);
    expect(r.receivedOn).toBe('2026-02-13');
    expect(r.due.toISOString()).toBe(iso('2026-02-25T17:00'));
    expect(r.dueDate).toBe('2026-02-25');
    expect(skippedDates(r)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(r.skipped.every((e) => e.confirmed)).toBe(true);
  });

  it('moves a receipt after the 15:00 cut-off to the next working day (after Tết)', () => {
    const late = addWorkingDays(vn('2026-02-13T15:30'), 3, calendar, rules);
    expect(late.receivedOn).toBe('2026-02-23');
    expect(late.startsCountingAt.toISOString()).toBe(iso('2026-02-23T07:30'));
    expect(late.due.toISOString()).toBe(iso('2026-02-26T17:00'));
    expect(skippedDates(late)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    const onTheHour = addWorkingDays(vn('2026-02-13T15:00'), 3, calendar, rules);
    expect(onTheHour.receivedOn).toBe('2026-02-13');
    const aSecondLater = addWorkingDays(vn('2026-02-13T15:00:01'), 3, calendar, rules);
    expect(aSecondLater.receivedOn).toBe('2026-02-23');
  });

  it('follows a configured cut-off, and still moves a receipt after the office closes', () => {
    expect(addWorkingDays(vn('2026-03-02T16:00'), 1, calendar, withRules({ cutoffMs: 16.5 * 3_600_000 })).receivedOn).toBe('2026-03-02');
    expect(addWorkingDays(vn('2026-03-02T18:00'), 1, calendar, withRules({ cutoffMs: 24 * 3_600_000 })).receivedOn).toBe('2026-03-03');
  });

  it('counts from the next working day when received on a holiday or a weekend', () => {
    const onTet = addWorkingDays(vn('2026-02-17T09:00'), 1, calendar, rules);
    expect(onTet.receivedOn).toBe('2026-02-23');
    expect(onTet.due.toISOString()).toBe(iso('2026-02-24T17:00'));
    expect(skippedDates(onTet)).toEqual(['2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    const onSaturday = addWorkingDays(vn('2026-03-07T10:00'), 1, calendar, rules);
    expect(onSaturday.receivedOn).toBe('2026-03-09');
    expect(onSaturday.dueDate).toBe('2026-03-10');
  });

  it('counts a swapped working Saturday and skips the swapped day off (30 April 2025)', () => {
    const one = addWorkingDays(vn('2025-04-25T09:00'), 1, calendar, rules);
    expect(one.due.toISOString()).toBe(iso('2025-04-26T17:00'));
    expect(one.workingSaturdays.map((e) => e.date)).toEqual(['2025-04-26']);
    const four = addWorkingDays(vn('2025-04-25T09:00'), 4, calendar, rules);
    expect(four.dueDate).toBe('2025-05-05');
    expect(skippedDates(four)).toEqual(['2025-04-30', '2025-05-01', '2025-05-02']);
  });

  it('crosses year ends, flags provisional days and years with no calendar', () => {
    const newYear2026 = addWorkingDays(vn('2025-12-31T10:00'), 1, calendar, rules);
    expect(newYear2026.dueDate).toBe('2026-01-05');
    expect(newYear2026.skipped.map((e) => [e.date, e.confirmed])).toEqual([
      ['2026-01-01', true],
      ['2026-01-02', false],
    ]);
    expect(addWorkingDays(vn('2026-12-31T10:00'), 2, calendar, rules).dueDate).toBe('2027-01-05');
    const beyond = addWorkingDays(vn('2027-12-31T10:00'), 1, calendar, rules);
    expect(beyond.dueDate).toBe('2028-01-03');
    expect(beyond.yearsWithoutCalendar).toEqual([2028]);
    expect(newYear2026.yearsWithoutCalendar).toEqual([]);
  });

  it('gives the end of the day of receipt for 0 days, and midnight when so configured', () => {
    expect(addWorkingDays(vn('2026-03-02T09:00'), 0, calendar, rules).due.toISOString()).toBe(iso('2026-03-02T17:00'));
    const midnight = addWorkingDays(vn('2026-03-02T09:00'), 2, calendar, withRules({ deadlineEndOfDay: 'midnight' }));
    expect(midnight.due.toISOString()).toBe('2026-03-04T16:59:59.999Z');
    expect(midnight.dueDate).toBe('2026-03-04');
  });

  it('counts Saturdays when the rule says so', () => {
    expect(addWorkingDays(vn('2026-03-06T10:00'), 1, calendar, withRules({ saturdaysCount: true })).dueDate).toBe('2026-03-07');
    expect(addWorkingDays(vn('2026-03-06T10:00'), 1, calendar, rules).dueDate).toBe('2026-03-09');
  });

  it('reads the wall clock in Vietnam: 23:30 UTC on Sunday is already Monday morning there', () => {
    const r = addWorkingDays(new Date('2026-03-01T23:30:00Z'), 1, calendar, rules);
    expect(r.receivedOn).toBe('2026-03-02');
    expect(r.dueDate).toBe('2026-03-03');
  });
});

describe('addWorkingHours', () => {
  it('counts only office hours, across the lunch break', () => {
    const r = addWorkingHours(vn('2026-03-02T10:00'), 4, calendar, rules);
    expect(r.startsCountingAt.toISOString()).toBe(iso('2026-03-02T10:00'));
    expect(r.due.toISOString()).toBe(iso('2026-03-02T15:30'));
  });

  it('starts after lunch for a receipt at noon, and the next morning after the cut-off', () => {
    const noon = addWorkingHours(vn('2026-03-02T12:00'), 2, calendar, rules);
    expect(noon.startsCountingAt.toISOString()).toBe(iso('2026-03-02T13:00'));
    expect(noon.due.toISOString()).toBe(iso('2026-03-02T15:00'));
    const late = addWorkingHours(vn('2026-03-02T16:00'), 4, calendar, rules);
    expect(late.due.toISOString()).toBe(iso('2026-03-03T11:30'));
  });

  it('carries the rest over the Tết break', () => {
    const r = addWorkingHours(vn('2026-02-13T14:00'), 8, calendar, rules);
    expect(r.due.toISOString()).toBe(iso('2026-02-23T14:00'));
    expect(skippedDates(r)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('gives the start itself for 0 hours', () => {
    const r = addWorkingHours(vn('2026-03-02T06:45'), 0, calendar, rules);
    expect(r.due.toISOString()).toBe(iso('2026-03-02T07:30'));
  });
});

describe('addCalendarDays', () => {
  it('moves a period ending on a day off to the next working day (Civil Code Art. 148)', () => {
    const r = addCalendarDays(vn('2026-02-10T09:00'), 5, calendar, rules);
    expect(r.due.toISOString()).toBe(iso('2026-02-23T17:00'));
    expect(skippedDates(r)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    const fixed = addCalendarDays(vn('2026-02-10T09:00'), 5, calendar, withRules({ calendarDaysRollForward: false }));
    expect(fixed.dueDate).toBe('2026-02-15');
    expect(fixed.skipped).toEqual([]);
  });

  it('counts every day in between, holidays included', () => {
    expect(addCalendarDays(vn('2026-03-02T09:00'), 30, calendar, rules).due.toISOString()).toBe(iso('2026-04-01T17:00'));
    expect(addCalendarDays(vn('2026-02-12T09:00'), 12, calendar, rules).dueDate).toBe('2026-02-24');
  });
});
