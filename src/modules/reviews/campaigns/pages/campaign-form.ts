import { z } from 'zod';
import { AppError, type FieldProblem } from '../../../../platform/errors/app-error.ts';
import { hasMessage, type MessageKey, type Translate } from '../../../../platform/i18n/index.ts';
import { INSTRUMENTS, type Instrument, SCOPE_KINDS, type ScopeKind } from '../campaign-workflow.ts';
import type { CreateCampaignBody } from '../campaigns.schemas.ts';

/**
 * The set-up form (issue 4 §7) as plain fields, and its translation into the API body. Pure:
 * the route resolves the people list (citizen ID numbers or staff ids) with the repository and
 * hands the staff ids back here.
 */

/** The form as posted: repeated checkboxes arrive as arrays, a single one as a string. */
export const CampaignFormBodySchema = z.record(
  z.string().max(64),
  z.union([z.string().max(100_000), z.array(z.string().max(64)).max(600)]),
);
export type CampaignFormBody = z.infer<typeof CampaignFormBodySchema>;

export type CampaignFormValues = {
  name: string;
  year: string;
  periodFrom: string;
  periodTo: string;
  instruments: string[];
  scopeKind: string;
  unitIds: string[];
  positionCodes: string[];
  people: string;
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '');

export function formValues(body: CampaignFormBody): CampaignFormValues {
  return {
    name: one(body.name),
    year: one(body.year),
    periodFrom: one(body.periodFrom),
    periodTo: one(body.periodTo),
    instruments: many(body.instruments),
    scopeKind: one(body.scopeKind),
    unitIds: many(body.unitIds),
    positionCodes: many(body.positionCodes),
    people: one(body.people),
  };
}

/** The blank form: this year, the whole year, every instrument, scope by units. */
export function blankValues(year: number): CampaignFormValues {
  return {
    name: '',
    year: String(year),
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-12-31`,
    instruments: [...INSTRUMENTS],
    scopeKind: 'UNITS',
    unitIds: [],
    positionCodes: [],
    people: '',
  };
}

/** The non-empty lines of the people list. */
export function peopleLines(people: string): string[] {
  return people.split(/\r?\n/);
}

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const isId = (s: string) => /^\d{1,10}$/.test(s) && Number(s) > 0 && Number(s) <= 2_147_483_647;

/**
 * Checks the fields the form owns and builds the body; every problem is reported at once with
 * a message in the reader's language. `staffIds` is the resolved people list (PEOPLE scope).
 */
export function formToBody(
  v: CampaignFormValues,
  staffIds: readonly number[],
  t: Translate,
  peopleProblems: readonly FieldProblem[] = [],
): CreateCampaignBody {
  const problems: FieldProblem[] = [...peopleProblems];
  const need = (path: string, key: MessageKey) => problems.push({ path, message: t(key) });
  const name = v.name.trim();
  if (name === '') need('name', 'reviewCampaigns.form.required');
  else if (name.length > 200) need('name', 'reviewCampaigns.form.tooLong');
  const year = Number(v.year);
  if (!/^\d{4}$/.test(v.year.trim()) || year < 2000 || year > 2100) need('year', 'reviewCampaigns.form.badYear');
  if (!isDate(v.periodFrom)) need('periodFrom', 'reviewCampaigns.form.badDate');
  if (!isDate(v.periodTo)) need('periodTo', 'reviewCampaigns.form.badDate');
  const instruments = v.instruments.filter((i): i is Instrument => (INSTRUMENTS as readonly string[]).includes(i));
  if (instruments.length === 0 || instruments.length !== v.instruments.length) need('instruments', 'reviewCampaigns.form.pickInstrument');
  const kind = (SCOPE_KINDS as readonly string[]).includes(v.scopeKind) ? (v.scopeKind as ScopeKind) : null;
  if (!kind) need('scopeKind', 'reviewCampaigns.form.pickScope');
  const unitIds = v.unitIds.filter(isId).map(Number);
  if (unitIds.length !== v.unitIds.length) need('unitIds', 'reviewCampaigns.form.badChoice');
  if (kind === 'UNITS' && v.unitIds.length === 0) need('unitIds', 'reviewCampaigns.form.pickUnits');
  if (kind === 'POSITIONS' && v.positionCodes.length === 0) need('positionCodes', 'reviewCampaigns.form.pickPositions');
  if (kind === 'PEOPLE' && staffIds.length === 0 && !problems.some((p) => p.path === 'people'))
    need('people', 'reviewCampaigns.form.listPeople');
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  const scope: CreateCampaignBody['scope'] =
    kind === 'UNITS'
      ? { kind, unitIds }
      : kind === 'POSITIONS'
        ? { kind, positionCodes: v.positionCodes.map((c) => c.trim()), ...(unitIds.length > 0 ? { unitIds } : {}) }
        : { kind: 'PEOPLE', staffIds: [...staffIds] };
  return { name, year, periodFrom: v.periodFrom, periodTo: v.periodTo, instruments, scope };
}

/** Form fields in the order the page shows them (the error summary follows it). */
export const FORM_FIELDS = [
  'name',
  'year',
  'periodFrom',
  'periodTo',
  'instruments',
  'scopeKind',
  'unitIds',
  'positionCodes',
  'people',
] as const;

/**
 * The form field a problem belongs to: the form's own paths, the API's (`scope.staffIds.3`,
 * `scope.unitIds`), and the period check's (`periodFrom`).
 */
export function fieldOfPath(path: string): (typeof FORM_FIELDS)[number] | null {
  if ((FORM_FIELDS as readonly string[]).includes(path)) return path as (typeof FORM_FIELDS)[number];
  if (path.startsWith('scope.staffIds')) return 'people';
  if (path.startsWith('scope.unitIds')) return 'unitIds';
  if (path.startsWith('scope.positionCodes')) return 'positionCodes';
  if (path.startsWith('scope')) return 'scopeKind';
  if (path.startsWith('instruments')) return 'instruments';
  return null;
}

/** The period check answers codes (BEFORE_PERIOD_FROM…): translated when the catalogue has them. */
export function problemMessage(t: Translate, message: string): string {
  const key = `reviewCampaigns.period.${message}`;
  return hasMessage(key) ? t(key) : message;
}
