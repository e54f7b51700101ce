import { type AppError, ERROR_TABLE } from '../../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { COURSE_MODES } from '../../courses.ts';
import { modeLabel } from '../../training.labels.ts';
import { classStatusLabel } from '../execution.labels.ts';

export type ClassFormView = {
  values: Record<string, string | string[]>;
  courses: readonly { id: number; code: string; nameVi: string }[];
  units: readonly { id: number; name: string }[];
  error: AppError | null;
};

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** The fields of the form, in order, with the API body path each one fills. */
const FIELDS = [
  'courseId',
  'code',
  'startDate',
  'endDate',
  'sessionDays',
  'capacity',
  'organisingUnitId',
  'provider',
  'location',
  'mode',
  'status',
  'planClassId',
] as const;
type FieldName = (typeof FIELDS)[number];

/** The form's values as the API body: blanks are left out so the course's values apply. */
export function classFormToBody(form: Record<string, string | string[]>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const num = new Set<FieldName>(['courseId', 'sessionDays', 'capacity', 'organisingUnitId', 'planClassId']);
  for (const f of FIELDS) {
    const v = str(form[f]).trim();
    if (v === '') continue;
    body[f] = num.has(f) ? Number(v) : v;
  }
  // A link or script may name the course by its code instead of picking it.
  const code = str(form.courseCode).trim();
  if (code !== '' && body.courseId === undefined) body.courseCode = code;
  return body;
}

function Input({
  ctx,
  view,
  name,
  type = 'text',
  required = false,
}: {
  ctx: ViewContext;
  view: ClassFormView;
  name: FieldName;
  type?: 'text' | 'date' | 'number';
  required?: boolean;
}) {
  const invalid = view.error?.fieldProblems.some((p) => p.path.split('.')[0] === name) ?? false;
  const common = {
    id: `f-${name}`,
    name,
    value: str(view.values[name]),
    required,
    'aria-invalid': invalid ? ('true' as const) : undefined,
  };
  return (
    <label for={`f-${name}`}>
      {ctx.t(`trainingExec.field.${name}` as MessageKey)}
      {type === 'date' ? (
        <input type="date" {...common} />
      ) : type === 'number' ? (
        <input type="number" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
    </label>
  );
}

function Select({
  ctx,
  view,
  name,
  options,
  blank,
}: {
  ctx: ViewContext;
  view: ClassFormView;
  name: FieldName;
  options: { value: string; label: string }[];
  blank?: string;
}) {
  const current = str(view.values[name]);
  return (
    <label for={`f-${name}`}>
      {ctx.t(`trainingExec.field.${name}` as MessageKey)}
      <select id={`f-${name}`} name={name}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ErrorAlert({ ctx, error }: { ctx: ViewContext; error: AppError | null | undefined }) {
  if (!error) return null;
  const { t } = ctx;
  return (
    <div class="alert error" role="alert" tabindex={-1}>
      <p>
        <strong>{t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</strong>
      </p>
      {error.fieldProblems.length > 0 && (
        <ul>
          {error.fieldProblems.map((p) => (
            <li>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Organise a class: only the course and dates are needed; blanks take the course's values. */
export function ClassFormPage({ ctx, view }: { ctx: ViewContext; view: ClassFormView }) {
  const { t } = ctx;
  const blank = t('trainingExec.field.fromCourse');
  return (
    <Layout ctx={ctx} title={t('trainingExec.new')}>
      <h1>{t('trainingExec.new')}</h1>
      <ErrorAlert ctx={ctx} error={view.error} />
      <form method="post" action="/training/classes">
        <CsrfField ctx={ctx} />
        <Select
          ctx={ctx}
          view={view}
          name="courseId"
          options={view.courses.map((c) => ({ value: String(c.id), label: `${c.code} – ${c.nameVi}` }))}
        />
        <Input ctx={ctx} view={view} name="startDate" type="date" required />
        <Input ctx={ctx} view={view} name="endDate" type="date" required />
        <Input ctx={ctx} view={view} name="code" />
        <Input ctx={ctx} view={view} name="sessionDays" type="number" />
        <Input ctx={ctx} view={view} name="capacity" type="number" />
        <Select
          ctx={ctx}
          view={view}
          name="organisingUnitId"
          blank="—"
          options={view.units.map((u) => ({ value: String(u.id), label: u.name }))}
        />
        <Input ctx={ctx} view={view} name="provider" />
        <Input ctx={ctx} view={view} name="location" />
        <Select ctx={ctx} view={view} name="mode" blank={blank} options={COURSE_MODES.map((m) => ({ value: m, label: modeLabel(t, m) }))} />
        <Select
          ctx={ctx}
          view={view}
          name="status"
          options={(['PLANNED', 'OPEN'] as const).map((s) => ({ value: s, label: classStatusLabel(t, s) }))}
        />
        <Input ctx={ctx} view={view} name="planClassId" type="number" />
        <p class="muted">{t('trainingExec.form.defaults')}</p>
        <button type="submit">{t('trainingExec.create')}</button>
      </form>
    </Layout>
  );
}
