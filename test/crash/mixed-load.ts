import { execFileSync } from 'node:child_process';
import { childEnv, type Province, ROOT } from './cadre-process.ts';

/**
 * A bounded MIXED write load against a running `cadre serve`, with a log of every write the
 * server acknowledged, so a test can kill the server (crash) or copy its database (backup)
 * in the middle and then check what the database holds against what the clients were told.
 *
 * Four kinds of writer, as at a real ward office:
 *  - counter intake (POST /api/v1/dossiers) with an Idempotency-Key per dossier: the client
 *    retries the same key after a failure, so an acknowledged intake must replay, never double;
 *  - dossier processing: START_PROCESSING (status 2 → 4) on dossiers this load received, at the
 *    version read just before (optimistic concurrency), so a transition happens at most once;
 *  - a staff edit by HR (PUT /api/v1/staff/:id/discipline, versioned, audited), with a unique
 *    reason per write so each acknowledged edit can be found in the audit log;
 *  - a kiosk queue ticket (public POST), non-idempotent: checked by its acknowledged id and number.
 * A worker stops at its first connection error (the server is gone) and remembers the write it
 * had in flight; the next phase, against the restarted server, resumes from there.
 */

export type IntakeAck = { id: number; code: string };
export type IntakeSlot = { key: string; body: Record<string, unknown>; ack?: IntakeAck; sentAt?: number; ackAt?: number };
export type TransitionAck = { dossierId: number; version: number; sentAt: number; ackAt: number };
export type DisciplineAck = { staffId: number; reason: string; version: number; sentAt: number; ackAt: number };
export type TicketAck = { id: number; number: number; field: string; day: string; sentAt: number; ackAt: number };

export type LoadSetup = {
  province: Province;
  /** Added to every key and reason so two runs on one database never collide. */
  tag: string;
  procedureCode: string;
  /** The kiosk's commune (the counter officer's own ward). */
  unitCode: string;
  /** Staff records the HR officer reaches (their ward). */
  staffIds: number[];
  hrToken: string;
  intakeWorkers: number;
};

/** What one load (across all its phases) sent and what the server acknowledged. */
export class LoadLog {
  readonly intake: IntakeSlot[][];
  readonly transitions: TransitionAck[] = [];
  readonly discipline: DisciplineAck[] = [];
  readonly tickets: TicketAck[] = [];
  /** Statuses other than the expected success or load shedding (503): each one is a finding. */
  readonly unexpected: string[] = [];
  /** Answers 503 (load shedding by under-pressure): retried, counted for the report. */
  shed = 0;
  /** Dossiers this load received whose START_PROCESSING has not been tried yet. */
  readonly toProcess: number[] = [];
  private staffCursor = 0;
  private hrCount = 0;

  constructor(readonly setup: LoadSetup) {
    this.intake = Array.from({ length: setup.intakeWorkers }, () => []);
  }

  acks(): number {
    return this.intake.flat().filter((s) => s.ack).length + this.transitions.length + this.discipline.length + this.tickets.length;
  }

  nextIntake(worker: number): IntakeSlot {
    const mine = this.intake[worker] ?? [];
    // A slot whose answer never came back is retried first, with the same key and body.
    const pending = mine.find((s) => !s.ack);
    if (pending) return pending;
    const i = mine.length;
    const slot: IntakeSlot = {
      key: `${this.setup.tag}-k${worker}-${i}`,
      body: {
        procedureCode: this.setup.procedureCode,
        competentUnitId: this.setup.province.unitId,
        channel: 'IN_PERSON',
        applicantName: `Trần Thị Hỗn Hợp ${worker}-${i}`,
        applicantPhone: '0905333444',
        summary: `Hồ sơ tải hỗn hợp ${this.setup.tag} ${worker}-${i}`,
      },
    };
    mine.push(slot);
    return slot;
  }

  nextStaff(): { staffId: number; reason: string } {
    const staffId = this.setup.staffIds[this.staffCursor++ % this.setup.staffIds.length] ?? 0;
    return { staffId, reason: `${this.setup.tag}-hr-${this.hrCount++}` };
  }
}

/** Connection refused/reset or an aborted request: the server is gone for this phase. */
class ServerGone extends Error {}

async function call(base: string, method: string, url: string, token: string | null, body?: unknown, key?: string) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key) headers['idempotency-key'] = key;
  try {
    const res = await fetch(`${base}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', json: text ? JSON.parse(text) : null };
  } catch (e) {
    throw new ServerGone(String(e));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type PhaseControl = {
  /** Checked between requests: the worker ends its phase when it returns true. */
  stop: () => boolean;
  /** Called after every acknowledged write. */
  onAck?: () => void;
  /** Hard bound on the phase, so a load that no longer gets answers still ends by itself. */
  maxMs?: number;
};

/** Runs every worker against one server until each is told to stop or loses the server. */
export async function runPhase(base: string, log: LoadLog, control: PhaseControl): Promise<void> {
  const { province, hrToken, unitCode } = log.setup;
  const token = province.token;
  const acked = () => control.onAck?.();
  const deadline = Date.now() + (control.maxMs ?? 180_000);
  const outer = control;
  control = { ...outer, stop: () => outer.stop() || Date.now() > deadline };
  const shed = async (status: number, what: string): Promise<void> => {
    if (status === 503) {
      log.shed += 1;
      await pause(100);
    } else log.unexpected.push(`${what} → ${status}`);
  };

  const intakeWorker = async (w: number) => {
    while (!control.stop()) {
      const slot = log.nextIntake(w);
      slot.sentAt ??= Date.now();
      const r = await call(base, 'POST', '/api/v1/dossiers', token, slot.body, slot.key);
      if (r.status === 201) {
        slot.ack = { id: r.json.id, code: r.json.code };
        slot.ackAt = Date.now();
        log.toProcess.push(r.json.id);
        acked();
      } else await shed(r.status, `intake ${slot.key}`);
    }
  };

  const processingWorker = async () => {
    while (!control.stop()) {
      const id = log.toProcess[0];
      if (id === undefined) {
        await pause(20);
        continue;
      }
      const view = await call(base, 'GET', `/api/v1/dossiers/${id}/processing`, token);
      if (view.status !== 200) {
        await shed(view.status, `processing view ${id}`);
        continue;
      }
      // Already started (a transition whose answer was lost in a crash): nothing to do.
      if (view.json.status !== 2) {
        log.toProcess.shift();
        continue;
      }
      const sentAt = Date.now();
      const r = await call(base, 'POST', `/api/v1/dossiers/${id}/transitions`, token, {
        action: 'START_PROCESSING',
        version: view.json.version,
      });
      if (r.status === 200) {
        log.toProcess.shift();
        log.transitions.push({ dossierId: id, version: r.json.version, sentAt, ackAt: Date.now() });
        acked();
      } else await shed(r.status, `START_PROCESSING ${id}`);
    }
  };

  const hrWorker = async () => {
    let pending: { staffId: number; reason: string } | null = null;
    while (!control.stop()) {
      pending ??= log.nextStaff();
      const { staffId, reason } = pending;
      const current = await call(base, 'GET', `/api/v1/staff/${staffId}/discipline`, hrToken);
      if (current.status !== 200) {
        await shed(current.status, `discipline view ${staffId}`);
        continue;
      }
      // The edit in flight at a crash may have committed: then it is done, not repeated.
      if (current.json.reason === reason) {
        pending = null;
        continue;
      }
      const sentAt = Date.now();
      const r = await call(base, 'PUT', `/api/v1/staff/${staffId}/discipline`, hrToken, {
        pendingUntil: '2030-12-31',
        reason,
        documentRef: `QĐ-${reason}`,
        version: current.json.version,
      });
      if (r.status === 200) {
        log.discipline.push({ staffId, reason, version: r.json.version, sentAt, ackAt: Date.now() });
        pending = null;
        acked();
      } else await shed(r.status, `discipline ${staffId}`);
    }
  };

  const kioskWorker = async () => {
    let n = 0;
    while (!control.stop()) {
      const field = n++ % 2 === 0 ? 'CIVIL_STATUS' : 'CERTIFICATION';
      const sentAt = Date.now();
      const r = await call(base, 'POST', `/api/v1/public/queue/${encodeURIComponent(unitCode)}/tickets`, null, { field });
      if (r.status === 201) {
        log.tickets.push({ id: r.json.id, number: r.json.number, field: r.json.field, day: r.json.day, sentAt, ackAt: Date.now() });
        acked();
      } else await shed(r.status, `ticket ${field}`);
      // A kiosk is slower than a counter; keeps the ticket count well under the 999-a-day cap.
      await pause(30);
    }
  };

  const guard = async (worker: () => Promise<void>) => {
    try {
      await worker();
    } catch (e) {
      if (!(e instanceof ServerGone)) throw e;
    }
  };
  await Promise.all([
    ...log.intake.map((_, w) => guard(() => intakeWorker(w))),
    guard(processingWorker),
    guard(hrWorker),
    guard(kioskWorker),
  ]);
}

/** Retries every intake key ever sent (acknowledged or not) until each answers 201. */
export async function retryAllIntake(base: string, log: LoadLog): Promise<Map<string, { replayed: boolean; ack: IntakeAck }>> {
  const out = new Map<string, { replayed: boolean; ack: IntakeAck }>();
  await Promise.all(
    log.intake.map(async (mine) => {
      for (const slot of mine) {
        let last = '';
        for (let attempt = 0; attempt < 8 && !out.has(slot.key); attempt++) {
          try {
            const r = await call(base, 'POST', '/api/v1/dossiers', log.setup.province.token, slot.body, slot.key);
            if (r.status === 201) out.set(slot.key, { replayed: r.replayed, ack: { id: r.json.id, code: r.json.code } });
            else last = String(r.status);
          } catch (e) {
            last = String(e);
          }
          if (!out.has(slot.key)) await pause(200 * (attempt + 1));
        }
        if (!out.has(slot.key)) throw new Error(`retry of ${slot.key} kept failing: ${last}`);
      }
    }),
  );
  return out;
}

/** The facts the load needs from a freshly seeded province: kiosk unit, HR token, staff HR reaches. */
export async function loadSetupFor(province: Province, tag: string, intakeWorkers = 3): Promise<LoadSetup> {
  const [unit] = await province.query<{ code: string }>('select code from administrative_units where id = ?', [province.unitId]);
  const [hr] = await province.query<{ unit_id: number }>("select unit_id from users where username = 'hr'");
  if (!unit || !hr) throw new Error('the demo has no counter ward or no HR officer');
  const staff = await province.query<{ id: number }>('select id from staff where unit_id = ? order by id limit 4', [hr.unit_id]);
  if (staff.length === 0) throw new Error('the HR officer reaches no staff record');
  const hrToken = execFileSync(process.execPath, ['bin/cadre.js', 'token', 'create', '--user', 'hr', '--name', `load-${tag}`], {
    cwd: ROOT,
    env: childEnv(province.env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  return {
    province,
    tag,
    procedureCode: '1.001193',
    unitCode: unit.code,
    staffIds: staff.map((s) => Number(s.id)),
    hrToken,
    intakeWorkers,
  };
}

/**
 * The demo province with 3 days of dossiers instead of 14: the crash and restore tests need the
 * real schema, accounts and reference data, not the volume, and seeding dominates their run time.
 * Seeding may take minutes when other jobs load the machine.
 */
export const LIGHT_SEED = { args: ['--dossier-days', '3'], timeoutMs: 240_000 };

/** How long a `cadre serve` start may take before a test gives up (startServer's third argument). */
export const READY_TIMEOUT_MS = 240_000;
