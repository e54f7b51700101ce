import type { AuditEntry } from '../../../platform/audit/audit.repository.ts';
import type { AppError } from '../../../platform/errors/app-error.ts';
import { Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { hasMessage } from '../../../platform/i18n/index.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import type { AuditQuery } from '../audit.schemas.ts';
import { compactJson } from '../audit-filters.ts';

export type AuditPageView = {
  query: AuditQuery;
  items: AuditEntry[];
  nextBefore: number | null;
  error: AppError | null;
};

const FILTERS = ['action', 'entityType', 'entityId', 'actor', 'from', 'to'] as const;
type FilterName = (typeof FILTERS)[number];
const MAX_LENGTH: Record<FilterName, number> = { action: 64, entityType: 64, entityId: 200, actor: 64, from: 40, to: 40 };

function queryString(query: AuditQuery, before?: number): string {
  const params = new URLSearchParams();
  for (const key of FILTERS) {
    const v = query[key];
    if (v) params.set(key, v);
  }
  if (before) params.set('before', String(before));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function Json({ label, value }: { label: string; value: string | null }) {
  const text = compactJson(value);
  if (text === null) return null;
  return (
    <details>
      <summary>{label}</summary>
      <pre>{text}</pre>
    </details>
  );
}

function Actor({ ctx, e }: { ctx: ViewContext; e: AuditEntry }) {
  const { t } = ctx;
  if (!e.actorUsername) return <span class="muted">{t('audit.anonymous')}</span>;
  const roleKey = `role.${e.actorRole}`;
  return (
    <>
      <code>{e.actorUsername}</code>
      {e.actorUserId === null && ` ${t('audit.unauthenticated')}`}
      {e.actorRole && hasMessage(roleKey) && <div class="muted">{t(roleKey)}</div>}
    </>
  );
}

/** The table and its pager: the part htmx swaps when the filter changes. */
export function AuditResults({ ctx, view }: { ctx: ViewContext; view: AuditPageView }) {
  const { t } = ctx;
  return (
    <div id="audit-results">
      {view.error && (
        <div class="alert error" role="alert">
          {t('audit.badDate')}
        </div>
      )}
      {view.items.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <table>
          <caption class="muted">{t('audit.timeZone')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.seq')}</th>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actorCol')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((e) => (
              <tr>
                <td class="num">{e.seq}</td>
                <td>
                  <time dateTime={e.at}>{formatInstant(e.at)}</time>
                </td>
                <td>
                  <Actor ctx={ctx} e={e} />
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entityType}
                  {e.entityId !== null && ` #${e.entityId}`}
                </td>
                <td>
                  <Json label={t('audit.before')} value={e.before} />
                  <Json label={t('audit.after')} value={e.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={t('audit.pages')}>
        {view.query.before && (
          <a
            href={`/audit${queryString(view.query)}`}
            hx-get={`/audit${queryString(view.query)}`}
            hx-target="#audit-results"
            hx-swap="outerHTML"
            hx-push-url="true"
          >
            {t('audit.newest')}
          </a>
        )}
        {view.nextBefore && (
          <a
            href={`/audit${queryString(view.query, view.nextBefore)}`}
            hx-get={`/audit${queryString(view.query, view.nextBefore)}`}
            hx-target="#audit-results"
            hx-swap="outerHTML"
            hx-push-url="true"
          >
            {t('audit.older')}
          </a>
        )}
      </nav>
    </div>
  );
}

function Field({ name, value, label, hint }: { name: FilterName; value: string | undefined; label: string; hint?: string }) {
  return (
    <label for={`f-${name}`}>
      {label}
      <input id={`f-${name}`} name={name} value={value ?? ''} maxLength={MAX_LENGTH[name]} placeholder={hint} />
    </label>
  );
}

export function AuditPage({ ctx, view }: { ctx: ViewContext; view: AuditPageView }) {
  const { t } = ctx;
  const q = view.query;
  return (
    <Layout ctx={ctx} title={t('audit.title')}>
      <h1>{t('audit.title')}</h1>
      <form
        method="get"
        action="/audit"
        class="filters"
        aria-label={t('audit.filters')}
        hx-get="/audit"
        hx-target="#audit-results"
        hx-swap="outerHTML"
        hx-push-url="true"
      >
        <Field name="action" value={q.action} label={t('audit.action')} hint="user.create" />
        <Field name="entityType" value={q.entityType} label={t('audit.entityType')} hint="user" />
        <Field name="entityId" value={q.entityId} label={t('audit.entityId')} />
        <Field name="actor" value={q.actor} label={t('audit.actor')} />
        <Field name="from" value={q.from} label={t('audit.from')} hint="dd/mm/yyyy" />
        <Field name="to" value={q.to} label={t('audit.to')} hint="dd/mm/yyyy" />
        <button type="submit">{t('common.filter')}</button>
      </form>
      <AuditResults ctx={ctx} view={view} />
    </Layout>
  );
}
