import { describe, expect, it } from 'vitest';
import { defaultRulesUsed, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { addPeriod, type CalendarEntry } from '../../calendar/working-days.ts';
import { type CalendarChange, calendarsAround, changedDates, planRetiming, type RetimeCandidate, retimeWindow } from './retiming.ts';

const RULES = toWorkingTimeRules(defaultRulesUsed());
const TZ = 'Asia/Ho_Chi_Minh';

const entry = (date: string, kind: CalendarEntry['kind'] = 'HOLIDAY'): CalendarEntry => ({
  date,
  kind,
  nameVi: `Ngày ${date}`,
  nameEn: `Day ${date}`,
  confirmed: true,
});

/** A calendar already holding an unrelated entry, so the before/after rebuild keeps others. */
const OTHER = entry('2026-04-30');

const candidate = (
  id: number,
  startedAt: string,
  dueAt: string,
  amount = 3,
  unit: RetimeCandidate['deadline']['unit'] = 'working_days',
) => ({
  id,
  provinceCode: 'T1',
  startedAt,
  dueAt,
  deadline: { amount, unit },
  rules: RULES,
});

const added = (date: string, kind: CalendarEntry['kind'] = 'HOLIDAY'): { change: CalendarChange; now: CalendarEntry[] } => ({
  change: { before: null, after: entry(date, kind) },
  now: [OTHER, entry(date, kind)],
});
const removed = (date: string): { change: CalendarChange; now: CalendarEntry[] } => ({
  change: { before: entry(date), after: null },
  now: [OTHER],
});

describe('changedDates', () => {
  it('names each touched date once, in order', () => {
    expect(changedDates({ before: null, after: entry('2026-03-04') })).toEqual(['2026-03-04']);
    expect(changedDates({ before: entry('2026-03-06'), after: entry('2026-03-04') })).toEqual(['2026-03-04', '2026-03-06']);
    expect(changedDates({ before: entry('2026-03-04'), after: entry('2026-03-04', 'COMPENSATORY_DAY_OFF') })).toEqual(['2026-03-04']);
  });
});

describe('retimeWindow', () => {
  it('is bounded by the local midnights around the changed days', () => {
    expect(retimeWindow(['2026-03-04'], TZ)).toEqual({ startedBefore: '2026-03-04T17:00:00.000Z', dueFrom: '2026-03-03T17:00:00.000Z' });
    expect(retimeWindow(['2026-03-09', '2026-03-04'], TZ)).toEqual({
      startedBefore: '2026-03-09T17:00:00.000Z',
      dueFrom: '2026-03-03T17:00:00.000Z',
    });
  });

  it('refuses an empty change', () => {
    expect(() => retimeWindow([], TZ)).toThrow();
  });
});

describe('calendarsAround', () => {
  it('rebuilds the calendar before an addition, a removal and an edit', () => {
    const add = calendarsAround(added('2026-03-04').now, added('2026-03-04').change);
    expect([...add.before.entries.keys()]).toEqual(['2026-04-30']);
    expect([...add.after.entries.keys()].sort()).toEqual(['2026-03-04', '2026-04-30']);
    const rem = calendarsAround(removed('2026-03-04').now, removed('2026-03-04').change);
    expect([...rem.before.entries.keys()].sort()).toEqual(['2026-03-04', '2026-04-30']);
    expect([...rem.after.entries.keys()]).toEqual(['2026-04-30']);
    const edit = calendarsAround([OTHER, entry('2026-03-05')], { before: entry('2026-03-04'), after: entry('2026-03-05') });
    expect([...edit.before.entries.keys()].sort()).toEqual(['2026-03-04', '2026-04-30']);
    expect([...edit.after.entries.keys()].sort()).toEqual(['2026-03-05', '2026-04-30']);
  });
});

describe('planRetiming', () => {
  // Monday 2 March 2026, 10:00 in Vietnam, plus 3 working days: Thursday 5 March at 17:00.
  const MONDAY = '2026-03-02T03:00:00.000Z';
  const THURSDAY_CLOSE = '2026-03-05T10:00:00.000Z';
  const FRIDAY_CLOSE = '2026-03-06T10:00:00.000Z';

  it('moves a dossier whose counting runs over a new holiday one working day later', () => {
    const { change, now } = added('2026-03-04');
    expect(planRetiming([candidate(1, MONDAY, THURSDAY_CLOSE)], calendarsAround(now, change))).toEqual([
      { id: 1, provinceCode: 'T1', fromDueAt: THURSDAY_CLOSE, toDueAt: FRIDAY_CLOSE },
    ]);
  });

  it('moves it back when the holiday is removed', () => {
    const { change, now } = removed('2026-03-04');
    expect(planRetiming([candidate(1, MONDAY, FRIDAY_CLOSE)], calendarsAround(now, change))).toEqual([
      { id: 1, provinceCode: 'T1', fromDueAt: FRIDAY_CLOSE, toDueAt: THURSDAY_CLOSE },
    ]);
  });

  it('leaves dossiers the change does not reach, or already on the new instant', () => {
    const { change, now } = added('2026-03-04');
    const plan = planRetiming(
      [
        // Received the day after the holiday: counting starts after it.
        candidate(2, '2026-03-05T03:00:00.000Z', '2026-03-10T10:00:00.000Z'),
        // One working day from Friday 27 February: due Monday 2 March, before the holiday.
        candidate(3, '2026-02-27T03:00:00.000Z', '2026-03-02T10:00:00.000Z', 1),
        // Already stored with the new instant.
        candidate(4, MONDAY, FRIDAY_CLOSE),
      ],
      calendarsAround(now, change),
    );
    expect(plan).toEqual([]);
  });

  it('does not rewrite a stored instant that differs for a reason other than this change', () => {
    const { change, now } = added('2026-03-20');
    // Computation says Thursday 5 March, stored says Wednesday 4 March; a holiday on 20 March reaches neither.
    expect(planRetiming([candidate(5, MONDAY, '2026-03-04T10:00:00.000Z')], calendarsAround(now, change))).toEqual([]);
  });

  it('moves a dossier earlier when a swapped working Saturday is added inside its counting', () => {
    const { change, now } = added('2026-03-07', 'WORKING_SATURDAY');
    // Thursday 5 March + 2 working days: Friday 6, Monday 9; with Saturday 7 working: Friday 6, Saturday 7.
    const plan = planRetiming([candidate(6, '2026-03-05T03:00:00.000Z', '2026-03-09T10:00:00.000Z', 2)], calendarsAround(now, change));
    expect(plan).toEqual([{ id: 6, provinceCode: 'T1', fromDueAt: '2026-03-09T10:00:00.000Z', toDueAt: '2026-03-07T10:00:00.000Z' }]);
  });

  it('moves a limit in working hours past the new holiday', () => {
    const { change, now } = added('2026-03-03');
    // Monday 10:00 + 8 working hours: Tuesday 10:00 (7 office hours left on Monday); with Tuesday off, Wednesday 10:00.
    const plan = planRetiming([candidate(7, MONDAY, '2026-03-03T03:00:00.000Z', 8, 'hours')], calendarsAround(now, change));
    expect(plan).toEqual([{ id: 7, provinceCode: 'T1', fromDueAt: '2026-03-03T03:00:00.000Z', toDueAt: '2026-03-04T03:00:00.000Z' }]);
  });

  it('plans exactly what walking the calendar per dossier gives, for receipts at any hour and day', () => {
    // Receipts every 37 minutes over ten days (before and after the cut-off, weekends, the holiday itself),
    // with limits in working days, calendar days and hours: shared due instants must not blur any of them.
    const { change, now } = added('2026-03-11');
    const limits: RetimeCandidate['deadline'][] = [
      { amount: 0, unit: 'working_days' },
      { amount: 3, unit: 'working_days' },
      { amount: 10, unit: 'working_days' },
      { amount: 5, unit: 'days' },
      { amount: 8, unit: 'hours' },
    ];
    const candidates: RetimeCandidate[] = [];
    for (let t = Date.parse('2026-03-04T00:00:00.000Z'), id = 1; t < Date.parse('2026-03-14T00:00:00.000Z'); t += 37 * 60_000, id++) {
      const deadline = limits[id % limits.length] as RetimeCandidate['deadline'];
      candidates.push({ ...candidate(id, new Date(t).toISOString(), '2026-12-31T10:00:00.000Z'), deadline });
    }
    const calendars = calendarsAround(now, change);
    const naive = candidates.flatMap((c) => {
      const due = (cal: typeof calendars.before) => addPeriod(new Date(c.startedAt), c.deadline.amount, c.deadline.unit, cal, c.rules).due;
      const [before, after] = [due(calendars.before), due(calendars.after)];
      return before.getTime() === after.getTime()
        ? []
        : [{ id: c.id, provinceCode: 'T1', fromDueAt: c.dueAt, toDueAt: after.toISOString() }];
    });
    expect(naive.length).toBeGreaterThan(100);
    expect(naive.length).toBeLessThan(candidates.length);
    expect(planRetiming(candidates, calendars)).toEqual(naive);
  });
});
