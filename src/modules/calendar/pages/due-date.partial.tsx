import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatDate, formatInstant } from '../../../platform/time/format.ts';
import type { CalculatorProblem, CalculatorValues } from '../calculator-form.ts';
import { type CalendarDay, DEADLINE_UNITS, type DueDateResponse } from '../calendar.schemas.ts';
import { weekdayOf } from '../zoned-time.ts';

export type CalculatorView = {
  values: CalculatorValues;
  result: DueDateResponse | null;
  problems: CalculatorProblem[];
};

export const DUE_RESULT_ID = 'due-result';

export function weekdayLabel(ctx: ViewContext, date: string): string {
  return ctx.t(`calendar.weekday.${weekdayOf(date)}` as MessageKey);
}

export function kindLabel(ctx: ViewContext, kind: string): string {
  return ctx.t(`calendar.kind.${kind}` as MessageKey);
}

export function StatusText({ ctx, confirmed }: { ctx: ViewContext; confirmed: boolean }) {
  return confirmed ? <span>{ctx.t('calendar.status.confirmed')}</span> : <span class="badge">{ctx.t('calendar.status.provisional')}</span>;
}

function DaysTable({ ctx, caption, days }: { ctx: ViewContext; caption: string; days: CalendarDay[] }) {
  const { t } = ctx;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('calendar.col.date')}</th>
          <th scope="col">{t('calendar.col.name')}</th>
          <th scope="col">{t('calendar.col.kind')}</th>
          <th scope="col">{t('calendar.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <tr>
            <th scope="row">
              {weekdayLabel(ctx, d.date)} {formatDate(d.date)}
            </th>
            <td>{d.name}</td>
            <td>{kindLabel(ctx, d.kind)}</td>
            <td>
              <StatusText ctx={ctx} confirmed={d.confirmed} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RulesLine({ ctx, result }: { ctx: ViewContext; result: DueDateResponse }) {
  const { t } = ctx;
  const r = result.rulesUsed;
  return (
    <p class="muted">
      {t('calendar.result.rules', {
        cutoff: `${String(r.cutoffHour).padStart(2, '0')}:00`,
        hours: r.officeHours.map((p) => `${p.start}–${p.end}`).join(', '),
        saturdays: r.saturdaysCount ? t('calendar.result.saturdaysCounted') : t('calendar.result.saturdaysOff'),
        end: t(`calendar.result.end.${r.deadlineEndOfDay}` as MessageKey),
      })}
    </p>
  );
}

/** The part htmx swaps: problems with the input, or the due date and the days it skipped. */
export function DueDateResult({ ctx, view }: { ctx: ViewContext; view: CalculatorView }) {
  const { t } = ctx;
  const { result, problems } = view;
  return (
    <div id={DUE_RESULT_ID} aria-live="polite">
      {problems.length > 0 && (
        <div class="alert error" role="alert">
          <p>
            <strong>{t('calendar.calc.invalid')}</strong>
          </p>
          <ul>
            {problems.map((p) => (
              <li>{t(p.key, p.params)}</li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <section aria-labelledby="due-result-title">
          <h3 id="due-result-title">{t('calendar.result.title')}</h3>
          <dl class="kv">
            <div>
              <dt>{t('calendar.result.from')}</dt>
              <dd>{formatInstant(result.from)}</dd>
            </div>
            <div>
              <dt>{t('calendar.result.limit')}</dt>
              <dd>{t(`calendar.unit.amount.${result.unit}` as MessageKey, { n: result.amount })}</dd>
            </div>
            <div>
              <dt>{t('calendar.result.receivedOn')}</dt>
              <dd>
                {weekdayLabel(ctx, result.receivedOn)} {formatDate(result.receivedOn)}
              </dd>
            </div>
            <div>
              <dt>{t('calendar.result.startsCountingAt')}</dt>
              <dd>{formatInstant(result.startsCountingAt)}</dd>
            </div>
            <div>
              <dt>{t('calendar.result.due')}</dt>
              <dd>
                <strong>
                  {weekdayLabel(ctx, result.dueDate)} {result.dueLocal}
                </strong>
              </dd>
            </div>
          </dl>
          {result.provisional && (
            <p class="alert" role="note">
              {t('calendar.result.provisional')}
            </p>
          )}
          {result.yearsWithoutCalendar.length > 0 && (
            <p class="alert" role="note">
              {t('calendar.result.noCalendar', { years: result.yearsWithoutCalendar.join(', ') })}
            </p>
          )}
          {result.skipped.length > 0 ? (
            <DaysTable ctx={ctx} caption={t('calendar.result.skipped')} days={result.skipped} />
          ) : (
            <p>{t('calendar.result.noneSkipped')}</p>
          )}
          {result.workingSaturdays.length > 0 && (
            <DaysTable ctx={ctx} caption={t('calendar.result.workingSaturdays')} days={result.workingSaturdays} />
          )}
          <RulesLine ctx={ctx} result={result} />
        </section>
      )}
    </div>
  );
}

/** A plain GET form: without JavaScript it loads the page with the result; htmx swaps only the result. */
export function CalculatorForm({ ctx, view }: { ctx: ViewContext; view: CalculatorView }) {
  const { t } = ctx;
  const v = view.values;
  const invalid = (field: keyof CalculatorValues) => (view.problems.some((p) => p.field === field) ? 'true' : undefined);
  return (
    <section aria-labelledby="calc-title">
      <h2 id="calc-title">{t('calendar.calc.title')}</h2>
      <p class="muted" id="calc-hint">
        {t('calendar.calc.hint')}
      </p>
      <form
        method="get"
        action="/calendar/due-date"
        class="filters"
        aria-describedby="calc-hint"
        hx-get="/calendar/due-date"
        hx-target={`#${DUE_RESULT_ID}`}
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <label for="calc-date">
          {t('calendar.calc.fromDate')}
          <input id="calc-date" type="date" name="fromDate" value={v.fromDate} required aria-invalid={invalid('fromDate')} />
        </label>
        <label for="calc-time">
          {t('calendar.calc.fromTime')}
          <input id="calc-time" type="time" name="fromTime" value={v.fromTime} required aria-invalid={invalid('fromTime')} />
        </label>
        <label for="calc-amount">
          {t('calendar.calc.amount')}
          <input
            id="calc-amount"
            type="number"
            name="amount"
            min={0}
            max={2928}
            step={1}
            value={v.amount}
            required
            aria-invalid={invalid('amount')}
          />
        </label>
        <label for="calc-unit">
          {t('calendar.calc.unit')}
          <select id="calc-unit" name="unit" aria-invalid={invalid('unit')}>
            {DEADLINE_UNITS.map((u) => (
              <option value={u} selected={v.unit === u}>
                {t(`calendar.unit.${u}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('calendar.calc.submit')}</button>
      </form>
      <DueDateResult ctx={ctx} view={view} />
    </section>
  );
}
