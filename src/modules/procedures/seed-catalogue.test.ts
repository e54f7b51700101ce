import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue-data.ts';
import { checkNationalCode, checkProcedureRules } from './procedure-rules.ts';
import { PROCEDURE_FIELDS } from './procedures.schemas.ts';
import { buildCatalogue, planStepDays, workflowFor } from './seed-catalogue.ts';

describe('the demo procedure catalogue', () => {
  const rows = buildCatalogue('46');

  it('has about 60 procedures with unique codes, covering every field', () => {
    expect(rows.length).toBeGreaterThanOrEqual(55);
    expect(rows.length).toBeLessThanOrEqual(70);
    expect(new Set(rows.map((r) => r.nationalCode)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.field))).toEqual(new Set(PROCEDURE_FIELDS));
  });

  it('passes every rule a province administrator’s edit must pass', () => {
    for (const r of rows) {
      expect({ code: r.nationalCode, problems: [...checkNationalCode(r.nationalCode), ...checkProcedureRules(r)] }).toEqual({
        code: r.nationalCode,
        problems: [],
      });
    }
  });

  it('uses the published limits it cites for the best-known procedures', () => {
    const byCode = new Map(rows.map((r) => [r.nationalCode, r]));
    expect(byCode.get('1.001193')).toMatchObject({ timeLimitUnit: 'IMMEDIATE', fee: 0, nameVi: 'Đăng ký khai sinh' });
    expect(byCode.get('1.000894')?.timeLimitNote).toContain('05 ngày làm việc');
    expect(byCode.get('DEMO.CT.01')).toMatchObject({ timeLimitUnit: 'IMMEDIATE', fee: 2_000 });
    expect(byCode.get('DEMO.HKD.01')).toMatchObject({ timeLimitAmount: 3, timeLimitUnit: 'WORKING_DAYS' });
    expect(byCode.get('DEMO.XD.01')).toMatchObject({ timeLimitAmount: 15, competentLevel: 'COMMUNE' });
  });

  it('says for every row how certain its code, time limit and fee are, and uses placeholders for unknown codes', () => {
    for (const r of rows) {
      expect(['S', 'NC']).toContain(r.sourceTag);
      expect(r.sourceNote).toMatch(/^Mã: \[(S|NC)\]; thời hạn: \[(S|NC)\]; phí: \[(S|NC)\]\. /);
      if (!r.nationalCode.startsWith('DEMO.')) expect(r.sourceNote).toMatch(/^Mã: \[S\]/);
      else expect(r.sourceNote).toMatch(/^Mã: \[NC\]/);
    }
  });

  it('flags essential services as fully online, and marks that list as a placeholder', () => {
    const essential = rows.filter((r) => r.essentialService);
    expect(essential.length).toBeGreaterThanOrEqual(4);
    expect(essential.every((r) => r.onlineLevel === 'FULL' && r.sourceTag === 'NC')).toBe(true);
  });

  it('is the same data on every call (deterministic seed)', () => {
    expect(buildCatalogue('46')).toEqual(rows);
    expect(CATALOGUE.length).toBe(rows.length);
  });
});

describe('workflow templates', () => {
  it('receives first, returns last, and skips the leader for same-day procedures', () => {
    expect(workflowFor('standard', 3).map((s) => s.code)).toEqual(['RECEIVE', 'SPECIALIST', 'LEADER_APPROVAL', 'RETURN']);
    expect(workflowFor('sameDay', 0).map((s) => s.code)).toEqual(['RECEIVE', 'SPECIALIST', 'RETURN']);
    expect(workflowFor('forward', 7).map((s) => [s.code, s.workingDays])).toEqual([
      ['RECEIVE', undefined],
      ['INTER_AGENCY', 7],
      ['RETURN', undefined],
    ]);
  });

  it('spreads exactly the time limit over the steps, in half days', () => {
    for (const template of ['standard', 'verified', 'notice', 'linked', 'forward'] as const) {
      for (const limit of [0.5, 1, 2, 3, 5, 7, 10, 15, 20, 21]) {
        const days = [...planStepDays(template, limit).values()];
        expect(days.reduce((a, b) => a + b, 0)).toBeCloseTo(limit, 9);
        expect(days.every((d) => d >= 0 && Number.isInteger(d * 2))).toBe(true);
      }
    }
    expect(Object.fromEntries(planStepDays('standard', 15))).toEqual({ LEADER_APPROVAL: 2, SPECIALIST: 13 });
  });
});
