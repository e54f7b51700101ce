import { sql } from 'kysely';
import { type Db, fromDbBool, toDbBool } from '../../../platform/db/database.ts';
import type { FactsChanges } from './facts-rules.ts';

/** The Decision 766 facts of a dossier and what deciding them needs. */
export type FactsRow = {
  id: number;
  provinceCode: string;
  competentUnitId: number;
  assigneeId: number | null;
  status: number;
  version: number;
  feeBearing: boolean;
  paperResult: boolean;
  electronicResultAt: string | null;
  paidOnlineAt: string | null;
  reusedData: boolean;
  filesDigitised: boolean;
  nationalSyncAt: string | null;
};

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

export async function findFactsRow(db: Db, id: number): Promise<FactsRow | undefined> {
  const r = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedureId')
    .select([
      'd.id',
      'd.provinceCode',
      'd.competentUnitId',
      'd.assigneeId',
      'd.status',
      'd.version',
      'p.fee',
      'p.paperResult',
      'd.electronicResultAt',
      'd.paidOnlineAt',
      'd.reusedData',
      'd.nationalSyncAt',
      sql<boolean | number>`exists (select 1 from dossier_attachments a where a.dossier_id = d.id)`.as('filesDigitised'),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: Number(r.id),
    provinceCode: r.provinceCode,
    competentUnitId: Number(r.competentUnitId),
    assigneeId: r.assigneeId === null ? null : Number(r.assigneeId),
    status: Number(r.status),
    version: Number(r.version),
    feeBearing: Number(r.fee) > 0,
    paperResult: fromDbBool(r.paperResult),
    electronicResultAt: iso(r.electronicResultAt),
    paidOnlineAt: iso(r.paidOnlineAt),
    reusedData: fromDbBool(r.reusedData),
    filesDigitised: fromDbBool(r.filesDigitised),
    nationalSyncAt: iso(r.nationalSyncAt),
  };
}

/** Writes the facts if nobody changed the dossier since `version`; false otherwise. */
export async function updateFacts(db: Db, id: number, version: number, changes: FactsChanges, at: string): Promise<boolean> {
  const result = await db
    .updateTable('dossiers')
    .set({
      ...(changes.electronicResultAt !== undefined ? { electronicResultAt: changes.electronicResultAt } : {}),
      ...(changes.paidOnlineAt !== undefined ? { paidOnlineAt: changes.paidOnlineAt } : {}),
      ...(changes.reusedData !== undefined ? { reusedData: toDbBool(changes.reusedData) } : {}),
      version: version + 1,
      updatedAt: at,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type SyncOutcome = { updatedCodes: string[]; alreadySyncedCodes: string[]; knownCodes: string[] };

/**
 * Marks the province's dossiers with these codes synced to DVCQG at `syncedAt`, unless an
 * earlier report did. Neither `version` nor `updated_at` moves: the mark comes from outside
 * processing, so it must not make an officer's open form stale, nor shift the instant the
 * scorecard reads a withdrawal from.
 */
export async function markNationallySynced(db: Db, provinceCode: string, codes: readonly string[], syncedAt: string): Promise<SyncOutcome> {
  const known = await db
    .selectFrom('dossiers')
    .select(['code', 'nationalSyncAt'])
    .where('provinceCode', '=', provinceCode)
    .where('code', 'in', [...codes])
    .execute();
  const pending = known.filter((r) => r.nationalSyncAt === null).map((r) => r.code);
  if (pending.length > 0) {
    await db
      .updateTable('dossiers')
      .set({ nationalSyncAt: syncedAt })
      .where('provinceCode', '=', provinceCode)
      .where('code', 'in', pending)
      .where('nationalSyncAt', 'is', null)
      .execute();
  }
  return {
    updatedCodes: pending,
    alreadySyncedCodes: known.filter((r) => r.nationalSyncAt !== null).map((r) => r.code),
    knownCodes: known.map((r) => r.code),
  };
}
