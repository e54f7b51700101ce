import { type AuditMeta, auditEvent } from '../../../platform/audit/audited.ts';
import { type Actor, canAccessUnit, canSeePersonalData } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { maskPersonal } from '../masking.ts';
import { findStaff, listAppointments } from '../staff.repository.ts';
import type { StaffDetail } from '../staff.schemas.ts';
import type { StaffDeps } from './deps.ts';
import { toStaffSummary } from './list-staff.ts';

/**
 * One staff profile with the appointment history across merged units. HR roles get the
 * personal data in full, and each such view is audited before the data is returned (if
 * the audit entry cannot be written, nothing is shown); other roles get it masked.
 */
export async function getStaff(deps: StaffDeps, actor: Actor, id: number, meta: AuditMeta): Promise<StaffDetail> {
  const staff = await findStaff(deps.db, id);
  if (!staff) throw new AppError('STAFF_NOT_FOUND');
  if (!canAccessUnit(actor, { provinceCode: staff.provinceCode, unitId: staff.unit.id })) throw AppError.denied('STAFF_NOT_FOUND');
  const full = canSeePersonalData(actor);
  const appointments = await listAppointments(deps.db, id);
  if (full) {
    await auditEvent(deps.db, meta, 'staff.view_personal', 'staff', String(id), {
      fields: ['citizenId', 'birthDate', 'phone', 'email', 'ethnicity'],
    });
  }
  const m = maskPersonal(staff, full);
  return {
    ...toStaffSummary(staff, full),
    phone: m.phone,
    email: m.email,
    ethnicity: m.ethnicity,
    education: staff.education,
    qualification: staff.qualification,
    qualificationField: staff.qualificationField,
    politicalTheory: staff.politicalTheory,
    stateManagementTraining: staff.stateManagementTraining,
    itCertificate: staff.itCertificate,
    foreignLanguageCertificate: staff.foreignLanguageCertificate,
    version: staff.version,
    appointments,
  };
}
