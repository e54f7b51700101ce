import { type AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatDate, formatInstant } from '../../../platform/time/format.ts';
import type { Discipline } from './discipline.schemas.ts';

export type DisciplineFormValues = { pendingUntil: string; reason: string; documentRef: string; version: string };
export type DisciplineFormView = { values: DisciplineFormValues; error: AppError | null };

export const disciplineHref = (staffId: number) => `/staff/${staffId}/discipline`;

/** The form's starting values: the date in force, a blank reason (each change gives its own). */
export function blankDisciplineForm(d: Discipline): DisciplineFormValues {
  return { pendingUntil: d.pendingUntil ?? '', reason: '', documentRef: '', version: String(d.version) };
}

/** "Discipline pending" on the staff record for HR roles: what is recorded and the form to change it (no JavaScript). */
export function DisciplineSection({ ctx, discipline, form }: { ctx: ViewContext; discipline: Discipline; form: DisciplineFormView }) {
  const { t } = ctx;
  const d = discipline;
  const problems = form.error?.fieldProblems ?? [];
  const field = (name: keyof DisciplineFormValues) => problems.filter((p) => p.path === name);
  const errorOf = (name: keyof DisciplineFormValues) => {
    const own = field(name);
    return own.length === 0 ? null : (
      <span class="field-error" id={`discipline-${name}-error`}>
        {own.map((p) => p.message).join(' ')}
      </span>
    );
  };
  const invalid = (name: keyof DisciplineFormValues) =>
    field(name).length > 0 ? { 'aria-invalid': 'true' as const, 'aria-describedby': `discipline-${name}-error` } : {};
  return (
    <section aria-labelledby="discipline">
      <h2 id="discipline">{t('discipline.title')}</h2>
      <p class="muted">{t('discipline.intro')}</p>
      {d.pendingUntil === null && d.recordedAt === null ? (
        <p>{t('discipline.none')}</p>
      ) : (
        <dl class="kv">
          <dt>{t('discipline.pendingUntil')}</dt>
          <dd>
            {d.pendingUntil === null
              ? '—'
              : d.pendingNow
                ? formatDate(d.pendingUntil)
                : t('discipline.ended', { date: formatDate(d.pendingUntil) })}
          </dd>
          <dt>{t('discipline.reason')}</dt>
          <dd>{d.reason ?? '—'}</dd>
          <dt>{t('discipline.documentRef')}</dt>
          <dd>{d.documentRef ?? '—'}</dd>
          <dt>{t('discipline.recorded')}</dt>
          <dd>{d.recordedAt ? t('discipline.recordedBy', { at: formatInstant(d.recordedAt), by: d.recordedBy ?? '—' }) : '—'}</dd>
        </dl>
      )}
      <h3>{t('discipline.form.title')}</h3>
      {form.error && (
        <div class="alert error" role="alert" tabindex={-1}>
          <p>
            <strong>{t(ERROR_TABLE[form.error.code].key as MessageKey, form.error.params)}</strong>
          </p>
          {problems.length > 0 && (
            <ul>
              {problems.map((p) => (
                <li>
                  {p.path ? `${p.path}: ` : ''}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form method="post" action={disciplineHref(d.staffId)} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={form.values.version} />
        <p>
          <label for="discipline-pendingUntil">{t('discipline.form.pendingUntil')}</label>
          {errorOf('pendingUntil')}
          <input
            type="date"
            id="discipline-pendingUntil"
            name="pendingUntil"
            value={form.values.pendingUntil}
            {...invalid('pendingUntil')}
          />
        </p>
        <p>
          <label for="discipline-reason">{t('discipline.form.reason')}</label>
          {errorOf('reason')}
          <textarea id="discipline-reason" name="reason" maxLength={1000} rows={2} {...invalid('reason')}>
            {form.values.reason}
          </textarea>
        </p>
        <p>
          <label for="discipline-documentRef">{t('discipline.form.documentRef')}</label>
          {errorOf('documentRef')}
          <input
            type="text"
            id="discipline-documentRef"
            name="documentRef"
            maxLength={200}
            value={form.values.documentRef}
            {...invalid('documentRef')}
          />
        </p>
        <p class="muted">{t('discipline.form.storage')}</p>
        <p>
          <button type="submit">{t('discipline.form.submit')}</button>
        </p>
      </form>
    </section>
  );
}

/** The section alone, shown when a change is refused (the values typed are kept). */
export function DisciplinePage({ ctx, discipline, form }: { ctx: ViewContext; discipline: Discipline; form: DisciplineFormView }) {
  const { t } = ctx;
  const fullName = discipline.fullName;
  return (
    <Layout ctx={ctx} title={`${t('discipline.title')} – ${fullName}`}>
      <p>
        <a href={`/staff/${discipline.staffId}`}>{t('discipline.back')}</a>
      </p>
      <h1>{fullName}</h1>
      <DisciplineSection ctx={ctx} discipline={discipline} form={form} />
    </Layout>
  );
}
