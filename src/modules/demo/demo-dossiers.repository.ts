import { sql } from 'kysely';
import { type Db, fromDbBool, toDbBool } from '../../platform/db/database.ts';
import { searchKey } from '../../platform/text/search-key.ts';
import type { Progress } from './demo.repository.ts';
import type { DemoProcedure, DossierPlan, DossiersPlan } from './generate-dossiers.ts';

/**
 * Bulk writes of the demo dossiers, in chunks of at most 500 rows and 30,000 parameters
 * (as demo.repository.ts). Dossier ids come back through RETURNING with the code, which is
 * unique, since neither dialect promises RETURNING rows in VALUES order.
 */
const MAX_ROWS = 500;
const MAX_PARAMS = 30_000;

async function inChunks<T>(rows: readonly T[], columns: number, stage: string, progress: Progress, write: (chunk: T[]) => Promise<void>) {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await write(chunk);
    progress(chunk.length, stage);
  }
}

// Guards against a driver that hands dates back as Date objects.
const dateText = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

/** Every version of the province's procedures, with the workflow parsed. */
export async function listDemoProcedures(db: Db, provinceCode: string): Promise<DemoProcedure[]> {
  const rows = await db
    .selectFrom('procedures')
    .select([
      'id',
      'nationalCode',
      'field',
      'competentLevel',
      'timeLimitAmount',
      'timeLimitUnit',
      'onlineLevel',
      'essentialService',
      'fee',
      'paperResult',
      'effectiveFrom',
      'effectiveTo',
      'workflow',
    ])
    .where('provinceCode', '=', provinceCode)
    .orderBy('nationalCode')
    .orderBy('effectiveFrom')
    .execute();
  return rows.map((r) => ({
    ...r,
    essentialService: fromDbBool(r.essentialService),
    paperResult: fromDbBool(r.paperResult),
    effectiveFrom: dateText(r.effectiveFrom),
    effectiveTo: r.effectiveTo === null ? null : dateText(r.effectiveTo),
    workflow: JSON.parse(r.workflow) as DemoProcedure['workflow'],
  }));
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function dossierRow(provinceCode: string, d: DossierPlan, unitId: (code: string) => number) {
  const s = d.state;
  return {
    provinceCode,
    code: d.code,
    receivingUnitId: unitId(d.receivingUnitCode),
    competentUnitId: unitId(d.competentUnitCode),
    procedureId: d.procedureId,
    channel: d.channel,
    status: s.status,
    applicantName: d.applicantName,
    applicantNameSearch: searchKey(d.applicantName),
    applicantPhone: d.applicantPhone,
    receivedAt: iso(s.receivedAt),
    validAt: iso(s.receivedAt),
    dueAt: iso(s.dueAt),
    finishedAt: iso(s.doneAt),
    returnedAt: iso(s.returnedAt),
    stoppedAt: iso(s.stoppedAt),
    withdrawnAt: iso(s.withdrawnAt),
    pausedMs: d.pausedMs,
    supplementRequests: s.supplementRequests,
    stepIndex: s.stepIndex,
    electronicResultAt: d.facts.electronicResultAt,
    paidOnlineAt: d.facts.paidOnlineAt,
    reusedData: toDbBool(d.facts.reusedData),
    nationalSyncAt: d.facts.nationalSyncAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    createdBy: null,
  };
}

/** Inserts the dossiers (with their 766 facts), their timelines, ratings, complaints and the code counters the plan used up. */
export async function insertDemoDossiers(
  db: Db,
  provinceCode: string,
  plan: DossiersPlan,
  unitId: (code: string) => number,
  progress: Progress,
): Promise<void> {
  const ids = new Map<string, number>();
  await inChunks(plan.dossiers, 27, 'dossiers', progress, async (chunk) => {
    const rows = await db
      .insertInto('dossiers')
      .values(chunk.map((d) => dossierRow(provinceCode, d, unitId)))
      .returning(['id', 'code'])
      .execute();
    for (const r of rows) ids.set(r.code, r.id);
  });
  const idOf = (code: string) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`demo dossier ${code} was not inserted`);
    return id;
  };
  const events = plan.dossiers.flatMap((d) => d.events.map((e) => ({ provinceCode, dossierId: idOf(d.code), actorUserId: null, ...e })));
  await inChunks(events, 9, 'dossier events', progress, async (chunk) => {
    await db.insertInto('dossierEvents').values(chunk).execute();
  });
  const ratings = plan.dossiers.flatMap((d) =>
    d.rating
      ? [
          {
            provinceCode,
            dossierId: idOf(d.code),
            channel: d.rating.channel,
            answers: JSON.stringify(d.rating.answers),
            comment: null,
            createdAt: d.rating.at,
            createdBy: null,
          },
        ]
      : [],
  );
  await inChunks(ratings, 7, 'ratings', progress, async (chunk) => {
    await db.insertInto('dossierRatings').values(chunk).execute();
  });
  const complaints = plan.dossiers.flatMap((d) =>
    d.complaint
      ? [
          {
            provinceCode,
            unitId: unitId(d.competentUnitCode),
            dossierId: idOf(d.code),
            dossierCode: d.code,
            kind: 'COMPLAINT' as const,
            text: 'Khiếu nại về việc giải quyết hồ sơ',
            contact: d.applicantPhone,
            receivedAt: d.complaint.at,
            dueAt: d.complaint.dueAt,
            status: 'RECEIVED' as const,
            answer: null,
            answeredAt: null,
            answeredBy: null,
          },
        ]
      : [],
  );
  await inChunks(complaints, 13, 'complaints', progress, async (chunk) => {
    await db.insertInto('feedback').values(chunk).execute();
  });
  await inChunks(plan.counters, 4, 'dossier codes', progress, async (chunk) => {
    await db
      .insertInto('dossierCodeCounters')
      .values(chunk.map((c) => ({ provinceCode, ...c })))
      .execute();
  });
}

/**
 * Gives the demo's linked accounts a caseload, so their service evidence (issue 4 §4) has
 * figures: the counter officer received every second in-person dossier of their unit, and
 * the justice/civil-status specialist handles the unit's civil-status, certification and
 * justice dossiers. Other dossiers stay with officials who have no account in the demo.
 */
export async function attributeDemoDossiers(
  db: Db,
  provinceCode: string,
  who: { counter?: { userId: number; unitId: number }; specialist?: { userId: number; unitId: number } },
): Promise<void> {
  if (who.counter) {
    await db
      .updateTable('dossiers')
      .set({ createdBy: who.counter.userId })
      .where('provinceCode', '=', provinceCode)
      .where('receivingUnitId', '=', who.counter.unitId)
      .where('channel', '=', 1)
      .where(sql<boolean>`id % 2 = 0`)
      .execute();
  }
  if (who.specialist) {
    const procedures = db
      .selectFrom('procedures')
      .select('id')
      .where('provinceCode', '=', provinceCode)
      .where('field', 'in', ['CIVIL_STATUS', 'CERTIFICATION', 'JUSTICE']);
    await db
      .updateTable('dossiers')
      .set({ assigneeId: who.specialist.userId })
      .where('provinceCode', '=', provinceCode)
      .where('competentUnitId', '=', who.specialist.unitId)
      .where('status', '>=', 2)
      .where('procedureId', 'in', procedures)
      .execute();
  }
}
