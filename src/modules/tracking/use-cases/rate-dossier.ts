import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { RETURNED_STATUS, ratingProblems } from '../satisfaction.ts';
import {
  findDossierById,
  findRating,
  insertRating,
  isUniqueViolation,
  type RatingRecord,
  type TrackedDossierRecord,
} from '../tracking.repository.ts';
import type { PublicRatingBody, Rating, StaffRatingBody } from '../tracking.schemas.ts';
import type { TrackingDeps } from './deps.ts';
import { lookUpDossier } from './look-up.ts';
import { satisfactionConfigFor } from './track-dossier.ts';

function toRating(code: string, r: Omit<RatingRecord, 'id'>): Rating {
  return { dossierCode: code, channel: r.channel, answers: r.answers, comment: r.comment, createdAt: r.createdAt };
}

async function rate(
  deps: TrackingDeps,
  d: TrackedDossierRecord,
  input: StaffRatingBody,
  channel: RatingRecord['channel'],
  meta: AuditMeta,
): Promise<Rating> {
  if (d.status !== RETURNED_STATUS) throw new AppError('RATING_NOT_ALLOWED');
  const config = await satisfactionConfigFor(deps, d);
  const problems = ratingProblems(config, input.answers);
  if (problems.length > 0) throw new AppError('RATING_INVALID', {}, problems);
  const row = {
    provinceCode: d.provinceCode,
    dossierId: d.id,
    channel,
    answers: input.answers,
    comment: input.comment,
    createdAt: meta.at,
    createdBy: meta.actor?.userId ?? null,
  };
  try {
    return await audited(deps.db, { ...meta, provinceCode: d.provinceCode }, 'dossier.rate', 'dossier_rating', async (trx) => {
      if (await findRating(trx, d.id)) throw new AppError('RATING_ALREADY_GIVEN');
      const id = await insertRating(trx, row);
      // The comment may name people: the audit entry keeps the answers and who recorded them.
      return { result: toRating(d.code, row), entityId: id, after: { dossierId: d.id, channel, answers: input.answers } };
    });
  } catch (e) {
    // Two submissions at once: the unique key on dossier_id lets only one through.
    if (isUniqueViolation(e)) throw new AppError('RATING_ALREADY_GIVEN');
    throw e;
  }
}

/** The citizen rates a returned dossier from the tracking page, once, proving it is theirs with code and phone ending. */
export async function rateFromTracking(deps: TrackingDeps, body: PublicRatingBody, clientIp: string, requestId: string): Promise<Rating> {
  const d = await lookUpDossier(deps, { code: body.code, phone4: body.phone4 }, clientIp);
  const meta: AuditMeta = { actor: null, requestId, at: deps.clock.now().toISOString(), provinceCode: d.provinceCode };
  return rate(deps, d, body, 'TRACKING_PAGE', meta);
}

/** Loads a dossier for the counter tablet: only the competent unit's counter records ratings. */
export async function loadDossierForTablet(deps: TrackingDeps, actor: Actor, id: number): Promise<TrackedDossierRecord> {
  const d = await findDossierById(deps.db, id);
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  if (d.provinceCode !== actor.provinceCode || d.competentUnitId !== actor.unitId) throw AppError.denied('DOSSIER_NOT_FOUND');
  return d;
}

/** A counter officer records the citizen's rating on a tablet at the counter. */
export async function rateAtCounter(deps: TrackingDeps, actor: Actor, id: number, body: StaffRatingBody, meta: AuditMeta): Promise<Rating> {
  return rate(deps, await loadDossierForTablet(deps, actor, id), body, 'COUNTER_TABLET', meta);
}
