import { getRule } from '../../../platform/rules/rules.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { RETURNED_STATUS, type SatisfactionConfig } from '../satisfaction.ts';
import {
  findLatestApologySlip,
  findRating,
  listStatusEvents,
  type StatusEventRecord,
  type TrackedDossierRecord,
} from '../tracking.repository.ts';
import type { TrackQuery } from '../tracking.schemas.ts';
import type { TrackingDeps } from './deps.ts';
import { lookUpDossier } from './look-up.ts';

/** The latest apology and new-appointment slip, as the citizen may see it. */
export type ApologySlipView = { newDueAt: string; reason: string; issuedAt: string };

/** Everything the public page shows; deliberately no applicant, officer or note fields. */
export type TrackingView = {
  dossier: Omit<TrackedDossierRecord, 'applicantPhone'>;
  events: StatusEventRecord[];
  apologySlip: ApologySlipView | null;
  canRate: boolean;
  rated: boolean;
  satisfaction: SatisfactionConfig;
};

/** The criteria in force on the day the result was returned (today, before that). */
export async function satisfactionConfigFor(deps: TrackingDeps, d: Pick<TrackedDossierRecord, 'provinceCode' | 'returnedAt'>) {
  const onDate = domainToday(d.returnedAt ? new Date(d.returnedAt) : deps.clock.now());
  return getRule(deps.db, 'satisfaction.criteria', d.provinceCode, onDate);
}

export async function trackingViewOf(deps: TrackingDeps, d: TrackedDossierRecord): Promise<TrackingView> {
  const [events, apologySlip, rating, satisfaction] = await Promise.all([
    listStatusEvents(deps.db, d.id),
    findLatestApologySlip(deps.db, d.id).then((slip) => slip ?? null),
    findRating(deps.db, d.id),
    satisfactionConfigFor(deps, d),
  ]);
  const { applicantPhone: _phone, ...dossier } = d;
  return {
    dossier,
    events,
    apologySlip,
    rated: rating !== undefined,
    canRate: d.status === RETURNED_STATUS && rating === undefined,
    satisfaction,
  };
}

/** Public tracking by dossier code and the phone's last four digits (rate-limited). */
export async function trackDossier(deps: TrackingDeps, query: TrackQuery, clientIp: string): Promise<TrackingView> {
  return trackingViewOf(deps, await lookUpDossier(deps, query, clientIp));
}
