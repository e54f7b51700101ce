import { describe, expect, it } from 'vitest';
import { defaultCompetencies } from '../competencies/library-data.ts';
import { CONTENT_TYPES, checkCourse, checkCourseCode } from '../training/courses.ts';
import { CourseCreateBodySchema } from '../training/training.schemas.ts';
import { demoCourses, splitSessions } from './demo-courses.ts';

describe('demo course catalogue', () => {
  const courses = demoCourses();
  const library = new Set(defaultCompetencies().map((c) => c.code));

  it('has about sixty courses with unique codes, covering the five content types of Decree 171/2025', () => {
    expect(courses.length).toBeGreaterThanOrEqual(55);
    expect(courses.length).toBeLessThanOrEqual(70);
    expect(new Set(courses.map((c) => c.code)).size).toBe(courses.length);
    expect(new Set(courses.map((c) => c.contentType))).toEqual(new Set(CONTENT_TYPES));
  });

  it('passes the API schema and every catalogue rule against Cadre’s competency library', () => {
    for (const c of courses) {
      expect(CourseCreateBodySchema.safeParse(c).success, c.code).toBe(true);
      const others = courses.filter((o) => o.code !== c.code);
      const problems = [
        ...checkCourseCode(c.code),
        ...checkCourse({ ...c, effectiveFrom: '2026-01-01', effectiveTo: null }, { competencyCodes: library, otherCourses: others }),
      ];
      expect({ code: c.code, problems }).toEqual({ code: c.code, problems: [] });
    }
  });

  it('raises competencies of the framework and includes postgraduate study', () => {
    expect(courses.every((c) => c.competencies.length > 0)).toBe(true);
    expect(courses.filter((c) => c.eligibility.postgraduate !== null).map((c) => c.code)).toEqual(['SDH.LUAT', 'SDH.QLC']);
  });

  it('is deterministic', () => {
    expect(demoCourses()).toEqual(courses);
  });

  it('splits days into sessions of at most five', () => {
    expect(splitSessions(12)).toEqual([{ days: 5 }, { days: 5 }, { days: 2 }]);
    expect(splitSessions(5)).toEqual([{ days: 5 }]);
    expect(splitSessions(1)).toEqual([{ days: 1 }]);
  });
});
