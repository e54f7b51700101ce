import { describe, expect, it } from 'vitest';
import { deadlineOfDecision, handledOnTime } from './feedback-deadlines.ts';

// Received Monday 2 March 2026; 2, 5 and 15 working days later at the close of office (17:00 in Vietnam).
const d = {
  refuseBy: '2026-03-04T10:00:00.000Z',
  infoRequestBy: '2026-03-09T10:00:00.000Z',
  answerBy: '2026-03-23T10:00:00.000Z',
};

describe('PAKN deadlines', () => {
  it('judges each decision by its own deadline', () => {
    expect(deadlineOfDecision('REFUSED', d)).toBe(d.refuseBy);
    expect(deadlineOfDecision('INFO_REQUESTED', d)).toBe(d.infoRequestBy);
    expect(deadlineOfDecision('ANSWERED', d)).toBe(d.answerBy);
  });

  it('counts a refusal on day 3 as late although the answer would still have been on time', () => {
    expect(handledOnTime('REFUSED', '2026-03-04T10:00:00.000Z', d)).toBe(true);
    expect(handledOnTime('REFUSED', '2026-03-05T02:00:00.000Z', d)).toBe(false);
    expect(handledOnTime('ANSWERED', '2026-03-05T02:00:00.000Z', d)).toBe(true);
  });

  it('counts an information request after five working days as late', () => {
    expect(handledOnTime('INFO_REQUESTED', '2026-03-09T09:59:59.999Z', d)).toBe(true);
    expect(handledOnTime('INFO_REQUESTED', '2026-03-09T10:00:00.001Z', d)).toBe(false);
  });

  it('has no verdict before a decision, and falls back to the answer deadline on older rows', () => {
    expect(handledOnTime('RECEIVED', null, d)).toBeNull();
    const older = { answerBy: d.answerBy, refuseBy: null, infoRequestBy: null };
    expect(handledOnTime('REFUSED', '2026-03-10T02:00:00.000Z', older)).toBe(true);
    expect(handledOnTime('ANSWERED', '2026-03-24T02:00:00.000Z', older)).toBe(false);
  });
});
