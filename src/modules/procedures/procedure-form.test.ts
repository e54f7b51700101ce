import { describe, expect, it } from 'vitest';
import { blankForm, formRowCount, formToBody, problemTarget, procedureToForm, suggestEffectiveFrom } from './procedure-form.ts';
import { parseTranslated } from './procedure-input.ts';
import { ProcedureCreateBodySchema, type ProcedureDetail, ProcedureVersionBodySchema } from './procedures.schemas.ts';

const FORM = {
  nationalCode: ' 1.001193 ',
  nameVi: 'Đăng ký khai sinh',
  nameEn: 'Birth registration',
  field: 'CIVIL_STATUS',
  competentLevel: 'COMMUNE',
  timeLimitAmount: '',
  timeLimitUnit: 'IMMEDIATE',
  timeLimitNote: '',
  fee: '0',
  feeNote: '',
  onlineLevel: 'FULL',
  paperResult: 'on',
  sourceTag: '',
  sourceNote: '',
  effectiveFrom: '2026-03-02',
  'doc.0.nameVi': 'Tờ khai',
  'doc.0.nameEn': 'Form',
  'doc.0.copies': '1',
  'doc.0.original': 'on',
  'doc.1.nameVi': '',
  'doc.1.nameEn': '',
  'doc.1.copies': '1',
  'doc.2.nameVi': 'Giấy chứng sinh',
  'doc.2.nameEn': '',
  'doc.2.copies': '2',
  'step.0.code': 'RECEIVE',
  'step.0.name': 'Tiếp nhận',
  'step.0.roles': 'counter_officer',
  'step.1.code': '',
  'step.1.name': '',
  'step.2.code': 'SPECIALIST',
  'step.2.name': 'Xử lý',
  'step.2.roles': ['field_specialist', 'unit_leader'],
  'step.2.days': '0',
  'step.3.code': 'RETURN',
  'step.3.name': 'Trả kết quả',
  'step.3.roles': 'counter_officer',
};

describe('formToBody', () => {
  it('rebuilds the API body, drops blank rows and remembers which row each item came from', () => {
    const fb = formToBody(FORM, 'create');
    const input = parseTranslated(ProcedureCreateBodySchema, fb.body, 'vi');
    expect(input).toMatchObject({
      nationalCode: '1.001193',
      timeLimitAmount: 0,
      timeLimitUnit: 'IMMEDIATE',
      timeLimitNote: null,
      fee: 0,
      paperResult: true,
      essentialService: false,
      sourceTag: null,
    });
    expect(input.requiredDocuments).toEqual([
      { nameVi: 'Tờ khai', nameEn: 'Form', copies: 1, originalRequired: true },
      { nameVi: 'Giấy chứng sinh', nameEn: '', copies: 2, originalRequired: false },
    ]);
    expect(input.workflow.map((s) => [s.code, s.roles, s.workingDays])).toEqual([
      ['RECEIVE', ['counter_officer'], undefined],
      ['SPECIALIST', ['field_specialist', 'unit_leader'], 0],
      ['RETURN', ['counter_officer'], undefined],
    ]);
    expect(fb.docRows).toEqual([0, 2]);
    expect(fb.stepRows).toEqual([0, 2, 3]);
  });

  it('keeps non-numbers as text so the schema names the problem in the user’s language', () => {
    const fb = formToBody({ ...FORM, fee: 'free', timeLimitUnit: 'WORKING_DAYS', timeLimitAmount: '' }, 'create');
    expect(() => parseTranslated(ProcedureCreateBodySchema, fb.body, 'vi')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fieldProblems: expect.arrayContaining([expect.objectContaining({ path: 'fee', message: expect.stringContaining('mong đợi số') })]),
      }),
    );
  });

  it('carries the version for a new version, not the code', () => {
    const fb = formToBody({ ...FORM, version: '3' }, 'version');
    expect(fb.body.version).toBe(3);
    expect('nationalCode' in fb.body).toBe(false);
    expect(parseTranslated(ProcedureVersionBodySchema, fb.body, 'en').version).toBe(3);
  });
});

describe('problemTarget', () => {
  it('points array problems at the form row the item came from', () => {
    const rows = { docRows: [0, 2], stepRows: [0, 2, 3] };
    expect(problemTarget('workflow.1.roles', rows)).toEqual({ id: 'f-step-2-roles', kind: 'step', row: 2, field: 'roles' });
    expect(problemTarget('requiredDocuments.1.copies', rows)).toMatchObject({ id: 'f-doc-2-copies', row: 2 });
    expect(problemTarget('workflow.2.workingDays', rows)).toMatchObject({ id: 'f-step-3-days' });
    expect(problemTarget('fee', rows)).toEqual({ id: 'f-fee', kind: 'field', field: 'fee' });
    expect(problemTarget('workflow', rows)).toMatchObject({ id: 'f-workflow', kind: 'field' });
  });
});

describe('procedureToForm and blankForm', () => {
  it('round-trips a procedure through the form', () => {
    const p = {
      id: 7,
      version: 2,
      nationalCode: 'DEMO.HT.04',
      nameVi: 'Đăng ký nhận cha, mẹ, con',
      nameEn: 'Parent–child recognition',
      field: 'CIVIL_STATUS',
      competentLevel: 'COMMUNE',
      timeLimitAmount: 3,
      timeLimitUnit: 'WORKING_DAYS',
      timeLimitNote: 'Xác minh thêm 5 ngày',
      fee: 15000,
      feeNote: null,
      onlineLevel: 'PARTIAL',
      paperResult: true,
      essentialService: false,
      requiredDocuments: [{ nameVi: 'Tờ khai', nameEn: 'Form', copies: 1, originalRequired: true }],
      workflow: [
        { code: 'RECEIVE', name: 'Tiếp nhận', roles: ['counter_officer'] },
        { code: 'SPECIALIST', name: 'Xử lý', roles: ['field_specialist'], workingDays: 2.5 },
        { code: 'RETURN', name: 'Trả', roles: ['counter_officer'] },
      ],
      sourceTag: 'NC',
      sourceNote: 'x',
    } as unknown as ProcedureDetail;
    const values = procedureToForm(p, '2026-04-01');
    const input = parseTranslated(ProcedureVersionBodySchema, formToBody(values, 'version').body, 'vi');
    expect(input).toMatchObject({
      version: 2,
      effectiveFrom: '2026-04-01',
      fee: 15000,
      timeLimitNote: 'Xác minh thêm 5 ngày',
      sourceTag: 'NC',
    });
    expect(input.workflow).toEqual(p.workflow);
    expect(input.requiredDocuments).toEqual(p.requiredDocuments);
    expect(formRowCount(values, 'step')).toBe(5);
    expect(formRowCount(values, 'doc')).toBe(3);
  });

  it('starts a new procedure with the default four-step workflow', () => {
    const v = blankForm('2026-03-02');
    expect([v['step.0.code'], v['step.1.code'], v['step.2.code'], v['step.3.code']]).toEqual([
      'RECEIVE',
      'SPECIALIST',
      'LEADER_APPROVAL',
      'RETURN',
    ]);
    expect(v['step.2.roles']).toEqual(['unit_leader']);
  });

  it('suggests today for a new version, or the day after the latest start when that is later', () => {
    expect(suggestEffectiveFrom('2026-03-02', '2025-07-01')).toBe('2026-03-02');
    expect(suggestEffectiveFrom('2026-03-02', '2026-03-02')).toBe('2026-03-03');
    expect(suggestEffectiveFrom('2026-03-02', '2026-05-31')).toBe('2026-06-01');
  });
});
