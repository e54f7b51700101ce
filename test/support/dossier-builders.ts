import { insertProcedureVersion, type NewProcedureVersion } from '../../src/modules/procedures/procedures.repository.ts';
import type { Db } from '../../src/platform/db/database.ts';

/**
 * The shared fixture has no procedures; dossier tests add these four to province T1,
 * in force since 1 July 2025 so intake on any test date finds them.
 */
export const DOSSIER_PROCEDURES = {
  /** Commune level, 3 working days, offered online. */
  commune: 'DOS.COMMUNE.1',
  /** An essential public service: no paper dossiers (Directive 24/CT-TTg). */
  essential: 'DOS.ESSENTIAL.1',
  /** Province level: the province is competent whatever the form says. */
  province: 'DOS.PROVINCE.1',
  /** Not offered online. */
  offline: 'DOS.OFFLINE.1',
} as const;

function procedure(nationalCode: string, over: Partial<NewProcedureVersion>): NewProcedureVersion {
  return {
    provinceCode: 'T1',
    nationalCode,
    nameVi: 'Đăng ký thành lập hộ kinh doanh',
    nameEn: 'Household business registration',
    field: 'HOUSEHOLD_BUSINESS',
    competentLevel: 'COMMUNE',
    timeLimitAmount: 3,
    timeLimitUnit: 'WORKING_DAYS',
    timeLimitNote: null,
    fee: 100_000,
    feeNote: null,
    onlineLevel: 'FULL',
    paperResult: true,
    essentialService: false,
    requiredDocuments: [{ nameVi: 'Giấy đề nghị', nameEn: 'Request form', copies: 1, originalRequired: true }],
    workflow: [
      { code: 'RECEIVE', name: 'Tiếp nhận hồ sơ', roles: ['counter_officer'] },
      { code: 'SPECIALIST', name: 'Thẩm định', roles: ['field_specialist'], workingDays: 2 },
      { code: 'LEADER_APPROVAL', name: 'Phê duyệt', roles: ['unit_leader'], workingDays: 1 },
      { code: 'RETURN', name: 'Trả kết quả', roles: ['counter_officer'] },
    ],
    sourceTag: 'NC',
    sourceNote: 'Dữ liệu thử',
    effectiveFrom: '2025-07-01',
    ...over,
  };
}

/** Inserts the test procedures; returns their row ids by key. */
export async function seedDossierProcedures(
  db: Db,
  now = '2025-07-01T00:00:00.000Z',
): Promise<Record<keyof typeof DOSSIER_PROCEDURES, number>> {
  return {
    commune: await insertProcedureVersion(db, procedure(DOSSIER_PROCEDURES.commune, {}), now),
    essential: await insertProcedureVersion(
      db,
      procedure(DOSSIER_PROCEDURES.essential, {
        nameVi: 'Đăng ký khai sinh',
        nameEn: 'Birth registration',
        field: 'CIVIL_STATUS',
        essentialService: true,
      }),
      now,
    ),
    province: await insertProcedureVersion(
      db,
      procedure(DOSSIER_PROCEDURES.province, {
        nameVi: 'Cấp giấy phép xây dựng',
        nameEn: 'Building permit',
        field: 'CONSTRUCTION',
        competentLevel: 'PROVINCE',
        timeLimitAmount: 15,
      }),
      now,
    ),
    offline: await insertProcedureVersion(
      db,
      procedure(DOSSIER_PROCEDURES.offline, {
        nameVi: 'Chứng thực bản sao',
        nameEn: 'Certified copy',
        field: 'CERTIFICATION',
        onlineLevel: 'NONE',
      }),
      now,
    ),
  };
}

/** A counter intake body (API JSON). */
export function intakeBody(competentUnitId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    procedureCode: DOSSIER_PROCEDURES.commune,
    competentUnitId,
    channel: 'IN_PERSON',
    applicantName: 'Trần Thị Hồng Nhung',
    applicantIdNumber: '046190001234',
    applicantPhone: '0905111222',
    applicantEmail: 'nhung@example.vn',
    applicantAddress: '12 Lê Lợi, Xã Hòa Bình',
    summary: 'Đăng ký hộ kinh doanh tạp hóa',
    ...over,
  };
}

/** An online submission body (public API JSON). */
export function onlineBody(competentUnitId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    procedureCode: DOSSIER_PROCEDURES.commune,
    competentUnitId,
    applicantName: 'Lê Văn Đức',
    applicantIdNumber: '046090009876',
    applicantPhone: '0914333444',
    applicantEmail: null,
    applicantAddress: null,
    summary: null,
    ...over,
  };
}

/**
 * Puts a dossier straight into a status, with a timeline event, for tests that need a
 * later stage (such as RETURNED, 10) without walking the processing transitions.
 * Status 10 also sets finished_at and returned_at to `at`.
 */
export async function setDossierStatus(db: Db, id: number, status: number, at: string): Promise<void> {
  const d = await db.selectFrom('dossiers').select(['provinceCode', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
  await db
    .updateTable('dossiers')
    .set({ status, updatedAt: at, ...(status === 10 ? { finishedAt: at, returnedAt: at } : {}) })
    .where('id', '=', id)
    .execute();
  await db
    .insertInto('dossierEvents')
    .values({
      provinceCode: d.provinceCode,
      dossierId: id,
      at,
      actorUserId: null,
      kind: status === 10 ? 'RETURNED' : 'STATUS_SET',
      fromStatus: Number(d.status),
      toStatus: status,
      note: 'test builder',
      data: null,
    })
    .execute();
}

/** A dossier row as the scorecard reads it, inserted directly (no intake, no events). */
export type ScorecardDossier = {
  procedureId: number;
  competentUnitId: number;
  channel?: 1 | 2 | 3;
  status: number;
  receivedAt: string | null;
  dueAt?: string | null;
  finishedAt?: string | null;
  returnedAt?: string | null;
  updatedAt?: string;
  pausedMs?: number;
  supplementRequests?: number;
};

let scorecardSeq = 0;

/** Inserts hand-built dossiers for scorecard and workload tests. */
export async function insertScorecardDossiers(db: Db, rows: readonly ScorecardDossier[]): Promise<void> {
  for (const r of rows) {
    scorecardSeq += 1;
    await db
      .insertInto('dossiers')
      .values({
        provinceCode: 'T1',
        code: `SC-${scorecardSeq}`,
        receivingUnitId: r.competentUnitId,
        competentUnitId: r.competentUnitId,
        procedureId: r.procedureId,
        channel: r.channel ?? 1,
        status: r.status,
        applicantName: 'Nguyễn Văn A',
        applicantNameSearch: 'nguyen van a',
        applicantIdNumber: null,
        applicantPhone: null,
        applicantEmail: null,
        applicantAddress: null,
        summary: null,
        receivedAt: r.receivedAt,
        validAt: r.receivedAt,
        dueAt: r.dueAt ?? null,
        finishedAt: r.finishedAt ?? null,
        returnedAt: r.returnedAt ?? null,
        pausedMs: r.pausedMs ?? 0,
        supplementRequests: r.supplementRequests ?? 0,
        createdAt: r.receivedAt ?? '2026-01-01T00:00:00.000Z',
        updatedAt: r.updatedAt ?? r.finishedAt ?? r.receivedAt ?? '2026-01-01T00:00:00.000Z',
        createdBy: null,
      })
      .execute();
  }
}
