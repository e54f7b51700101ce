import type { Db } from '../../../platform/db/database.ts';

export type AttachmentRecord = {
  id: number;
  dossierId: number;
  provinceCode: string;
  fileName: string;
  storedName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
};

export type NewAttachment = Omit<AttachmentRecord, 'id'>;

const COLUMNS = ['id', 'dossierId', 'provinceCode', 'fileName', 'storedName', 'mediaType', 'size', 'sha256', 'createdAt'] as const;

function toRecord(r: AttachmentRecord): AttachmentRecord {
  return { ...r, size: Number(r.size) };
}

export async function insertAttachment(db: Db, a: NewAttachment): Promise<number> {
  const { id } = await db.insertInto('dossierAttachments').values(a).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A dossier's attachments in upload order. */
export async function listAttachments(db: Db, dossierId: number): Promise<AttachmentRecord[]> {
  const rows = await db.selectFrom('dossierAttachments').select(COLUMNS).where('dossierId', '=', dossierId).orderBy('id').execute();
  return rows.map(toRecord);
}

/** One attachment, only if it belongs to the given dossier (the URL names both). */
export async function findAttachment(db: Db, dossierId: number, id: number): Promise<AttachmentRecord | undefined> {
  const r = await db
    .selectFrom('dossierAttachments')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('dossierId', '=', dossierId)
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** The display name of a user (the receiving officer on a slip). */
export async function findUserDisplayName(db: Db, userId: number): Promise<string | undefined> {
  const r = await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst();
  return r?.displayName;
}

export type ApologySlipRecord = {
  id: number;
  dossierId: number;
  reason: string;
  previousDueAt: string;
  newDueAt: string;
  issuedAt: string;
  issuedByName: string;
};

/** An apology and new-appointment slip of a dossier (table written by the processing use cases). */
export async function findApologySlip(db: Db, dossierId: number, id: number): Promise<ApologySlipRecord | undefined> {
  return db
    .selectFrom('apologySlips as s')
    .innerJoin('users as u', 'u.id', 's.issuedBy')
    .select(['s.id', 's.dossierId', 's.reason', 's.previousDueAt', 's.newDueAt', 's.issuedAt', 'u.displayName as issuedByName'])
    .where('s.id', '=', id)
    .where('s.dossierId', '=', dossierId)
    .executeTakeFirst();
}
