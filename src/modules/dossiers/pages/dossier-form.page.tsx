import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { channelLabel } from '../dossiers.labels.ts';
import { COUNTER_CHANNELS } from '../intake-status.ts';

export type ProcedureGroup = { label: string; items: { code: string; name: string }[] };

export type DossierFormView = {
  /** 'counter': staff intake; 'public': a citizen's online submission. */
  mode: 'counter' | 'public';
  action: string;
  values: Record<string, string>;
  /** The translated message and the fields it concerns. */
  error: { message: string; problems: { path: string; message: string }[] } | null;
  procedures: ProcedureGroup[];
  units: { id: number; name: string }[];
  /** After a public submission: the code to track with. */
  doneCode?: string;
};

const FIELD_ID = (name: string) => `dossier-${name}`;

function ErrorSummary({ ctx, view }: { ctx: ViewContext; view: DossierFormView }) {
  if (!view.error) return null;
  return (
    <div class="alert error" role="alert" id="form-errors" tabindex={-1}>
      <p>
        <strong>{view.error.message}</strong>
      </p>
      {view.error.problems.length > 0 && (
        <ul>
          {view.error.problems.map((p) => (
            <li>
              <a href={`#${FIELD_ID(p.path)}`}>{ctx.t(`dossiers.f.${p.path}` as MessageKey)}</a>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function TextField(props: {
  ctx: ViewContext;
  view: DossierFormView;
  name: string;
  type?: 'text' | 'tel' | 'email';
  required?: boolean;
  max: number;
  autocomplete?: string;
}) {
  const { ctx, view, name } = props;
  const id = FIELD_ID(name);
  const invalid = view.error?.problems.some((p) => p.path === name) ?? false;
  return (
    <p>
      <label for={id}>{ctx.t(`dossiers.f.${name}` as MessageKey)}</label>
      <input
        id={id}
        name={name}
        // One literal for the typings' sake: preact's input types split on `type`, and a union matches none.
        type={(props.type ?? 'text') as 'text'}
        value={view.values[name] ?? ''}
        maxLength={props.max}
        required={props.required}
        autocomplete={props.autocomplete}
        aria-invalid={invalid ? 'true' : undefined}
      />
    </p>
  );
}

/** The counter intake form and the public online form: same fields, same validation, no JavaScript needed. */
export function DossierFormPage({ ctx, view }: { ctx: ViewContext; view: DossierFormView }) {
  const { t } = ctx;
  const isPublic = view.mode === 'public';
  const title = isPublic ? t('dossiers.submit.title') : t('dossiers.form.title');
  const invalid = (name: string) => (view.error?.problems.some((p) => p.path === name) ? 'true' : undefined);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {view.doneCode && (
        <div class="alert success" role="status">
          <p>{t('dossiers.submit.done', { code: view.doneCode })}</p>
        </div>
      )}
      <p>{isPublic ? t('dossiers.submit.intro') : t('dossiers.form.intro')}</p>
      <ErrorSummary ctx={ctx} view={view} />
      <form method="post" action={view.action}>
        <CsrfField ctx={ctx} />
        <p>
          <label for={FIELD_ID('procedureCode')}>{t('dossiers.f.procedureCode')}</label>
          <select id={FIELD_ID('procedureCode')} name="procedureCode" required aria-invalid={invalid('procedureCode')}>
            <option value="">{t('dossiers.f.choose')}</option>
            {view.procedures.map((g) => (
              <optgroup label={g.label}>
                {g.items.map((p) => (
                  <option value={p.code} selected={view.values.procedureCode === p.code}>
                    {p.name} ({p.code})
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </p>
        <p>
          <label for={FIELD_ID('competentUnitId')}>{isPublic ? t('dossiers.submit.unit') : t('dossiers.f.competentUnitId')}</label>
          <select id={FIELD_ID('competentUnitId')} name="competentUnitId" required={isPublic} aria-invalid={invalid('competentUnitId')}>
            <option value="">{t('dossiers.f.choose')}</option>
            {view.units.map((u) => (
              <option value={String(u.id)} selected={view.values.competentUnitId === String(u.id)}>
                {u.name}
              </option>
            ))}
          </select>
        </p>
        {!isPublic && (
          <fieldset>
            <legend>{t('dossiers.f.channel')}</legend>
            {COUNTER_CHANNELS.map((c) => (
              <label for={FIELD_ID(`channel-${c}`)}>
                <input
                  id={FIELD_ID(`channel-${c}`)}
                  type="radio"
                  name="channel"
                  value={c}
                  checked={(view.values.channel ?? 'IN_PERSON') === c}
                />{' '}
                {channelLabel(t, c)}
              </label>
            ))}
          </fieldset>
        )}
        <TextField ctx={ctx} view={view} name="applicantName" required max={200} autocomplete="name" />
        <TextField ctx={ctx} view={view} name="applicantIdNumber" max={20} autocomplete="off" />
        <TextField ctx={ctx} view={view} name="applicantPhone" type="tel" required={isPublic} max={20} autocomplete="tel" />
        <TextField ctx={ctx} view={view} name="applicantEmail" type="email" max={254} autocomplete="email" />
        <TextField ctx={ctx} view={view} name="applicantAddress" max={500} autocomplete="street-address" />
        <p>
          <label for={FIELD_ID('summary')}>{t('dossiers.f.summary')}</label>
          <textarea id={FIELD_ID('summary')} name="summary" maxLength={2000} rows={3} aria-invalid={invalid('summary')}>
            {view.values.summary ?? ''}
          </textarea>
        </p>
        <button type="submit">{isPublic ? t('dossiers.submit.submit') : t('dossiers.form.submit')}</button>
      </form>
    </Layout>
  );
}
