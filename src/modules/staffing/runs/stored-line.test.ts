import { describe, expect, it } from 'vitest';
import { WISN_FORMULA_VERSION } from '../wisn.ts';
import { demoSizedRun, FIXTURE_UNITS, fixtureLine, smallRun } from './run.fixtures.ts';
import type { RunLine } from './run.schemas.ts';
import { fromStoredLine, headlineOf, LineDictionaryBuilder, type PackedRunLine, packLine, parseDictionary } from './stored-line.ts';

const [unit] = FIXTURE_UNITS;

/** JSON with keys sorted: equal text means equal structure and the same doubles. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );
}

/** Packs lines as createRun does; the stored texts and the run's dictionary text. */
function store(lines: readonly RunLine[]) {
  const dict = new LineDictionaryBuilder();
  const stored = lines.map((l) => packLine(l, dict));
  return { stored, dictionary: dict.toJSON() };
}

function edited(line: RunLine, change: (p: PackedRunLine) => void) {
  const { stored, dictionary } = store([line]);
  const p = JSON.parse(stored[0] as string) as PackedRunLine;
  change(p);
  return () => fromStoredLine(JSON.stringify(p), parseDictionary(dictionary));
}

describe('stored run line', () => {
  it('reads back exactly the lines that were computed: every input, source, figure and trace step, unrounded', () => {
    const lines = demoSizedRun().lines;
    expect(lines.some((l) => l.status === 'REFUSED')).toBe(true);
    const { stored, dictionary } = store(lines);
    const dict = parseDictionary(dictionary);
    const back = stored.map((s) => fromStoredLine(s, dict));
    expect(back.map(canonical)).toEqual(lines.map(canonical));
    for (let i = 0; i < 10; i++) expect(back[i]).toStrictEqual(lines[i]);
  });

  it('keeps unrounded inputs unrounded through storage', () => {
    // 4 dossiers over 59 days, annualised: not a short decimal.
    const line = fixtureLine(unit, 'LAND', { dossiers: (4 * 365) / 59, minutes: 25, actual: 2 });
    const { stored, dictionary } = store([line]);
    const back = fromStoredLine(stored[0] as string, parseDictionary(dictionary));
    expect(back.input.service[0]?.annualWorkload).toBe((4 * 365) / 59);
    expect(back.result?.requiredStaff.value).toBe(line.result?.requiredStaff.value);
    expect(back.result?.trace).toEqual(line.result?.trace);
  });

  it('stores the headline figures and shared texts once per run, not the result, in under an eighth of the size', () => {
    const lines = demoSizedRun().lines;
    const { stored, dictionary } = store(lines);
    const first = JSON.parse(stored[0] as string) as PackedRunLine & { result?: unknown; input?: unknown };
    expect(first.result).toBeUndefined();
    expect(first.input).toBeUndefined();
    expect(first.computed).toEqual({
      formulaVersion: WISN_FORMULA_VERSION,
      requiredStaff: lines[0]?.result?.requiredStaff.value,
      difference: lines[0]?.result?.difference.value,
      ratio: lines[0]?.result?.ratio?.value ?? null,
    });
    // What placement reads from the JSON stays where it was.
    expect(first.unitName).toBe(lines[0]?.unitName);
    expect(first.expertise).toEqual(lines[0]?.expertise);
    // Every fixture line shares one working time: one block.
    const dict = parseDictionary(dictionary);
    expect(dict?.blocks.filter((b) => b.includes('hoursPerDay'))).toHaveLength(1);
    const full = lines.reduce((n, l) => n + JSON.stringify(l).length, 0);
    const packed = stored.reduce((n, s) => n + s.length, dictionary.length);
    expect(packed).toBeLessThan(full / 8);
  });

  it('reads lines stored with their full result, without a dictionary, as they are', () => {
    for (const line of smallRun().lines) expect(fromStoredLine(JSON.stringify(line), null)).toStrictEqual(line);
  });

  it('reads a line of an older formula version with its stored figures and inputs, flagged, without recomputing it', () => {
    const line = smallRun().lines.find((l) => l.result !== null) as RunLine;
    const { stored, dictionary } = store([line]);
    const p = JSON.parse(stored[0] as string) as PackedRunLine;
    if (!p.computed) throw new Error('fixture line has no figures');
    // What an older build stored: another version, and figures this build's formulas would not give.
    p.computed = { ...p.computed, formulaVersion: 'WISN-WHO-2010/cadre-0', requiredStaff: 7.25, difference: -5.25, ratio: 2 / 7.25 };
    const back = fromStoredLine(JSON.stringify(p), parseDictionary(dictionary));
    expect(back.traceUnavailable).toEqual({
      formulaVersion: 'WISN-WHO-2010/cadre-0',
      requiredStaff: 7.25,
      difference: -5.25,
      ratio: 2 / 7.25,
    });
    expect(back.result).toBeNull();
    expect(back.refusal).toBeNull();
    expect(back.input).toStrictEqual(line.input);
    expect(back.workloadSources).toStrictEqual(line.workloadSources);
    expect({ ...back, traceUnavailable: undefined, result: line.result }).toStrictEqual({ ...line, traceUnavailable: undefined });
    expect(headlineOf(back)).toEqual({ requiredStaff: 7.25, difference: -5.25, ratio: 2 / 7.25 });
    // A line of this version carries no flag, and its headline is the recomputed one.
    const current = fromStoredLine(stored[0] as string, parseDictionary(dictionary));
    expect('traceUnavailable' in current).toBe(false);
    expect(headlineOf(current)).toEqual({
      requiredStaff: line.result?.requiredStaff.value,
      difference: line.result?.difference.value,
      ratio: line.result?.ratio?.value ?? null,
    });
    // A refused line of an older version stays refused (no figures were stored).
    const refused = demoSizedRun().lines.find((l) => l.status === 'REFUSED') as RunLine;
    const r = store([refused]);
    const readOld = fromStoredLine(r.stored[0] as string, parseDictionary(r.dictionary));
    expect(readOld.traceUnavailable).toBeUndefined();
    expect(headlineOf(readOld)).toBeNull();
  });

  it('refuses to show figures other than those stored', () => {
    const line = smallRun().lines[0] as RunLine;
    expect(
      edited(line, (p) => {
        if (p.computed) p.computed.requiredStaff += 1e-12;
      }),
    ).toThrow(/differ/);
    expect(
      edited(line, (p) => {
        p.packed.actualStaff += 1;
      }),
    ).toThrow(/differ/);
    // Same formula version, a wrong figure or input: still refused (tampering, or a formula change without a bump).
    expect(
      edited(line, (p) => {
        if (p.computed) p.computed.difference -= 1;
      }),
    ).toThrow(/differ/);
    const { stored } = store([line]);
    expect(() => fromStoredLine(stored[0] as string, null)).toThrow(/no dictionary/);
    expect(() => fromStoredLine(stored[0] as string, { strings: [], blocks: [] })).toThrow(/dictionary has no/);
  });
});
