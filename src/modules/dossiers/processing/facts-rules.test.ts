import { describe, expect, it } from 'vitest';
import { allowedFacts, decideFacts, type FactsState } from './facts-rules.ts';

const AT = '2026-03-02T03:00:00.000Z';
const state = (over: Partial<FactsState> = {}): FactsState => ({
  status: 4,
  feeBearing: true,
  electronicResultAt: null,
  paidOnlineAt: null,
  reusedData: false,
  ...over,
});

describe('allowedFacts', () => {
  it('allows the electronic result only once processed or returned, reuse only at intake or in processing', () => {
    const byStatus = (status: number) => allowedFacts({ status, feeBearing: true });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((s) => byStatus(s).electronicResult)).toEqual([9, 10]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((s) => byStatus(s).reusedData)).toEqual([1, 2, 4, 5, 6]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((s) => !byStatus(s).paidOnline)).toEqual([3, 7]);
    expect(allowedFacts({ status: 4, feeBearing: false }).paidOnline).toBe(false);
  });
});

describe('decideFacts', () => {
  it('records what is asked and allowed, at the given instant', () => {
    expect(decideFacts(state({ status: 9 }), { electronicResult: true, paidOnline: true }, AT)).toEqual({
      ok: true,
      changes: { electronicResultAt: AT, paidOnlineAt: AT },
    });
    expect(decideFacts(state(), { reusedData: true }, AT)).toEqual({ ok: true, changes: { reusedData: true } });
  });

  it('names the reason of a refusal', () => {
    expect(decideFacts(state(), { electronicResult: true }, AT)).toEqual({ ok: false, code: 'DOSSIER_FACT_RESULT_NOT_ISSUED' });
    expect(decideFacts(state({ feeBearing: false }), { paidOnline: true }, AT)).toEqual({ ok: false, code: 'DOSSIER_FACT_NO_FEE' });
    expect(decideFacts(state({ status: 7 }), { paidOnline: true }, AT)).toEqual({ ok: false, code: 'DOSSIER_FACT_NOT_OPEN' });
    expect(decideFacts(state({ status: 10 }), { reusedData: true }, AT)).toEqual({ ok: false, code: 'DOSSIER_FACT_NOT_OPEN' });
  });

  it('keeps a fact already recorded and changes nothing, even where it could no longer be recorded', () => {
    const done = state({
      status: 10,
      electronicResultAt: '2026-01-01T00:00:00.000Z',
      paidOnlineAt: '2026-01-01T00:00:00.000Z',
      reusedData: true,
    });
    expect(decideFacts(done, { electronicResult: true, paidOnline: true, reusedData: true }, AT)).toEqual({ ok: true, changes: {} });
  });
});
