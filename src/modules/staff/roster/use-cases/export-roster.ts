import { type AuditMeta, auditEvent } from '../../../../platform/audit/audited.ts';
import { type Actor, canSeePersonalData } from '../../../../platform/auth/actor.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { maskPersonal } from '../../masking.ts';
import { findStaffByIds, findUnitScope, type StaffRecord } from '../../staff.repository.ts';
import type { StaffListQuery } from '../../staff.schemas.ts';
import { staffKeysFor } from '../../use-cases/list-staff.ts';
import { provinceName, unitNameOf } from '../roster.repository.ts';
import type { RosterDeps } from './import-roster.ts';

export type ExportFormat = 'xlsx' | 'pdf';

export type StaffExport = {
  total: number;
  masked: boolean;
  provinceName: string;
  /** The unit of the filter (or the unit role's own unit), for the PDF heading. */
  unitName: string | null;
  /** The rows in directory order, loaded batch by batch; personal data already masked when `masked`. */
  batches: () => AsyncGenerator<StaffRecord[]>;
};

/**
 * The directory's rows (same filters, same scope, same Vietnamese name order) for an
 * export. HR roles (who see full profiles) get personal data in full; every other role
 * gets it masked exactly as the directory shows it. Each export is audited with its size
 * and whether personal data left in full. Over the format's row limit it is refused
 * before anything is loaded; the rows themselves are read `exportBatch` at a time.
 */
export async function exportStaff(
  deps: RosterDeps,
  actor: Actor,
  query: StaffListQuery,
  format: ExportFormat,
  meta: AuditMeta,
): Promise<StaffExport> {
  const keys = await staffKeysFor(deps, actor, query);
  const max = format === 'pdf' ? deps.limits.exportPdfMaxRows : deps.limits.exportXlsxMaxRows;
  if (keys.length > max) throw new AppError('ROSTER_EXPORT_TOO_LARGE', { max, count: keys.length });
  const full = canSeePersonalData(actor);
  const unitId = query.unitId ?? actor.unitId;
  const unit = unitId === null || unitId === undefined ? null : await findUnitScope(deps.db, unitId);
  const unitName = unit ? ((await unitNameOf(deps.db, unit.id)) ?? null) : null;
  await auditEvent(deps.db, meta, 'staff.export', 'staff', null, {
    format,
    rows: keys.length,
    personalData: full ? 'full' : 'masked',
    filters: { unitId: query.unitId ?? null, q: query.q ?? null, rank: query.rank ?? null, status: query.status ?? null },
  });
  const ids = keys.map((k) => k.id);
  const batch = deps.limits.exportBatch;
  return {
    total: keys.length,
    masked: !full,
    provinceName: await provinceName(deps.db, actor.provinceCode),
    unitName,
    batches: async function* () {
      for (let i = 0; i < ids.length; i += batch) {
        const rows = await findStaffByIds(deps.db, ids.slice(i, i + batch));
        yield rows.map((r) => maskPersonal(r, full));
      }
    },
  };
}
