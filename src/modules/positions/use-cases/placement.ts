import type { Db } from '../../../platform/db/database.ts';
import * as repo from '../positions.repository.ts';

export type PlacementPlan = {
  /** Posts of each position code in a current unit of the given kind. */
  postsFor: (unitKind: string) => Record<string, number>;
  /** The position code a person's current title maps to, or null (elected posts, unknown titles). */
  positionFor: (title: string, orgBodyKind: string | null) => string | null;
  /** Start date when the staff record has no appointment in its current unit. */
  defaultStart: string;
};

/**
 * Sets posts per unit and places the province's staff into positions of `versionId` by
 * their current titles. For a caller inside a transaction (the demo seed); reads staff,
 * never changes them.
 */
export async function seedPostsAndPlacements(trx: Db, provinceCode: string, versionId: number, plan: PlacementPlan, now: string) {
  const units = await repo.listCurrentUnits(trx, provinceCode);
  const posts = units.flatMap((u) =>
    Object.entries(plan.postsFor(u.kind)).map(([positionCode, n]) => ({ unitId: u.id, positionCode, posts: n })),
  );
  await repo.upsertPosts(trx, provinceCode, posts, now);
  const positions = await repo.listPositions(trx, provinceCode, versionId, {});
  const idByCode = new Map(positions.map((p) => [p.code, p.id]));
  const staff = await repo.listStaffForPlacement(trx, provinceCode);
  const assignments = staff.flatMap((s) => {
    const code = s.currentTitle ? plan.positionFor(s.currentTitle, s.orgBodyKind) : null;
    const positionId = code ? idByCode.get(code) : undefined;
    return positionId === undefined
      ? []
      : [{ staffId: s.id, positionId, unitId: s.unitId, startDate: s.startDate ?? plan.defaultStart, endDate: null }];
  });
  await repo.insertAssignments(trx, provinceCode, assignments);
  return { posts: posts.length, placed: assignments.length, unplaced: staff.length - assignments.length };
}
