/** Pure choice of the service standard in force (no SQL): shared by the standards list and the runs. */
export type DatedStandard = { procedureCode: string; effectiveFrom: string; id: number };

/** The latest standard of `code` whose effective date is on or before `onDate` (ties: the later row). */
export function standardInForce<T extends DatedStandard>(rows: readonly T[], code: string, onDate: string): T | undefined {
  let best: T | undefined;
  for (const r of rows) {
    if (r.procedureCode !== code || r.effectiveFrom > onDate) continue;
    if (!best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && r.id > best.id)) best = r;
  }
  return best;
}
