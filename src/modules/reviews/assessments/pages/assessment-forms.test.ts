import { describe, expect, it } from 'vitest';
import { DEFAULT_DECREE_335_CONFIG } from '../../../../platform/rules/defaults/reviews-335.config.ts';
import { DEFAULT_SCREENING_178_CONFIG } from '../../../../platform/rules/defaults/screening-178.config.ts';
import {
  councilFromForm,
  decree90FromForm,
  decree335FromForm,
  type FormProblem,
  fieldId,
  levelsFromForm,
  problemFromUseCase,
  rowCount,
} from './assessment-forms.ts';

describe('assessment forms', () => {
  it('reads chosen levels and evidence, skips unchosen ones and flags evidence without a level', () => {
    const problems: FormProblem[] = [];
    const levels = levelsFromForm(
      { 'level.A': '3', 'evidence.A': ' x ', 'level.B': '', 'evidence.C': 'only evidence', 'level.D': 'abc' },
      ['A', 'B', 'C', 'D'],
      true,
      problems,
    );
    expect(levels).toEqual([
      { competencyCode: 'A', level: 3, evidence: 'x' },
      { competencyCode: 'D', level: Number.NaN },
    ]);
    expect(problems).toEqual([{ field: 'level.C', code: 'LEVEL_REQUIRED' }]);
  });

  it('groups work items by period, skips empty rows, names unnamed items and checks numbers', () => {
    const problems: FormProblem[] = [];
    const { input, items } = decree335FromForm(
      {
        'general.ETHICS': '4,5',
        rows: '4',
        'item.0.period': 'Q1',
        'item.0.coefficient': '2',
        'item.0.completed': 'on',
        'item.1.period': 'Q2',
        'item.1.id': 'b',
        'item.1.coefficient': '1',
        'item.1.delays': 'x',
        'item.3.period': 'Q1',
        'item.3.id': 'c',
        'item.3.coefficient': '1',
        'veto.DISCIPLINED_REPRIMAND_OR_HEAVIER': 'on',
      },
      DEFAULT_DECREE_335_CONFIG,
      { isLeader: false, withTasks: true },
      problems,
    );
    expect(problems).toEqual([{ field: 'item.1.delays', code: 'NOT_A_NUMBER' }]);
    expect(items.map((i) => [i.row, i.label, i.id])).toEqual([
      [0, 'Q1', '#1'],
      [1, 'Q2', 'b'],
      [3, 'Q1', 'c'],
    ]);
    expect('periods' in input && input.periods.map((p) => [p.label, p.items.map((i) => i.id)])).toEqual([
      ['Q1', ['#1', 'c']],
      ['Q2', ['b']],
    ]);
    expect('generalScores' in input && input.generalScores).toEqual({ ETHICS: 4.5 });
    expect('vetoes' in input && input.vetoes).toEqual(['DISCIPLINED_REPRIMAND_OR_HEAVIER']);
  });

  it('requires the leader result for leaders and reads percentages as shares', () => {
    const problems: FormProblem[] = [];
    decree335FromForm({ 'leader.organising': '150' }, DEFAULT_DECREE_335_CONFIG, { isLeader: true, withTasks: true }, problems);
    expect(problems).toEqual([
      { field: 'leader.organising', code: 'RANGE', params: { min: 0, max: 100 } },
      { field: 'leader.unitResult', code: 'REQUIRED' },
    ]);
    const ok: FormProblem[] = [];
    const r = decree335FromForm(
      { 'leader.unitResult': '80', 'leader.onPlan': 'on' },
      DEFAULT_DECREE_335_CONFIG,
      { isLeader: true, withTasks: true },
      ok,
    );
    expect(ok).toEqual([]);
    expect('leader' in r.input && r.input.leader).toEqual({
      unitResultShare: 0.8,
      anySubordinateNotCompleted: false,
      organisingOnPlanAndOnTime: true,
    });
  });

  it('reads Decree 90 facts: yes/no/unknown flags and shares', () => {
    const problems: FormProblem[] = [];
    const input = decree90FromForm(
      {
        'd90.subject': 'CIVIL_SERVANT',
        'd90.judgedLevel': 'GOOD',
        'd90.metric.ALL_TASKS_ON_TIME_AND_TO_STANDARD': 'yes',
        'd90.metric.SHARE_TASKS_BEYOND_REQUIRED': '60',
      },
      problems,
    );
    expect(problems).toEqual([]);
    expect(input).toEqual({
      subject: 'CIVIL_SERVANT',
      judgedLevel: 'GOOD',
      metrics: { ALL_TASKS_ON_TIME_AND_TO_STANDARD: true, SHARE_TASKS_BEYOND_REQUIRED: 0.6 },
      absenceMonths: 0,
    });
    const bad: FormProblem[] = [];
    decree90FromForm({ 'd90.subject': 'KING' }, bad);
    expect(bad.map((p) => p.field)).toEqual(['d90.subject', 'd90.judgedLevel']);
  });

  it('builds the council body from what was filled in only', () => {
    const problems: FormProblem[] = [];
    const body = councilFromForm(
      { 'level.A': '2', rating: 'GOOD', note: ' ok ', 'crit.COMPETENCE': '80', 'crit.ETHICS': '18', 'crit.ETHICS.unit': 'points' },
      ['A', 'B'],
      { withRating: true, screening: DEFAULT_SCREENING_178_CONFIG },
      problems,
    );
    expect(problems).toEqual([]);
    expect(body).toEqual({
      levels: [{ competencyCode: 'A', level: 2 }],
      rating: { rating: 'GOOD', note: 'ok' },
      screening: { criteria: { COMPETENCE: { percent: 80 }, ETHICS: { points: 18 } } },
    });
    expect(councilFromForm({}, ['A'], { withRating: true, screening: DEFAULT_SCREENING_178_CONFIG }, problems)).toEqual({});
  });

  it('maps the use case problems back to the form fields', () => {
    const ctx = { levelCodes: ['A', 'B'], items: [{ row: 2, label: 'Q1', id: 'x' }] };
    expect(problemFromUseCase({ path: 'levels.1.level', message: 'LEVEL_1_TO_5' }, ctx)).toEqual({
      field: 'level.B',
      code: 'LEVEL_1_TO_5',
    });
    expect(problemFromUseCase({ path: 'evaluation', message: 'general.ETHICS: must be 0–5' }, ctx)).toEqual({
      field: 'general.ETHICS',
      code: 'RANGE',
      params: { min: 0, max: '5' },
    });
    expect(problemFromUseCase({ path: 'evaluation', message: 'periods.Q1.x.coefficient: must be above 0' }, ctx)).toEqual({
      field: 'item.2.coefficient',
      code: 'POSITIVE',
    });
    expect(problemFromUseCase({ path: 'rating.note', message: 'REQUIRED_WHEN_DIFFERENT_FROM_COMPUTED' }, ctx)).toEqual({
      field: 'note',
      code: 'NOTE_REQUIRED',
    });
    expect(problemFromUseCase({ path: 'screening', message: 'criteria.ETHICS.points: 0–20' }, ctx)).toEqual({
      field: 'crit.ETHICS',
      code: 'RANGE',
      params: { min: 0, max: '20' },
    });
    expect(problemFromUseCase({ path: 'x', message: 'something new' }, ctx)).toEqual({
      field: '',
      code: 'OTHER',
      params: { detail: 'something new' },
    });
  });

  it('bounds the row count and makes ids out of field names', () => {
    expect(rowCount({})).toBe(3);
    expect(rowCount({ rows: '0' })).toBe(1);
    expect(rowCount({ rows: '9999' })).toBe(100);
    expect(fieldId('level.T.LAW')).toBe('f-level-T-LAW');
  });
});
