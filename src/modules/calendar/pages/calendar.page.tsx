import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate } from '../../../platform/time/format.ts';
import type { HolidayForm, HolidayListResponse } from '../calendar.schemas.ts';
import { CALENDAR_ENTRY_KINDS } from '../working-days.ts';
import { CalculatorForm, type CalculatorView, kindLabel, StatusText, weekdayLabel } from './due-date.partial.tsx';

export type CalendarView = {
  list: HolidayListResponse;
  canManage: boolean;
  notice: 'added' | 'removed' | null;
  /** A translated refusal of the add form, with the fields it concerns. */
  formError: { message: string; fields: string[] } | null;
  formValues: HolidayForm | null;
  calculator: CalculatorView;
};

function YearSwitcher({ ctx, list }: { ctx: ViewContext; list: HolidayListResponse }) {
  const { t } = ctx;
  const first = Math.min(list.yearRange?.first ?? list.year, list.year) - 1;
  const last = Math.max(list.yearRange?.last ?? list.year, list.year) + 1;
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (
    <nav class="filters" aria-label={t('calendar.year.nav')}>
      <a href={`/calendar?year=${list.year - 1}#holidays`} rel="prev">
        {t('calendar.year.previous', { year: list.year - 1 })}
      </a>
      <form method="get" action="/calendar">
        <label for="cal-year">
          {t('calendar.year.label')}
          <select id="cal-year" name="year">
            {years.map((y) => (
              <option value={String(y)} selected={y === list.year}>
                {String(y)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('calendar.year.show')}</button>
      </form>
      <a href={`/calendar?year=${list.year + 1}#holidays`} rel="next">
        {t('calendar.year.next', { year: list.year + 1 })}
      </a>
    </nav>
  );
}

function HolidayTable({ ctx, view }: { ctx: ViewContext; view: CalendarView }) {
  const { t, locale } = ctx;
  const { list } = view;
  if (list.items.length === 0) return <p>{t('calendar.holidays.none', { year: list.year })}</p>;
  return (
    <table>
      <caption>{t('calendar.holidays.caption', { year: list.year })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('calendar.col.date')}</th>
          <th scope="col">{t('calendar.col.name')}</th>
          <th scope="col">{t('calendar.col.kind')}</th>
          <th scope="col">{t('calendar.col.document')}</th>
          <th scope="col">{t('calendar.col.status')}</th>
          {view.canManage && <th scope="col">{t('common.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {list.items.map((h) => (
          <tr>
            <th scope="row">
              {weekdayLabel(ctx, h.date)} {formatDate(h.date)}
            </th>
            <td>{locale === 'vi' ? h.nameVi : h.nameEn}</td>
            <td>{kindLabel(ctx, h.kind)}</td>
            <td>{h.decidingDocument}</td>
            <td>
              <StatusText ctx={ctx} confirmed={h.confirmed} />
            </td>
            {view.canManage && (
              <td>
                <form method="post" action={`/calendar/holidays/${h.id}/delete`}>
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="secondary" aria-label={t('calendar.remove.label', { date: formatDate(h.date) })}>
                    {t('calendar.remove.button')}
                  </button>
                </form>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AddHolidayForm({ ctx, view }: { ctx: ViewContext; view: CalendarView }) {
  const { t } = ctx;
  const v = view.formValues;
  const invalid = (field: string) => (view.formError?.fields.includes(field) ? 'true' : undefined);
  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title">{t('calendar.add.title')}</h2>
      <p class="muted" id="add-hint">
        {t('calendar.add.hint')}
      </p>
      {view.formError && (
        <div class="alert error" role="alert">
          {view.formError.message}
        </div>
      )}
      <form method="post" action="/calendar/holidays" class="stack narrow" aria-describedby="add-hint">
        <CsrfField ctx={ctx} />
        <label for="add-date">{t('calendar.col.date')}</label>
        <input id="add-date" type="date" name="date" required value={v?.date ?? ''} aria-invalid={invalid('date')} />
        <label for="add-kind">{t('calendar.col.kind')}</label>
        <select id="add-kind" name="kind" aria-invalid={invalid('kind')}>
          {CALENDAR_ENTRY_KINDS.map((k) => (
            <option value={k} selected={v?.kind === k}>
              {kindLabel(ctx, k)}
            </option>
          ))}
        </select>
        <label for="add-name-vi">{t('calendar.add.nameVi')}</label>
        <input id="add-name-vi" name="nameVi" required maxLength={200} lang="vi" value={v?.nameVi ?? ''} aria-invalid={invalid('nameVi')} />
        <label for="add-name-en">{t('calendar.add.nameEn')}</label>
        <input id="add-name-en" name="nameEn" required maxLength={200} lang="en" value={v?.nameEn ?? ''} aria-invalid={invalid('nameEn')} />
        <label for="add-doc">{t('calendar.col.document')}</label>
        <input
          id="add-doc"
          name="decidingDocument"
          required
          maxLength={500}
          value={v?.decidingDocument ?? ''}
          aria-invalid={invalid('decidingDocument')}
        />
        <label>
          <input type="checkbox" name="confirmed" value="on" checked={v ? v.confirmed !== undefined : true} /> {t('calendar.add.confirmed')}
        </label>
        <button type="submit">{t('calendar.add.submit')}</button>
      </form>
    </section>
  );
}

export function CalendarPage({ ctx, view }: { ctx: ViewContext; view: CalendarView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('calendar.title')}>
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      {view.notice && (
        <div class="alert ok" role="status">
          {t(view.notice === 'added' ? 'calendar.notice.added' : 'calendar.notice.removed')}
        </div>
      )}
      <CalculatorForm ctx={ctx} view={view.calculator} />
      <section aria-labelledby="holidays" id="holidays-section">
        <h2 id="holidays">{t('calendar.holidays.title', { year: view.list.year })}</h2>
        <YearSwitcher ctx={ctx} list={view.list} />
        <HolidayTable ctx={ctx} view={view} />
        <p class="muted">{t('calendar.holidays.weekendNote')}</p>
      </section>
      {view.canManage && <AddHolidayForm ctx={ctx} view={view} />}
    </Layout>
  );
}
