import { REVIEW_RATINGS, type ReviewRating } from '../../../platform/rules/defaults/reviews-common.config.ts';
import type { ExcellentQuotaParams } from '../../../platform/rules/defaults/reviews-quota.config.ts';
import { checkExcellentQuotas, type QuotaGroup, type QuotaResult } from '../rules/excellent-quota.ts';

/**
 * The excellent-quota check run when a campaign is locked (pure). The agency is the org body
 * when the participant has one, otherwise the unit; the task group is the position group.
 * The final rating is the council's when it gave one, otherwise the computed rating;
 * participants without either are not counted.
 */
export type RatedParticipant = {
  participantId: number;
  unitId: number;
  orgBodyId: number | null;
  positionGroup: string | null;
  rating: string | null;
  councilRating: string | null;
  score: number | null;
};

export type QuotaBreach = {
  agency: { kind: 'UNIT' | 'BODY'; id: number };
  positionGroup: string;
  excellentCount: number;
  goodCount: number;
  allowed: number;
  /** Participant ids rated Excellent in the group, lowest score first. */
  affected: number[];
};

const isRating = (v: string | null): v is ReviewRating => v !== null && (REVIEW_RATINGS as readonly string[]).includes(v);

export const NO_POSITION_GROUP = 'NONE';

/** The council's rating when it gave one, otherwise the computed rating; null when neither is a rating. */
export function finalRating(p: Pick<RatedParticipant, 'rating' | 'councilRating'>): ReviewRating | null {
  if (isRating(p.councilRating)) return p.councilRating;
  return isRating(p.rating) ? p.rating : null;
}

/**
 * The one key of an excellent-quota group, used by the lock check, the results and the
 * dashboard alike: the agency (the body when known, else the commune/ward) and the task group.
 */
export function quotaGroupKey(p: { unitId: number; orgBodyId: number | null; positionGroup: string | null }): string {
  return `${p.orgBodyId !== null ? `BODY:${p.orgBodyId}` : `UNIT:${p.unitId}`}|${p.positionGroup ?? NO_POSITION_GROUP}`;
}

export function quotaBreaches(params: ExcellentQuotaParams, participants: readonly RatedParticipant[]): QuotaBreach[] {
  const groups: Record<string, QuotaGroup & { members: { personId: string; rating: ReviewRating; score: number | null }[] }> = {};
  for (const p of participants) {
    const rating = finalRating(p);
    if (!rating) continue;
    const key = quotaGroupKey(p);
    groups[key] ??= { members: [], outstandingUnit: false };
    groups[key].members.push({ personId: String(p.participantId), rating, score: p.score });
  }
  const results: Record<string, QuotaResult> = checkExcellentQuotas(params, groups);
  return Object.entries(results)
    .filter(([, r]) => r.violates)
    .map(([key, r]) => {
      const [agency = '', positionGroup = NO_POSITION_GROUP] = key.split('|');
      const [kind, id] = agency.split(':');
      return {
        agency: { kind: kind === 'BODY' ? 'BODY' : 'UNIT', id: Number(id) },
        positionGroup,
        excellentCount: r.excellentCount,
        goodCount: r.goodCount,
        allowed: r.allowedExcellent,
        affected: r.affected.map(Number),
      } satisfies QuotaBreach;
    })
    .sort(
      (a, b) => a.agency.kind.localeCompare(b.agency.kind) || a.agency.id - b.agency.id || a.positionGroup.localeCompare(b.positionGroup),
    );
}
