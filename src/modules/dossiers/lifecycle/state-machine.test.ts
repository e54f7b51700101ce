import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../platform/auth/roles.ts';
import {
  allowedActions,
  DOSSIER_ACTIONS,
  DOSSIER_STATUS,
  DOSSIER_STATUS_CODES,
  type DossierAction,
  decideTransition,
  initialState,
  isTerminal,
  type LifecycleState,
  type LifecycleStep,
  TERMINAL_STATUSES,
} from './state-machine.ts';

/** The default template of the procedures module: receive → specialist → leader → return. */
const WORKFLOW: LifecycleStep[] = [
  { code: 'RECEIVE', roles: ['counter_officer'] },
  { code: 'SPECIALIST', roles: ['field_specialist'] },
  { code: 'LEADER_APPROVAL', roles: ['unit_leader'] },
  { code: 'RETURN', roles: ['counter_officer'] },
];
const SAME_DAY: LifecycleStep[] = [
  { code: 'RECEIVE', roles: ['counter_officer'] },
  { code: 'SPECIALIST', roles: ['field_specialist'] },
  { code: 'RETURN', roles: ['counter_officer'] },
];

const vn = (local: string) => new Date(`${local}+07:00`);
const as = (role: Role) => ({ userId: 7, role });
const DUE = vn('2026-03-05T17:00:00');
const withReason = { reason: 'thiếu giấy tờ' };

/** Runs a script of (action, role, local time) and fails loudly on the first refusal. */
function run(start: LifecycleState, steps: [DossierAction, Role, string][], workflow = WORKFLOW): LifecycleState {
  let s = start;
  for (const [action, role, at] of steps) {
    const d = decideTransition(s, action, as(role), workflow, vn(at), { dueAt: DUE, ...withReason });
    if (!d.ok) throw new Error(`${action} by ${role} refused: ${d.reason}`);
    s = d.next;
  }
  return s;
}

const online = () => initialState('ONLINE', vn('2026-03-02T08:00:00'), null);
const processingAtSpecialist = () =>
  run(online(), [
    ['ACCEPT', 'counter_officer', '2026-03-02T09:00:00'],
    ['START_PROCESSING', 'counter_officer', '2026-03-02T09:30:00'],
  ]);

describe('status codes (domain.md §6.2)', () => {
  it('numbers the ten statuses 1–10', () => {
    expect(DOSSIER_STATUS).toEqual({
      SUBMITTED_ONLINE: 1,
      RECEIVED: 2,
      REFUSED_AT_RECEPTION: 3,
      PROCESSING: 4,
      SUPPLEMENT_REQUESTED: 5,
      PAYMENT_REQUESTED: 6,
      WITHDRAWN: 7,
      STOPPED: 8,
      DONE: 9,
      RETURNED: 10,
    });
  });

  it('starts online filings at 1 and counter or post filings at 2 with the clock running', () => {
    expect(online()).toMatchObject({ status: 1, receivedAt: null, dueAt: null });
    const counter = initialState('COUNTER', vn('2026-03-02T08:00:00'), DUE);
    expect(counter).toMatchObject({ status: 2, receivedAt: vn('2026-03-02T08:00:00'), dueAt: DUE, stepIndex: 0 });
  });
});

describe('decideTransition: the full path', () => {
  it('goes 1 → 2 → 4 → 5 → 4 → 4 (leader) → 9 → 10 and records one event per action', () => {
    const events: string[] = [];
    let s = online();
    const script: [DossierAction, Role, string][] = [
      ['ACCEPT', 'counter_officer', '2026-03-02T09:00:00'],
      ['START_PROCESSING', 'counter_officer', '2026-03-02T09:30:00'],
      ['REQUEST_SUPPLEMENT', 'field_specialist', '2026-03-03T10:00:00'],
      ['SUPPLEMENT_RECEIVED', 'counter_officer', '2026-03-04T10:00:00'],
      ['FORWARD', 'field_specialist', '2026-03-04T11:00:00'],
      ['FINISH', 'unit_leader', '2026-03-05T09:00:00'],
      ['RETURN_RESULT', 'counter_officer', '2026-03-05T10:00:00'],
    ];
    for (const [action, role, at] of script) {
      const d = decideTransition(s, action, as(role), WORKFLOW, vn(at), { dueAt: DUE, ...withReason });
      if (!d.ok) throw new Error(d.reason);
      events.push(`${d.events[0]?.action}:${d.events[0]?.fromStatus}→${d.events[0]?.toStatus}@${d.events[0]?.toStep}`);
      s = d.next;
    }
    expect(events).toEqual([
      'ACCEPT:1→2@RECEIVE',
      'START_PROCESSING:2→4@SPECIALIST',
      'REQUEST_SUPPLEMENT:4→5@SPECIALIST',
      'SUPPLEMENT_RECEIVED:5→4@SPECIALIST',
      'FORWARD:4→4@LEADER_APPROVAL',
      'FINISH:4→9@RETURN',
      'RETURN_RESULT:9→10@RETURN',
    ]);
    expect(s).toMatchObject({
      status: 10,
      stepIndex: 3,
      receivedAt: vn('2026-03-02T09:00:00'),
      dueAt: DUE,
      supplementRequests: 1,
      doneAt: vn('2026-03-05T09:00:00'),
      returnedAt: vn('2026-03-05T10:00:00'),
    });
    expect(s.pauses).toEqual([{ kind: 'SUPPLEMENT', startedAt: vn('2026-03-03T10:00:00'), endedAt: vn('2026-03-04T10:00:00') }]);
  });

  it('finishes from the only processing step of a same-day workflow', () => {
    const s = run(
      online(),
      [
        ['ACCEPT', 'counter_officer', '2026-03-02T09:00:00'],
        ['START_PROCESSING', 'counter_officer', '2026-03-02T09:10:00'],
        ['FINISH', 'field_specialist', '2026-03-02T10:00:00'],
      ],
      SAME_DAY,
    );
    expect({ status: s.status, step: SAME_DAY[s.stepIndex]?.code }).toEqual({ status: 9, step: 'RETURN' });
  });

  it('refuses an online filing at reception (1 → 3) with a written reason', () => {
    const d = decideTransition(online(), 'REFUSE', as('counter_officer'), WORKFLOW, vn('2026-03-02T09:00:00'), withReason);
    expect(d).toMatchObject({ ok: true, next: { status: 3, refusedAt: vn('2026-03-02T09:00:00') }, events: [{ reason: 'thiếu giấy tờ' }] });
  });
});

describe('decideTransition: refusals', () => {
  it('allows each action at the specialist step only to the specialist (and the counter for hand-ins)', () => {
    const s = processingAtSpecialist();
    const paused = run(s, [['REQUEST_SUPPLEMENT', 'field_specialist', '2026-03-03T10:00:00']]);
    const table: Record<string, string[]> = {};
    for (const [action, state] of [
      ['REQUEST_SUPPLEMENT', s],
      ['REQUEST_PAYMENT', s],
      ['STOP', s],
      ['FORWARD', s],
      ['SUPPLEMENT_RECEIVED', paused],
    ] as const) {
      table[action] = ROLES.filter((r) => decideTransition(state, action, as(r), WORKFLOW, vn('2026-03-04T08:00:00'), withReason).ok);
    }
    expect(table).toEqual({
      REQUEST_SUPPLEMENT: ['field_specialist'],
      REQUEST_PAYMENT: ['field_specialist'],
      STOP: ['field_specialist'],
      FORWARD: ['field_specialist'],
      SUPPLEMENT_RECEIVED: ['counter_officer', 'field_specialist'],
    });
    const refusal = decideTransition(s, 'REQUEST_SUPPLEMENT', as('unit_leader'), WORKFLOW, vn('2026-03-04T08:00:00'), withReason);
    expect(refusal).toEqual({ ok: false, reason: 'ROLE_NOT_ALLOWED_AT_STEP' });
  });

  it('lists the actions of each role at each step', () => {
    const at = vn('2026-03-04T08:00:00');
    const s = processingAtSpecialist();
    const leader = run(s, [['FORWARD', 'field_specialist', '2026-03-03T08:00:00']]);
    expect(allowedActions(online(), as('counter_officer'), WORKFLOW, at)).toEqual(['ACCEPT', 'REFUSE', 'WITHDRAW']);
    expect(allowedActions(online(), as('citizen'), WORKFLOW, at)).toEqual(['WITHDRAW']);
    expect(allowedActions(online(), as('field_specialist'), WORKFLOW, at)).toEqual([]);
    expect(allowedActions(s, as('field_specialist'), WORKFLOW, at)).toEqual([
      'FORWARD',
      'REQUEST_SUPPLEMENT',
      'REQUEST_PAYMENT',
      'STOP',
      'WITHDRAW',
    ]);
    expect(allowedActions(s, as('counter_officer'), WORKFLOW, at)).toEqual(['WITHDRAW']);
    expect(allowedActions(leader, as('unit_leader'), WORKFLOW, at)).toEqual([
      'REQUEST_SUPPLEMENT',
      'REQUEST_PAYMENT',
      'STOP',
      'FINISH',
      'WITHDRAW',
    ]);
    expect(allowedActions(leader, as('system_admin'), WORKFLOW, at)).toEqual([]);
  });

  it('refuses FINISH at the specialist step when a leader step follows, and RETURN_RESULT before the result', () => {
    const s = processingAtSpecialist();
    expect(decideTransition(s, 'FINISH', as('field_specialist'), WORKFLOW, vn('2026-03-04T08:00:00'))).toEqual({
      ok: false,
      reason: 'ACTION_NOT_AT_THIS_STEP',
    });
    expect(decideTransition(s, 'RETURN_RESULT', as('counter_officer'), WORKFLOW, vn('2026-03-04T08:00:00'))).toEqual({
      ok: false,
      reason: 'TRANSITION_NOT_ALLOWED',
    });
  });

  it('allows a second supplement request but flags it, and refuses one while a request is pending', () => {
    const s = run(processingAtSpecialist(), [
      ['REQUEST_SUPPLEMENT', 'field_specialist', '2026-03-03T08:00:00'],
      ['SUPPLEMENT_RECEIVED', 'counter_officer', '2026-03-03T09:00:00'],
    ]);
    const pending = run(s, [['REQUEST_SUPPLEMENT', 'field_specialist', '2026-03-03T10:00:00']]);
    expect(
      decideTransition(pending, 'REQUEST_SUPPLEMENT', as('field_specialist'), WORKFLOW, vn('2026-03-03T11:00:00'), withReason),
    ).toEqual({
      ok: false,
      reason: 'SUPPLEMENT_ALREADY_REQUESTED',
    });
    const second = decideTransition(s, 'REQUEST_SUPPLEMENT', as('field_specialist'), WORKFLOW, vn('2026-03-03T10:00:00'), withReason);
    expect(second).toMatchObject({ ok: true, next: { status: 5, supplementRequests: 2 }, events: [{ repeatSupplementRequest: true }] });
    const first = decideTransition(
      processingAtSpecialist(),
      'REQUEST_SUPPLEMENT',
      as('field_specialist'),
      WORKFLOW,
      vn('2026-03-03T08:00:00'),
      withReason,
    );
    expect(first.ok && first.events[0]?.repeatSupplementRequest).toBeUndefined();
  });

  it('refuses a second payment request while one is pending, and a payment request during a supplement pause', () => {
    const pay = run(processingAtSpecialist(), [['REQUEST_PAYMENT', 'field_specialist', '2026-03-03T08:00:00']]);
    expect(decideTransition(pay, 'REQUEST_PAYMENT', as('field_specialist'), WORKFLOW, vn('2026-03-03T09:00:00'))).toEqual({
      ok: false,
      reason: 'PAYMENT_ALREADY_REQUESTED',
    });
    const sup = run(processingAtSpecialist(), [['REQUEST_SUPPLEMENT', 'field_specialist', '2026-03-03T08:00:00']]);
    expect(decideTransition(sup, 'REQUEST_PAYMENT', as('field_specialist'), WORKFLOW, vn('2026-03-03T09:00:00'))).toEqual({
      ok: false,
      reason: 'TRANSITION_NOT_ALLOWED',
    });
  });

  it('records the paused wall-clock time when a pause ends, and ends an open pause on withdrawal', () => {
    const pay = run(processingAtSpecialist(), [['REQUEST_PAYMENT', 'field_specialist', '2026-03-03T08:00:00']]);
    const paid = decideTransition(pay, 'PAYMENT_RECEIVED', as('counter_officer'), WORKFLOW, vn('2026-03-03T10:30:00'));
    expect(paid).toMatchObject({ ok: true, next: { status: 4 }, events: [{ pausedMs: 2.5 * 3_600_000 }] });
    const withdrawn = decideTransition(pay, 'WITHDRAW', as('citizen'), WORKFLOW, vn('2026-03-03T09:00:00'), withReason);
    expect(withdrawn).toMatchObject({
      ok: true,
      next: { status: 7, withdrawnAt: vn('2026-03-03T09:00:00') },
      events: [{ pausedMs: 3_600_000 }],
    });
    expect(withdrawn.ok && withdrawn.next.pauses.every((p) => p.endedAt !== null)).toBe(true);
  });

  it('leaves no terminal state by any action and role', () => {
    const at = vn('2026-03-10T08:00:00');
    const terminals = [
      decideTransition(online(), 'REFUSE', as('counter_officer'), WORKFLOW, vn('2026-03-02T09:00:00'), withReason),
      decideTransition(online(), 'WITHDRAW', as('citizen'), WORKFLOW, vn('2026-03-02T09:00:00'), withReason),
      decideTransition(processingAtSpecialist(), 'STOP', as('field_specialist'), WORKFLOW, vn('2026-03-03T09:00:00'), withReason),
      {
        ok: true as const,
        next: run(processingAtSpecialist(), [
          ['FORWARD', 'field_specialist', '2026-03-03T08:00:00'],
          ['FINISH', 'unit_leader', '2026-03-03T09:00:00'],
          ['RETURN_RESULT', 'counter_officer', '2026-03-03T10:00:00'],
        ]),
      },
    ];
    expect(terminals.map((d) => (d.ok ? d.next.status : 0))).toEqual([3, 7, 8, 10]);
    for (const d of terminals) {
      if (!d.ok) throw new Error('setup');
      for (const r of ROLES) expect(allowedActions(d.next, as(r), WORKFLOW, at)).toEqual([]);
      expect(decideTransition(d.next, 'WITHDRAW', as('citizen'), WORKFLOW, at, withReason)).toEqual({
        ok: false,
        reason: 'TRANSITION_NOT_ALLOWED',
      });
    }
  });

  it('asks for a reason, a due date on acceptance, a valid workflow and a time not before the last event', () => {
    const s = processingAtSpecialist();
    expect(decideTransition(s, 'STOP', as('field_specialist'), WORKFLOW, vn('2026-03-03T08:00:00'), { reason: '  ' })).toEqual({
      ok: false,
      reason: 'REASON_REQUIRED',
    });
    expect(decideTransition(online(), 'ACCEPT', as('counter_officer'), WORKFLOW, vn('2026-03-02T09:00:00'))).toEqual({
      ok: false,
      reason: 'DUE_DATE_REQUIRED',
    });
    expect(decideTransition(s, 'FORWARD', as('field_specialist'), WORKFLOW, vn('2026-03-01T08:00:00'))).toEqual({
      ok: false,
      reason: 'TIME_BEFORE_LAST_EVENT',
    });
    expect(decideTransition(s, 'FORWARD', as('field_specialist'), [WORKFLOW[0] as LifecycleStep], vn('2026-03-03T08:00:00'))).toEqual({
      ok: false,
      reason: 'WORKFLOW_INVALID',
    });
    const twoSteps = [WORKFLOW[0], WORKFLOW[3]] as LifecycleStep[];
    const received = initialState('COUNTER', vn('2026-03-02T08:00:00'), DUE);
    expect(decideTransition(received, 'START_PROCESSING', as('counter_officer'), twoSteps, vn('2026-03-02T09:00:00'))).toEqual({
      ok: false,
      reason: 'WORKFLOW_INVALID',
    });
  });
});

describe('decideTransition: properties', () => {
  const ALLOWED_EDGES = new Set([
    '1>2',
    '1>3',
    '2>4',
    '4>5',
    '5>4',
    '4>6',
    '6>4',
    '4>8',
    '4>9',
    '9>10',
    '4>4',
    ...[1, 2, 4, 5, 6].map((s) => `${s}>7`),
  ]);
  const step = fc.record({
    action: fc.constantFrom(...DOSSIER_ACTIONS),
    role: fc.constantFrom(...ROLES),
    minutes: fc.integer({ min: -30, max: 5000 }),
    reason: fc.constantFrom('', 'lý do'),
  });

  it('keeps the status within 1–10, moves only along allowed edges, never leaves a terminal state, pauses iff 5 or 6', () => {
    fc.assert(
      fc.property(fc.constantFrom<'ONLINE' | 'COUNTER'>('ONLINE', 'COUNTER'), fc.array(step, { maxLength: 40 }), (channel, steps) => {
        let s = initialState(channel, vn('2026-02-10T08:00:00'), channel === 'ONLINE' ? null : DUE);
        let t = vn('2026-02-10T08:00:00').getTime();
        for (const st of steps) {
          t += st.minutes * 60_000;
          const d = decideTransition(s, st.action, as(st.role), WORKFLOW, new Date(t), { dueAt: DUE, reason: st.reason });
          if (isTerminal(s.status)) expect(d.ok).toBe(false);
          if (!d.ok) continue;
          expect(ALLOWED_EDGES.has(`${s.status}>${d.next.status}`)).toBe(true);
          expect(DOSSIER_STATUS_CODES).toContain(d.next.status);
          expect(d.next.stepIndex >= 0 && d.next.stepIndex < WORKFLOW.length).toBe(true);
          const open = d.next.pauses.filter((p) => p.endedAt === null).length;
          expect(open).toBe(d.next.status === 5 || d.next.status === 6 ? 1 : 0);
          expect(d.next.pauses.every((p) => p.endedAt === null || p.endedAt.getTime() >= p.startedAt.getTime())).toBe(true);
          s = d.next;
        }
        expect(TERMINAL_STATUSES.includes(s.status) ? allowedActions(s, as('counter_officer'), WORKFLOW, new Date(t)) : []).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
