/**
 * One line of a computation's trace: which rule or term, the formula with its numbers, what
 * it saw and what it gave. The UI shows these so every figure can be followed back to the
 * inputs and to the config version (and its certainty) that produced it.
 */
export type TraceValue = number | string | boolean | null;

export type TraceStep = {
  /** Stable id of the term or rule, e.g. `tasks.item.quality` or `band.EXCELLENT`. */
  rule: string;
  /** The formula with the numbers it used, e.g. `70 × (1 + 0.75 + 1) / 3 = 64.1667`. */
  formula: string;
  inputs: Record<string, TraceValue>;
  result: TraceValue;
  /** Set when the step applies a configured number whose certainty is below confirmed. */
  certainty?: 'C' | 'S' | 'NC';
};

/** Rounds half away from zero at `decimals` places, through the decimal string so 89.995 becomes 90. */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const sign = x < 0 ? -1 : 1;
  const abs = String(Math.abs(x));
  // Exponent notation (very small or large numbers) cannot take a second exponent: scale instead.
  if (abs.includes('e')) return sign * (Math.round(Math.abs(x) * 10 ** decimals) / 10 ** decimals);
  const shifted = Math.round(Number(`${abs}e${decimals}`));
  return sign * Number(`${shifted}e-${decimals}`);
}

/** A number as the trace prints it: at most 4 decimals, no trailing zeros. */
export function fmt(x: number): string {
  return String(roundHalfUp(x, 4));
}
