import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import { type Actor, assertUnitAccess } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { domainToday } from '../../../platform/time/format.ts';
import type { Requirement } from '../../competencies/framework.ts';
import { listCompetencies } from '../../competencies/use-cases/library.ts';
import { assertEditable, getVersion, resolveVersion } from '../../competencies/use-cases/versions.ts';
import * as repo from '../positions.repository.ts';
import type { PositionDetail, PositionListQuery, PositionListResponse, UnitVacancies, VacancyLineView } from '../positions.schemas.ts';
import { computeVacancies, totals, type VacancyLine } from '../vacancies.ts';

export type PositionsDeps = { db: Db; clock: Clock };

const summary = (p: repo.PositionRow) => ({
  id: p.id,
  code: p.code,
  nameVi: p.nameVi,
  nameEn: p.nameEn,
  group: p.group,
  bodyKind: p.bodyKind,
  field: p.field,
  requiredRank: p.requiredRank,
  confirmed: p.confirmed,
});

export async function listPositions(deps: PositionsDeps, actor: Actor, query: PositionListQuery): Promise<PositionListResponse> {
  const version = await resolveVersion(deps, actor, query);
  const rows = await repo.listPositions(deps.db, actor.provinceCode, version.id, query);
  return { version, items: rows.map(summary) };
}

async function loadPosition(deps: PositionsDeps, actor: Actor, id: number): Promise<repo.PositionRow> {
  const p = await repo.findPosition(deps.db, id);
  if (!p) throw new AppError('POSITION_NOT_FOUND');
  if (p.provinceCode !== actor.provinceCode) throw AppError.denied('POSITION_NOT_FOUND');
  return p;
}

const stampKey = (unitId: number, positionCode: string) => `${unitId}\u0000${positionCode}`;

export async function withUnitNames(
  deps: PositionsDeps,
  lines: VacancyLine[],
  names: Map<string, string>,
  stamps: readonly repo.PostStamp[],
): Promise<VacancyLineView[]> {
  const units = await repo.unitNames(
    deps.db,
    lines.map((l) => l.unitId),
  );
  const when = new Map(stamps.map((s) => [stampKey(s.unitId, s.positionCode), s.updatedAt]));
  return lines
    .map((l) => ({
      ...l,
      unitName: units.get(l.unitId) ?? String(l.unitId),
      positionName: names.get(l.positionCode) ?? null,
      updatedAt: when.get(stampKey(l.unitId, l.positionCode)) ?? null,
    }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi') || a.positionCode.localeCompare(b.positionCode));
}

/** A position with its framework and, today, its posts and holders per unit (unit roles: their unit only). */
export async function getPosition(deps: PositionsDeps, actor: Actor, id: number): Promise<PositionDetail> {
  const p = await loadPosition(deps, actor, id);
  const version = await getVersion(deps, actor, p.versionId);
  const [requirements, library, frameworkRevision] = await Promise.all([
    repo.requirementsOf(deps.db, p.id),
    listCompetencies(deps, actor, { versionId: p.versionId }),
    repo.frameworkRevisionOf(deps.db, p.id),
  ]);
  const byCode = new Map(library.items.map((c) => [c.code, c]));
  const scope = { positionCode: p.code, unitId: isUnitRole(actor.role) ? actor.unitId : null };
  const today = domainToday(deps.clock.now());
  const [posts, holders] = await Promise.all([
    repo.listPostStamps(deps.db, actor.provinceCode, scope),
    repo.listHolders(deps.db, actor.provinceCode, today, scope),
  ]);
  const lines = await withUnitNames(deps, computeVacancies(posts, holders), new Map([[p.code, p.nameVi]]), posts);
  const { provinceCode: _p, versionId: _v, ...rest } = p;
  return {
    ...rest,
    version,
    frameworkRevision,
    requirements: requirements.map((r) => {
      const c = byCode.get(r.competencyCode);
      return {
        competencyCode: r.competencyCode,
        level: r.level,
        competencyId: c?.id ?? null,
        nameVi: c?.nameVi ?? null,
        nameEn: c?.nameEn ?? null,
        group: c?.group ?? null,
      };
    }),
    posts: lines,
    totals: totals(lines),
  };
}

/**
 * Sets the whole competency framework of a position in a draft version. Every code must
 * be a competency of the same version; published versions refuse (409). `frameworkRevision`
 * is the one the caller read: if another write came first, VERSION_CONFLICT and nothing changes.
 */
export async function setFramework(
  deps: PositionsDeps,
  actor: Actor,
  id: number,
  requirements: Requirement[],
  frameworkRevision: number,
  meta: AuditMeta,
): Promise<PositionDetail> {
  const p = await loadPosition(deps, actor, id);
  assertEditable(await getVersion(deps, actor, p.versionId));
  const library = await listCompetencies(deps, actor, { versionId: p.versionId });
  const known = new Set(library.items.map((c) => c.code));
  const problems = requirements.flatMap((r, i) => {
    if (!known.has(r.competencyCode)) return [{ path: `requirements.${i}.competencyCode`, message: 'UNKNOWN_COMPETENCY' }];
    if (requirements.findIndex((x) => x.competencyCode === r.competencyCode) !== i)
      return [{ path: `requirements.${i}.competencyCode`, message: 'DUPLICATE_CODE' }];
    return [];
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  const before = await repo.requirementsOf(deps.db, p.id);
  await audited(deps.db, meta, 'position.framework', 'position', async (trx) => {
    // Re-checked inside the transaction: a publish between the check and the write must win.
    const fresh = await getVersion({ db: trx, clock: deps.clock }, actor, p.versionId);
    assertEditable(fresh);
    // The conditional UPDATE is the atomic check: of two writers holding the same revision, one passes.
    if (!(await repo.bumpFrameworkRevision(trx, p.id, frameworkRevision))) throw new AppError('VERSION_CONFLICT');
    await repo.replaceRequirements(trx, actor.provinceCode, p.id, requirements);
    return { result: null, entityId: p.id, before, after: requirements };
  });
  return getPosition(deps, actor, id);
}

/** Posts, holders, vacancies and over-filled posts of one unit on `asOf` (today by default). */
export async function unitVacancies(deps: PositionsDeps, actor: Actor, unitId: number, asOf?: string): Promise<UnitVacancies> {
  const unit = await repo.findUnit(deps.db, unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  assertUnitAccess(actor, { provinceCode: unit.provinceCode, unitId: unit.id });
  const date = asOf ?? domainToday(deps.clock.now());
  const version = await resolveVersion(deps, actor, { asOf: date });
  const positions = await repo.listPositions(deps.db, actor.provinceCode, version.id, {});
  const [posts, holders] = await Promise.all([
    repo.listPostStamps(deps.db, actor.provinceCode, { unitId }),
    repo.listHolders(deps.db, actor.provinceCode, date, { unitId }),
  ]);
  const order = new Map(positions.map((p, i) => [p.code, i]));
  const lines = (
    await withUnitNames(deps, computeVacancies(posts, holders), new Map(positions.map((p) => [p.code, p.nameVi])), posts)
  ).sort((a, b) => (order.get(a.positionCode) ?? 999) - (order.get(b.positionCode) ?? 999));
  return { unitId, unitName: unit.name, asOf: date, lines, totals: totals(lines) };
}
