import type { Actor } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import { listDossierEvents, listDossiers as listDossierRows } from '../dossiers.repository.ts';
import type { DossierDetail, DossierListQuery, DossierListResponse } from '../dossiers.schemas.ts';
import type { DossiersDeps } from './deps.ts';
import { loadVisibleDossier } from './dossier-access.ts';
import { toDossierDetail, toDossierSummary } from './view.ts';

/** One dossier with its timeline, for the roles that may see it. */
export async function getDossier(deps: DossiersDeps, actor: Actor, id: number): Promise<DossierDetail> {
  const d = await loadVisibleDossier(deps.db, actor, id);
  return toDossierDetail(d, await listDossierEvents(deps.db, id));
}

/** The dossiers the actor's unit received or must decide (the whole province for province roles), newest first. */
export async function listDossiers(deps: DossiersDeps, actor: Actor, query: DossierListQuery): Promise<DossierListResponse> {
  const { items, total, capped } = await listDossierRows(deps.db, {
    provinceCode: actor.provinceCode,
    unitId: isUnitRole(actor.role) ? (actor.unitId ?? -1) : undefined,
    status: query.status,
    procedureCode: query.procedure,
    q: query.q,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: items.map(toDossierSummary), total, totalCapped: capped, page: query.page, pageSize: query.pageSize };
}
