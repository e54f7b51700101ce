import type { Actor } from '../../../platform/auth/actor.ts';
import { sortByText } from '../../../platform/text/collation.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { listProcedures as listProcedureRows } from '../procedures.repository.ts';
import type { ProcedureListQuery, ProcedureListResponse } from '../procedures.schemas.ts';
import type { ProceduresDeps } from './deps.ts';
import { toProcedureSummary } from './get-procedure.ts';

/**
 * The province's procedures in force on a date (today in Vietnam by default), filtered,
 * in Vietnamese alphabetical order, one page at a time. A province publishes a few
 * thousand procedures at most, so sorting happens here after one query: neither SQLite nor
 * a C-locale PostgreSQL orders Vietnamese correctly.
 */
export async function listProcedures(deps: ProceduresDeps, actor: Actor, query: ProcedureListQuery): Promise<ProcedureListResponse> {
  const inForceOn = query.inForceOn ?? domainToday(deps.clock.now());
  const rows = await listProcedureRows(deps.db, {
    provinceCode: actor.provinceCode,
    inForceOn,
    field: query.field,
    onlineLevel: query.onlineLevel,
    q: query.q,
  });
  const sorted = sortByText(rows, (r) => r.nameVi, 'vi');
  const start = (query.page - 1) * query.pageSize;
  return {
    items: sorted.slice(start, start + query.pageSize).map(toProcedureSummary),
    total: sorted.length,
    page: query.page,
    pageSize: query.pageSize,
    inForceOn,
  };
}
