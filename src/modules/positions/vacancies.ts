/**
 * Vacancies and over-filled posts: the approved posts of each position in a unit against
 * the staff holding it there now. Positions are matched by code, so assignments made under
 * an earlier catalogue version still count after a new version is published.
 */
export type PostLine = { unitId: number; positionCode: string; posts: number };
export type Holder = { unitId: number; positionCode: string };
export type PostStatus = 'VACANT' | 'FILLED' | 'OVER_FILLED' | 'NOT_PLANNED';
export type VacancyLine = {
  unitId: number;
  positionCode: string;
  posts: number;
  holders: number;
  vacant: number;
  over: number;
  status: PostStatus;
};

export function computeVacancies(posts: readonly PostLine[], holders: readonly Holder[]): VacancyLine[] {
  const key = (unitId: number, code: string) => `${unitId}\u0000${code}`;
  const held = new Map<string, number>();
  for (const h of holders) held.set(key(h.unitId, h.positionCode), (held.get(key(h.unitId, h.positionCode)) ?? 0) + 1);
  const lines = new Map<string, VacancyLine>();
  const line = (unitId: number, positionCode: string, planned: number): VacancyLine => {
    const count = held.get(key(unitId, positionCode)) ?? 0;
    const status: PostStatus =
      planned === 0 && count > 0 ? 'NOT_PLANNED' : count > planned ? 'OVER_FILLED' : count < planned ? 'VACANT' : 'FILLED';
    return {
      unitId,
      positionCode,
      posts: planned,
      holders: count,
      vacant: Math.max(0, planned - count),
      over: Math.max(0, count - planned),
      status,
    };
  };
  for (const p of posts) lines.set(key(p.unitId, p.positionCode), line(p.unitId, p.positionCode, p.posts));
  // Holders of a position the unit has no posts for at all: every one of them is over the plan.
  for (const h of holders)
    if (!lines.has(key(h.unitId, h.positionCode))) lines.set(key(h.unitId, h.positionCode), line(h.unitId, h.positionCode, 0));
  return [...lines.values()];
}

export function totals(lines: readonly VacancyLine[]): { posts: number; holders: number; vacant: number; over: number } {
  return lines.reduce(
    (t, l) => ({ posts: t.posts + l.posts, holders: t.holders + l.holders, vacant: t.vacant + l.vacant, over: t.over + l.over }),
    {
      posts: 0,
      holders: 0,
      vacant: 0,
      over: 0,
    },
  );
}
