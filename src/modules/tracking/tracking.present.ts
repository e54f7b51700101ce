import type { Locale, Translate } from '../../platform/i18n/index.ts';
import { eventLabel, statusLabel } from '../dossiers/dossiers.labels.ts';
import type { TrackingResult } from './tracking.schemas.ts';
import type { TrackingView } from './use-cases/track-dossier.ts';

/** Criterion and level names in the reader's language; Indonesian readers get the English name. */
export function choices(items: readonly { code: string; nameVi: string; nameEn: string }[], locale: Locale) {
  return items.map((c) => ({ code: c.code, name: locale === 'vi' ? c.nameVi : c.nameEn }));
}

/** The tracking answer as the page and the API give it, labels translated. */
export function toTrackingResult(v: TrackingView, t: Translate, locale: Locale): TrackingResult {
  const d = v.dossier;
  return {
    code: d.code,
    status: d.status,
    statusLabel: statusLabel(t, d.status),
    procedure: locale === 'vi' ? d.procedureNameVi : d.procedureNameEn,
    competentUnit: d.competentUnitName,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    returnedAt: d.returnedAt,
    timeline: v.events.map((e) => ({
      at: e.at,
      event: eventLabel(t, e.kind),
      status: e.toStatus,
      statusLabel: e.toStatus === null ? null : statusLabel(t, e.toStatus),
    })),
    apologySlip: v.apologySlip,
    rating: {
      canRate: v.canRate,
      rated: v.rated,
      criteria: v.canRate ? choices(v.satisfaction.criteria, locale) : [],
      levels: v.canRate ? choices(v.satisfaction.levels, locale) : [],
    },
  };
}

/** Form posts name each answer `a.<CRITERION>`; this collects them into {criterion: level}. */
export function answersFromForm(form: Record<string, string>): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith('a.') && value !== '') answers[name.slice(2)] = value;
  }
  return answers;
}
