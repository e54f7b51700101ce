import { afterEach, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.ts';
import { cadre, freePort, type Province, prepareProvince, type Server, startServer } from './cadre-process.ts';
import { expectLoadHeld, staffVersions } from './mixed-checks.ts';
import { LIGHT_SEED, LoadLog, loadSetupFor, READY_TIMEOUT_MS, retryAllIntake, runPhase } from './mixed-load.ts';

/**
 * Issue 8 §4: kill -9 under a MIXED write load (intake with Idempotency-Key, START_PROCESSING
 * transitions, HR staff edits, kiosk queue tickets; see mixed-load.ts), on SQLite and on
 * PostgreSQL. The server is killed CRASH_KILLS times (default 1, `npm run test:crash` uses 3),
 * each time at a random number of acknowledged writes while the other clients still have
 * requests in flight, and restarted on the same data. Afterwards every intake key is retried:
 * every acknowledged write must be there exactly once, nothing half-committed, codes and queue
 * numbers gap-free, and `cadre audit verify` must still pass. CRASH_SEED replays a run's kill points.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 1);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** Acknowledged writes in one phase before the kill: random in [MIN, MIN + SPREAD). */
const MIN_ACKS = 15;
const SPREAD = 30;
/** Writes acknowledged after the last restart before the load stops by itself. */
const FINAL_ACKS = 15;

/** mulberry32: a small seeded generator, so a failing run's kill points can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let province: Province | undefined;
let server: Server | undefined;
afterEach(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  server = undefined;
  await province?.cleanup();
  province = undefined;
});

describe.each(testDialects())('mixed writes survive kill -9 (%s)', (dialect) => {
  it(
    `keeps every acknowledged write exactly once across ${KILLS} kill(s) (seed ${SEED})`,
    async () => {
      province = await prepareProvince(dialect, LIGHT_SEED);
      const p = province;
      const random = rng(SEED);
      const log = new LoadLog(await loadSetupFor(p, `mix${SEED.toString(36)}${dialect[0]}`));
      const versionsBefore = await staffVersions(p.query, log.setup.staffIds);
      const killPoints: number[] = [];

      for (let kill = 0; kill < KILLS; kill++) {
        server = await startServer(p.env, await freePort(), READY_TIMEOUT_MS);
        const s = server;
        const threshold = MIN_ACKS + Math.floor(random() * SPREAD);
        let phaseAcks = 0;
        let killed = false;
        await runPhase(s.base, log, {
          stop: () => killed,
          onAck: () => {
            phaseAcks += 1;
            if (phaseAcks >= threshold && !killed) {
              killed = true;
              killPoints.push(log.acks());
              s.child.kill('SIGKILL');
            }
          },
        });
        if (!killed) {
          s.child.kill('SIGKILL');
          throw new Error(`phase ${kill}: only ${phaseAcks} of ${threshold} writes acknowledged in time (${log.shed} answered 503)`);
        }
        expect(await s.exited).toBeNull();
        expect(s.child.signalCode).toBe('SIGKILL');
      }

      // After the last restart: a little more load, then every client retries every intake key.
      server = await startServer(p.env, await freePort(), READY_TIMEOUT_MS);
      const last = server;
      let finalAcks = 0;
      await runPhase(last.base, log, { stop: () => finalAcks >= FINAL_ACKS, onAck: () => (finalAcks += 1) });
      const retried = await retryAllIntake(last.base, log);
      last.child.kill('SIGTERM');
      expect(await last.exited).toBe(0);

      // The run exercised every kind of write.
      expect(log.intake.flat().filter((s) => s.ack).length).toBeGreaterThan(0);
      expect(log.transitions.length).toBeGreaterThan(0);
      expect(log.discipline.length).toBeGreaterThan(0);
      expect(log.tickets.length).toBeGreaterThan(0);
      expect(killPoints).toHaveLength(KILLS);

      await expectLoadHeld(p.query, log, retried, versionsBefore);
      const verify = cadre(['audit', 'verify'], p.env);
      expect(verify.status, verify.stderr).toBe(0);
      console.info(
        `[crash ${dialect}] seed ${SEED}, kills after ${killPoints.join(', ')} acks; acknowledged: ` +
          `${log.intake.flat().filter((s) => s.ack).length} intakes (${log.intake.flat().length} keys), ` +
          `${log.transitions.length} transitions, ${log.discipline.length} staff edits, ${log.tickets.length} tickets, ${log.shed} answers 503 retried; ${verify.stderr}`,
      );
    },
    600_000 + KILLS * 120_000,
  );
});
