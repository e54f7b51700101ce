import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { hasMessage, type MessageKey, type Translate } from '../../../../platform/i18n/index.ts';
import { formatDate, formatNumber } from '../../../../platform/time/format.ts';
import { campaignStatusLabel } from '../../reviews.labels.ts';
import type { AssessmentSheet } from '../assessments.schemas.ts';
import { type FormProblem, type FormValues, fieldId } from './assessment-forms.ts';

/**
 * Pieces shared by the assessment pages: the error summary linked to the fields, the sheet
 * header, labelled inputs that keep what was typed, and the readable rule traces. Meaning is
 * always in words (ratings, "held", "provisional"), never in colour alone.
 */

const keyOr = (k: string, fallback: MessageKey): MessageKey => (hasMessage(k) ? k : fallback);

export const ratingLabel = (t: Translate, r: string | null | undefined) =>
  r ? t(keyOr(`reviews.band.${r}`, 'assess.unrated')) : t('assess.unrated');
export const outcomeLabel = (t: Translate, o: string | null | undefined) =>
  o ? t(keyOr(`reviews.screening.outcome.${o}`, 'assess.notScreened')) : t('assess.notScreened');
export const certaintyLabel = (t: Translate, c: string | undefined) => {
  const k = `reviews.certainty.${c}`;
  return hasMessage(k) ? t(k) : (c ?? '');
};

/** Competency names and behavioural descriptors by code, in the reader's language. */
export type CompetencyInfo = Map<string, { name: string; levels: Map<number, string> }>;

export const competencyName = (info: CompetencyInfo, code: string) => info.get(code)?.name ?? code;

/** The translated text of a problem. */
export function problemText(t: Translate, p: FormProblem): string {
  return t(`assess.problem.${p.code}` as MessageKey, p.params);
}

export type FormError = { message: string; problems: FormProblem[] } | null;

/** The error summary: the refusal, then each problem as a link to its field, labelled by `labelOf`. */
export function ProblemSummary({ ctx, error, labelOf }: { ctx: ViewContext; error: FormError; labelOf: (field: string) => string }) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id="form-errors" tabindex={-1}>
      <p>
        <strong>{error.message}</strong>
      </p>
      {error.problems.length > 0 && (
        <ul>
          {error.problems.map((p) =>
            p.field ? (
              <li>
                <a href={`#${fieldId(p.field)}`}>{labelOf(p.field)}</a>: {problemText(ctx.t, p)}
              </li>
            ) : (
              <li>{problemText(ctx.t, p)}</li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}

export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="alert ok" role="status">
      <p>{text}</p>
    </div>
  );
}

/** The problems of one field, as text under it (referenced by aria-describedby). */
function FieldProblems({ ctx, name, problems }: { ctx: ViewContext; name: string; problems: readonly FormProblem[] }) {
  const mine = problems.filter((p) => p.field === name);
  if (mine.length === 0) return null;
  return (
    <span class="field-error" id={`${fieldId(name)}-error`}>
      {' '}
      <strong>{mine.map((p) => problemText(ctx.t, p)).join(' ')}</strong>
    </span>
  );
}

export type FieldProps = {
  ctx: ViewContext;
  name: string;
  label: string;
  values: FormValues;
  problems: readonly FormProblem[];
  disabled?: boolean;
};

const invalidOf = (name: string, problems: readonly FormProblem[]) => problems.some((p) => p.field === name);

/** A labelled text or number input that keeps what was typed; decimals may use a comma. */
export function InputField({
  ctx,
  name,
  label,
  values,
  problems,
  disabled,
  numeric,
  max,
}: FieldProps & { numeric?: boolean; max?: number }) {
  const id = fieldId(name);
  const invalid = invalidOf(name, problems);
  return (
    <p>
      <label for={id}>{label}</label>
      <br />
      <input
        id={id}
        name={name}
        type="text"
        inputMode={numeric ? 'decimal' : undefined}
        value={values[name] ?? ''}
        maxLength={max ?? (numeric ? 12 : 200)}
        size={numeric ? 8 : undefined}
        disabled={disabled}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      />
      <FieldProblems ctx={ctx} name={name} problems={problems} />
    </p>
  );
}

export function TextAreaField({ ctx, name, label, values, problems, disabled }: FieldProps) {
  const id = fieldId(name);
  const invalid = invalidOf(name, problems);
  return (
    <p>
      <label for={id}>{label}</label>
      <br />
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={4000}
        disabled={disabled}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      >
        {values[name] ?? ''}
      </textarea>
      <FieldProblems ctx={ctx} name={name} problems={problems} />
    </p>
  );
}

export function CheckboxField({ ctx, name, label, values, problems, disabled }: FieldProps) {
  const id = fieldId(name);
  return (
    <p>
      <input id={id} name={name} type="checkbox" value="on" checked={!!values[name]} disabled={disabled} /> <label for={id}>{label}</label>
      <FieldProblems ctx={ctx} name={name} problems={problems} />
    </p>
  );
}

export function SelectField({
  ctx,
  name,
  label,
  values,
  problems,
  disabled,
  options,
  blank,
}: FieldProps & { options: { value: string; label: string }[]; blank?: string }) {
  const id = fieldId(name);
  const invalid = invalidOf(name, problems);
  const current = values[name] ?? '';
  return (
    <p>
      <label for={id}>{label}</label>
      <br />
      <select
        id={id}
        name={name}
        disabled={disabled}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
      >
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => (
          <option value={o.value} selected={current === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldProblems ctx={ctx} name={name} problems={problems} />
    </p>
  );
}

/** Campaign, stage, regime, unit and position of the sheet. */
export function SheetHeader({
  ctx,
  sheet,
  period,
}: {
  ctx: ViewContext;
  sheet: AssessmentSheet;
  period?: { from: string; to: string } | null;
}) {
  const { t } = ctx;
  return (
    <dl class="kv">
      <div>
        <dt>{t('assess.sheet.campaign')}</dt>
        <dd>
          {sheet.campaign.name} ({sheet.campaign.year})
        </dd>
      </div>
      <div>
        <dt>{t('assess.sheet.stage')}</dt>
        <dd>{campaignStatusLabel(t, sheet.campaign.status)}</dd>
      </div>
      <div>
        <dt>{t('assess.sheet.regime')}</dt>
        <dd>{t(`reviews.regime.${sheet.campaign.regime}`)}</dd>
      </div>
      <div>
        <dt>{t('assess.sheet.unit')}</dt>
        <dd>{sheet.participant.unitName}</dd>
      </div>
      <div>
        <dt>{t('assess.sheet.position')}</dt>
        <dd>{sheet.participant.positionCode ?? '—'}</dd>
      </div>
      {period && (
        <div>
          <dt>{t('assess.sheet.period')}</dt>
          <dd>
            {formatDate(period.from)} – {formatDate(period.to)}
          </dd>
        </div>
      )}
    </dl>
  );
}

type TraceStep = { rule: string; formula: string; inputs: Record<string, unknown>; result: unknown; certainty?: string | undefined };

const show = (v: unknown, locale: string): string =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? formatNumber(v, locale, 4) : String(v);

/** Every step of a rule's trace: the rule, its formula with numbers, the values it used and what it gave. */
export function TraceList({
  ctx,
  trace,
  title,
  id = 'trace',
}: {
  ctx: ViewContext;
  trace: readonly TraceStep[];
  title?: ComponentChildren;
  id?: string;
}) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title ?? t('assess.trace.title')}</h3>
      {trace.length === 0 ? (
        <p>{t('assess.trace.empty')}</p>
      ) : (
        <ol class="trace">
          {trace.map((s) => (
            <li>
              <dl class="kv">
                <div>
                  <dt>{t('assess.trace.rule')}</dt>
                  <dd>
                    <code>{s.rule}</code>
                    {s.certainty && s.certainty !== 'C' ? ` — ${certaintyLabel(t, s.certainty)}` : ''}
                  </dd>
                </div>
                <div>
                  <dt>{t('assess.trace.formula')}</dt>
                  <dd>
                    <code>{s.formula}</code>
                  </dd>
                </div>
                {Object.keys(s.inputs).length > 0 && (
                  <div>
                    <dt>{t('assess.trace.inputs')}</dt>
                    <dd>
                      {Object.entries(s.inputs)
                        .map(([k, v]) => `${k} = ${show(v, locale)}`)
                        .join('; ')}
                    </dd>
                  </div>
                )}
                <div>
                  <dt>{t('assess.trace.result')}</dt>
                  <dd>{show(s.result, locale)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

type Evaluation = NonNullable<AssessmentSheet['evaluation']>;

/** The computed Decree 335 score and band (or Decree 90 level), the config version and the full trace. */
export function EvaluationResult({ ctx, evaluation }: { ctx: ViewContext; evaluation: Evaluation | null }) {
  const { t, locale } = ctx;
  const result = evaluation?.result as
    | (Record<string, unknown> & { trace: TraceStep[]; vetoes?: string[]; missingMetrics?: string[] })
    | null
    | undefined;
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">{t('assess.result.title')}</h2>
      {!evaluation || !result ? (
        <p>{t('assess.result.none')}</p>
      ) : (
        <>
          <dl class="kv">
            {evaluation.score !== null && (
              <div>
                <dt>{t('assess.result.score')}</dt>
                <dd>
                  <strong>{formatNumber(evaluation.score, locale, 2)}</strong>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('assess.result.band')}</dt>
              <dd>
                <strong>{ratingLabel(t, evaluation.rating)}</strong>
              </dd>
            </div>
            <div>
              <dt>{t('assess.result.config')}</dt>
              <dd>
                <code>{evaluation.configVersion ?? '—'}</code>
              </dd>
            </div>
            {result.vetoes && result.vetoes.length > 0 && (
              <div>
                <dt>{t('assess.result.vetoes')}</dt>
                <dd>{result.vetoes.join(', ')}</dd>
              </div>
            )}
            {result.missingMetrics && result.missingMetrics.length > 0 && (
              <div>
                <dt>{t('assess.result.missing')}</dt>
                <dd>{result.missingMetrics.join(', ')}</dd>
              </div>
            )}
          </dl>
          <TraceList ctx={ctx} trace={result.trace} />
        </>
      )}
    </section>
  );
}

type RuleCheck = {
  id: string;
  outcome: string;
  fired: boolean;
  conditions: { kind: string; formula: string; saw: Record<string, unknown>; holds: boolean | null }[];
};
type ScreeningResultShape = {
  total?: number;
  rules?: RuleCheck[];
  firedRule?: string | null;
  missingInputs?: string[];
  complete?: boolean;
  lookBack?: { years: number[]; used: { year: number }[] };
  trace: TraceStep[];
};

/** The screening outcome with every rule looked at, the values each condition saw, the rule that fired, and missing inputs. */
export function ScreeningResult({ ctx, screening }: { ctx: ViewContext; screening: AssessmentSheet['screening'] }) {
  const { t, locale } = ctx;
  if (!screening) return <p>{t('assess.screening.none')}</p>;
  const r = screening.result as unknown as ScreeningResultShape;
  const missing = r.missingInputs ?? [];
  return (
    <section aria-labelledby="screening-result">
      <h3 id="screening-result">{t('assess.screening.outcome')}</h3>
      <dl class="kv">
        <div>
          <dt>{t('assess.screening.outcome')}</dt>
          <dd>
            <strong>{outcomeLabel(t, screening.outcome)}</strong>
            {missing.length > 0 ? ` — ${t('assess.screening.provisional', { list: missing.join(', ') })}` : ''}
          </dd>
        </div>
        {r.total !== undefined && (
          <div>
            <dt>{t('assess.screening.total')}</dt>
            <dd>{formatNumber(r.total, locale, 2)}</dd>
          </div>
        )}
        <div>
          <dt>{t('assess.trace.rule')}</dt>
          <dd>{r.firedRule ? t('assess.screening.fired', { rule: r.firedRule }) : t('assess.screening.fallback')}</dd>
        </div>
        {r.lookBack && (
          <div>
            <dt>{t('assess.result.config')}</dt>
            <dd>
              <code>{screening.configVersion}</code> ·{' '}
              {t('assess.screening.years', {
                years: r.lookBack.years.join(', '),
                used: r.lookBack.used.map((u) => u.year).join(', ') || '—',
              })}
            </dd>
          </div>
        )}
        {missing.length === 0 && (
          <div>
            <dt>{t('assess.result.missing')}</dt>
            <dd>{t('assess.screening.complete')}</dd>
          </div>
        )}
      </dl>
      {r.rules && (
        <>
          <h4>{t('assess.screening.rules')}</h4>
          <ol>
            {r.rules.map((rule) => (
              <li>
                <code>{rule.id}</code> → {outcomeLabel(t, rule.outcome)}:{' '}
                <strong>{rule.fired ? t('assess.rule.fired') : t('assess.rule.notFired')}</strong>
                <ul>
                  {rule.conditions.map((c) => (
                    <li>
                      <code>{c.formula}</code> — {t(`assess.cond.${String(c.holds)}` as MessageKey)} (
                      {t('assess.cond.saw', {
                        values: Object.entries(c.saw)
                          .map(([k, v]) => `${k} = ${show(v, locale)}`)
                          .join('; '),
                      })}
                      )
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
      <TraceList ctx={ctx} trace={r.trace} id="screening-trace" />
    </section>
  );
}
