import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCELLENT_QUOTA_CONFIG } from '../../../platform/rules/defaults/reviews-quota.config.ts';
import { finalRating, quotaBreaches, type RatedParticipant } from './lock-quota.ts';

let next = 1;
const p = (over: Partial<RatedParticipant>): RatedParticipant => ({
  participantId: next++,
  unitId: 1,
  orgBodyId: null,
  positionGroup: 'PROFESSIONAL',
  rating: null,
  councilRating: null,
  score: null,
  ...over,
});
const many = (n: number, over: Partial<RatedParticipant>) => Array.from({ length: n }, () => p(over));

describe('excellent quota at lock', () => {
  it('prefers the council rating over the computed one and skips unrated participants', () => {
    expect(finalRating({ rating: 'EXCELLENT', councilRating: 'GOOD' })).toBe('GOOD');
    expect(finalRating({ rating: 'GOOD', councilRating: null })).toBe('GOOD');
    expect(finalRating({ rating: null, councilRating: null })).toBeNull();
  });

  it('allows 1 Excellent for 5 Good in a group and flags 2', () => {
    const ok = [...many(5, { rating: 'GOOD' }), p({ rating: 'EXCELLENT' })];
    expect(quotaBreaches(DEFAULT_EXCELLENT_QUOTA_CONFIG, ok)).toEqual([]);
    const x1 = p({ rating: 'EXCELLENT', score: 95 });
    const x2 = p({ rating: 'EXCELLENT', score: 91 });
    const breaches = quotaBreaches(DEFAULT_EXCELLENT_QUOTA_CONFIG, [...many(5, { rating: 'GOOD' }), x1, x2]);
    expect(breaches).toEqual([
      {
        agency: { kind: 'UNIT', id: 1 },
        positionGroup: 'PROFESSIONAL',
        excellentCount: 2,
        goodCount: 5,
        allowed: 1,
        affected: [x2.participantId, x1.participantId],
      },
    ]);
  });

  it('a council downgrade brings the group back within the quota', () => {
    const group = [...many(5, { rating: 'GOOD' }), p({ rating: 'EXCELLENT' }), p({ rating: 'EXCELLENT', councilRating: 'GOOD' })];
    expect(quotaBreaches(DEFAULT_EXCELLENT_QUOTA_CONFIG, group)).toEqual([]);
  });

  it('counts per agency (body when set, else unit) and per position group', () => {
    const rows = [
      // Unit 1 without a body, professional: 5 Good + 1 Excellent → fine.
      ...many(5, { rating: 'GOOD' }),
      p({ rating: 'EXCELLENT' }),
      // Body 7 of unit 1: its own agency; 1 Excellent with 0 Good → over.
      p({ orgBodyId: 7, rating: 'EXCELLENT' }),
      // Unit 1, leadership: its own group; 1 Excellent with 4 Good → over (floor(0.8) = 0).
      ...many(4, { positionGroup: 'LEADERSHIP', rating: 'GOOD' }),
      p({ positionGroup: 'LEADERSHIP', rating: 'EXCELLENT' }),
      // Unit 2, no position: group NONE; 0 Excellent → fine.
      p({ unitId: 2, positionGroup: null, rating: 'GOOD' }),
    ];
    const breaches = quotaBreaches(DEFAULT_EXCELLENT_QUOTA_CONFIG, rows);
    expect(breaches.map((b) => [b.agency, b.positionGroup, b.excellentCount, b.allowed])).toEqual([
      [{ kind: 'BODY', id: 7 }, 'PROFESSIONAL', 1, 0],
      [{ kind: 'UNIT', id: 1 }, 'LEADERSHIP', 1, 0],
    ]);
  });

  it('follows the configured percentage', () => {
    const rows = [...many(5, { rating: 'GOOD' }), ...many(2, { rating: 'EXCELLENT' })];
    expect(quotaBreaches({ ...DEFAULT_EXCELLENT_QUOTA_CONFIG, maxExcellentPercentOfBase: 40 }, rows)).toEqual([]);
  });
});
