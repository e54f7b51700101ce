import type { AppError } from '../../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { localised } from '../../../competencies/competencies.labels.ts';
import { positionGroupLabel } from '../../../positions/positions.labels.ts';
import { instrumentLabel } from '../../reviews.labels.ts';
import { INSTRUMENTS, SCOPE_KINDS } from '../campaign-workflow.ts';
import type { PositionOption } from '../use-cases/dashboard.ts';
import { type CampaignFormValues, FORM_FIELDS, fieldOfPath, problemMessage } from './campaign-form.ts';
import { ErrorSummary, type ShownProblem } from './parts.tsx';

export type CampaignFormView = {
  values: CampaignFormValues;
  error: AppError | null;
  units: { id: number; code: string; name: string }[];
  positions: PositionOption[];
};

/** The id of a field's control, or of the first control of a group (what the error summary links to). */
const fieldId = (field: string) => `f-${field}`;

function shownProblems(ctx: ViewContext, error: AppError | null): ShownProblem[] {
  if (!error) return [];
  const order = (f: string | null) => (f === null ? FORM_FIELDS.length : FORM_FIELDS.indexOf(f as (typeof FORM_FIELDS)[number]));
  return error.fieldProblems
    .map((p) => ({ field: fieldOfPath(p.path), message: problemMessage(ctx.t, p.message) }))
    .sort((a, b) => order(a.field) - order(b.field))
    .map((p) => ({
      fieldId: p.field ? fieldId(p.field) : '',
      label: p.field ? ctx.t(`reviewCampaigns.f.${p.field}`) : '',
      message: p.message,
    }));
}

/** The error messages of one field, placed under its label and tied to it with aria-describedby. */
function FieldErrors({ id, problems }: { id: string; problems: ShownProblem[] }) {
  const mine = problems.filter((p) => p.fieldId === id);
  if (mine.length === 0) return null;
  return (
    <p class="field-error" id={`${id}-error`}>
      {mine.map((p) => p.message).join(' ')}
    </p>
  );
}

export function CampaignFormPage({ ctx, view }: { ctx: ViewContext; view: CampaignFormView }) {
  const { t, locale } = ctx;
  const v = view.values;
  const problems = shownProblems(ctx, view.error);
  const invalid = (field: string) => problems.some((p) => p.fieldId === fieldId(field));
  const describedBy = (field: string) => (invalid(field) ? `${fieldId(field)}-error` : undefined);
  const textInput = (field: 'name' | 'year' | 'periodFrom' | 'periodTo', type: 'text' | 'number' | 'date') => {
    const common = {
      id: fieldId(field),
      name: field,
      required: true,
      value: v[field],
      'aria-invalid': invalid(field) ? ('true' as const) : undefined,
      'aria-describedby': describedBy(field),
    };
    return (
      <p>
        <label for={fieldId(field)}>{t(`reviewCampaigns.f.${field}`)}</label>
        <FieldErrors id={fieldId(field)} problems={problems} />
        {type === 'text' ? (
          <input type="text" maxLength={200} {...common} />
        ) : type === 'number' ? (
          <input type="number" min={2000} max={2100} step={1} {...common} />
        ) : (
          <input type="date" {...common} />
        )}
      </p>
    );
  };
  return (
    <Layout ctx={ctx} title={t('reviewCampaigns.form.title')}>
      <p>
        <a href="/reviews/campaigns">{t('reviewCampaigns.list.title')}</a>
      </p>
      <h1>{t('reviewCampaigns.form.title')}</h1>
      <ErrorSummary ctx={ctx} error={view.error} problems={problems} />
      <form method="post" action="/reviews/campaigns" novalidate>
        <CsrfField ctx={ctx} />
        {textInput('name', 'text')}
        {textInput('year', 'number')}
        <fieldset>
          <legend>{t('reviewCampaigns.form.period')}</legend>
          {textInput('periodFrom', 'date')}
          {textInput('periodTo', 'date')}
        </fieldset>
        <fieldset aria-describedby={describedBy('instruments')}>
          <legend>{t('reviewCampaigns.f.instruments')}</legend>
          <FieldErrors id={fieldId('instruments')} problems={problems} />
          {INSTRUMENTS.map((i, n) => (
            <p>
              <input
                type="checkbox"
                id={n === 0 ? fieldId('instruments') : `f-instruments-${i}`}
                name="instruments"
                value={i}
                checked={v.instruments.includes(i)}
              />{' '}
              <label for={n === 0 ? fieldId('instruments') : `f-instruments-${i}`}>{instrumentLabel(t, i)}</label>
            </p>
          ))}
        </fieldset>
        <fieldset aria-describedby={describedBy('scopeKind')}>
          <legend>{t('reviewCampaigns.f.scopeKind')}</legend>
          <FieldErrors id={fieldId('scopeKind')} problems={problems} />
          {SCOPE_KINDS.map((k, n) => (
            <p>
              <input
                type="radio"
                id={n === 0 ? fieldId('scopeKind') : `f-scopeKind-${k}`}
                name="scopeKind"
                value={k}
                checked={v.scopeKind === k}
              />{' '}
              <label for={n === 0 ? fieldId('scopeKind') : `f-scopeKind-${k}`}>{t(`reviewCampaigns.scopeKind.${k}`)}</label>
            </p>
          ))}
        </fieldset>
        <fieldset aria-describedby={describedBy('unitIds') ?? 'f-unitIds-hint'}>
          <legend>{t('reviewCampaigns.f.unitIds')}</legend>
          <p class="hint" id="f-unitIds-hint">
            {t('reviewCampaigns.form.unitsHint')}
          </p>
          <FieldErrors id={fieldId('unitIds')} problems={problems} />
          {view.units.length === 0 && <p>{t('reviewCampaigns.form.noUnits')}</p>}
          {view.units.map((u, n) => {
            const id = n === 0 ? fieldId('unitIds') : `f-unitIds-${u.id}`;
            return (
              <p>
                <input type="checkbox" id={id} name="unitIds" value={String(u.id)} checked={v.unitIds.includes(String(u.id))} />{' '}
                <label for={id}>
                  {u.name} ({u.code})
                </label>
              </p>
            );
          })}
        </fieldset>
        <fieldset aria-describedby={describedBy('positionCodes') ?? 'f-positionCodes-hint'}>
          <legend>{t('reviewCampaigns.f.positionCodes')}</legend>
          <p class="hint" id="f-positionCodes-hint">
            {t('reviewCampaigns.form.positionsHint')}
          </p>
          <FieldErrors id={fieldId('positionCodes')} problems={problems} />
          {view.positions.length === 0 && <p>{t('reviewCampaigns.form.noPositions')}</p>}
          {view.positions.length > 0 && (
            <>
              <label for={fieldId('positionCodes')}>{t('reviewCampaigns.form.positionsSelect')}</label>
              <select
                id={fieldId('positionCodes')}
                name="positionCodes"
                multiple
                size={Math.min(10, view.positions.length)}
                aria-invalid={invalid('positionCodes') ? 'true' : undefined}
              >
                {[...new Set(view.positions.map((p) => p.group))].map((g) => (
                  <optgroup label={positionGroupLabel(t, g)}>
                    {view.positions
                      .filter((p) => p.group === g)
                      .map((p) => (
                        <option value={p.code} selected={v.positionCodes.includes(p.code)}>
                          {p.code} – {localised(locale, p.nameVi, p.nameEn)}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </>
          )}
        </fieldset>
        <p>
          <label for={fieldId('people')}>{t('reviewCampaigns.f.people')}</label>
          <span class="hint" id="f-people-hint">
            {' '}
            {t('reviewCampaigns.form.peopleHint')}
          </span>
          <FieldErrors id={fieldId('people')} problems={problems} />
          <textarea
            id={fieldId('people')}
            name="people"
            rows={6}
            aria-invalid={invalid('people') ? 'true' : undefined}
            aria-describedby={invalid('people') ? 'f-people-error f-people-hint' : 'f-people-hint'}
          >
            {v.people}
          </textarea>
        </p>
        <button type="submit">{t('reviewCampaigns.form.submit')}</button>
      </form>
    </Layout>
  );
}
