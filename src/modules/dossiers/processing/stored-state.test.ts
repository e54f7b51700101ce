import { describe, expect, it } from 'vitest';
import type { ProcessingRow } from './processing.repository.ts';
import { pausesFromEvents, toLifecycleState } from './stored-state.ts';

const row: ProcessingRow = {
  id: 1,
  provinceCode: 'T1',
  code: 'X-260302-0001',
  receivingUnitId: 1,
  competentUnitId: 1,
  procedureId: 1,
  status: 4,
  stepIndex: 1,
  assigneeId: null,
  receivedAt: '2026-03-02T03:00:00.000Z',
  dueAt: '2026-03-05T10:00:00.000Z',
  finishedAt: null,
  returnedAt: null,
  stoppedAt: null,
  withdrawnAt: null,
  promisedAt: null,
  pausedMs: 0,
  supplementRequests: 1,
  version: 4,
  updatedAt: '2026-03-03T03:00:00.000Z',
  applicantName: 'A',
  applicantEmail: null,
};

describe('stored lifecycle state', () => {
  it('rebuilds pauses from the timeline: each request opens one, the next receipt or withdrawal closes it', () => {
    const pauses = pausesFromEvents([
      { kind: 'RECEIVED', at: '2026-03-02T03:00:00.000Z' },
      { kind: 'REQUEST_SUPPLEMENT', at: '2026-03-02T04:00:00.000Z' },
      { kind: 'SUPPLEMENT_RECEIVED', at: '2026-03-03T04:00:00.000Z' },
      { kind: 'REQUEST_PAYMENT', at: '2026-03-03T05:00:00.000Z' },
    ]);
    expect(pauses).toEqual([
      { kind: 'SUPPLEMENT', startedAt: new Date('2026-03-02T04:00:00.000Z'), endedAt: new Date('2026-03-03T04:00:00.000Z') },
      { kind: 'PAYMENT', startedAt: new Date('2026-03-03T05:00:00.000Z'), endedAt: null },
    ]);
  });

  it('maps columns to the lifecycle state, with the last event and the slips', () => {
    const state = toLifecycleState(
      row,
      [
        { kind: 'RECEIVED', at: '2026-03-02T03:00:00.000Z' },
        { kind: 'START_PROCESSING', at: '2026-03-02T05:00:00.000Z' },
      ],
      [{ issuedAt: '2026-03-04T02:00:00.000Z', newDueAt: '2026-03-09T10:00:00.000Z' }],
    );
    expect(state).toMatchObject({
      status: 4,
      stepIndex: 1,
      dueAt: new Date('2026-03-05T10:00:00.000Z'),
      supplementRequests: 1,
      refusedAt: null,
      lastEventAt: new Date('2026-03-02T05:00:00.000Z'),
      apologySlips: [{ issuedAt: new Date('2026-03-04T02:00:00.000Z'), newDueAt: new Date('2026-03-09T10:00:00.000Z') }],
    });
  });
});
