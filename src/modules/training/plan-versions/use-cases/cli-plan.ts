import { provincesWithCourses } from '../plan-versions.repository.ts';
import type { PlanDeps } from './gather-plan-input.ts';

/** The provinces a plan can be generated for (they have a course catalogue): the CLI's default when there is one. */
export function listProvincesWithCourses(deps: PlanDeps): Promise<string[]> {
  return provincesWithCourses(deps.db);
}
