import type { ProcedureRules } from '../../procedures/use-cases/procedure-in-force.ts';
import type { DossierEventRecord, DossierRecord, NewDossier, UnitRef } from '../dossiers.repository.ts';
import type { DossierDetail, DossierSummary } from '../dossiers.schemas.ts';
import { channelName } from '../intake-status.ts';

export function toDossierSummary(r: DossierRecord): DossierSummary {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    channel: channelName(r.channel),
    procedure: { id: r.procedureId, nationalCode: r.procedureCode, nameVi: r.procedureNameVi, nameEn: r.procedureNameEn },
    applicantName: r.applicantName,
    receivingUnit: { id: r.receivingUnitId, name: r.receivingUnitName },
    competentUnit: { id: r.competentUnitId, name: r.competentUnitName },
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    createdAt: r.createdAt,
  };
}

export function toDossierDetail(r: DossierRecord, events: readonly DossierEventRecord[]): DossierDetail {
  return {
    ...toDossierSummary(r),
    applicant: {
      name: r.applicantName,
      idNumber: r.applicantIdNumber,
      phone: r.applicantPhone,
      email: r.applicantEmail,
      address: r.applicantAddress,
    },
    summary: r.summary,
    validAt: r.validAt,
    finishedAt: r.finishedAt,
    returnedAt: r.returnedAt,
    version: r.version,
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      actorName: e.actorName,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
    })),
  };
}

/** What the audit log keeps of a dossier: identity, routing and status, not the applicant's data. */
export function auditImage(r: DossierRecord) {
  return {
    code: r.code,
    status: r.status,
    channel: r.channel,
    procedureId: r.procedureId,
    receivingUnitId: r.receivingUnitId,
    competentUnitId: r.competentUnitId,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    version: r.version,
  };
}

/**
 * The record of a dossier just inserted, from the values written and the names already in
 * hand: intake answers without reading back what it wrote (two statements fewer inside the
 * write transaction). The HTTP tests compare it with a later GET of the same dossier.
 */
export function writtenDossier(
  id: number,
  d: NewDossier,
  names: {
    receiving: Pick<UnitRef, 'name'>;
    competent: Pick<UnitRef, 'name'>;
    procedure: Pick<ProcedureRules, 'nationalCode' | 'nameVi' | 'nameEn'>;
  },
): DossierRecord {
  return {
    ...d,
    id,
    receivingUnitName: names.receiving.name,
    competentUnitName: names.competent.name,
    procedureCode: names.procedure.nationalCode,
    procedureNameVi: names.procedure.nameVi,
    procedureNameEn: names.procedure.nameEn,
    finishedAt: null,
    returnedAt: null,
    pausedMs: 0,
    supplementRequests: 0,
    version: 1,
    updatedAt: d.createdAt,
  };
}
