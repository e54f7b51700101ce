import { describe, expect, it } from 'vitest';
import type { SuppliedList } from './supplied.schemas.ts';
import { bodyOfForm } from './supplied-form.ts';

const list: SuppliedList = {
  unit: { code: '10001', name: 'Xã A' },
  period: { token: '2026-01', kind: 'MONTH', year: 2026, number: 1, from: '2026-01-01', to: '2026-02-01' },
  items: [
    { indicator: '1.1', level: 'PROVINCE', editable: false, entry: null },
    {
      indicator: '3.5',
      level: 'UNIT',
      editable: true,
      entry: {
        numerator: 2,
        denominator: 4,
        sourceNote: 'Báo cáo',
        unit: { code: '10001', name: 'Xã A' },
        period: '2026-01',
        enteredBy: { id: 1, name: 'A' },
        enteredAt: '2026-02-01T00:00:00.000Z',
        version: 3,
      },
    },
    { indicator: '5.2', level: 'UNIT', editable: true, entry: null },
  ],
};

describe('bodyOfForm', () => {
  it('leaves out blank and unchanged rows, and read-only indicators', () => {
    const form = { 'n.3.5': '2', 'd.3.5': '4', 's.3.5': 'Báo cáo', 'v.3.5': '3', 'n.5.2': '', 'd.5.2': '', 's.5.2': '', 'n.1.1': '5' };
    expect(bodyOfForm(form, list)).toEqual({ kind: 'empty' });
  });

  it('turns a changed row into an item with the version shown', () => {
    const form = {
      'n.3.5': '3',
      'd.3.5': '4',
      's.3.5': 'Báo cáo',
      'v.3.5': '3',
      'n.5.2': ' 7 ',
      'd.5.2': '9',
      's.5.2': 'Sổ PAKN',
      'v.5.2': '0',
    };
    expect(bodyOfForm(form, list)).toEqual({
      kind: 'ok',
      body: {
        items: [
          { indicator: '3.5', numerator: 3, denominator: 4, sourceNote: 'Báo cáo', version: 3 },
          { indicator: '5.2', numerator: 7, denominator: 9, sourceNote: 'Sổ PAKN', version: 0 },
        ],
      },
    });
  });

  it('names the fields that are wrong: a numerator above the denominator, a missing source, a non-number', () => {
    const over = bodyOfForm({ 'n.5.2': '10', 'd.5.2': '9', 's.5.2': 'x', 'v.5.2': '0' }, list);
    expect(over).toEqual({ kind: 'invalid', fields: ['n.5.2'] });
    const noSource = bodyOfForm({ 'n.5.2': '1', 'd.5.2': '9', 's.5.2': ' ', 'v.5.2': '0' }, list);
    expect(noSource).toEqual({ kind: 'invalid', fields: ['s.5.2'] });
    const text = bodyOfForm({ 'n.5.2': 'mười', 'd.5.2': '-1', 's.5.2': 'x', 'v.5.2': '0' }, list);
    expect(text).toMatchObject({ kind: 'invalid', fields: expect.arrayContaining(['n.5.2', 'd.5.2']) });
  });
  it('turns a ticked clear box on a stored row into a clear item, whatever values are beside it', () => {
    const form = { 'n.3.5': '9', 'd.3.5': '9', 's.3.5': 'x', 'v.3.5': '3', 'c.3.5': '1', 'c.5.2': '1' };
    // 5.2 has nothing stored: its box (which the page does not show) is ignored.
    expect(bodyOfForm(form, list)).toEqual({ kind: 'ok', body: { items: [{ indicator: '3.5', clear: true, version: 3 }] } });
  });
});
