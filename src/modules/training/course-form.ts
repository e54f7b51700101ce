/**
 * The course form posts flat text fields; this rebuilds the API body from them (and back),
 * so the form goes through the same schema and rules as the API. Pure, no I/O.
 */
import type { CourseDetail } from './training.schemas.ts';

export type FormValues = Record<string, string | string[] | undefined>;

const one = (v: FormValues, k: string): string => {
  const x = v[k];
  return (Array.isArray(x) ? (x[0] ?? '') : (x ?? '')).trim();
};
const many = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return (Array.isArray(x) ? x : x === undefined || x === '' ? [] : [x]).map((s) => s.trim()).filter(Boolean);
};
/** An empty box is "not given" (the schema says required); anything else must be a number. */
const num = (s: string): number | undefined => (s === '' ? undefined : Number(s.replace(',', '.')));
/** Amounts in đồng may be typed grouped ("60.000.000", "60 000 000"): whole đồng only, so separators go. */
const money = (s: string): number | undefined => (s === '' ? undefined : Number(s.replace(/[.,\s]/g, '')));
const numOrNull = (s: string): number | null => (s === '' ? null : Number(s.replace(',', '.')));
const list = (s: string): string[] => s.split(/[,;\s]+/).filter(Boolean);

/** "5, 5, 4" → three sessions. */
export function parseSessions(text: string): { days: number }[] {
  return list(text).map((d) => ({ days: Number(d) }));
}

/** One competency per line: "GEN.LAW 3", "GEN.LAW: 3" or "GEN.LAW=3". */
export function parseCompetencies(text: string): { competencyCode: string; raisesToLevel: number }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code = '', level = ''] = l.split(/[\s:=]+/);
      return { competencyCode: code, raisesToLevel: level === '' ? Number.NaN : Number(level) };
    });
}

/** The API body the form stands for; `version` only when editing. */
export function formToBody(v: FormValues, mode: 'create' | 'edit'): Record<string, unknown> {
  const pg = one(v, 'postgraduate') !== '';
  const body: Record<string, unknown> = {
    nameVi: one(v, 'nameVi'),
    nameEn: one(v, 'nameEn'),
    contentType: one(v, 'contentType') || undefined,
    mode: one(v, 'mode') || undefined,
    provider: one(v, 'provider'),
    location: one(v, 'location') || null,
    durationDays: num(one(v, 'durationDays')),
    sessions: parseSessions(one(v, 'sessions')),
    classCapacity: num(one(v, 'classCapacity')),
    minClassSize: num(one(v, 'minClassSize')),
    costPerClass: money(one(v, 'costPerClass')),
    costPerParticipant: money(one(v, 'costPerParticipant')),
    fundingSource: one(v, 'fundingSource') || undefined,
    prerequisites: list(one(v, 'prerequisites')),
    eligibility: {
      targetRanks: many(v, 'targetRanks'),
      positionGroups: many(v, 'positionGroups'),
      fields: list(one(v, 'fields')),
      postgraduate: pg
        ? {
            programmeMonths: num(one(v, 'programmeMonths')),
            minServiceYears: numOrNull(one(v, 'minServiceYears')),
            maxAgeAtFirstSending: numOrNull(one(v, 'maxAgeAtFirstSending')),
            commitmentMultiple: numOrNull(one(v, 'commitmentMultiple')),
          }
        : null,
    },
    competencies: parseCompetencies(v.competencies === undefined ? '' : one(v, 'competencies')),
    effectiveFrom: one(v, 'effectiveFrom') || undefined,
    effectiveTo: one(v, 'effectiveTo') || null,
  };
  if (mode === 'create') return { code: one(v, 'code').toUpperCase(), ...body };
  return { version: num(one(v, 'version')), ...body };
}

export function blankForm(today: string): FormValues {
  return {
    effectiveFrom: today,
    mode: 'IN_PERSON',
    contentType: 'JOB_POSITION',
    fundingSource: 'STATE_BUDGET',
    sessions: '',
    competencies: '',
  };
}

/** The form filled with a stored course, to edit it. */
export function courseToForm(c: CourseDetail): FormValues {
  const pg = c.eligibility.postgraduate;
  const s = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  return {
    version: String(c.version),
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    contentType: c.contentType,
    mode: c.mode,
    provider: c.provider,
    location: c.location ?? '',
    durationDays: String(c.durationDays),
    sessions: c.sessions.map((x) => x.days).join(', '),
    classCapacity: String(c.classCapacity),
    minClassSize: String(c.minClassSize),
    costPerClass: String(c.costPerClass),
    costPerParticipant: String(c.costPerParticipant),
    fundingSource: c.fundingSource,
    prerequisites: c.prerequisites.map((p) => p.code).join(', '),
    competencies: c.competencies.map((x) => `${x.competencyCode} ${x.raisesToLevel}`).join('\n'),
    targetRanks: c.eligibility.targetRanks,
    positionGroups: c.eligibility.positionGroups,
    fields: c.eligibility.fields.join(', '),
    postgraduate: pg ? 'on' : undefined,
    programmeMonths: s(pg?.programmeMonths),
    minServiceYears: s(pg?.minServiceYears),
    maxAgeAtFirstSending: s(pg?.maxAgeAtFirstSending),
    commitmentMultiple: s(pg?.commitmentMultiple),
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo ?? '',
  };
}

/** The form field a problem path of the API body belongs to: sessions.1.days → sessions. */
export function problemField(path: string): string {
  if (path === '') return 'form';
  const parts = path.split('.');
  if (parts[0] === 'eligibility' && parts[1] === 'postgraduate' && parts[2]) return parts[2];
  if (parts[0] === 'eligibility' && parts[1]) return parts[1] === 'postgraduate' ? 'postgraduate' : parts[1];
  return parts[0] ?? 'form';
}
