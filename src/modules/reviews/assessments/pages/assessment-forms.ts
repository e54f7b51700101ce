import type { FieldProblem } from '../../../../platform/errors/app-error.ts';
import {
  DECREE_90_FLAG_METRICS,
  DECREE_90_SHARE_METRICS,
  DECREE_90_SUBJECTS,
  type Decree90Config,
} from '../../../../platform/rules/defaults/reviews-90.config.ts';
import type { Decree335Config } from '../../../../platform/rules/defaults/reviews-335.config.ts';
import { REVIEW_RATINGS } from '../../../../platform/rules/defaults/reviews-common.config.ts';
import type { Screening178Config } from '../../../../platform/rules/defaults/screening-178.config.ts';
import type { AssessmentSheet, CouncilBody, EvaluationInput, LevelInput } from '../assessments.schemas.ts';

/**
 * Pure pieces of the assessment forms (issue 4 §7): flat HTML form fields ⇄ the use-case
 * inputs, and the use case's field problems ⇄ the form fields they concern. Forms post flat
 * text fields and re-render from the same flat map, so what the user typed is always kept.
 *
 * Field names: `level.<code>`, `evidence.<code>`, `general.<criterion>`, `rows` and
 * `item.<n>.<period|id|coefficient|completed|quality|sendBacks|delays|objective>`,
 * `veto.<code>`, `leader.<unitResult|anyNotCompleted|onPlan|organising>`,
 * `d90.<subject|judgedLevel|absence>`, `d90.metric.<METRIC>`, `rating`, `note`,
 * `crit.<code>` with `crit.<code>.unit` (percent | points).
 */

export type FormValues = Record<string, string>;
export type FormBody = Record<string, string | string[]>;

/** A problem to show: the form field it concerns ('' for the whole form), a message code and its parameters. */
export type FormProblem = { field: string; code: ProblemCode; params?: Record<string, string | number> };

export const PROBLEM_CODES = [
  'LEVEL_1_TO_5',
  'LEVEL_REQUIRED',
  'NOT_A_NUMBER',
  'RANGE',
  'POSITIVE',
  'WHOLE',
  'REQUIRED',
  'CHOICE',
  'UNKNOWN_COMPETENCY',
  'DUPLICATE',
  'LEADER_REQUIRED',
  'ORGANISING_REQUIRED',
  'VETO_LEADERS_ONLY',
  'EVALUATION_REQUIRED',
  'NOTE_REQUIRED',
  'NOTHING_TO_DECIDE',
  'NOT_AN_INSTRUMENT',
  'WRONG_REGIME',
  'OTHER',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const DEFAULT_ROWS = 3;
export const MAX_ROWS = 100;

/** The last value of a field (a repeated field sends an array), trimmed; '' when absent. */
export function field(body: FormBody, name: string): string {
  const v = body[name];
  return (Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '')).trim();
}

/** The flat values to re-render a form with. */
export function valuesOf(body: FormBody): FormValues {
  const out: FormValues = {};
  for (const k of Object.keys(body)) if (k !== '_csrf') out[k] = field(body, k);
  return out;
}

/**
 * The sheet version the form was rendered with (its hidden `version` field). A form without
 * one gives 0, which no sheet has: the write is refused as a conflict and the form comes back
 * with the current version, rather than overwriting blindly.
 */
export function versionFromForm(body: FormBody): number {
  const raw = field(body, 'version');
  return /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
}

const isOn = (body: FormBody, name: string) => field(body, name) !== '';

/** A number field: undefined when blank, a problem when not a number. Accepts a decimal comma. */
function num(body: FormBody, name: string, problems: FormProblem[]): number | undefined {
  const raw = field(body, name);
  if (raw === '') return undefined;
  const n = Number(raw.replace(',', '.'));
  if (!Number.isFinite(n)) {
    problems.push({ field: name, code: 'NOT_A_NUMBER' });
    return undefined;
  }
  return n;
}

/** A percentage field (0–100) returned as a share (0–1). */
function percent(body: FormBody, name: string, problems: FormProblem[]): number | undefined {
  const n = num(body, name, problems);
  if (n === undefined) return undefined;
  if (n < 0 || n > 100) {
    problems.push({ field: name, code: 'RANGE', params: { min: 0, max: 100 } });
    return undefined;
  }
  return n / 100;
}

/**
 * Levels of the given competencies. A competency without a chosen level is left out (the
 * sheet may be filled in several sittings), but evidence without a level is a problem, and
 * any chosen value outside 1–5 is passed on for the use case to refuse.
 */
export function levelsFromForm(body: FormBody, codes: readonly string[], withEvidence: boolean, problems: FormProblem[]): LevelInput[] {
  const out: LevelInput[] = [];
  for (const code of codes) {
    const raw = field(body, `level.${code}`);
    const evidence = withEvidence ? field(body, `evidence.${code}`) : '';
    if (raw === '') {
      if (evidence !== '') problems.push({ field: `level.${code}`, code: 'LEVEL_REQUIRED' });
      continue;
    }
    const level = Number(raw);
    out.push({ competencyCode: code, level: Number.isFinite(level) ? level : Number.NaN, ...(evidence ? { evidence } : {}) });
  }
  return out;
}

export type ItemKey = { row: number; label: string; id: string };

/** The number of work-item rows the form shows (hidden field `rows`), within 1–MAX_ROWS. */
export function rowCount(body: FormBody): number {
  const n = Number.parseInt(field(body, 'rows'), 10);
  return Number.isFinite(n) ? Math.min(MAX_ROWS, Math.max(1, n)) : DEFAULT_ROWS;
}

const ITEM_FIELDS = ['period', 'id', 'coefficient', 'sendBacks', 'delays'] as const;
const ITEM_BOXES = ['completed', 'quality', 'objective'] as const;

/**
 * The Decree 335 input of the supervisor's form. Empty work-item rows are skipped; items are
 * grouped into periods by their period label, in the order the labels first appear.
 */
export function decree335FromForm(
  body: FormBody,
  config: Decree335Config,
  opts: { isLeader: boolean; withTasks: boolean },
  problems: FormProblem[],
): { input: EvaluationInput; items: ItemKey[] } {
  const generalScores: Record<string, number> = {};
  for (const c of config.general.criteria) {
    const v = num(body, `general.${c.code}`, problems);
    if (v !== undefined) generalScores[c.code] = v;
  }
  const periods: { label: string; items: NonNullable<Extract<EvaluationInput, { periods: unknown }>['periods'][number]['items']> }[] = [];
  const items: ItemKey[] = [];
  if (opts.withTasks) {
    const rows = rowCount(body);
    for (let n = 0; n < rows; n++) {
      const f = (k: string) => `item.${n}.${k}`;
      const blank = ITEM_FIELDS.every((k) => field(body, f(k)) === '') && ITEM_BOXES.every((k) => !isOn(body, f(k)));
      if (blank) continue;
      const label = field(body, f('period'));
      if (label === '') problems.push({ field: f('period'), code: 'REQUIRED' });
      else if (label.length > 40) problems.push({ field: f('period'), code: 'RANGE', params: { min: 1, max: 40 } });
      const id = field(body, f('id')) || `#${n + 1}`;
      if (id.length > 60) problems.push({ field: f('id'), code: 'RANGE', params: { min: 1, max: 60 } });
      const coefficient = num(body, f('coefficient'), problems);
      if (coefficient === undefined && field(body, f('coefficient')) === '') problems.push({ field: f('coefficient'), code: 'REQUIRED' });
      const sendBacks = num(body, f('sendBacks'), problems) ?? 0;
      const delays = num(body, f('delays'), problems) ?? 0;
      if (items.some((i) => i.label === label && i.id === id)) problems.push({ field: f('id'), code: 'DUPLICATE' });
      items.push({ row: n, label, id });
      let period = periods.find((p) => p.label === label);
      if (!period) {
        period = { label, items: [] };
        periods.push(period);
      }
      period.items.push({
        id,
        coefficient: coefficient ?? 0,
        completed: isOn(body, f('completed')),
        meetsQualityBar: isOn(body, f('quality')),
        sendBacks,
        delays,
        objectiveCauseConfirmed: isOn(body, f('objective')),
      });
    }
  }
  const vetoes = opts.withTasks ? config.vetoes.filter((v) => isOn(body, `veto.${v.code}`)).map((v) => v.code) : [];
  const input: EvaluationInput = { isLeader: opts.withTasks && opts.isLeader, generalScores, periods, vetoes };
  if (opts.withTasks && opts.isLeader) {
    const unitResultShare = percent(body, 'leader.unitResult', problems);
    const organisingShare = percent(body, 'leader.organising', problems);
    if (unitResultShare === undefined && field(body, 'leader.unitResult') === '')
      problems.push({ field: 'leader.unitResult', code: 'REQUIRED' });
    input.leader = {
      unitResultShare: unitResultShare ?? 0,
      anySubordinateNotCompleted: isOn(body, 'leader.anyNotCompleted'),
      organisingOnPlanAndOnTime: isOn(body, 'leader.onPlan'),
      ...(organisingShare !== undefined ? { organisingShare } : {}),
    };
  }
  return { input, items };
}

/** Whether any general-criterion score was typed (the self-declared evaluation is optional). */
export function hasGeneralScores(body: FormBody, config: Decree335Config): boolean {
  return config.general.criteria.some((c) => field(body, `general.${c.code}`) !== '');
}

/** The Decree 90 input: subject and judged level are required; flags are yes/no/unknown, shares are percentages. */
export function decree90FromForm(body: FormBody, problems: FormProblem[]): EvaluationInput {
  const subject = field(body, 'd90.subject');
  const judged = field(body, 'd90.judgedLevel');
  if (!(DECREE_90_SUBJECTS as readonly string[]).includes(subject)) problems.push({ field: 'd90.subject', code: 'CHOICE' });
  if (!(REVIEW_RATINGS as readonly string[]).includes(judged)) problems.push({ field: 'd90.judgedLevel', code: 'CHOICE' });
  const metrics: Record<string, boolean | number> = {};
  for (const m of DECREE_90_FLAG_METRICS) {
    const v = field(body, `d90.metric.${m}`);
    if (v === 'yes') metrics[m] = true;
    else if (v === 'no') metrics[m] = false;
  }
  for (const m of DECREE_90_SHARE_METRICS) {
    const v = percent(body, `d90.metric.${m}`, problems);
    if (v !== undefined) metrics[m] = v;
  }
  return {
    subject: subject as (typeof DECREE_90_SUBJECTS)[number],
    judgedLevel: judged as (typeof REVIEW_RATINGS)[number],
    metrics,
    absenceMonths: num(body, 'd90.absence', problems) ?? 0,
  };
}

/** The council's body: levels chosen, the rating when one is chosen, the screening when any criterion was scored. */
export function councilFromForm(
  body: FormBody,
  codes: readonly string[],
  opts: { withRating: boolean; screening: Screening178Config | null },
  problems: FormProblem[],
): CouncilBody {
  const out: CouncilBody = {};
  const levels = levelsFromForm(body, codes, false, problems);
  if (levels.length > 0) out.levels = levels;
  if (opts.withRating) {
    const rating = field(body, 'rating');
    const note = field(body, 'note');
    if (rating !== '') {
      if (!(REVIEW_RATINGS as readonly string[]).includes(rating)) problems.push({ field: 'rating', code: 'CHOICE' });
      else out.rating = { rating: rating as (typeof REVIEW_RATINGS)[number], ...(note ? { note } : {}) };
    } else if (note !== '') problems.push({ field: 'rating', code: 'CHOICE' });
  }
  if (opts.screening) {
    const criteria: Record<string, { percent: number } | { points: number }> = {};
    for (const c of opts.screening.criteria) {
      if (c.source !== 'INPUT') continue;
      const v = num(body, `crit.${c.code}`, problems);
      if (v === undefined) continue;
      criteria[c.code] = field(body, `crit.${c.code}.unit`) === 'points' ? { points: v } : { percent: v };
    }
    if (Object.keys(criteria).length > 0 || isOn(body, 'screen')) out.screening = { criteria };
  }
  return out;
}

/**
 * The form field and message of a problem the use case reported (`path`, `message` of its 422
 * answer): level paths carry the index of the level sent, rule messages name their field.
 */
export function problemFromUseCase(p: FieldProblem, ctx: { levelCodes: readonly string[]; items?: readonly ItemKey[] }): FormProblem {
  const { path, message } = p;
  const lv = /^levels\.(\d+)\.(level|competencyCode)$/.exec(path);
  if (lv) {
    const code = ctx.levelCodes[Number(lv[1])] ?? '';
    const f = `level.${code}`;
    if (message === 'LEVEL_1_TO_5') return { field: f, code: 'LEVEL_1_TO_5' };
    if (message.startsWith('DUPLICATE')) return { field: f, code: 'DUPLICATE' };
    return { field: f, code: 'UNKNOWN_COMPETENCY' };
  }
  if (path === '' && message === 'NOTHING_TO_DECIDE') return { field: '', code: 'NOTHING_TO_DECIDE' };
  if (path === 'rating.note') return { field: 'note', code: 'NOTE_REQUIRED' };
  if (message === 'NOT_AN_INSTRUMENT_OF_THIS_CAMPAIGN') return { field: '', code: 'NOT_AN_INSTRUMENT' };
  if (message === 'REQUIRED_FOR_THE_ANNUAL_EVALUATION') return { field: '', code: 'EVALUATION_REQUIRED' };
  if (message === 'DECREE_335_INPUT_EXPECTED' || message === 'DECREE_90_INPUT_EXPECTED') return { field: '', code: 'WRONG_REGIME' };
  let m = /^general\.([A-Z0-9_]+): must be 0–([\d.]+)$/.exec(message);
  if (m) return { field: `general.${m[1]}`, code: 'RANGE', params: { min: 0, max: m[2] ?? '' } };
  for (const item of ctx.items ?? []) {
    const prefix = `periods.${item.label}.${item.id}.`;
    if (!message.startsWith(prefix)) continue;
    const what = message.slice(prefix.length).split(':')[0];
    if (what === 'coefficient') return { field: `item.${item.row}.coefficient`, code: 'POSITIVE' };
    if (what === 'sendBacks' || what === 'delays') return { field: `item.${item.row}.${what}`, code: 'WHOLE' };
  }
  if (message.startsWith('leader: required')) return { field: 'leader.unitResult', code: 'LEADER_REQUIRED' };
  if (message.startsWith('leader.unitResultShare')) return { field: 'leader.unitResult', code: 'RANGE', params: { min: 0, max: 100 } };
  if (message.startsWith('leader.organisingShare: required')) return { field: 'leader.organising', code: 'ORGANISING_REQUIRED' };
  if (message.startsWith('leader.organisingShare')) return { field: 'leader.organising', code: 'RANGE', params: { min: 0, max: 100 } };
  m = /^vetoes\.([A-Z0-9_]+): applies to leaders only$/.exec(message);
  if (m) return { field: `veto.${m[1]}`, code: 'VETO_LEADERS_ONLY' };
  if (message.startsWith('absenceMonths')) return { field: 'd90.absence', code: 'RANGE', params: { min: 0, max: 12 } };
  m = /^metrics\.([A-Z0-9_]+):/.exec(message);
  if (m) return { field: `d90.metric.${m[1]}`, code: 'RANGE', params: { min: 0, max: 100 } };
  m = /^criteria\.([A-Z0-9_]+)\.(percent|points): 0–([\d.]+)$/.exec(message);
  if (m) return { field: `crit.${m[1]}`, code: 'RANGE', params: { min: 0, max: m[3] ?? '' } };
  return { field: '', code: 'OTHER', params: { detail: message } };
}

// ------------------------------------------------------------ values from a saved sheet

const str = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
const pct = (v: number | undefined) => (v === undefined ? '' : String(Math.round(v * 10000) / 100));

function evaluationValues(input: EvaluationInput | null, out: FormValues, withTasks: boolean): void {
  if (!input) return;
  if ('periods' in input) {
    for (const [code, v] of Object.entries(input.generalScores)) out[`general.${code}`] = String(v);
    if (!withTasks) return;
    let n = 0;
    for (const period of input.periods) {
      for (const item of period.items) {
        const f = (k: string) => `item.${n}.${k}`;
        out[f('period')] = period.label;
        out[f('id')] = item.id;
        out[f('coefficient')] = String(item.coefficient);
        if (item.completed) out[f('completed')] = 'on';
        if (item.meetsQualityBar !== false && item.completed) out[f('quality')] = 'on';
        out[f('sendBacks')] = String(item.sendBacks);
        out[f('delays')] = String(item.delays);
        if (item.objectiveCauseConfirmed) out[f('objective')] = 'on';
        n += 1;
      }
    }
    out.rows = String(Math.max(DEFAULT_ROWS, n + 1));
    for (const v of input.vetoes) out[`veto.${v}`] = 'on';
    if (input.leader) {
      out['leader.unitResult'] = pct(input.leader.unitResultShare);
      if (input.leader.anySubordinateNotCompleted) out['leader.anyNotCompleted'] = 'on';
      if (input.leader.organisingOnPlanAndOnTime) out['leader.onPlan'] = 'on';
      out['leader.organising'] = pct(input.leader.organisingShare);
    }
    return;
  }
  out['d90.subject'] = input.subject;
  out['d90.judgedLevel'] = input.judgedLevel;
  out['d90.absence'] = String(input.absenceMonths);
  for (const [m, v] of Object.entries(input.metrics)) {
    if (typeof v === 'boolean') out[`d90.metric.${m}`] = v ? 'yes' : 'no';
    else if (typeof v === 'number') out[`d90.metric.${m}`] = pct(v);
  }
}

/** What the owner saved, as form values. */
export function selfValues(sheet: AssessmentSheet): FormValues {
  const out: FormValues = { version: String(sheet.version) };
  for (const c of sheet.competencies) {
    out[`level.${c.competencyCode}`] = str(c.selfLevel);
    out[`evidence.${c.competencyCode}`] = str(c.selfEvidence);
  }
  evaluationValues(sheet.evaluation?.selfInput ?? null, out, false);
  return out;
}

/** What the supervisor saved, as form values. */
export function supervisorValues(sheet: AssessmentSheet): FormValues {
  const out: FormValues = { version: String(sheet.version), rows: String(DEFAULT_ROWS) };
  for (const c of sheet.competencies) {
    out[`level.${c.competencyCode}`] = str(c.supervisorLevel);
    out[`evidence.${c.competencyCode}`] = str(c.supervisorEvidence);
  }
  evaluationValues(sheet.evaluation?.supervisorInput ?? null, out, true);
  return out;
}

/** What the council decided, as form values. */
export function councilValues(sheet: AssessmentSheet): FormValues {
  const out: FormValues = { version: String(sheet.version) };
  for (const c of sheet.competencies) out[`level.${c.competencyCode}`] = str(c.councilLevel);
  out.rating = sheet.evaluation?.councilRating ?? '';
  out.note = sheet.evaluation?.councilNote ?? '';
  for (const [code, v] of Object.entries(sheet.screening?.criteria ?? {})) {
    if ('points' in v) {
      out[`crit.${code}`] = String(v.points);
      out[`crit.${code}.unit`] = 'points';
    } else out[`crit.${code}`] = String(v.percent);
  }
  return out;
}

/** The id of a form field's element (fields carry dots; ids keep letters, digits, '-' and '_'). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export type ReviewConfigs = { decree335: Decree335Config; decree90: Decree90Config; screening178: Screening178Config };
