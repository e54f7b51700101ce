import type { ProcedureDetail, ProcedureFormBody, WorkflowStep } from './procedures.schemas.ts';

/**
 * The HTML forms post flat text fields, because they must work without JavaScript:
 * `doc.<row>.<field>` for required documents and `step.<row>.<field>` for workflow steps,
 * with a few blank rows to add more. This file turns them into the API body (so one
 * schema and one set of rules judge both), and back.
 */
export type FormValues = Record<string, string | string[]>;

/** The API body the form stands for, and which form row each array item came from. */
export type FormBody = { body: Record<string, unknown>; docRows: number[]; stepRows: number[] };

export const BLANK_DOC_ROWS = 2;
export const BLANK_STEP_ROWS = 2;

function str(form: ProcedureFormBody, key: string): string {
  const v = form[key];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
}

function list(form: ProcedureFormBody, key: string): string[] {
  const v = form[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
}

/** Blank → undefined (the schema then says "required"); non-numbers stay text so the schema names the problem. */
function num(text: string): number | string | undefined {
  if (text === '') return undefined;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : text;
}

const orNull = (text: string) => (text === '' ? null : text);
const orUndefined = (text: string) => (text === '' ? undefined : text);

/** Row numbers used under a prefix, in order: doc.0, doc.3 … (gaps are fine). */
function rowsOf(form: ProcedureFormBody, prefix: 'doc' | 'step'): number[] {
  const rows = new Set<number>();
  const re = new RegExp(`^${prefix}\\.(\\d{1,2})\\.`);
  for (const key of Object.keys(form)) {
    const m = re.exec(key);
    if (m?.[1]) rows.add(Number(m[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

export function formToBody(form: ProcedureFormBody, mode: 'create' | 'version'): FormBody {
  const docRows: number[] = [];
  const requiredDocuments = rowsOf(form, 'doc').flatMap((row) => {
    const nameVi = str(form, `doc.${row}.nameVi`);
    const nameEn = str(form, `doc.${row}.nameEn`);
    if (nameVi === '' && nameEn === '') return [];
    docRows.push(row);
    return [
      { nameVi, nameEn, copies: num(str(form, `doc.${row}.copies`)) ?? 1, originalRequired: str(form, `doc.${row}.original`) !== '' },
    ];
  });
  const stepRows: number[] = [];
  const workflow = rowsOf(form, 'step').flatMap((row) => {
    const code = str(form, `step.${row}.code`);
    const name = str(form, `step.${row}.name`);
    const roles = list(form, `step.${row}.roles`);
    if (code === '' && name === '') return [];
    stepRows.push(row);
    const days = num(str(form, `step.${row}.days`));
    return [{ code: orUndefined(code), name, roles, ...(days === undefined ? {} : { workingDays: days }) }];
  });
  const unit = str(form, 'timeLimitUnit');
  const amount = num(str(form, 'timeLimitAmount'));
  const body: Record<string, unknown> = {
    nameVi: orUndefined(str(form, 'nameVi')),
    nameEn: orUndefined(str(form, 'nameEn')),
    field: orUndefined(str(form, 'field')),
    competentLevel: orUndefined(str(form, 'competentLevel')),
    // A same-day procedure needs no amount; the box may be left empty.
    timeLimitAmount: amount === undefined && unit === 'IMMEDIATE' ? 0 : amount,
    timeLimitUnit: orUndefined(unit),
    timeLimitNote: orNull(str(form, 'timeLimitNote')),
    fee: num(str(form, 'fee')) ?? 0,
    feeNote: orNull(str(form, 'feeNote')),
    onlineLevel: orUndefined(str(form, 'onlineLevel')),
    paperResult: str(form, 'paperResult') !== '',
    essentialService: str(form, 'essentialService') !== '',
    requiredDocuments,
    workflow,
    sourceTag: orNull(str(form, 'sourceTag')),
    sourceNote: orNull(str(form, 'sourceNote')),
    effectiveFrom: orUndefined(str(form, 'effectiveFrom')),
  };
  if (mode === 'create') body.nationalCode = orUndefined(str(form, 'nationalCode'));
  else body.version = num(str(form, 'version'));
  return { body, docRows, stepRows };
}

/** The default processing template (issue 3): reception → field specialist → leader approval → return. */
export const DEFAULT_WORKFLOW: WorkflowStep[] = [
  { code: 'RECEIVE', name: 'Tiếp nhận hồ sơ', roles: ['counter_officer'] },
  { code: 'SPECIALIST', name: 'Thẩm định, xử lý hồ sơ', roles: ['field_specialist'] },
  { code: 'LEADER_APPROVAL', name: 'Phê duyệt, ký kết quả', roles: ['unit_leader'] },
  { code: 'RETURN', name: 'Trả kết quả', roles: ['counter_officer'] },
];

function stepsToValues(steps: readonly WorkflowStep[], v: FormValues): void {
  steps.forEach((s, i) => {
    v[`step.${i}.code`] = s.code;
    v[`step.${i}.name`] = s.name;
    v[`step.${i}.roles`] = [...s.roles];
    if (s.workingDays !== undefined) v[`step.${i}.days`] = String(s.workingDays);
  });
}

export function blankForm(today: string): FormValues {
  const v: FormValues = {
    timeLimitUnit: 'WORKING_DAYS',
    fee: '0',
    onlineLevel: 'PARTIAL',
    competentLevel: 'COMMUNE',
    paperResult: 'on',
    effectiveFrom: today,
  };
  stepsToValues(DEFAULT_WORKFLOW, v);
  return v;
}

/** A new version starts no earlier than today and strictly after the latest one did. */
export function suggestEffectiveFrom(today: string, latestFrom: string): string {
  if (today > latestFrom) return today;
  const d = new Date(`${latestFrom}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function procedureToForm(p: ProcedureDetail, effectiveFrom: string): FormValues {
  const v: FormValues = {
    version: String(p.version),
    nationalCode: p.nationalCode,
    nameVi: p.nameVi,
    nameEn: p.nameEn,
    field: p.field,
    competentLevel: p.competentLevel,
    timeLimitAmount: String(p.timeLimitAmount),
    timeLimitUnit: p.timeLimitUnit,
    timeLimitNote: p.timeLimitNote ?? '',
    fee: String(p.fee),
    feeNote: p.feeNote ?? '',
    onlineLevel: p.onlineLevel,
    sourceTag: p.sourceTag ?? '',
    sourceNote: p.sourceNote ?? '',
    effectiveFrom,
  };
  if (p.paperResult) v.paperResult = 'on';
  if (p.essentialService) v.essentialService = 'on';
  p.requiredDocuments.forEach((d, i) => {
    v[`doc.${i}.nameVi`] = d.nameVi;
    v[`doc.${i}.nameEn`] = d.nameEn;
    v[`doc.${i}.copies`] = String(d.copies);
    if (d.originalRequired) v[`doc.${i}.original`] = 'on';
  });
  stepsToValues(p.workflow as WorkflowStep[], v);
  return v;
}

/** How many rows the form shows: the filled ones plus a few blank ones to add more. */
export function formRowCount(values: FormValues, prefix: 'doc' | 'step'): number {
  const used = rowsOf(values, prefix);
  const last = used.length > 0 ? Math.max(...used) + 1 : 0;
  return Math.min(40, last + (prefix === 'doc' ? BLANK_DOC_ROWS : BLANK_STEP_ROWS));
}

/**
 * Where a problem reported against the API body sits in the form: the id of the control
 * (for the error summary's link) and, for array items, the form row it came from.
 */
export function problemTarget(
  path: string,
  fb: Pick<FormBody, 'docRows' | 'stepRows'>,
): { id: string; kind: 'doc' | 'step' | 'field'; row?: number; field: string } {
  const m = /^(requiredDocuments|workflow)\.(\d+)(?:\.(\w+))?/.exec(path);
  if (m) {
    const kind = m[1] === 'workflow' ? 'step' : 'doc';
    const index = Number(m[2]);
    const row = (kind === 'step' ? fb.stepRows : fb.docRows)[index] ?? index;
    const field = m[3] === 'originalRequired' ? 'original' : m[3] === 'workingDays' ? 'days' : (m[3] ?? 'name');
    return { id: `f-${kind}-${row}-${field}`, kind, row, field };
  }
  const field = path.split('.')[0] || 'form';
  return { id: `f-${field}`, kind: 'field', field };
}
