import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Role } from '../../../../platform/auth/roles.ts';
import type { JobContext, JobHandler } from '../../../../platform/jobs/jobs.ts';
import { evaluatePlan, type Plan, type PlanCourse, type PlanInput, type PlanValue, splitClasses } from '../../plan/plan-model.ts';
import { closedBy, type GatheredPlan, inputDigest } from '../plan-input.ts';
import * as repo from '../plan-versions.repository.ts';
import { solveInThread, type ThreadOutcome } from '../solve/solve-thread.ts';
import { gatherPlanInput, type PlanDeps } from './gather-plan-input.ts';

export const PLAN_JOB_KIND = 'training.plan.generate';
/** HiGHS settings that decide the answer (part of the input digest). */
export const SOLVER_SETTINGS = { seed: 0, mipRelGap: 1e-4 } as const;
/** A generation job may take the time limit several times over (gathering, greedy, storing): a long lease, renewed every third. */
const PLAN_LEASE_MS = 120_000;

/** Who asked for the plan: the job gathers the needs with this actor's scope (the province). */
export type PlanJobActor = { userId: number; username: string; displayName: string; role: Role; provinceCode: string };
export type PlanJobPayload = { planId: number; actor: PlanJobActor };

export type SolveFn = typeof solveInThread;

const actorOf = (a: PlanJobActor): Actor => ({ ...a, unitId: null, locale: 'vi', sessionId: null, via: 'system' });

/** gap closed − cost penalty · cost: the objective of the model, for any plan. */
export function objectiveOf(input: PlanInput, value: PlanValue): number {
  return value.gapClosed - (input.costPenalty ?? 0) * value.cost;
}

/** The solver's plan unless the greedy baseline is strictly better (e.g. the solver found nothing in time). */
export function choosePlan(input: PlanInput, solved: ThreadOutcome) {
  const greedyValue = evaluatePlan(input, solved.greedy);
  const greedyObjective = objectiveOf(input, greedyValue);
  const r = solved.result;
  const solverValue = r ? evaluatePlan(input, r.plan) : null;
  const useSolver = r !== null && solverValue !== null && objectiveOf(input, solverValue) >= greedyObjective - 1e-9;
  const plan: Plan = useSolver ? r.plan : solved.greedy;
  const value = useSolver ? solverValue : greedyValue;
  const objective = objectiveOf(input, value);
  const bound = r?.bestBound ?? null;
  return {
    plan,
    value,
    greedyObjective,
    method: useSolver ? (r.method === 'heuristic' ? 'HEURISTIC' : 'MIP') : 'GREEDY',
    solverStatus: r?.status ?? 'GREEDY_ONLY',
    objective,
    bestBound: bound,
    gap: useSolver ? (r.gap ?? null) : bound === null ? null : Math.abs(bound - objective) / Math.max(1e-9, Math.abs(objective)),
    seconds: r?.seconds ?? solved.greedySeconds,
  };
}

/** Classes of the plan with their attendees and the needs each attendance closes (the "why"). */
export function toClasses(g: GatheredPlan, plan: Plan): repo.NewClass[] {
  const personIx = new Map(g.input.people.map((p, i) => [p.id, i]));
  const courseIx = new Map(g.input.courses.map((c, i) => [c.id, i]));
  const out: repo.NewClass[] = [];
  for (const entry of plan.courses) {
    const ci = courseIx.get(entry.courseId);
    const record = ci === undefined ? undefined : g.courses[ci];
    const course = ci === undefined ? undefined : (g.input.courses[ci] as PlanCourse);
    if (!record || !course) continue;
    splitClasses(entry).forEach((members, k) => {
      out.push({
        courseId: record.id,
        courseCode: record.code,
        year: entry.year,
        classNo: k + 1,
        fundingSource: course.fundingSource,
        cost: course.costPerClass + course.costPerParticipant * members.length,
        attendees: members.map((staffId) => {
          const pi = personIx.get(staffId) ?? -1;
          const person = g.input.people[pi];
          const needs = person ? closedBy(course, person.needs, g.needsOf[pi] ?? []) : [];
          return { staffId, unitId: person?.unitId ?? 0, weight: needs.reduce((s, n) => s + n.weight, 0), needs };
        }),
      });
    });
  }
  return out;
}

async function generate(deps: PlanDeps, ctx: JobContext, solve: SolveFn): Promise<void> {
  const { planId, actor } = ctx.job.payload as PlanJobPayload;
  const plan = await repo.findPlan(deps.db, planId);
  if (!plan) return; // deleted meanwhile: nothing to generate
  await repo.setPlanStatus(deps.db, planId, 'RUNNING');
  await ctx.heartbeat({ fraction: 0.02, messageKey: 'trainingPlans.progress.gathering' });
  const gathered = await gatherPlanInput(deps, actorOf(actor), plan.parameters);
  const { input } = gathered;
  const summary = {
    people: input.people.length,
    courses: input.courses.length,
    units: input.units.length,
    needs: input.people.reduce((s, p) => s + p.needs.length, 0),
  };
  const limit = plan.parameters.timeLimitSeconds;
  await ctx.heartbeat({ fraction: 0.1, messageKey: 'trainingPlans.progress.solving', figures: { ...summary, seconds: 0 } });
  let lastBeat = 0;
  const solved = await solve(
    { input, method: plan.parameters.method, timeLimitSeconds: limit, ...SOLVER_SETTINGS },
    {
      signal: ctx.signal,
      onProgress: (p) => {
        // At most one database write a second, however often HiGHS reports.
        if (Date.now() - lastBeat < 1000) return;
        lastBeat = Date.now();
        const figures = { ...summary, seconds: Math.round(p.seconds), incumbent: p.incumbent, bestBound: p.bestBound, gap: p.gap };
        ctx
          .heartbeat({ fraction: 0.1 + 0.85 * Math.min(1, p.seconds / limit), messageKey: 'trainingPlans.progress.solving', figures })
          .catch(() => {});
      },
    },
  );
  const chosen = choosePlan(input, solved);
  const classes = toClasses(gathered, chosen.plan);
  await ctx.heartbeat({ fraction: 0.97, messageKey: 'trainingPlans.progress.storing', figures: { classes: classes.length } });
  const outcome: repo.PlanOutcome = {
    method: chosen.method,
    solverStatus: chosen.solverStatus,
    objective: chosen.objective,
    bestBound: chosen.bestBound,
    gap: chosen.gap,
    solveSeconds: chosen.seconds,
    greedyObjective: chosen.greedyObjective,
    gapClosed: chosen.value.gapClosed,
    totalCost: chosen.value.cost,
    inputDigest: inputDigest(input, { method: plan.parameters.method, ...SOLVER_SETTINGS }),
    inputSummary: summary,
  };
  await ctx.complete(async (trx) => {
    await repo.storePlanResult(trx, planId, outcome, classes, deps.clock.now().toISOString());
    return { planId, objective: outcome.objective, gap: outcome.gap, method: outcome.method };
  });
}

/** The job handler of `training.plan.generate`; `solve` is replaceable for tests. */
export function planJobHandler(deps: PlanDeps, solve: SolveFn = solveInThread): JobHandler {
  return {
    kind: PLAN_JOB_KIND,
    leaseMs: PLAN_LEASE_MS,
    run: (ctx) => generate(deps, ctx, solve),
    onFailed: async (trx, job, error) => {
      const { planId } = job.payload as PlanJobPayload;
      await repo.setPlanStatus(trx, planId, 'FAILED', error, deps.clock.now().toISOString());
    },
  };
}
