import { type AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatNumber } from '../../../platform/time/format.ts';
import type { WisnResult } from '../staffing.schemas.ts';
import { CAS_PERIODS, type FigureUnit, SERVICE_STANDARD_UNITS, TIME_UNITS } from '../wisn.ts';
import { ROW_FIELDS, type RowKind, type WisnFormValues, WORKING_TIME_FIELDS } from '../wisn-form.ts';

export type WisnView = { values: WisnFormValues; result: WisnResult | null; error: AppError | null };

export const WISN_CONTAINER_ID = 'wisn';
const ACTION = '/staffing/wisn';

/** Display rounding only (domain.md §10.2): 2 decimals for staff counts, 1 for ratios. */
const DECIMALS: Record<FigureUnit, number> = {
  days: 1,
  'days/week': 1,
  'weeks/year': 1,
  'hours/day': 2,
  'hours/year': 1,
  'minutes/year': 0,
  'minutes/item': 1,
  'items/hour': 2,
  'items/year': 0,
  'items/year/staff': 1,
  minutes: 1,
  'minutes/year/person': 0,
  'hours/year/person': 1,
  persons: 0,
  percent: 1,
  factor: 3,
  staff: 2,
  ratio: 1,
};

const idOf = (path: string) => `f-${path.replace(/\./g, '-')}`;

type Problem = { path: string; message: string };

function FieldError({ id, problems }: { id: string; problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <span class="field-error" id={`${id}-error`}>
      {problems.map((p) => p.message).join(' ')}
    </span>
  );
}

function Num({ ctx, figure }: { ctx: ViewContext; figure: { value: number; unit: FigureUnit } }) {
  return <>{formatNumber(figure.value, ctx.locale, DECIMALS[figure.unit])}</>;
}

const unitLabel = (ctx: ViewContext, unit: FigureUnit) => ctx.t(`staffing.figUnit.${unit}` as MessageKey);

function RowsSection({ ctx, kind, values, problems }: { ctx: ViewContext; kind: RowKind; values: WisnFormValues; problems: Problem[] }) {
  const { t } = ctx;
  const rows = values[kind] as Record<string, string>[];
  const sectionProblems = problems.filter((p) => p.path === kind);
  const fields = ROW_FIELDS[kind] as readonly string[];
  const options: Record<string, readonly string[]> = {
    standardUnit: SERVICE_STANDARD_UNITS,
    timeUnit: TIME_UNITS,
    per: CAS_PERIODS,
  };
  const optionLabel = (field: string, v: string) =>
    t(
      (field === 'standardUnit'
        ? `staffing.standardUnit.${v}`
        : field === 'timeUnit'
          ? `staffing.timeUnit.${v}`
          : `staffing.per.${v}`) as MessageKey,
    );
  return (
    <fieldset aria-describedby={sectionProblems.length ? `${idOf(kind)}-error` : undefined}>
      <legend id={idOf(kind)}>{t(`staffing.wisn.${kind}`)}</legend>
      <FieldError id={idOf(kind)} problems={sectionProblems} />
      <div class="table-scroll">
        <table>
          <caption>
            {t(`staffing.wisn.${kind}`)} — {t('staffing.wisn.blankRows')}
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              {fields.map((f) => (
                <th scope="col" id={`${kind}-col-${f}`}>
                  {t(`staffing.f.${f}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr>
                <th scope="row" id={`${kind}-row-${i}`}>
                  {t('staffing.wisn.row', { n: i + 1 })}
                </th>
                {fields.map((f) => {
                  const path = `${kind}.${i}.${f}`;
                  const id = idOf(path);
                  const mine = problems.filter((p) => p.path === path);
                  const common = {
                    id,
                    name: path,
                    'aria-labelledby': `${kind}-col-${f} ${kind}-row-${i}`,
                    'aria-invalid': mine.length ? ('true' as const) : undefined,
                    'aria-describedby': mine.length ? `${id}-error` : undefined,
                  };
                  const choices = options[f];
                  return (
                    <td>
                      {choices ? (
                        <select {...common}>
                          {choices.map((o) => (
                            <option value={o} selected={row[f] === o}>
                              {optionLabel(f, o)}
                            </option>
                          ))}
                        </select>
                      ) : f === 'name' ? (
                        <input type="text" maxLength={200} value={row[f]} {...common} />
                      ) : (
                        <input type="number" min={0} step="any" inputMode="decimal" value={row[f]} {...common} />
                      )}
                      <FieldError id={id} problems={mine} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="submit" name="add" value={kind} class="secondary" formnovalidate>
          {t('staffing.wisn.addRow')}
        </button>
      </p>
    </fieldset>
  );
}

function NumberField({ path, value, label, problems }: { path: string; value: string; label: string; problems: Problem[] }) {
  const id = idOf(path);
  const mine = problems.filter((p) => p.path === path);
  return (
    <p>
      <label for={id}>{label}</label> <FieldError id={id} problems={mine} />
      <input
        type="number"
        id={id}
        name={path}
        min={0}
        step="any"
        inputMode="decimal"
        value={value}
        aria-invalid={mine.length ? 'true' : undefined}
        aria-describedby={mine.length ? `${id}-error` : undefined}
      />
    </p>
  );
}

function ErrorSummary({ ctx, error, problems }: { ctx: ViewContext; error: AppError | null; problems: Problem[] }) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id="wisn-errors" aria-labelledby="wisn-errors-title">
      <h2 id="wisn-errors-title">{ctx.t('staffing.wisn.errorsTitle')}</h2>
      <p>
        <strong>{ctx.t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</strong>
      </p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li>
              {p.path ? <a href={`#${idOf(p.path)}`}>{p.path}</a> : null}
              {p.path ? ': ' : ''}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function FigureRow({ ctx, label, figure }: { ctx: ViewContext; label: string; figure: { value: number; unit: FigureUnit } | null }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td class="num">{figure ? <Num ctx={ctx} figure={figure} /> : ctx.t('staffing.wisn.undefined')}</td>
      <td>{figure ? unitLabel(ctx, figure.unit) : ''}</td>
    </tr>
  );
}

export function WisnResultView({ ctx, result }: { ctx: ViewContext; result: WisnResult }) {
  const { t } = ctx;
  const r = result;
  const a = r.availableWorkingTime;
  const diff = r.difference.value;
  const verdict =
    diff < 0
      ? t('staffing.wisn.shortage', { n: formatNumber(-diff, ctx.locale, 2) })
      : diff > 0
        ? t('staffing.wisn.surplus', { n: formatNumber(diff, ctx.locale, 2) })
        : t('staffing.wisn.balanced');
  const head = (
    <thead>
      <tr>
        <th scope="col">{t('staffing.wisn.figure')}</th>
        <th scope="col">{t('staffing.wisn.value')}</th>
        <th scope="col">{t('staffing.wisn.unit')}</th>
      </tr>
    </thead>
  );
  return (
    <section aria-labelledby="wisn-result-title" id="wisn-result">
      <h2 id="wisn-result-title">{t('staffing.wisn.result')}</h2>
      <p>
        <strong>{verdict}</strong>
      </p>
      <table>
        <caption>{t('staffing.wisn.resultCaption')}</caption>
        {head}
        <tbody>
          <FigureRow ctx={ctx} label={t('staffing.fig.possibleWorkingDays')} figure={a.possibleWorkingDays} />
          <FigureRow ctx={ctx} label={t('staffing.fig.absenceDays')} figure={a.absenceDays} />
          <FigureRow ctx={ctx} label={t('staffing.fig.workingDays')} figure={a.workingDays} />
          <FigureRow ctx={ctx} label={t('staffing.fig.awtHours')} figure={a.hours} />
          <FigureRow ctx={ctx} label={t('staffing.fig.awtMinutes')} figure={a.minutes} />
          <FigureRow ctx={ctx} label={t('staffing.fig.totalCas')} figure={r.totalCasPercent} />
          <FigureRow ctx={ctx} label={t('staffing.fig.caf')} figure={r.caf} />
          <FigureRow ctx={ctx} label={t('staffing.fig.totalIas')} figure={r.totalIas} />
          <FigureRow ctx={ctx} label={t('staffing.fig.iaf')} figure={r.iaf} />
          <FigureRow ctx={ctx} label={t('staffing.fig.serviceStaff')} figure={r.serviceStaff} />
          <FigureRow ctx={ctx} label={t('staffing.fig.requiredStaff')} figure={r.requiredStaff} />
          <FigureRow ctx={ctx} label={t('staffing.fig.actualStaff')} figure={r.actualStaff} />
          <FigureRow ctx={ctx} label={t('staffing.fig.difference')} figure={r.difference} />
          <FigureRow ctx={ctx} label={t('staffing.fig.ratio')} figure={r.ratio} />
          <FigureRow ctx={ctx} label={t('staffing.fig.pressure')} figure={r.pressure} />
        </tbody>
      </table>
      {r.service.length > 0 && (
        <table>
          <caption>{t('staffing.wisn.serviceCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffing.f.name')}</th>
              <th scope="col">{t('staffing.f.annualWorkload')}</th>
              <th scope="col">{t('staffing.f.standard')}</th>
              <th scope="col">{t('staffing.fig.standardWorkload')}</th>
              <th scope="col">{t('staffing.fig.staffNeed')}</th>
            </tr>
          </thead>
          <tbody>
            {r.service.map((s) => (
              <tr>
                <th scope="row">{s.name}</th>
                <td class="num">
                  <Num ctx={ctx} figure={s.annualWorkload} /> {unitLabel(ctx, s.annualWorkload.unit)}
                </td>
                <td class="num">
                  {formatNumber(s.standard.value, ctx.locale, 2)} {t(`staffing.standardUnit.${s.standard.unit}`)}
                </td>
                <td class="num">
                  <Num ctx={ctx} figure={s.standardWorkload} /> {unitLabel(ctx, s.standardWorkload.unit)}
                </td>
                <td class="num">
                  <Num ctx={ctx} figure={s.staffNeed} /> {unitLabel(ctx, s.staffNeed.unit)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.support.length > 0 && (
        <table>
          <caption>{t('staffing.wisn.supportCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffing.f.name')}</th>
              <th scope="col">{t('staffing.f.time')}</th>
              <th scope="col">{t('staffing.fig.casPercent')}</th>
            </tr>
          </thead>
          <tbody>
            {r.support.map((s) => (
              <tr>
                <th scope="row">{s.name}</th>
                <td class="num">
                  <Num ctx={ctx} figure={s.time} /> {unitLabel(ctx, s.time.unit)} / {t(`staffing.per.${s.per}`)}
                </td>
                <td class="num">
                  <Num ctx={ctx} figure={s.casPercent} /> %
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.additional.length > 0 && (
        <table>
          <caption>{t('staffing.wisn.additionalCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staffing.f.name')}</th>
              <th scope="col">{t('staffing.f.timePerPerson')}</th>
              <th scope="col">{t('staffing.f.persons')}</th>
              <th scope="col">{t('staffing.fig.ias')}</th>
            </tr>
          </thead>
          <tbody>
            {r.additional.map((x) => (
              <tr>
                <th scope="row">{x.name}</th>
                <td class="num">
                  <Num ctx={ctx} figure={x.timePerPerson} /> {unitLabel(ctx, x.timePerPerson.unit)}
                </td>
                <td class="num">
                  <Num ctx={ctx} figure={x.persons} />
                </td>
                <td class="num">
                  <Num ctx={ctx} figure={x.ias} /> {unitLabel(ctx, x.ias.unit)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>{t('staffing.wisn.traceCaption', { version: r.formulaVersion })}</summary>
        <div class="table-scroll">
          <table>
            <caption>{t('staffing.wisn.traceCaption', { version: r.formulaVersion })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staffing.wisn.step')}</th>
                <th scope="col">{t('staffing.wisn.formula')}</th>
                <th scope="col">{t('staffing.wisn.values')}</th>
              </tr>
            </thead>
            <tbody>
              {r.trace.map((s) => (
                <tr>
                  <th scope="row">{s.step}</th>
                  <td>
                    <code>{s.formula}</code>
                  </td>
                  <td>
                    <code>{s.values}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

/** The form and the result: what htmx swaps (#wisn); without JavaScript the whole page comes back. */
export function WisnCalculator({ ctx, view }: { ctx: ViewContext; view: WisnView }) {
  const { t } = ctx;
  const v = view.values;
  const problems: Problem[] = view.error?.fieldProblems ?? [];
  const wtProblems = problems.filter((p) => p.path === 'workingTime');
  return (
    <div id={WISN_CONTAINER_ID}>
      <ErrorSummary ctx={ctx} error={view.error} problems={problems} />
      <form method="post" action={ACTION} hx-post={ACTION} hx-target={`#${WISN_CONTAINER_ID}`} hx-swap="outerHTML" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset aria-describedby={wtProblems.length ? `${idOf('workingTime')}-error` : undefined}>
          <legend id={idOf('workingTime')}>{t('staffing.wisn.workingTime')}</legend>
          <FieldError id={idOf('workingTime')} problems={wtProblems} />
          {WORKING_TIME_FIELDS.map((f) => (
            <NumberField path={`workingTime.${f}`} value={v.workingTime[f]} label={t(`staffing.f.${f}`)} problems={problems} />
          ))}
        </fieldset>
        {/* The first submit button is the one Enter presses: calculate, not "add a row". */}
        <p>
          <button type="submit">{t('staffing.wisn.compute')}</button>
        </p>
        <RowsSection ctx={ctx} kind="service" values={v} problems={problems} />
        <RowsSection ctx={ctx} kind="support" values={v} problems={problems} />
        <p class="muted">{t('staffing.wisn.monthRule')}</p>
        <RowsSection ctx={ctx} kind="additional" values={v} problems={problems} />
        <fieldset>
          <legend>{t('staffing.wisn.staff')}</legend>
          <NumberField path="actualStaff" value={v.actualStaff} label={t('staffing.f.actualStaff')} problems={problems} />
        </fieldset>
        <p>
          <button type="submit">{t('staffing.wisn.compute')}</button>
        </p>
      </form>
      {view.result && <WisnResultView ctx={ctx} result={view.result} />}
    </div>
  );
}

export function WisnPage({ ctx, view }: { ctx: ViewContext; view: WisnView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('staffing.wisn.title')}>
      <h1>{t('staffing.wisn.title')}</h1>
      <p class="muted">{t('staffing.wisn.intro')}</p>
      <p>
        <a href="/staffing/norms">{t('staffing.norm.link')}</a>
      </p>
      <WisnCalculator ctx={ctx} view={view} />
    </Layout>
  );
}
