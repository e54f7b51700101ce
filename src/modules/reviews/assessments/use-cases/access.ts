import { type Actor, canAccessUnit } from '../../../../platform/auth/actor.ts';
import { roleHas } from '../../../../platform/auth/roles.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { getRule, getRules } from '../../../../platform/rules/rules.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { campaignLockedError } from '../../campaigns/campaign-workflow.ts';
import { type AssessmentStep, stageRefusal } from '../assessment-logic.ts';
import * as repo from '../assessments.repository.ts';

export type AssessmentDeps = { db: Db; clock: Clock };

export type Loaded = { campaign: repo.CampaignRow; participant: repo.ParticipantRow; actorStaffId: number | null };

const denied = (code: 'ASSESSMENT_PARTICIPANT_NOT_FOUND' | 'ASSESSMENT_NOT_OWNER' | 'ASSESSMENT_OWN_RECORD') => AppError.denied(code);

/** The campaign and participant of the URL; another province's (or a mismatched pair) answers 404. */
export async function loadParticipant(deps: AssessmentDeps, actor: Actor, campaignId: number, participantId: number): Promise<Loaded> {
  const [campaign, participant] = await Promise.all([repo.findCampaign(deps.db, campaignId), repo.findParticipant(deps.db, participantId)]);
  if (!campaign || !participant || participant.campaignId !== campaign.id) throw new AppError('ASSESSMENT_PARTICIPANT_NOT_FOUND');
  if (campaign.provinceCode !== actor.provinceCode || participant.provinceCode !== actor.provinceCode) {
    throw denied('ASSESSMENT_PARTICIPANT_NOT_FOUND');
  }
  const actorStaffId = await repo.staffIdOfUser(deps.db, actor.userId);
  return { campaign, participant, actorStaffId };
}

const isOwner = (l: Loaded) => l.actorStaffId !== null && l.actorStaffId === l.participant.staffId;
const inScope = (actor: Actor, l: Loaded) =>
  canAccessUnit(actor, { provinceCode: l.participant.provinceCode, unitId: l.participant.unitId });

/** Reading: the owner, or a reader / supervisor / council member whose unit (province roles: province) holds the participant. */
export function assertCanRead(actor: Actor, l: Loaded): void {
  if (isOwner(l)) return;
  const reviewer =
    roleHas(actor.role, 'reviews.read') || roleHas(actor.role, 'reviews.supervise') || roleHas(actor.role, 'reviews.council');
  if (!reviewer || !inScope(actor, l)) throw denied('ASSESSMENT_PARTICIPANT_NOT_FOUND');
}

/** Self-assessment: only the person whose record it is (users.staff_id); everyone else 403, whatever their role. */
export function assertOwner(l: Loaded): void {
  if (!isOwner(l)) {
    const e = new AppError('ASSESSMENT_NOT_OWNER');
    e.denied = true;
    throw e;
  }
}

/** Supervisor and council: the participant must be in the actor's unit (province roles: province), and not the actor. */
export function assertReviewer(actor: Actor, l: Loaded): void {
  if (!inScope(actor, l)) throw denied('ASSESSMENT_PARTICIPANT_NOT_FOUND');
  if (isOwner(l)) {
    const e = new AppError('ASSESSMENT_OWN_RECORD');
    e.denied = true;
    throw e;
  }
}

const STAGE_ERRORS = {
  OPEN: 'ASSESSMENT_STAGE_OPEN',
  SELF_ASSESSMENT: 'ASSESSMENT_STAGE_SELF_ASSESSMENT',
  SUPERVISOR_REVIEW: 'ASSESSMENT_STAGE_SUPERVISOR_REVIEW',
  COUNCIL: 'ASSESSMENT_STAGE_COUNCIL',
} as const;

/** 409 on a locked campaign, and 409 naming the current stage when it is not this step's. */
export function assertStage(status: string, step: AssessmentStep): void {
  const refusal = stageRefusal(status, step);
  if (refusal === 'LOCKED') throw campaignLockedError();
  if (refusal === 'WRONG_STAGE') {
    const code = STAGE_ERRORS[status as keyof typeof STAGE_ERRORS];
    throw new AppError(code ?? 'REVIEW_CAMPAIGN_STAGE_INVALID', { stage: status });
  }
}

/**
 * The review configs in force for a campaign year: looked up on the regime config's reference
 * day of that year (31 December by default), per province, with their effective dates.
 */
export async function reviewConfigsForYear(db: Db, provinceCode: string, year: number) {
  const regime = await getRule(db, 'review.regime', provinceCode, `${year}-12-31`);
  const onDate = `${String(year).padStart(4, '0')}-${regime.referenceDay}`;
  const rules = await getRules(
    db,
    ['review.decree335', 'review.decree90', 'review.excellentQuota', 'review.screening178'],
    provinceCode,
    onDate,
  );
  return {
    onDate,
    decree335: rules['review.decree335'].value,
    decree90: rules['review.decree90'].value,
    excellentQuota: rules['review.excellentQuota'].value,
    screening178: rules['review.screening178'].value,
  };
}
