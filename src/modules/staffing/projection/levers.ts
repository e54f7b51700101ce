import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { Levers, ProcedureMove } from './scenario.ts';

/**
 * The levers as typed in the form or the query string, checked, pure. Decimals may use a
 * comma (Vietnamese usage) or a point; blank means "no lever". Each problem names its field
 * and a message key, so the caller answers in the caller's language.
 */

export const LEVER_BOUNDS = { onlineShare: [0, 100], population: [-10, 10], factor: [0, 10], moves: 50 } as const;

export type LeverProblem = { path: 'onlineShare' | 'population' | 'moves'; key: MessageKey; params?: Record<string, string | number> };
export type LeverText = { onlineShare?: string | undefined; population?: string | undefined; moves?: string | undefined };

const NUMBER = /^[+\-−]?\d+(?:[.,]\d+)?$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

function parseNumber(text: string): number | null {
  const t = text.trim();
  if (!NUMBER.test(t)) return null;
  return Number(t.replace('−', '-').replace(',', '.'));
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

export function parseLevers(text: LeverText, knownCodes: ReadonlySet<string>): { levers: Levers; problems: LeverProblem[] } {
  const problems: LeverProblem[] = [];
  let onlineShare: number | null = null;
  if (!blank(text.onlineShare)) {
    const v = parseNumber(text.onlineShare as string);
    const [lo, hi] = LEVER_BOUNDS.onlineShare;
    if (v === null || v < lo || v > hi) problems.push({ path: 'onlineShare', key: 'staffingProjection.lever.onlineShareInvalid' });
    else onlineShare = v;
  }
  let populationPercent = 0;
  if (!blank(text.population)) {
    const v = parseNumber(text.population as string);
    const [lo, hi] = LEVER_BOUNDS.population;
    if (v === null || v < lo || v > hi) problems.push({ path: 'population', key: 'staffingProjection.lever.populationInvalid' });
    else populationPercent = v;
  }
  const moves: ProcedureMove[] = [];
  if (!blank(text.moves)) {
    const entries = (text.moves as string).split(/[;\s]+/).filter((e) => e !== '');
    if (entries.length > LEVER_BOUNDS.moves)
      problems.push({ path: 'moves', key: 'staffingProjection.lever.movesTooMany', params: { max: LEVER_BOUNDS.moves } });
    else
      for (const entry of entries) {
        const at = entry.lastIndexOf(':');
        const code = at > 0 ? entry.slice(0, at) : '';
        const factor = at > 0 ? parseNumber(entry.slice(at + 1)) : null;
        if (!CODE.test(code) || factor === null) {
          problems.push({ path: 'moves', key: 'staffingProjection.lever.moveFormat', params: { entry: entry.slice(0, 60) } });
          continue;
        }
        const [lo, hi] = LEVER_BOUNDS.factor;
        if (factor < lo || factor > hi) problems.push({ path: 'moves', key: 'staffingProjection.lever.moveFactor', params: { code } });
        else if (!knownCodes.has(code)) problems.push({ path: 'moves', key: 'staffingProjection.lever.moveUnknown', params: { code } });
        else if (moves.some((m) => m.procedureCode === code))
          problems.push({ path: 'moves', key: 'staffingProjection.lever.moveDuplicate', params: { code } });
        else moves.push({ procedureCode: code, factor });
      }
  }
  return { levers: { onlineShare, populationPercent, moves }, problems };
}
