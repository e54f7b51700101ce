import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { translator } from '../../../../platform/i18n/index.ts';
import { classifyPersonKey, foldDistribution } from '../use-cases/dashboard.ts';
import { blankValues, fieldOfPath, formToBody, formValues, problemMessage } from './campaign-form.ts';
import { slimSvg } from './parts.tsx';

const t = translator('vi');
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, problems: e.fieldProblems };
    throw e;
  }
  throw new Error('no refusal');
};

describe('campaign set-up form', () => {
  it('reads repeated checkboxes as lists and a single one as a one-item list', () => {
    expect(formValues({ name: 'Đợt 1', instruments: 'COMPETENCY', unitIds: ['3', '4'], people: 'a\nb' })).toEqual({
      name: 'Đợt 1',
      year: '',
      periodFrom: '',
      periodTo: '',
      instruments: ['COMPETENCY'],
      scopeKind: '',
      unitIds: ['3', '4'],
      positionCodes: [],
      people: 'a\nb',
    });
  });

  it('builds each kind of scope', () => {
    const v = { ...blankValues(2026), name: ' Đánh giá ', unitIds: ['7', '5'] };
    expect(formToBody(v, [], t)).toEqual({
      name: 'Đánh giá',
      year: 2026,
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      instruments: ['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178'],
      scope: { kind: 'UNITS', unitIds: [7, 5] },
    });
    expect(formToBody({ ...v, scopeKind: 'POSITIONS', positionCodes: ['P.X'] }, [], t).scope).toEqual({
      kind: 'POSITIONS',
      positionCodes: ['P.X'],
      unitIds: [7, 5],
    });
    expect(formToBody({ ...v, scopeKind: 'POSITIONS', unitIds: [], positionCodes: ['P.X'] }, [], t).scope).toEqual({
      kind: 'POSITIONS',
      positionCodes: ['P.X'],
    });
    expect(formToBody({ ...v, scopeKind: 'PEOPLE' }, [9, 2], t).scope).toEqual({ kind: 'PEOPLE', staffIds: [9, 2] });
  });

  it('reports every problem at once, in the reader’s language', () => {
    const r = refusal(() =>
      formToBody({ ...blankValues(2026), name: '', year: '20x6', periodTo: '2026-02-30', instruments: ['NOPE'], unitIds: ['x'] }, [], t),
    );
    expect(r.code).toBe('VALIDATION_FAILED');
    expect(r.problems).toEqual([
      { path: 'name', message: 'Không được để trống.' },
      { path: 'year', message: 'Nhập năm từ 2000 đến 2100.' },
      { path: 'periodTo', message: 'Nhập ngày hợp lệ (ngày/tháng/năm).' },
      { path: 'instruments', message: 'Chọn ít nhất một nội dung đánh giá.' },
      { path: 'unitIds', message: 'Lựa chọn không hợp lệ hoặc ngoài phạm vi của bạn.' },
    ]);
    const en = refusal(() => formToBody({ ...blankValues(2026), name: 'x', scopeKind: 'PEOPLE' }, [], translator('en')));
    expect(en.problems).toEqual([{ path: 'people', message: 'Enter at least one citizen ID number or staff id.' }]);
    // Problems of the people list come first and replace the generic "list someone".
    const people = refusal(() =>
      formToBody({ ...blankValues(2026), name: 'x', scopeKind: 'PEOPLE' }, [], t, [{ path: 'people', message: 'dòng 1' }]),
    );
    expect(people.problems).toEqual([{ path: 'people', message: 'dòng 1' }]);
    expect(refusal(() => formToBody({ ...blankValues(2026), name: 'x', scopeKind: 'ALL' }, [], t)).problems).toEqual([
      { path: 'scopeKind', message: 'Chọn phạm vi đánh giá.' },
    ]);
  });

  it('places the API’s problem paths on the form’s fields and translates the period codes', () => {
    expect(fieldOfPath('scope.staffIds.3')).toBe('people');
    expect(fieldOfPath('scope.unitIds')).toBe('unitIds');
    expect(fieldOfPath('periodFrom')).toBe('periodFrom');
    expect(fieldOfPath('scope')).toBe('scopeKind');
    expect(fieldOfPath('expectedVersion')).toBeNull();
    expect(problemMessage(t, 'BEFORE_PERIOD_FROM')).toBe('Ngày kết thúc trước ngày bắt đầu.');
    expect(problemMessage(t, '12: không tìm thấy')).toBe('12: không tìm thấy');
  });
});

describe('people keys', () => {
  it('tells citizen ID numbers (12 or 9 digits) from staff ids', () => {
    expect(classifyPersonKey(' 046190000001 ')).toEqual({ kind: 'citizenId', value: '046190000001' });
    expect(classifyPersonKey('123456789')).toEqual({ kind: 'citizenId', value: '123456789' });
    expect(classifyPersonKey('42')).toEqual({ kind: 'staffId', value: 42 });
    expect(classifyPersonKey('0')).toBeNull();
    expect(classifyPersonKey('1234567890')).toBeNull();
    expect(classifyPersonKey('Nguyễn Văn A')).toBeNull();
  });
});

describe('distributions', () => {
  it('folds rating pairs into one line per key, council over computed, largest first, none last', () => {
    const lines = foldDistribution([
      { key: null, name: null, rating: 'GOOD', councilRating: null, n: 9 },
      { key: '1', name: 'Xã A', rating: 'GOOD', councilRating: 'EXCELLENT', n: 2 },
      { key: '1', name: 'Xã A', rating: 'GOOD', councilRating: null, n: 3 },
      { key: '2', name: 'Phường B', rating: null, councilRating: null, n: 6 },
      { key: '1', name: 'Xã A', rating: 'BOGUS', councilRating: null, n: 1 },
    ]);
    expect(lines.map((l) => [l.key, l.total, l.counts])).toEqual([
      ['2', 6, { EXCELLENT: 0, GOOD: 0, COMPLETED: 0, NOT_COMPLETED: 0, UNRATED: 6 }],
      ['1', 6, { EXCELLENT: 2, GOOD: 3, COMPLETED: 0, NOT_COMPLETED: 0, UNRATED: 1 }],
      [null, 9, { EXCELLENT: 0, GOOD: 9, COMPLETED: 0, NOT_COMPLETED: 0, UNRATED: 0 }],
    ]);
  });
});

describe('chart markup', () => {
  it('drops interaction-only attributes and names the SVG, escaping the name', () => {
    const svg =
      '<svg width="1"><path d="M0 0" ecmeta_series_index="0" pointer-events="visible" class="zr0-cls-1" fill="#000"></path></svg>';
    expect(slimSvg(svg, 'Xếp loại <theo> "đơn vị" & nhóm')).toBe(
      '<svg role="img" aria-label="Xếp loại &lt;theo&gt; &quot;đơn vị&quot; &amp; nhóm" width="1"><path d="M0 0" fill="#000"></path></svg>',
    );
  });
});
