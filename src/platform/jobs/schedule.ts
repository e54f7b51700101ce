import type { Clock } from '../time/clock.ts';

/**
 * Named periodic work run by the job worker's poll loop (platform/jobs): each schedule runs once
 * when the worker starts and then at most every `everyMs`. A schedule only ENQUEUES jobs (cheap
 * inserts guarded by a unique key), so several processes running the same schedule never double
 * the work and the poll loop is never held up by it; the jobs themselves do the heavy part.
 */
export type Schedule = {
  name: string;
  everyMs: number;
  run: (now: Date) => Promise<unknown>;
};

type Log = { warn: (obj: object, msg: string) => void };

export class Scheduler {
  private readonly schedules = new Map<string, Schedule>();
  /** When each schedule last started in this process (epoch ms). */
  private readonly lastRun = new Map<string, number>();
  private running = false;

  constructor(
    private readonly clock: Clock,
    private readonly log?: Log,
  ) {}

  add(schedule: Schedule): void {
    if (this.schedules.has(schedule.name)) throw new Error(`schedule ${schedule.name} added twice`);
    if (!(schedule.everyMs > 0)) throw new Error(`schedule ${schedule.name}: everyMs must be positive`);
    this.schedules.set(schedule.name, schedule);
  }

  names(): string[] {
    return [...this.schedules.keys()].sort();
  }

  /**
   * Runs every schedule that never ran here or whose interval has passed; returns their names.
   * A failing schedule is logged and waits for its next interval (no tight retry loop), and a
   * call while another is still running returns at once (no overlap).
   */
  async runDue(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const ran: string[] = [];
    try {
      for (const s of this.schedules.values()) {
        const now = this.clock.now();
        const last = this.lastRun.get(s.name);
        if (last !== undefined && now.getTime() - last < s.everyMs) continue;
        this.lastRun.set(s.name, now.getTime());
        ran.push(s.name);
        try {
          await s.run(now);
        } catch (e) {
          this.log?.warn({ err: e, schedule: s.name }, 'schedule failed; next try after its interval');
        }
      }
    } finally {
      this.running = false;
    }
    return ran;
  }
}
