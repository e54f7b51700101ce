import { type AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { hasMessage, type MessageKey } from '../../../platform/i18n/index.ts';
import { POSITION_GROUPS, RANK_TIERS } from '../../competencies/framework.ts';
import { type FormValues, problemField } from '../course-form.ts';
import { CONTENT_TYPES, COURSE_MODES, FUNDING_SOURCES } from '../courses.ts';
import { contentTypeLabel, fundingLabel, groupLabel, modeLabel, rankLabel } from '../training.labels.ts';

export type CourseFormView = {
  mode: 'create' | 'edit';
  action: string;
  values: FormValues;
  error: AppError | null;
  /** When editing: the course being changed. */
  current?: { id: number; code: string };
};

type Ctx = { ctx: ViewContext; view: CourseFormView; invalid: Set<string> };

const val = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};
const vals = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? x : x === undefined || x === '' ? [] : [x];
};

function label(ctx: ViewContext, field: string): string {
  const k = `training.f.${field}`;
  return hasMessage(k) ? ctx.t(k) : field;
}

const invalidAttr = (c: Ctx, name: string) => (c.invalid.has(name) ? ('true' as const) : undefined);

function Text({
  c,
  name,
  type = 'text',
  required = false,
  max = 300,
}: {
  c: Ctx;
  name: string;
  type?: 'text' | 'number' | 'date';
  required?: boolean;
  max?: number;
}) {
  const id = `f-${name}`;
  return (
    <>
      <label for={id}>{label(c.ctx, name)}</label>
      {type === 'date' ? (
        <input id={id} name={name} type="date" required={required} value={val(c.view.values, name)} aria-invalid={invalidAttr(c, name)} />
      ) : (
        <input
          id={id}
          name={name}
          type="text"
          inputMode={type === 'number' ? 'numeric' : undefined}
          maxLength={max}
          required={required}
          value={val(c.view.values, name)}
          aria-invalid={invalidAttr(c, name)}
        />
      )}
    </>
  );
}

function Choice({ c, name, options, labelOf }: { c: Ctx; name: string; options: readonly string[]; labelOf: (o: string) => string }) {
  const id = `f-${name}`;
  const current = val(c.view.values, name);
  return (
    <>
      <label for={id}>{label(c.ctx, name)}</label>
      <select id={id} name={name} aria-invalid={invalidAttr(c, name)}>
        {options.map((o) => (
          <option value={o} selected={current === o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
    </>
  );
}

function Checks({ c, name, options, labelOf }: { c: Ctx; name: string; options: readonly string[]; labelOf: (o: string) => string }) {
  const chosen = new Set(vals(c.view.values, name));
  return (
    <fieldset id={`f-${name}`}>
      <legend>{label(c.ctx, name)}</legend>
      {options.map((o) => (
        <label>
          <input type="checkbox" name={name} value={o} checked={chosen.has(o)} /> {labelOf(o)}
        </label>
      ))}
    </fieldset>
  );
}

function ErrorSummary({ c }: { c: Ctx }) {
  const { error } = c.view;
  if (!error) return null;
  const { t } = c.ctx;
  return (
    <div class="alert error" role="alert" id="form-errors" tabindex={-1}>
      <p>
        <strong>{t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</strong>
      </p>
      {error.fieldProblems.length > 0 && (
        <>
          <p>{t('training.form.errors')}</p>
          <ul>
            {error.fieldProblems.map((p) => {
              const field = problemField(p.path);
              return (
                <li>
                  <a href={`#f-${field}`}>{label(c.ctx, field)}</a>: {p.message}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}

/** The create and edit form: plain fields, no JavaScript needed; refused input comes back with every value kept. */
export function CourseFormPage({ ctx, view }: { ctx: ViewContext; view: CourseFormView }) {
  const { t } = ctx;
  const invalid = new Set((view.error?.fieldProblems ?? []).map((p) => problemField(p.path)));
  const c: Ctx = { ctx, view, invalid };
  const title = view.mode === 'create' ? t('training.form.createTitle') : t('training.form.editTitle', { code: view.current?.code ?? '' });
  const v = view.values;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary c={c} />
      <form method="post" action={view.action} class="stacked" novalidate>
        <CsrfField ctx={ctx} />
        {view.mode === 'edit' && <input type="hidden" name="version" value={val(v, 'version')} />}
        {view.mode === 'create' && <Text c={c} name="code" required max={32} />}
        <Text c={c} name="nameVi" required />
        <Text c={c} name="nameEn" required />
        <Choice c={c} name="contentType" options={CONTENT_TYPES} labelOf={(o) => contentTypeLabel(t, o)} />
        <Choice c={c} name="mode" options={COURSE_MODES} labelOf={(o) => modeLabel(t, o)} />
        <Text c={c} name="provider" required />
        <Text c={c} name="location" />
        <Text c={c} name="durationDays" type="number" required />
        <Text c={c} name="sessions" required max={400} />
        <Text c={c} name="classCapacity" type="number" required />
        <Text c={c} name="minClassSize" type="number" required />
        <Text c={c} name="costPerClass" type="number" required max={20} />
        <Text c={c} name="costPerParticipant" type="number" required max={20} />
        <Choice c={c} name="fundingSource" options={FUNDING_SOURCES} labelOf={(o) => fundingLabel(t, o)} />
        <label for="f-competencies">{label(ctx, 'competencies')}</label>
        <textarea id="f-competencies" name="competencies" rows={5} maxLength={2000} aria-invalid={invalidAttr(c, 'competencies')}>
          {val(v, 'competencies')}
        </textarea>
        <Text c={c} name="prerequisites" max={700} />
        <fieldset>
          <legend>{t('training.form.eligibility')}</legend>
          <Checks c={c} name="targetRanks" options={RANK_TIERS} labelOf={(o) => rankLabel(t, o)} />
          <Checks c={c} name="positionGroups" options={POSITION_GROUPS} labelOf={(o) => groupLabel(t, o)} />
          <Text c={c} name="fields" max={800} />
        </fieldset>
        <fieldset id="f-postgraduate">
          <legend>{t('training.form.pgSection')}</legend>
          <label>
            <input type="checkbox" name="postgraduate" value="on" checked={val(v, 'postgraduate') !== ''} /> {label(ctx, 'postgraduate')}
          </label>
          <Text c={c} name="programmeMonths" type="number" max={4} />
          <p class="muted">{t('training.form.ruleDefault')}</p>
          <Text c={c} name="minServiceYears" type="number" max={4} />
          <Text c={c} name="maxAgeAtFirstSending" type="number" max={4} />
          <Text c={c} name="commitmentMultiple" type="number" max={6} />
        </fieldset>
        <Text c={c} name="effectiveFrom" type="date" />
        <Text c={c} name="effectiveTo" type="date" />
        <p>
          <button type="submit">{t('common.save')}</button>{' '}
          <a href={view.current ? `/training/courses/${view.current.id}` : '/training/courses'}>{t('common.cancel')}</a>
        </p>
      </form>
    </Layout>
  );
}
