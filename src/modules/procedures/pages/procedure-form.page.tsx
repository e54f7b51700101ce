import { STAFF_ROLES } from '../../../platform/auth/roles.ts';
import { type AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { hasMessage, type MessageKey } from '../../../platform/i18n/index.ts';
import { formatDate } from '../../../platform/time/format.ts';
import { type FormBody, type FormValues, formRowCount, problemTarget } from '../procedure-form.ts';
import { fieldLabel, levelLabel, onlineLabel, roleLabel, stepLabel, unitLabel } from '../procedures.labels.ts';
import {
  COMPETENT_LEVELS,
  ONLINE_LEVELS,
  PROCEDURE_FIELDS,
  SOURCE_TAGS,
  TIME_LIMIT_UNITS,
  WORKFLOW_STEP_CODES,
} from '../procedures.schemas.ts';

export type ProcedureFormView = {
  mode: 'create' | 'version';
  action: string;
  values: FormValues;
  error: AppError | null;
  /** Which form row each array item of the body came from, to place the problems. */
  rows: Pick<FormBody, 'docRows' | 'stepRows'>;
  /** For a new version: the procedure being changed. */
  current?: { id: number; nationalCode: string; nameVi: string; effectiveFrom: string };
  /** For a conflict: where the latest version is. */
  latestId?: number;
};

type Ctx = { ctx: ViewContext; view: ProcedureFormView; invalid: Set<string> };

const val = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};
const vals = (v: FormValues, k: string) => {
  const x = v[k];
  return Array.isArray(x) ? x : x === undefined ? [] : [x];
};

function label(ctx: ViewContext, key: string): string {
  const k = `procedures.f.${key}`;
  return hasMessage(k) ? ctx.t(k) : key;
}

/** "Bước 2 – Vai trò": where a problem is, in words a user recognises. */
function problemLabel(ctx: ViewContext, path: string, rows: ProcedureFormView['rows']): { id: string; text: string } {
  const target = problemTarget(path, rows);
  if (target.kind === 'field') return { id: target.id, text: path === '' ? ctx.t('procedures.f.form') : label(ctx, target.field) };
  const where = ctx.t(target.kind === 'step' ? 'procedures.form.stepN' : 'procedures.form.docN', { n: (target.row ?? 0) + 1 });
  const field = target.kind === 'doc' && hasMessage(`procedures.f.doc.${target.field}`) ? `doc.${target.field}` : target.field;
  return { id: target.id, text: `${where} – ${label(ctx, field)}` };
}

function ErrorSummary({ ctx, view }: { ctx: ViewContext; view: ProcedureFormView }) {
  const { error } = view;
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id="form-errors" tabindex={-1}>
      <p>
        <strong>{ctx.t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</strong>
        {view.latestId !== undefined && (
          <>
            {' '}
            <a href={`/procedures/${view.latestId}`}>{ctx.t('procedures.openLatest')}</a>
          </>
        )}
      </p>
      {error.fieldProblems.length > 0 && (
        <ul>
          {error.fieldProblems.map((p) => {
            const where = problemLabel(ctx, p.path, view.rows);
            return (
              <li>
                <a href={`#${where.id}`}>{where.text}</a>: {p.message}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function Text({
  c,
  name,
  type = 'text',
  required = false,
  max = 500,
}: {
  c: Ctx;
  name: string;
  type?: 'text' | 'number' | 'date';
  required?: boolean;
  max?: number;
}) {
  const id = `f-${name}`;
  const attrs = {
    id,
    name,
    required,
    value: val(c.view.values, name),
    'aria-invalid': c.invalid.has(id) ? ('true' as const) : undefined,
  };
  return (
    <>
      <label for={id}>{label(c.ctx, name)}</label>
      {type === 'number' ? (
        <input type="number" step={1} {...attrs} />
      ) : type === 'date' ? (
        <input type="date" {...attrs} />
      ) : (
        <input type="text" maxLength={max} {...attrs} />
      )}
    </>
  );
}

function Choice({
  c,
  name,
  options,
  labelOf,
  blank,
}: {
  c: Ctx;
  name: string;
  options: readonly string[];
  labelOf: (o: string) => string;
  blank?: string;
}) {
  const id = `f-${name}`;
  const current = val(c.view.values, name);
  return (
    <>
      <label for={id}>{label(c.ctx, name)}</label>
      <select id={id} name={name} aria-invalid={c.invalid.has(id) ? 'true' : undefined}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option value={o} selected={current === o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
    </>
  );
}

function Check({ c, name }: { c: Ctx; name: string }) {
  return (
    <label>
      <input type="checkbox" name={name} value="on" checked={val(c.view.values, name) !== ''} /> {label(c.ctx, name)}
    </label>
  );
}

function DocumentRows({ c }: { c: Ctx }) {
  const { t } = c.ctx;
  const n = formRowCount(c.view.values, 'doc');
  return (
    <fieldset id="f-requiredDocuments">
      <legend>{t('procedures.docs.title')}</legend>
      <p class="muted">{t('procedures.form.docsHint')}</p>
      {Array.from({ length: n }, (_, i) => {
        const p = `doc.${i}`;
        const id = (f: string) => `f-doc-${i}-${f}`;
        const v = c.view.values;
        return (
          <fieldset class="row">
            <legend>{t('procedures.form.docN', { n: i + 1 })}</legend>
            <label for={id('nameVi')}>{label(c.ctx, 'doc.nameVi')}</label>
            <input
              id={id('nameVi')}
              name={`${p}.nameVi`}
              maxLength={500}
              value={val(v, `${p}.nameVi`)}
              aria-invalid={c.invalid.has(id('nameVi')) ? 'true' : undefined}
            />
            <label for={id('nameEn')}>{label(c.ctx, 'doc.nameEn')}</label>
            <input id={id('nameEn')} name={`${p}.nameEn`} maxLength={500} value={val(v, `${p}.nameEn`)} />
            <label for={id('copies')}>{label(c.ctx, 'copies')}</label>
            <input
              id={id('copies')}
              name={`${p}.copies`}
              type="number"
              min={1}
              max={20}
              step={1}
              value={val(v, `${p}.copies`) || '1'}
              aria-invalid={c.invalid.has(id('copies')) ? 'true' : undefined}
            />
            <label>
              <input type="checkbox" name={`${p}.original`} value="on" checked={val(v, `${p}.original`) !== ''} />{' '}
              {label(c.ctx, 'original')}
            </label>
          </fieldset>
        );
      })}
    </fieldset>
  );
}

function StepRows({ c }: { c: Ctx }) {
  const { t } = c.ctx;
  const n = formRowCount(c.view.values, 'step');
  return (
    <fieldset id="f-workflow">
      <legend>{t('procedures.workflow.title')}</legend>
      <p class="muted">{t('procedures.form.stepsHint')}</p>
      {Array.from({ length: n }, (_, i) => {
        const p = `step.${i}`;
        const id = (f: string) => `f-step-${i}-${f}`;
        const v = c.view.values;
        const roles = vals(v, `${p}.roles`);
        return (
          <fieldset class="row">
            <legend>{t('procedures.form.stepN', { n: i + 1 })}</legend>
            <label for={id('code')}>{label(c.ctx, 'code')}</label>
            <select id={id('code')} name={`${p}.code`} aria-invalid={c.invalid.has(id('code')) ? 'true' : undefined}>
              <option value="">—</option>
              {WORKFLOW_STEP_CODES.map((code) => (
                <option value={code} selected={val(v, `${p}.code`) === code}>
                  {stepLabel(t, code)}
                </option>
              ))}
            </select>
            <label for={id('name')}>{label(c.ctx, 'name')}</label>
            <input
              id={id('name')}
              name={`${p}.name`}
              maxLength={200}
              value={val(v, `${p}.name`)}
              aria-invalid={c.invalid.has(id('name')) ? 'true' : undefined}
            />
            <label for={id('days')}>{label(c.ctx, 'days')}</label>
            <input
              id={id('days')}
              name={`${p}.days`}
              type="number"
              min={0}
              step={0.5}
              value={val(v, `${p}.days`)}
              aria-invalid={c.invalid.has(id('days')) ? 'true' : undefined}
            />
            <fieldset id={id('roles')} class="roles">
              <legend>{label(c.ctx, 'roles')}</legend>
              {STAFF_ROLES.map((r) => (
                <label>
                  <input type="checkbox" name={`${p}.roles`} value={r} checked={roles.includes(r)} /> {roleLabel(t, r)}
                </label>
              ))}
            </fieldset>
          </fieldset>
        );
      })}
    </fieldset>
  );
}

export function ProcedureFormPage({ ctx, view }: { ctx: ViewContext; view: ProcedureFormView }) {
  const { t } = ctx;
  const invalid = new Set((view.error?.fieldProblems ?? []).map((p) => problemTarget(p.path, view.rows).id));
  const c: Ctx = { ctx, view, invalid };
  const title = view.mode === 'create' ? t('procedures.new') : t('procedures.edit.title', { code: view.current?.nationalCode ?? '' });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={view.current ? `/procedures/${view.current.id}` : '/procedures'}>
          {view.current ? t('procedures.backToProcedure') : t('procedures.backToList')}
        </a>
      </p>
      <h1>{title}</h1>
      {view.current && (
        <p lang="vi">
          <strong>{view.current.nameVi}</strong>
        </p>
      )}
      <p class="muted" id="form-hint">
        {view.mode === 'create'
          ? t('procedures.form.createHint')
          : t('procedures.form.versionHint', { date: formatDate(view.current?.effectiveFrom) })}
      </p>
      <div class="notices" aria-live="polite">
        <ErrorSummary ctx={ctx} view={view} />
      </div>
      <form method="post" action={view.action} class="stack" aria-describedby="form-hint">
        <CsrfField ctx={ctx} />
        {view.mode === 'version' && <input type="hidden" name="version" value={val(view.values, 'version')} />}
        {view.mode === 'create' && <Text c={c} name="nationalCode" required max={40} />}
        <Text c={c} name="effectiveFrom" type="date" required />
        <Text c={c} name="nameVi" required />
        <Text c={c} name="nameEn" required />
        <Choice c={c} name="field" options={PROCEDURE_FIELDS} labelOf={(o) => fieldLabel(t, o)} blank="—" />
        <Choice c={c} name="competentLevel" options={COMPETENT_LEVELS} labelOf={(o) => levelLabel(t, o)} />
        <Text c={c} name="timeLimitAmount" type="number" />
        <Choice c={c} name="timeLimitUnit" options={TIME_LIMIT_UNITS} labelOf={(o) => unitLabel(t, o)} />
        <Text c={c} name="timeLimitNote" />
        <Text c={c} name="fee" type="number" />
        <Text c={c} name="feeNote" />
        <Choice c={c} name="onlineLevel" options={ONLINE_LEVELS} labelOf={(o) => onlineLabel(t, o)} />
        <Check c={c} name="paperResult" />
        <Check c={c} name="essentialService" />
        <Choice c={c} name="sourceTag" options={SOURCE_TAGS} labelOf={(o) => t(`procedures.source.${o}` as MessageKey)} blank="—" />
        <Text c={c} name="sourceNote" max={1000} />
        <DocumentRows c={c} />
        <StepRows c={c} />
        <button type="submit">{view.mode === 'create' ? t('procedures.form.create') : t('procedures.form.saveVersion')}</button>
      </form>
    </Layout>
  );
}
