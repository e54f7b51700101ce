import { AppError } from '../../../platform/errors/app-error.ts';
import { phoneMatches } from '../satisfaction.ts';
import { countAttempts, findDossierByCode, recordAttempts, type TrackedDossierRecord } from '../tracking.repository.ts';
import type { TrackQuery } from '../tracking.schemas.ts';
import type { TrackingDeps } from './deps.ts';

/**
 * Failed look-ups allowed per client IP and per dossier code in the window. Only failures
 * count: they are what guessing a code or a phone ending produces, and a citizen who checks
 * the same dossier every hour must not lock herself out. The per-code limit stops a guess
 * of the 10,000 phone endings spread over many addresses.
 */
export const TRACKING_LIMIT = { failures: 10, windowMinutes: 15 } as const;

/**
 * Finds the dossier a citizen asks about by its code and the last four digits of the
 * applicant's phone. An unknown code and a wrong phone give the same TRACKING_NOT_FOUND,
 * so the answer does not tell which codes exist.
 */
export async function lookUpDossier(deps: TrackingDeps, query: TrackQuery, clientIp: string): Promise<TrackedDossierRecord> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - TRACKING_LIMIT.windowMinutes * 60_000).toISOString();
  const keys = [`ip:${clientIp}`.slice(0, 120), `code:${query.code}`.slice(0, 120)];
  // Both reads at once (one round trip on PostgreSQL); the throttle still decides before the dossier is used.
  const [counts, dossier] = await Promise.all([countAttempts(deps.db, keys, since), findDossierByCode(deps.db, query.code)]);
  if (keys.some((k) => (counts.get(k) ?? 0) >= TRACKING_LIMIT.failures)) {
    throw new AppError('TRACKING_RATE_LIMITED', { minutes: TRACKING_LIMIT.windowMinutes });
  }
  if (!dossier || !phoneMatches(dossier.applicantPhone, query.phone4)) {
    await recordAttempts(deps.db, keys, now.toISOString(), since);
    throw new AppError('TRACKING_NOT_FOUND');
  }
  return dossier;
}
