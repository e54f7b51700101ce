import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError, type FieldProblem } from '../../../platform/errors/app-error.ts';
import type { Locale } from '../../../platform/i18n/define.ts';
import { translate } from '../../../platform/i18n/index.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { domainToday } from '../../../platform/time/format.ts';
import * as repo from '../framework.repository.ts';
import {
  canEdit,
  canPublish,
  canStartDraft,
  copyContent,
  type FrameworkDocument,
  nextVersionNo,
  type VersionStatus,
  versionInForce,
} from '../framework.ts';
import type { ImportProblem } from '../framework-import.ts';

export type FrameworkDeps = { db: Db; clock: Clock };
export type VersionRow = repo.VersionRow;

const refusal = { DRAFT_EXISTS: 'FRAMEWORK_DRAFT_EXISTS', PUBLISHED: 'FRAMEWORK_VERSION_PUBLISHED' } as const;

export async function listVersions(deps: FrameworkDeps, actor: Actor): Promise<VersionRow[]> {
  return repo.listVersions(deps.db, actor.provinceCode);
}

export async function getVersion(deps: FrameworkDeps, actor: Actor, id: number): Promise<VersionRow> {
  const v = (await repo.listVersions(deps.db, actor.provinceCode)).find((x) => x.id === id);
  if (!v) throw new AppError('FRAMEWORK_VERSION_NOT_FOUND');
  return v;
}

/** The version asked for, else the one in force on `asOf` (today in Vietnam by default). */
export async function resolveVersion(
  deps: FrameworkDeps,
  actor: Actor,
  q: { versionId?: number | undefined; asOf?: string | undefined },
): Promise<VersionRow> {
  if (q.versionId !== undefined) return getVersion(deps, actor, q.versionId);
  const v = versionInForce(await repo.listVersions(deps.db, actor.provinceCode), q.asOf ?? domainToday(deps.clock.now()));
  if (!v) throw new AppError('FRAMEWORK_VERSION_NOT_FOUND');
  return v;
}

/** Throws 409 unless the version can still be edited (drafts only). */
export function assertEditable(v: VersionRow): void {
  if (canEdit(v)) throw new AppError('FRAMEWORK_VERSION_PUBLISHED');
}

export async function exportFramework(
  deps: FrameworkDeps,
  actor: Actor,
  id: number,
): Promise<FrameworkDocument & { versionNo: number; status: VersionStatus }> {
  const v = await getVersion(deps, actor, id);
  const content = await repo.loadContent(deps.db, actor.provinceCode, v.id);
  return { label: v.label, effectiveFrom: v.effectiveFrom, sourceNote: v.sourceNote, versionNo: v.versionNo, status: v.status, ...content };
}

/** A new draft that starts as a copy of the latest version. */
export async function createDraft(
  deps: FrameworkDeps,
  actor: Actor,
  input: { label: string; effectiveFrom: string; sourceNote: string },
  meta: AuditMeta,
): Promise<VersionRow> {
  return audited(deps.db, meta, 'framework.draft', 'framework_version', async (trx) => {
    const versions = await repo.listVersions(trx, actor.provinceCode);
    const refused = canStartDraft(versions);
    if (refused === 'DRAFT_EXISTS') throw new AppError(refusal[refused]);
    const latest = versions[0];
    const content = latest ? copyContent(await repo.loadContent(trx, actor.provinceCode, latest.id)) : { competencies: [], positions: [] };
    const versionNo = nextVersionNo(versions);
    const id = await repo.insertVersion(trx, actor.provinceCode, { versionNo, status: 'DRAFT', ...input }, meta.at, actor.userId || null);
    await repo.insertContent(trx, actor.provinceCode, id, content);
    const created = (await repo.listVersions(trx, actor.provinceCode)).find((v) => v.id === id) as VersionRow;
    return { result: created, entityId: id, after: { versionNo, copiedFrom: latest?.versionNo ?? null, ...input } };
  });
}

/**
 * Writes a validated document as a new version without an audit entry of its own: for a
 * caller that already runs in an audited transaction (the demo seed). Refused while a draft exists.
 */
export async function writeFramework(
  trx: Db,
  provinceCode: string,
  doc: FrameworkDocument,
  status: 'DRAFT' | 'PUBLISHED',
  at: string,
  userId: number | null,
): Promise<VersionRow> {
  const versions = await repo.listVersions(trx, provinceCode);
  if (canStartDraft(versions)) throw new AppError('FRAMEWORK_DRAFT_EXISTS');
  const versionNo = nextVersionNo(versions);
  const { competencies, positions, ...head } = doc;
  const id = await repo.insertVersion(trx, provinceCode, { versionNo, status, ...head }, at, userId);
  await repo.insertContent(trx, provinceCode, id, { competencies, positions });
  return (await repo.listVersions(trx, provinceCode)).find((v) => v.id === id) as VersionRow;
}

/** An imported document becomes a new DRAFT version, in one transaction with its audit entry. */
export async function insertFramework(
  db: Db,
  actor: Actor,
  doc: FrameworkDocument,
  status: 'DRAFT' | 'PUBLISHED',
  meta: AuditMeta,
): Promise<VersionRow> {
  return audited(db, meta, status === 'DRAFT' ? 'framework.import' : 'framework.seed', 'framework_version', async (trx) => {
    const created = await writeFramework(trx, actor.provinceCode, doc, status, meta.at, actor.userId || null);
    return {
      result: created,
      entityId: created.id,
      after: {
        versionNo: created.versionNo,
        status,
        label: doc.label,
        effectiveFrom: doc.effectiveFrom,
        competencies: doc.competencies.length,
        positions: doc.positions.length,
      },
    };
  });
}

export async function publishVersion(deps: FrameworkDeps, actor: Actor, id: number, meta: AuditMeta): Promise<VersionRow> {
  return audited(deps.db, meta, 'framework.publish', 'framework_version', async (trx) => {
    const versions = await repo.listVersions(trx, actor.provinceCode);
    const v = versions.find((x) => x.id === id);
    if (!v) throw new AppError('FRAMEWORK_VERSION_NOT_FOUND');
    const refused = canPublish(v, versions);
    if (refused === 'PUBLISHED') throw new AppError('FRAMEWORK_VERSION_PUBLISHED');
    if (refused === 'EFFECTIVE_DATE_NOT_LATER')
      throw new AppError('FRAMEWORK_INVALID', {}, [{ path: 'effectiveFrom', message: 'EFFECTIVE_DATE_NOT_LATER' }]);
    if (!(await repo.markPublished(trx, actor.provinceCode, id, meta.at, actor.userId || null)))
      throw new AppError('FRAMEWORK_VERSION_PUBLISHED');
    return {
      result: { ...v, status: 'PUBLISHED', publishedAt: meta.at },
      entityId: id,
      before: { status: 'DRAFT' },
      after: { status: 'PUBLISHED' },
    };
  });
}

/** The import report as problem+json entries: "<sheet> row <n>, <column>" and a translated reason. */
export function importRefusal(problems: ImportProblem[], locale: Locale): AppError {
  const fieldProblems: FieldProblem[] = problems.map((p) => ({
    path: `${p.sheet}${p.row ? ` row ${p.row}` : ''}${p.column ? `, ${p.column}` : ''}`,
    message: translate(locale, `framework.problem.${p.reason}`),
  }));
  return new AppError('FRAMEWORK_INVALID', {}, fieldProblems);
}
