import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { FUNDING_SOURCES } from '../../modules/training/courses.ts';
import { CreatePlanBodySchema } from '../../modules/training/plan-versions/plan-versions.schemas.ts';
import { listProvincesWithCourses } from '../../modules/training/plan-versions/use-cases/cli-plan.ts';
import { planJobHandler } from '../../modules/training/plan-versions/use-cases/generate-plan.ts';
import { enqueuePlan, getPlanVersion } from '../../modules/training/plan-versions/use-cases/plan-versions.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { getJob } from '../../platform/jobs/job-queue.ts';
import { JobWorker } from '../../platform/jobs/job-worker.ts';
import { systemClock } from '../../platform/time/clock.ts';
import { fail, loadConfigOrExit, openDatabase, say } from '../context.ts';
import { describeAppError, operatorName } from './admin-actions.ts';

type PlanFlags = {
  name: string;
  budget: string[];
  province?: string;
  years?: string;
  maxDays: number;
  maxShare: number;
  timeLimit: number;
  method: string;
};

const collect = (v: string, all: string[]) => [...all, v];
const numberArg = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${v}`);
  return n;
};

/** `2026:STATE:500000000`: the source by its code or an unambiguous prefix (STATE → STATE_BUDGET). */
export function parseBudget(text: string): { year: number; fundingSource: string; amount: number } {
  const [year, source, amount] = text.split(':');
  const matches = FUNDING_SOURCES.filter((s) => s === source?.toUpperCase() || s.startsWith(source?.toUpperCase() ?? '\u0000'));
  const exact = FUNDING_SOURCES.find((s) => s === source?.toUpperCase());
  const fundingSource = exact ?? (matches.length === 1 ? matches[0] : undefined);
  if (!year || !fundingSource || amount === undefined || amount === '')
    throw new Error(`--budget ${text}: expected YEAR:SOURCE:AMOUNT with SOURCE one of ${FUNDING_SOURCES.join(', ')}`);
  return { year: Number(year), fundingSource, amount: Number(amount.replace(/[._\s]/g, '')) };
}

/** One line redrawn with \r on stderr (a terminal), or a plain line per change when piped. */
function progressLine() {
  const tty = process.stderr.isTTY === true;
  let last = '';
  return {
    draw(fraction: number, text: string) {
      const width = 30;
      const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${text}`;
      if (line === last) return;
      last = line;
      if (tty) process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 120) - 1).padEnd(Math.min(line.length, 119))}`);
      else process.stderr.write(`${line}\n`);
    },
    end() {
      if (tty && last) process.stderr.write('\n');
    },
  };
}

export function registerTrainingCommands(program: Command): void {
  const training = program.command('training').description('Training plans (issue 6)');
  training
    .command('plan')
    .description('Generate a training plan version (the same job the web form runs), with progress on stderr; prints the plan id on stdout')
    .requiredOption('--name <name>', 'name of the version')
    .option('--budget <year:source:amount>', 'budget line, repeatable, e.g. 2026:STATE:500000000', collect, [])
    .option('--province <code>', 'province code (default: the only province with a course catalogue)')
    .option('--years <list>', 'planned years, comma-separated (default 2026–2030)')
    .requiredOption('--max-days <n>', 'training days per person per year, at most', numberArg)
    .requiredOption('--max-share <fraction>', 'share of a unit away training in the same year, at most (0–1]', numberArg)
    .option('--time-limit <seconds>', 'solver time limit', numberArg, 60)
    .option('--method <MIP|GREEDY>', 'MIP (HiGHS) or GREEDY (baseline only)', 'MIP')
    .action(async (flags: PlanFlags) => {
      const config = loadConfigOrExit();
      const database = await openDatabase(config);
      const deps = { db: database.db, clock: systemClock };
      const bar = progressLine();
      try {
        const provinces = flags.province ? [flags.province] : await listProvincesWithCourses(deps);
        const provinceCode = provinces.length === 1 ? provinces[0] : undefined;
        if (!provinceCode) throw new Error(`choose --province (${provinces.join(', ') || 'no province has courses'})`);
        const parsed = CreatePlanBodySchema.safeParse({
          name: flags.name,
          ...(flags.years ? { years: flags.years.split(',').map(Number) } : {}),
          budgets: flags.budget.map(parseBudget),
          maxDaysPerPersonYear: flags.maxDays,
          maxUnitShareAway: flags.maxShare,
          timeLimitSeconds: flags.timeLimit,
          method: flags.method.toUpperCase(),
        });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        const actor = SYSTEM_ACTOR(provinceCode);
        const meta = { actor, requestId: `cli-${randomUUID()}`, at: new Date().toISOString(), provinceCode, operator: operatorName() };
        const { body } = await enqueuePlan(deps, actor, parsed.data, meta);
        say(`Plan ${body.plan.id} queued as job ${body.job.id}.`);
        // This process works the queue too: the job runs here unless a running server takes it first.
        const worker = new JobWorker({ db: database.db, clock: systemClock });
        worker.register(planJobHandler(deps));
        const poll = setInterval(async () => {
          const job = await getJob(database.db, body.job.id);
          const f = job?.progress?.figures ?? {};
          const fixed = (v: unknown) => (typeof v === 'number' ? v.toFixed(2) : '–');
          const text =
            f.seconds !== undefined
              ? `${f.seconds ?? 0} s  objective ${fixed(f.incumbent)}  bound ${fixed(f.bestBound)}  gap ${typeof f.gap === 'number' ? `${(f.gap * 100).toFixed(2)} %` : '–'}`
              : (job?.status ?? '');
          bar.draw(job?.progress?.fraction ?? 0, text);
        }, 500);
        let job = await getJob(database.db, body.job.id);
        while (job && job.status !== 'DONE' && job.status !== 'FAILED') {
          if ((await worker.tick()) === null) await new Promise((r) => setTimeout(r, 1000));
          job = await getJob(database.db, body.job.id);
        }
        clearInterval(poll);
        bar.draw(1, job?.status ?? '');
        bar.end();
        if (job?.status !== 'DONE') throw new Error(`the plan failed: ${job?.error ?? 'unknown'}`);
        const plan = await getPlanVersion(deps, actor, body.plan.id, { page: 1, pageSize: 1 });
        say(
          `Plan ${plan.id}: objective ${plan.objective?.toFixed(3) ?? '–'}, gap ${plan.gap === null ? '–' : `${(plan.gap * 100).toFixed(2)} %`}, ` +
            `greedy ${plan.greedyObjective?.toFixed(3) ?? '–'}, ${plan.totalClasses} classes, cost ${plan.totalCost ?? 0} VND (${plan.method}, ${plan.solverStatus}).`,
        );
        process.stdout.write(`${plan.id}\n`);
      } catch (e) {
        bar.end();
        await database.close();
        fail(e instanceof AppError ? describeAppError(e) : e instanceof Error ? e.message : String(e));
      }
      await database.close();
    });
}
