import { SYSTEM_ACTOR } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { type CourseProblem, checkCourse, checkCourseCode } from '../courses.ts';
import * as repo from '../training.repository.ts';
import type { CourseCreateInput } from '../training.schemas.ts';
import { frameworkCompetencies } from './read-courses.ts';
import { toContent } from './write-courses.ts';

/**
 * Writes a whole catalogue for a province without an audit entry of its own: for a caller
 * that already runs in an audited transaction (the demo seed). Every course is checked as the
 * API would check it, against the framework in force on `today` and the rest of the batch;
 * any problem throws with the course code, and the caller's transaction writes nothing.
 * Courses whose code is already in the catalogue are skipped, so seeding twice is harmless.
 */
export async function writeCourseCatalogue(
  trx: Db,
  clock: Clock,
  provinceCode: string,
  courses: readonly CourseCreateInput[],
  at: string,
  today: string,
): Promise<{ inserted: number }> {
  const library = await frameworkCompetencies({ db: trx, clock }, SYSTEM_ACTOR(provinceCode), today);
  const codes = library === null ? null : new Set(library.map((c) => c.code));
  const existing = await repo.listPrerequisiteGraph(trx, provinceCode);
  const taken = new Set(existing.map((c) => c.code));
  const fresh = courses.filter((c) => !taken.has(c.code));
  const graph = [...existing, ...fresh.map((c) => ({ code: c.code, prerequisites: c.prerequisites }))];
  const problems: { code: string; problems: CourseProblem[] }[] = [];
  for (const c of fresh) {
    const content = toContent(c, c.effectiveFrom ?? today);
    const found = [
      ...checkCourseCode(c.code),
      ...checkCourse({ code: c.code, ...content }, { competencyCodes: codes, otherCourses: graph.filter((g) => g.code !== c.code) }),
    ];
    if (found.length > 0) problems.push({ code: c.code, problems: found });
  }
  if (problems.length > 0) throw new Error(`course catalogue refused: ${JSON.stringify(problems)}`);
  for (const c of fresh) await repo.insertCourse(trx, provinceCode, c.code, toContent(c, c.effectiveFrom ?? today), at, null);
  return { inserted: fresh.length };
}
