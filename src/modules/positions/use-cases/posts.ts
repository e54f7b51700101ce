import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import { type Actor, assertUnitAccess } from '../../../platform/auth/actor.ts';
import { AppError, type FieldProblem } from '../../../platform/errors/app-error.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { resolveVersion } from '../../competencies/use-cases/versions.ts';
import * as repo from '../positions.repository.ts';
import type { UnitVacancies, VacancyLineView } from '../positions.schemas.ts';
import { nextStamp, normalisedInstant } from '../post-stamp.ts';
import { computeVacancies } from '../vacancies.ts';
import { type PositionsDeps, unitVacancies, withUnitNames } from './positions.ts';

/**
 * Approved posts per unit and position (issue 4 §2): set, change or clear one line, or set
 * several at once (all or none). Province administrators manage every unit of their own
 * province; the position code must belong to the catalogue version in force today.
 * `expectedUpdatedAt` guards against overwriting a change the caller has not seen.
 */

const entityId = (unitId: number, positionCode: string) => `${unitId}/${positionCode}`;

async function loadUnit(deps: PositionsDeps, actor: Actor, unitId: number): Promise<repo.UnitRef> {
  const unit = await repo.findUnit(deps.db, unitId);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  assertUnitAccess(actor, { provinceCode: unit.provinceCode, unitId: unit.id });
  return unit;
}

/** Names of the positions of the catalogue version in force today, by code. */
async function catalogueInForce(deps: PositionsDeps, actor: Actor): Promise<Map<string, string>> {
  const version = await resolveVersion(deps, actor, { asOf: domainToday(deps.clock.now()) });
  const positions = await repo.listPositions(deps.db, actor.provinceCode, version.id, {});
  return new Map(positions.map((p) => [p.code, p.nameVi]));
}

function expected(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = normalisedInstant(value);
  if (v === null) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'expectedUpdatedAt', message: 'INVALID_INSTANT' }]);
  return v;
}

/** The line of one position in one unit today, or null when it has neither posts nor holders. */
async function lineOf(deps: PositionsDeps, actor: Actor, unitId: number, positionCode: string, names: Map<string, string>) {
  const scope = { unitId, positionCode };
  const [stamps, holders] = await Promise.all([
    repo.listPostStamps(deps.db, actor.provinceCode, scope),
    repo.listHolders(deps.db, actor.provinceCode, domainToday(deps.clock.now()), scope),
  ]);
  const [line] = await withUnitNames(deps, computeVacancies(stamps, holders), names, stamps);
  return line ?? null;
}

export async function setPosts(
  deps: PositionsDeps,
  actor: Actor,
  unitId: number,
  positionCode: string,
  input: { posts: number; expectedUpdatedAt?: string | undefined },
  meta: AuditMeta,
): Promise<VacancyLineView> {
  await loadUnit(deps, actor, unitId);
  const names = await catalogueInForce(deps, actor);
  if (!names.has(positionCode))
    throw new AppError('POSITION_NOT_IN_CATALOGUE', { code: positionCode }, [
      { path: 'positionCode', message: 'POSITION_NOT_IN_CATALOGUE' },
    ]);
  const guard = expected(input.expectedUpdatedAt);
  await audited(deps.db, meta, 'position.posts.set', 'position_posts', async (trx) => {
    const before = await repo.findPost(trx, actor.provinceCode, unitId, positionCode);
    if (guard !== undefined && before?.updatedAt !== guard) throw new AppError('VERSION_CONFLICT');
    const line = { unitId, positionCode, posts: input.posts };
    const stamp = nextStamp(before?.updatedAt, meta.at);
    const written = before
      ? await repo.updatePost(trx, actor.provinceCode, line, before.updatedAt, stamp)
      : await repo.insertPost(trx, actor.provinceCode, line, stamp);
    // Another writer changed or created the line between our read and our write.
    if (!written) throw new AppError('VERSION_CONFLICT');
    return {
      result: null,
      entityId: entityId(unitId, positionCode),
      before: before ? { posts: before.posts, updatedAt: before.updatedAt } : null,
      after: { posts: input.posts, updatedAt: stamp },
    };
  });
  const line = await lineOf(deps, actor, unitId, positionCode, names);
  if (!line) throw new AppError('INTERNAL');
  return line;
}

/**
 * Back to "not set". Clearing a line that is not set changes nothing and writes no audit
 * entry (unless `expectedUpdatedAt` says the caller saw one: then it is a conflict). Any
 * code may be cleared, including one a newer catalogue no longer has.
 */
export async function clearPosts(
  deps: PositionsDeps,
  actor: Actor,
  unitId: number,
  positionCode: string,
  input: { expectedUpdatedAt?: string | undefined },
  meta: AuditMeta,
): Promise<{ cleared: boolean }> {
  await loadUnit(deps, actor, unitId);
  const guard = expected(input.expectedUpdatedAt);
  const current = await repo.findPost(deps.db, actor.provinceCode, unitId, positionCode);
  if (!current) {
    if (guard !== undefined) throw new AppError('VERSION_CONFLICT');
    return { cleared: false };
  }
  await audited(deps.db, meta, 'position.posts.clear', 'position_posts', async (trx) => {
    const before = await repo.findPost(trx, actor.provinceCode, unitId, positionCode);
    if (!before || (guard !== undefined && before.updatedAt !== guard)) throw new AppError('VERSION_CONFLICT');
    if (!(await repo.deletePost(trx, actor.provinceCode, unitId, positionCode, before.updatedAt))) throw new AppError('VERSION_CONFLICT');
    return {
      result: null,
      entityId: entityId(unitId, positionCode),
      before: { posts: before.posts, updatedAt: before.updatedAt },
      after: null,
    };
  });
  return { cleared: true };
}

/** Sets several lines of one unit in one transaction: every code must be in force and listed once, or nothing is written. */
export async function setPostsBulk(
  deps: PositionsDeps,
  actor: Actor,
  unitId: number,
  items: readonly { positionCode: string; posts: number }[],
  meta: AuditMeta,
): Promise<UnitVacancies> {
  await loadUnit(deps, actor, unitId);
  const names = await catalogueInForce(deps, actor);
  const duplicates: FieldProblem[] = items.flatMap((it, i) =>
    items.findIndex((x) => x.positionCode === it.positionCode) !== i
      ? [{ path: `items.${i}.positionCode`, message: 'DUPLICATE_CODE' }]
      : [],
  );
  if (duplicates.length > 0) throw new AppError('VALIDATION_FAILED', {}, duplicates);
  const unknown = items.flatMap((it, i) =>
    names.has(it.positionCode) ? [] : [{ path: `items.${i}.positionCode`, message: 'POSITION_NOT_IN_CATALOGUE' }],
  );
  const first = items.find((it) => !names.has(it.positionCode));
  if (first) throw new AppError('POSITION_NOT_IN_CATALOGUE', { code: first.positionCode }, unknown);
  await audited(deps.db, meta, 'position.posts.bulk', 'position_posts', async (trx) => {
    const before = await repo.listPostStamps(trx, actor.provinceCode, { unitId });
    const byCode = new Map(before.map((b) => [b.positionCode, b]));
    const after: { positionCode: string; posts: number; updatedAt: string }[] = [];
    for (const it of items) {
      const old = byCode.get(it.positionCode);
      const stamp = nextStamp(old?.updatedAt, meta.at);
      const line = { unitId, positionCode: it.positionCode, posts: it.posts };
      const written = old
        ? await repo.updatePost(trx, actor.provinceCode, line, old.updatedAt, stamp)
        : await repo.insertPost(trx, actor.provinceCode, line, stamp);
      if (!written) throw new AppError('VERSION_CONFLICT');
      after.push({ positionCode: it.positionCode, posts: it.posts, updatedAt: stamp });
    }
    const touched = new Set(items.map((it) => it.positionCode));
    return {
      result: null,
      entityId: String(unitId),
      before: before
        .filter((b) => touched.has(b.positionCode))
        .map(({ positionCode, posts, updatedAt }) => ({ positionCode, posts, updatedAt })),
      after,
    };
  });
  return unitVacancies(deps, actor, unitId);
}

/** The line of one position in a unit as it stands (posts "not set" and no holders when it has neither). */
export async function postLine(deps: PositionsDeps, actor: Actor, unitId: number, positionCode: string): Promise<VacancyLineView> {
  const unit = await loadUnit(deps, actor, unitId);
  const names = await catalogueInForce(deps, actor).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'FRAMEWORK_VERSION_NOT_FOUND') return new Map<string, string>();
    throw e;
  });
  const line = await lineOf(deps, actor, unitId, positionCode, names);
  return (
    line ?? {
      unitId,
      unitName: unit.name,
      positionCode,
      positionName: names.get(positionCode) ?? null,
      posts: 0,
      holders: 0,
      vacant: 0,
      over: 0,
      status: 'FILLED',
      updatedAt: null,
    }
  );
}
