import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { ReviewRating } from '../../../../platform/rules/defaults/reviews-common.config.ts';
import { checkExcellentQuotas, type QuotaGroup } from '../../rules/excellent-quota.ts';
import { distribution, finalRating, positionGap, quotaGroupKey } from '../assessment-logic.ts';
import * as repo from '../assessments.repository.ts';
import type { CampaignResults } from '../assessments.schemas.ts';
import { type AssessmentDeps, reviewConfigsForYear } from './access.ts';

/** The most participants one results answer covers (a commune's campaign has tens; a province's a few thousand). */
export const RESULTS_BOUND = 20_000;

const collator = new Intl.Collator('vi');

/**
 * Final ratings, scores, screening outcomes and gap counts per participant (paged), with the
 * rating distributions by unit and by position group and the excellent-quota check of every
 * agency and group, over every participant the actor may read: unit roles their unit only.
 */
export async function campaignResults(
  deps: AssessmentDeps,
  actor: Actor,
  campaignId: number,
  paging: { page: number; pageSize: number },
): Promise<CampaignResults> {
  const campaign = await repo.findCampaign(deps.db, campaignId);
  if (!campaign) throw new AppError('REVIEW_CAMPAIGN_NOT_FOUND');
  if (campaign.provinceCode !== actor.provinceCode) throw AppError.denied('REVIEW_CAMPAIGN_NOT_FOUND');
  const unitOnly = isUnitRole(actor.role);
  if (unitOnly && campaign.ownerUnitId !== null && campaign.ownerUnitId !== actor.unitId)
    throw AppError.denied('REVIEW_CAMPAIGN_NOT_FOUND');

  const participants = await repo.listParticipants(deps.db, campaign.id, unitOnly ? actor.unitId : null, RESULTS_BOUND);
  const ids = participants.map((p) => p.id);
  const [evaluations, levels, outcomes, configs] = await Promise.all([
    repo.evaluationsOf(deps.db, ids),
    repo.levelsOfMany(deps.db, ids),
    repo.screeningOutcomesOf(deps.db, ids),
    reviewConfigsForYear(deps.db, campaign.provinceCode, campaign.year),
  ]);

  const rows = participants
    .map((p) => {
      const e = evaluations.get(p.id);
      return {
        participantId: p.id,
        staffId: p.staffId,
        fullName: p.fullName,
        unitId: p.unitId,
        unitName: p.unitName,
        orgBodyId: p.orgBodyId,
        positionCode: p.positionCode,
        positionGroup: p.positionGroup,
        finalRating: e ? finalRating(e) : null,
        score: e?.score ?? null,
        screeningOutcome: (outcomes.get(p.id) ?? null) as CampaignResults['items'][number]['screeningOutcome'],
        gapCount: positionGap(levels.get(p.id) ?? []).gapCount,
      };
    })
    .sort(
      (a, b) => collator.compare(a.unitName, b.unitName) || collator.compare(a.fullName, b.fullName) || a.participantId - b.participantId,
    );

  const unitNames = new Map(rows.map((r) => [r.unitId, r.unitName]));
  const byUnit = [
    ...distribution(
      rows,
      (r) => String(r.unitId),
      (r) => r.finalRating,
    ),
  ].map(([unitId, counts]) => ({
    unitId: Number(unitId),
    unitName: unitNames.get(Number(unitId)) ?? unitId,
    counts,
  }));
  const byPositionGroup = [
    ...distribution(
      rows,
      (r) => r.positionGroup ?? '',
      (r) => r.finalRating,
    ),
  ]
    .map(([group, counts]) => ({ positionGroup: group === '' ? null : group, counts }))
    .sort((a, b) => (a.positionGroup ?? '~').localeCompare(b.positionGroup ?? '~'));

  const params = campaign.regime === 'DECREE_90' ? configs.decree90.excellentCap : configs.excellentQuota;
  const configVersion = campaign.regime === 'DECREE_90' ? configs.decree90.version : configs.excellentQuota.version;
  const groups: Record<string, QuotaGroup & { members: { personId: string; rating: ReviewRating; score: number | null }[] }> = {};
  const groupOf = new Map<string, { unitId: number; orgBodyId: number | null; positionGroup: string | null }>();
  for (const r of rows) {
    if (!r.finalRating) continue;
    const key = quotaGroupKey(r);
    groups[key] ??= { members: [], outstandingUnit: false };
    groups[key].members.push({ personId: String(r.participantId), rating: r.finalRating, score: r.score });
    if (!groupOf.has(key)) groupOf.set(key, { unitId: r.unitId, orgBodyId: r.orgBodyId, positionGroup: r.positionGroup });
  }
  const quota = Object.entries(checkExcellentQuotas(params, groups))
    .map(([key, q]) => {
      const g = groupOf.get(key) ?? { unitId: 0, orgBodyId: null, positionGroup: null };
      return {
        key,
        ...g,
        goodCount: q.goodCount,
        excellentCount: q.excellentCount,
        allowedExcellent: q.allowedExcellent,
        violates: q.violates,
        excess: q.excess,
        minimumChanges: q.minimumChanges,
        affectedParticipantIds: q.affected.map(Number),
        configVersion,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));

  const start = (paging.page - 1) * paging.pageSize;
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      year: campaign.year,
      regime: campaign.regime === 'DECREE_90' ? 'DECREE_90' : 'DECREE_335',
      status: campaign.status,
    },
    total: rows.length,
    page: paging.page,
    pageSize: paging.pageSize,
    items: rows.slice(start, start + paging.pageSize),
    byUnit,
    byPositionGroup,
    excellentQuota: quota,
    quotaViolated: quota.some((q) => q.violates),
  };
}
