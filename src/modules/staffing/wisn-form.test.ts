import { describe, expect, it } from 'vitest';
import { WisnInputSchema } from './staffing.schemas.ts';
import { compacted, formDefaults, inputFromValues, toNumber, valuesFromForm, withRowAdded } from './wisn-form.ts';

describe('the WISN calculator form', () => {
  it('reads typed numbers: blank is absent, a point or comma decimal is a number, anything else stays text', () => {
    expect(toNumber('')).toBeUndefined();
    expect(toNumber(' 12 ')).toBe(12);
    expect(toNumber('7.5')).toBe(7.5);
    expect(toNumber('7,5')).toBe(7.5);
    expect(toNumber('abc')).toBe('abc');
    expect(toNumber('1e3')).toBe('1e3');
  });

  it('defaults to the 5-day, 8-hour week with 11 public-holiday days, and a few blank rows', () => {
    const d = formDefaults();
    expect(d.workingTime).toMatchObject({ daysPerWeek: '5', hoursPerDay: '8', weeksPerYear: '52', publicHolidayDays: '11' });
    expect([d.service.length, d.support.length, d.additional.length]).toEqual([3, 2, 2]);
  });

  it('maps posted rows by index, drops blank rows so paths match the rows shown, and keeps one blank row to type into', () => {
    const { values, add } = valuesFromForm({
      'workingTime.hoursPerDay': '8',
      'service.0.name': '',
      'service.0.annualWorkload': '',
      'service.0.standardUnit': 'hours_per_item',
      'service.1.name': 'Khai sinh',
      'service.1.annualWorkload': '1200',
      'service.1.standard': '30',
      'service.1.standardUnit': 'minutes_per_item',
      actualStaff: '2',
    });
    expect(add).toBeNull();
    expect(values.service).toHaveLength(2);
    const shown = compacted(values);
    expect(shown.service.map((r) => r.name)).toEqual(['Khai sinh', '']);
    const input = inputFromValues(shown) as { service: unknown[]; workingTime: Record<string, unknown> };
    expect(input.service).toEqual([{ name: 'Khai sinh', annualWorkload: 1200, standard: 30, standardUnit: 'minutes_per_item' }]);
    expect(input.workingTime).toEqual({ hoursPerDay: 8 });
  });

  it('adds a row to the section whose button was pressed, and ignores unknown sections', () => {
    const { values, add } = valuesFromForm({ add: 'support', 'support.0.name': 'Họp', 'support.0.time': '2' });
    expect(add).toBe('support');
    expect(withRowAdded(values, 'support').support).toHaveLength(2);
    expect(valuesFromForm({ add: 'nope' }).add).toBeNull();
  });

  it('turns the example form into an input the schema accepts', () => {
    const v = formDefaults();
    v.service[0] = { name: 'A', annualWorkload: '10', standard: '5', standardUnit: 'minutes_per_item' };
    v.actualStaff = '1';
    expect(WisnInputSchema.safeParse(inputFromValues(compacted(v))).success).toBe(true);
  });
});
