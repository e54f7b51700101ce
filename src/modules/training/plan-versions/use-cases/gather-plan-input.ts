import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { getRule } from '../../../../platform/rules/rules.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { personFactsOf } from '../../execution/use-cases/person-facts.ts';
import type { PersonNeeds } from '../../needs/needs.ts';
import { listNeeds } from '../../needs/use-cases/training-needs.ts';
import { listCourses } from '../../training.repository.ts';
import { buildPlanInput, type GatheredPlan, type PlanParameters } from '../plan-input.ts';
import { activeStaffByUnit } from '../plan-versions.repository.ts';

export type PlanDeps = { db: Db; clock: Clock };

/** Everyone's needs in one page: the optimiser plans for the whole province at once. */
const ALL = 1_000_000;

/**
 * The optimiser's input from the database: the needs module's needs of every official in the
 * actor's province (placements, fit to position, WISN pressure, rules in force today), the
 * course catalogue, ACTIVE staff per unit, each person's recorded eligibility facts, the postgraduate rule in force on 1 January of the first year, and the budgets and limits of the parameters.
 */
export async function gatherPlanInput(deps: PlanDeps, actor: Actor, params: PlanParameters): Promise<GatheredPlan> {
  const [needs, courses, staff, postgraduate] = await Promise.all([
    listNeeds(deps, actor, { page: 1, pageSize: ALL }),
    listCourses(deps.db, actor.provinceCode, { status: 'ACTIVE' }),
    activeStaffByUnit(deps.db, actor.provinceCode),
    getRule(deps.db, 'training.postgraduate', actor.provinceCode, `${Math.min(...params.years)}-01-01`),
  ]);
  // The API view carries extra display fields (competency names); the pure builder reads the rest.
  const people = needs.items as unknown as PersonNeeds[];
  // Birth dates, service years, ratings and completed courses on 1 January of the first year: what enrolment checks too.
  const facts = await personFactsOf(
    deps.db,
    actor.provinceCode,
    people.map((p) => p.staffId),
    `${Math.min(...params.years)}-01-01`,
  );
  return buildPlanInput(params, courses, people, staff, postgraduate, facts);
}
