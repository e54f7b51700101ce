import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import {
  checkNationalCode,
  checkProcedureRules,
  dayBefore,
  isInForce,
  limitInWorkingDays,
  planNewVersion,
  translateProblems,
  versionInForce,
} from './procedure-rules.ts';
import type { ProcedureRulesInput } from './procedures.schemas.ts';

function valid(over: Partial<ProcedureRulesInput> = {}): ProcedureRulesInput {
  return {
    nameVi: 'Đăng ký hộ kinh doanh',
    nameEn: 'Household business registration',
    field: 'HOUSEHOLD_BUSINESS',
    competentLevel: 'COMMUNE',
    timeLimitAmount: 3,
    timeLimitUnit: 'WORKING_DAYS',
    fee: 100_000,
    onlineLevel: 'FULL',
    paperResult: true,
    essentialService: false,
    requiredDocuments: [{ nameVi: 'Giấy đề nghị', nameEn: 'Request', copies: 1, originalRequired: true }],
    workflow: [
      { code: 'RECEIVE', name: 'Tiếp nhận', roles: ['counter_officer'] },
      { code: 'SPECIALIST', name: 'Xử lý', roles: ['field_specialist'], workingDays: 2 },
      { code: 'LEADER_APPROVAL', name: 'Ký', roles: ['unit_leader'], workingDays: 1 },
      { code: 'RETURN', name: 'Trả', roles: ['counter_officer'] },
    ],
    ...over,
  };
}

const paths = (p: ProcedureRulesInput) => checkProcedureRules(p).map((x) => `${x.path}:${x.key}`);

describe('checkProcedureRules', () => {
  it('accepts a well-formed version', () => {
    expect(checkProcedureRules(valid())).toEqual([]);
  });

  it('needs a positive time limit unless the procedure is same-day, which has 0', () => {
    expect(paths(valid({ timeLimitAmount: 0 }))).toEqual(['timeLimitAmount:procedures.rule.timeLimitPositive']);
    expect(paths(valid({ timeLimitAmount: -2 }))).toContain('timeLimitAmount:procedures.rule.timeLimitPositive');
    const sameDay = valid({
      timeLimitUnit: 'IMMEDIATE',
      timeLimitAmount: 0,
      workflow: valid().workflow.map(({ workingDays: _, ...s }) => s),
    });
    expect(checkProcedureRules(sameDay)).toEqual([]);
    expect(paths({ ...sameDay, timeLimitAmount: 1 })).toEqual(['timeLimitAmount:procedures.rule.immediateAmount']);
  });

  it('refuses a negative fee but accepts a free procedure', () => {
    expect(paths(valid({ fee: -1 }))).toEqual(['fee:procedures.rule.feeNegative']);
    expect(checkProcedureRules(valid({ fee: 0 }))).toEqual([]);
  });

  it('wants RECEIVE first and RETURN last, and neither in the middle', () => {
    const [receive, specialist, leader, ret] = valid().workflow as [never, never, never, never];
    expect(paths(valid({ workflow: [specialist, leader, ret] }))).toEqual(['workflow.0.code:procedures.rule.workflowFirst']);
    expect(paths(valid({ workflow: [receive, specialist, leader] }))).toEqual(['workflow.2.code:procedures.rule.workflowLast']);
    expect(paths(valid({ workflow: [receive, ret, specialist, ret] }))).toEqual(['workflow.1.code:procedures.rule.workflowMiddle']);
    expect(paths(valid({ workflow: [receive] }))).toEqual(['workflow:procedures.rule.workflowTooShort']);
  });

  it('needs at least one staff role on every step, and only staff roles', () => {
    const wf = valid().workflow;
    const noRole = wf.map((s, i) => (i === 1 ? { ...s, roles: [] } : s));
    expect(paths(valid({ workflow: noRole }))).toEqual(['workflow.1.roles:procedures.rule.stepNoRole']);
    const citizen = wf.map((s, i) => (i === 2 ? { ...s, roles: ['unit_leader', 'citizen', 'mayor'] } : s));
    const problems = checkProcedureRules(valid({ workflow: citizen }));
    expect(problems.map((p) => p.params?.role)).toEqual(['citizen', 'mayor']);
    expect(problems.every((p) => p.path === 'workflow.2.roles')).toBe(true);
  });

  it('keeps the steps’ planned days within the time limit, converting hours and calendar days', () => {
    const wf = valid().workflow.map((s, i) => (i === 1 ? { ...s, workingDays: 3 } : s));
    expect(paths(valid({ workflow: wf }))).toEqual(['workflow:procedures.rule.stepDaysOverLimit']);
    expect(checkProcedureRules(valid({ workflow: wf, timeLimitAmount: 4 }))).toEqual([]);
    expect(checkProcedureRules(valid({ timeLimitUnit: 'WORKING_HOURS', timeLimitAmount: 24 }))).toEqual([]);
    expect(paths(valid({ timeLimitUnit: 'WORKING_HOURS', timeLimitAmount: 16 }))).toEqual(['workflow:procedures.rule.stepDaysOverLimit']);
    const negative = valid().workflow.map((s, i) => (i === 1 ? { ...s, workingDays: -1 } : s));
    expect(paths(valid({ workflow: negative }))).toEqual(['workflow.1.workingDays:procedures.rule.stepDaysNegative']);
    expect(limitInWorkingDays(15, 'CALENDAR_DAYS')).toBe(15);
    expect(limitInWorkingDays(4, 'WORKING_HOURS')).toBe(0.5);
    expect(limitInWorkingDays(0, 'IMMEDIATE')).toBe(0);
  });

  it('requires an essential service (no paper dossiers) to be fully online', () => {
    expect(paths(valid({ essentialService: true, onlineLevel: 'PARTIAL' }))).toEqual([
      'onlineLevel:procedures.rule.essentialNeedsFullOnline',
    ]);
    expect(checkProcedureRules(valid({ essentialService: true, onlineLevel: 'FULL' }))).toEqual([]);
  });

  it('wants between 1 and 20 copies of each document', () => {
    const docs = [
      { nameVi: 'A', nameEn: '', copies: 0, originalRequired: false },
      { nameVi: 'B', nameEn: '', copies: 2, originalRequired: false },
      { nameVi: 'C', nameEn: '', copies: 21, originalRequired: false },
    ];
    expect(paths(valid({ requiredDocuments: docs }))).toEqual([
      'requiredDocuments.0.copies:procedures.rule.copies',
      'requiredDocuments.2.copies:procedures.rule.copies',
    ]);
  });

  it('reports every problem at once, translated for the caller', () => {
    const bad = valid({ fee: -5, timeLimitAmount: 0, workflow: [] });
    const vi = translateProblems(checkProcedureRules(bad), translator('vi'));
    expect(vi.map((p) => p.path)).toEqual(['timeLimitAmount', 'fee', 'workflow']);
    expect(vi[1]?.message).toBe('Phí, lệ phí không được âm.');
    expect(translateProblems(checkProcedureRules(bad), translator('en'))[1]?.message).toBe('The fee cannot be negative.');
  });
});

describe('checkNationalCode', () => {
  it('accepts national codes and demo placeholders, refuses free text', () => {
    for (const ok of ['1.001193', '2.000635.000.00.00.H56', 'DEMO.HT.04']) expect(checkNationalCode(ok)).toEqual([]);
    for (const bad of ['1001193', 'birth', '1..2', '1.001193 ', 'abc.def', '.1.2']) expect(checkNationalCode(bad)).toHaveLength(1);
  });
});

describe('versioning by effective date', () => {
  it('closes the previous version the day before, across month and year ends and 29 February', () => {
    expect(dayBefore('2026-04-01')).toBe('2026-03-31');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
  });

  it('plans a new version only after the latest one started', () => {
    const latest = { effectiveFrom: '2025-07-01', effectiveTo: null };
    expect(planNewVersion(latest, '2026-04-01')).toEqual({ closeLatestOn: '2026-03-31' });
    expect(planNewVersion(latest, '2025-07-02')).toEqual({ closeLatestOn: '2025-07-01' });
    for (const d of ['2025-07-01', '2025-06-30']) {
      const plan = planNewVersion(latest, d);
      expect(plan).toEqual({
        problem: { path: 'effectiveFrom', key: 'procedures.rule.effectiveFromAfter', params: { date: '01/07/2025' } },
      });
    }
  });

  it('finds the version in force on a date, both ends included, and none before the first or after an end', () => {
    const chain = [
      { id: 3, effectiveFrom: '2026-04-01', effectiveTo: null },
      { id: 2, effectiveFrom: '2026-01-01', effectiveTo: '2026-03-31' },
      { id: 1, effectiveFrom: '2025-07-01', effectiveTo: '2025-12-31' },
    ];
    expect(versionInForce(chain, '2025-06-30')).toBeUndefined();
    expect(versionInForce(chain, '2025-07-01')?.id).toBe(1);
    expect(versionInForce(chain, '2025-12-31')?.id).toBe(1);
    expect(versionInForce(chain, '2026-01-01')?.id).toBe(2);
    expect(versionInForce(chain, '2026-03-31')?.id).toBe(2);
    expect(versionInForce(chain, '2030-01-01')?.id).toBe(3);
    expect(isInForce({ effectiveFrom: '2025-07-01', effectiveTo: '2025-07-01' }, '2025-07-02')).toBe(false);
  });
});
