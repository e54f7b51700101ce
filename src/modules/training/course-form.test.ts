import { describe, expect, it } from 'vitest';
import { courseToForm, formToBody, parseCompetencies, parseSessions, problemField } from './course-form.ts';
import { courseForm } from './training.fixtures.ts';
import { CourseCreateBodySchema, type CourseDetail, CourseUpdateBodySchema } from './training.schemas.ts';

describe('course form', () => {
  it('reads sessions separated by commas, semicolons or spaces', () => {
    expect(parseSessions('5, 5;4 2')).toEqual([{ days: 5 }, { days: 5 }, { days: 4 }, { days: 2 }]);
    expect(parseSessions('')).toEqual([]);
    expect(parseSessions('5, x')[1]?.days).toBeNaN();
  });

  it('reads one competency per line in three spellings; a missing level is NaN (the schema refuses it)', () => {
    expect(parseCompetencies('GEN.LAW 3\r\nDIG.1: 2\n\nFLD.LAND=4\nGEN.ETHICS')).toEqual([
      { competencyCode: 'GEN.LAW', raisesToLevel: 3 },
      { competencyCode: 'DIG.1', raisesToLevel: 2 },
      { competencyCode: 'FLD.LAND', raisesToLevel: 4 },
      { competencyCode: 'GEN.ETHICS', raisesToLevel: Number.NaN },
    ]);
  });

  it('turns a filled form into a body the API schema accepts: grouped đồng, upper-case code, empty location null', () => {
    const body = formToBody(
      { ...courseForm({ code: 'gt.01', sessions: '2, 1', competencies: 'GEN.LAW 3' }), positionGroups: ['LEADERSHIP'] },
      'create',
    );
    const parsed = CourseCreateBodySchema.parse(body);
    expect(parsed).toMatchObject({
      code: 'GT.01',
      costPerClass: 12_000_000,
      costPerParticipant: 300_000,
      location: null,
      sessions: [{ days: 2 }, { days: 1 }],
      competencies: [{ competencyCode: 'GEN.LAW', raisesToLevel: 3 }],
      eligibility: { targetRanks: [], positionGroups: ['LEADERSHIP'], fields: [], postgraduate: null },
      effectiveTo: null,
    });
  });

  it('leaves empty numbers undefined so the schema reports them as required', () => {
    const body = formToBody(courseForm({ durationDays: '', classCapacity: '' }), 'edit');
    const result = CourseUpdateBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['classCapacity', 'durationDays', 'version']);
  });

  it('reads postgraduate terms only when the box is ticked; empty thresholds fall back to the rule (null)', () => {
    const off = formToBody(courseForm({ programmeMonths: '24' }), 'create');
    expect((off.eligibility as { postgraduate: unknown }).postgraduate).toBeNull();
    const on = formToBody(
      courseForm({ postgraduate: 'on', programmeMonths: '24', maxAgeAtFirstSending: '40', commitmentMultiple: '2,5' }),
      'create',
    );
    expect((on.eligibility as { postgraduate: unknown }).postgraduate).toEqual({
      programmeMonths: 24,
      minServiceYears: null,
      maxAgeAtFirstSending: 40,
      commitmentMultiple: 2.5,
    });
  });

  it('fills the form from a stored course and round-trips to the same body', () => {
    const detail = {
      id: 1,
      code: 'GT.01',
      nameVi: 'Giao tiếp',
      nameEn: 'Communication',
      contentType: 'JOB_POSITION',
      mode: 'IN_PERSON',
      provider: 'Trường',
      location: null,
      durationDays: 7,
      sessions: [{ days: 5 }, { days: 2 }],
      classCapacity: 40,
      minClassSize: 10,
      costPerClass: 12_000_000,
      costPerParticipant: 300_000,
      fundingSource: 'STATE_BUDGET',
      status: 'ACTIVE',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      prerequisites: [{ code: 'A', id: 2, nameVi: 'A' }],
      eligibility: { targetRanks: ['CHUYEN_VIEN'], positionGroups: [], fields: ['LAND'], postgraduate: null },
      competencies: [{ competencyCode: 'GEN.LAW', raisesToLevel: 3, nameVi: null, nameEn: null }],
      postgraduateRule: null,
      periods: 56,
      version: 4,
      createdAt: '',
      updatedAt: '',
    } satisfies CourseDetail;
    const body = CourseUpdateBodySchema.parse(formToBody(courseToForm(detail), 'edit'));
    expect(body).toMatchObject({
      version: 4,
      sessions: [{ days: 5 }, { days: 2 }],
      prerequisites: ['A'],
      competencies: [{ competencyCode: 'GEN.LAW', raisesToLevel: 3 }],
      eligibility: { targetRanks: ['CHUYEN_VIEN'], positionGroups: [], fields: ['LAND'], postgraduate: null },
      costPerClass: 12_000_000,
    });
  });

  it('places a problem on its form field', () => {
    expect(problemField('sessions.1.days')).toBe('sessions');
    expect(problemField('competencies.0.competencyCode')).toBe('competencies');
    expect(problemField('eligibility.postgraduate.programmeMonths')).toBe('programmeMonths');
    expect(problemField('eligibility.postgraduate')).toBe('postgraduate');
    expect(problemField('eligibility.targetRanks.0')).toBe('targetRanks');
    expect(problemField('')).toBe('form');
  });
});
