import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { markNationallySynced } from '../facts.repository.ts';
import type { NationalSyncInput, NationalSyncResult } from '../facts.schemas.ts';
import type { ProcessingDeps } from './deps.ts';

/**
 * The province's DVCQG integration reports the dossiers it synced (indicator 1.4). Cadre does
 * not talk to DVCQG itself. Only the caller's province is touched: another province's code is
 * reported unknown, as is a code matching nothing. A dossier already marked keeps its first
 * instant, so a repeated report changes nothing. One audit entry per request.
 */
export async function acknowledgeNationalSync(
  deps: Pick<ProcessingDeps, 'db'>,
  actor: Actor,
  input: NationalSyncInput,
  meta: AuditMeta,
): Promise<NationalSyncResult> {
  const codes = [...new Set(input.codes)];
  const syncedAt = new Date(input.syncedAt).toISOString();
  return audited(deps.db, meta, 'dossier.national_sync', 'dossier', async (trx) => {
    const outcome = await markNationallySynced(trx, actor.provinceCode, codes, syncedAt);
    const known = new Set(outcome.knownCodes);
    const unknownCodes = codes.filter((c) => !known.has(c));
    const result: NationalSyncResult = {
      updated: outcome.updatedCodes.length,
      alreadySynced: outcome.alreadySyncedCodes.length,
      unknown: unknownCodes.length,
      unknownCodes,
    };
    return {
      result,
      entityId: null,
      after: { syncedAt, requested: codes.length, updated: result.updated, alreadySynced: result.alreadySynced, unknown: result.unknown },
    };
  });
}
