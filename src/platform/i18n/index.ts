import { account } from './catalogue/account.ts';
import { audit } from './catalogue/audit.ts';
import { auth } from './catalogue/auth.ts';
import { calendar } from './catalogue/calendar.ts';
import { common } from './catalogue/common.ts';
import { competencies } from './catalogue/competencies.ts';
import { documents } from './catalogue/documents.ts';
import { dossiers } from './catalogue/dossiers.ts';
import { errors } from './catalogue/errors.ts';
import { overview } from './catalogue/overview.ts';
import { placement } from './catalogue/placement.ts';
import { positionFit } from './catalogue/position-fit.ts';
import { positions } from './catalogue/positions.ts';
import { procedures } from './catalogue/procedures.ts';
import { processing } from './catalogue/processing.ts';
import { queue } from './catalogue/queue.ts';
import { queueClosed } from './catalogue/queue-closed.ts';
import { reports } from './catalogue/reports.ts';
import { reviewAssessments } from './catalogue/review-assessments.ts';
import { reviewCampaigns } from './catalogue/review-campaigns.ts';
import { reviews } from './catalogue/reviews.ts';
import { roster } from './catalogue/roster.ts';
import { rulesAdmin } from './catalogue/rules-admin.ts';
import { scorecard } from './catalogue/scorecard.ts';
import { scorecardSupplied } from './catalogue/scorecard-supplied.ts';
import { scorecardTraces } from './catalogue/scorecard-traces.ts';
import { staff } from './catalogue/staff.ts';
import { staffDiscipline } from './catalogue/staff-discipline.ts';
import { staffing } from './catalogue/staffing.ts';
import { staffingPositions } from './catalogue/staffing-positions.ts';
import { staffingProjection } from './catalogue/staffing-projection.ts';
import { staffingReport } from './catalogue/staffing-report.ts';
import { staffingStandards } from './catalogue/staffing-standards.ts';
import { tracking } from './catalogue/tracking.ts';
import { training } from './catalogue/training.ts';
import { trainingEnrolment } from './catalogue/training-enrolment.ts';
import { trainingExecution } from './catalogue/training-execution.ts';
import { trainingNeeds } from './catalogue/training-needs.ts';
import { trainingPlanDocuments } from './catalogue/training-plan-documents.ts';
import { trainingPlanExports } from './catalogue/training-plan-exports.ts';
import { trainingPlans } from './catalogue/training-plans.ts';
import { units } from './catalogue/units.ts';
import { users } from './catalogue/users.ts';
import type { Locale } from './define.ts';

export { isLocale, LOCALES, type Locale } from './define.ts';

/** Every catalogue area; a module adds its area file under catalogue/ and lists it here. */
const AREAS = [
  common,
  errors,
  auth,
  account,
  users,
  audit,
  units,
  staff,
  calendar,
  procedures,
  dossiers,
  documents,
  tracking,
  scorecard,
  processing,
  queue,
  competencies,
  positions,
  reviews,
  reviewCampaigns,
  reviewAssessments,
  positionFit,
  roster,
  staffing,
  placement,
  staffingProjection,
  staffingReport,
  staffingStandards,
  training,
  trainingNeeds,
  trainingPlans,
  rulesAdmin,
  staffDiscipline,
  staffingPositions,
  scorecardTraces,
  scorecardSupplied,
  trainingPlanDocuments,
  trainingExecution,
  overview,
  queueClosed,
  trainingPlanExports,
  trainingEnrolment,
  reports,
] as const;

type Merge<T extends readonly { vi: Record<string, string> }[]> = T extends readonly [infer H, ...infer R]
  ? H extends { vi: infer V }
    ? V & (R extends readonly { vi: Record<string, string> }[] ? Merge<R> : unknown)
    : never
  : unknown;

export type MessageKey = keyof Merge<typeof AREAS> & string;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const CATALOGUES: Record<Locale, Record<string, string>> = { vi: {}, en: {}, id: {} };
for (const area of AREAS) {
  Object.assign(CATALOGUES.vi, area.vi);
  Object.assign(CATALOGUES.en, area.en);
  Object.assign(CATALOGUES.id, area.id);
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const template = CATALOGUES[locale][key] ?? CATALOGUES.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Dynamic keys (role names, unit kinds) come from data; this checks them at run time. */
export function hasMessage(key: string): key is MessageKey {
  return key in CATALOGUES.vi;
}

export function allKeys(locale: Locale): string[] {
  return Object.keys(CATALOGUES[locale]);
}
