import { insertDemoDossiers, listDemoProcedures } from '../../src/modules/demo/demo-dossiers.repository.ts';
import { historyMonths, planHistoryMonth } from '../../src/modules/demo/generate-history.ts';
import type { Db } from '../../src/platform/db/database.ts';

/**
 * N whole months of lightweight closed dossiers (the demo's history generator) for a few units
 * of a province, ending the day before `until`, so tests can reach the projection's trend and
 * seasonality path. The province's procedures must already be in the database (e.g.
 * seedDossierProcedures). Returns the number of dossiers written.
 */
export async function insertProjectionHistory(
  db: Db,
  opts: {
    provinceCode?: string;
    /** The units: their ids and codes (the code names the dossier's agency). */
    units: { id: number; code: string; kind?: string; population?: number | null }[];
    /** The province unit's code, competent for province-level procedures; must be one of `units` or known to `unitIdOf`. */
    provinceUnit: { id: number; code: string };
    months: number;
    /** First day after the history, 'YYYY-MM-DD'. */
    until: string;
    perUnitMonth: number;
    seed?: number;
  },
): Promise<number> {
  const provinceCode = opts.provinceCode ?? 'T1';
  const procedures = await listDemoProcedures(db, provinceCode);
  const ids = new Map([...opts.units.map((u) => [u.code, u.id] as const), [opts.provinceUnit.code, opts.provinceUnit.id] as const]);
  const unitId = (code: string) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`unknown unit code ${code}`);
    return id;
  };
  let count = 0;
  for (const month of historyMonths(opts.until, opts.months)) {
    const plan = planHistoryMonth(
      {
        seed: opts.seed ?? 11,
        units: opts.units.map((u) => ({ code: u.code, kind: u.kind ?? 'COMMUNE', population: u.population ?? 20_000 })),
        provinceUnitCode: opts.provinceUnit.code,
        procedures,
        until: opts.until,
        months: opts.months,
        // A prefix of its own: never the shape intake or the demo's regular window issues.
        codeFormat: 'LS-{agency}-{yymmdd}-{seq4}',
        agencyCodes: {},
        perUnitMonth: opts.perUnitMonth,
      },
      month,
    );
    await insertDemoDossiers(db, provinceCode, plan, unitId, () => {});
    count += plan.dossiers.length;
  }
  return count;
}
