import { describe, expect, it } from 'vitest';
import { assembleLookBack, distribution, finalLevel, finalRating, positionGap, quotaGroupKey, stageRefusal } from './assessment-logic.ts';

const line = (code: string, required: number | null, self: number | null, sup: number | null, council: number | null) => ({
  competencyCode: code,
  requiredLevel: required,
  selfLevel: self,
  supervisorLevel: sup,
  councilLevel: council,
});

describe('stage guard', () => {
  it('lets each step write only in its own stage and refuses every step once locked', () => {
    expect(stageRefusal('SELF_ASSESSMENT', 'SELF')).toBeNull();
    expect(stageRefusal('SUPERVISOR_REVIEW', 'SUPERVISOR')).toBeNull();
    expect(stageRefusal('COUNCIL', 'COUNCIL')).toBeNull();
    expect(stageRefusal('OPEN', 'SELF')).toBe('WRONG_STAGE');
    expect(stageRefusal('SUPERVISOR_REVIEW', 'SELF')).toBe('WRONG_STAGE');
    expect(stageRefusal('COUNCIL', 'SUPERVISOR')).toBe('WRONG_STAGE');
    for (const step of ['SELF', 'SUPERVISOR', 'COUNCIL'] as const) expect(stageRefusal('LOCKED', step)).toBe('LOCKED');
  });
});

describe('final level and position gap', () => {
  it('takes the council level, else the supervisor, else the self level', () => {
    expect(finalLevel({ selfLevel: 4, supervisorLevel: 3, councilLevel: 2 })).toBe(2);
    expect(finalLevel({ selfLevel: 4, supervisorLevel: 3, councilLevel: null })).toBe(3);
    expect(finalLevel({ selfLevel: 4, supervisorLevel: null, councilLevel: null })).toBe(4);
    expect(finalLevel({ selfLevel: null, supervisorLevel: null, councilLevel: null })).toBeNull();
  });

  it('counts competencies below the requirement and the largest shortfall, leaving out unassessed and unrequired ones', () => {
    const gap = positionGap([
      line('A', 4, 5, 2, null), // final 2: gap 2
      line('B', 3, 1, 1, 3), // council 3: no gap
      line('C', 3, 2, null, null), // self 2: gap 1
      line('D', 3, null, null, null), // not assessed
      line('E', null, 1, 1, 1), // nothing required
      line('F', 2, 5, 5, null), // above
    ]);
    expect(gap).toEqual({ gapCount: 2, largestGap: 2, unassessed: 1 });
    expect(positionGap([])).toEqual({ gapCount: 0, largestGap: 0, unassessed: 0 });
  });
});

describe('screening look-back', () => {
  const earlier = (
    campaignId: number,
    year: number,
    rating: string | null,
    lockedAt: string,
    regime: 'DECREE_90' | 'DECREE_335' = 'DECREE_90',
  ) => ({
    campaignId,
    year,
    regime,
    rating: rating as never,
    score: null,
    lockedAt,
  });

  it('ends with the campaign year when it has a rating, and uses the latest lock of a year locked twice', () => {
    const lb = assembleLookBack(2026, { regime: 'DECREE_335', rating: 'GOOD', score: 82 }, [
      earlier(1, 2024, 'COMPLETED', '2025-01-10T00:00:00.000Z'),
      earlier(2, 2025, 'NOT_COMPLETED', '2026-01-10T00:00:00.000Z'),
      earlier(3, 2025, 'GOOD', '2026-02-10T00:00:00.000Z'),
      earlier(4, 2026, 'EXCELLENT', '2026-02-11T00:00:00.000Z', 'DECREE_335'),
      earlier(5, 2027, 'EXCELLENT', '2028-01-01T00:00:00.000Z', 'DECREE_335'),
      earlier(6, 2023, null, '2024-01-01T00:00:00.000Z'),
    ]);
    expect(lb.lastYear).toBe(2026);
    expect(lb.annualResults).toEqual([
      { year: 2024, regime: 'DECREE_90', rating: 'COMPLETED', score: null },
      { year: 2025, regime: 'DECREE_90', rating: 'GOOD', score: null },
      { year: 2026, regime: 'DECREE_335', rating: 'GOOD', score: 82 },
    ]);
  });

  it('ends the year before when this campaign has no rating yet', () => {
    const lb = assembleLookBack(2026, { regime: 'DECREE_335', rating: null, score: null }, [
      earlier(1, 2025, 'GOOD', '2026-01-10T00:00:00.000Z'),
    ]);
    expect(lb).toEqual({ lastYear: 2025, annualResults: [{ year: 2025, regime: 'DECREE_90', rating: 'GOOD', score: null }] });
    expect(assembleLookBack(2026, null, []).lastYear).toBe(2025);
  });
});

describe('ratings, quota groups and distributions', () => {
  it('prefers the council rating and ignores values that are not ratings', () => {
    expect(finalRating({ rating: 'GOOD', councilRating: 'COMPLETED' })).toBe('COMPLETED');
    expect(finalRating({ rating: 'GOOD', councilRating: null })).toBe('GOOD');
    expect(finalRating({ rating: 'BOGUS', councilRating: null })).toBeNull();
  });

  it('groups the quota by body (else unit) and position group', () => {
    expect(quotaGroupKey({ unitId: 7, orgBodyId: 3, positionGroup: 'PROFESSIONAL' })).toBe('BODY:3|PROFESSIONAL');
    expect(quotaGroupKey({ unitId: 7, orgBodyId: null, positionGroup: null })).toBe('UNIT:7|NONE');
  });

  it('counts ratings per key, unrated apart', () => {
    const d = distribution(
      [
        { k: 'a', r: 'GOOD' as const },
        { k: 'a', r: null },
        { k: 'b', r: 'EXCELLENT' as const },
        { k: 'a', r: 'GOOD' as const },
      ],
      (x) => x.k,
      (x) => x.r,
    );
    expect(d.get('a')).toEqual({ EXCELLENT: 0, GOOD: 2, COMPLETED: 0, NOT_COMPLETED: 0, UNRATED: 1 });
    expect(d.get('b')).toEqual({ EXCELLENT: 1, GOOD: 0, COMPLETED: 0, NOT_COMPLETED: 0, UNRATED: 0 });
  });
});
