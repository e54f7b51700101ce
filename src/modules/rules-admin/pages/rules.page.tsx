import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate, formatInstant } from '../../../platform/time/format.ts';
import type { RuleDetail, RuleList } from '../rules-admin.schemas.ts';
import { revisionsToken } from '../use-cases/rules-admin.ts';

export const RULES_PATH = '/admin/rules';

export const rulePath = (key: string) => `${RULES_PATH}/${encodeURIComponent(key)}`;

const json = (v: unknown) => JSON.stringify(v, null, 2);

function OnDateForm({ ctx, action, onDate }: { ctx: ViewContext; action: string; onDate: string }) {
  const { t } = ctx;
  return (
    <form method="get" action={action} class="inline">
      <label for="rules-on-date">{t('rulesAdmin.onDate')}</label> <input id="rules-on-date" name="onDate" type="date" value={onDate} />{' '}
      <button type="submit">{t('rulesAdmin.show')}</button>
    </form>
  );
}

/** Every rule with the version in force for the province. */
export function RulesPage({ ctx, list }: { ctx: ViewContext; list: RuleList }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('rulesAdmin.title')}>
      <h1>{t('rulesAdmin.title')}</h1>
      <p class="muted">{t('rulesAdmin.intro')}</p>
      <OnDateForm ctx={ctx} action={RULES_PATH} onDate={list.onDate} />
      <p>{t('rulesAdmin.asOf', { date: formatDate(list.onDate), province: list.provinceCode })}</p>
      <table>
        <caption>{t('rulesAdmin.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rulesAdmin.col.key')}</th>
            <th scope="col">{t('rulesAdmin.col.version')}</th>
            <th scope="col">{t('rulesAdmin.col.effectiveFrom')}</th>
            <th scope="col">{t('rulesAdmin.col.origin')}</th>
            <th scope="col">{t('rulesAdmin.col.sourceNote')}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((r) => (
            <tr>
              <th scope="row">
                <a href={rulePath(r.key)}>
                  <code>{r.key}</code>
                </a>
              </th>
              <td>{r.version ?? '—'}</td>
              <td>{r.effectiveFrom ? formatDate(r.effectiveFrom) : '—'}</td>
              <td>{t(`rulesAdmin.origin.${r.origin}`)}</td>
              <td>
                <small>{r.sourceNote}</small>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export type RuleFormState = {
  values: { value: string; effectiveFrom: string; sourceNote: string };
  /** Translated message of a refusal, and the problems of RULE_VALUE_INVALID (path: message). */
  error: { message: string; problems: { path: string; message: string }[] } | null;
};

export type RuleDetailView = {
  detail: RuleDetail;
  /** null when the actor may not record versions (rules.manage). */
  form: RuleFormState | null;
  saved: boolean;
};

/** A new form pre-filled with the value in force, from today. */
export function freshForm(detail: RuleDetail, today: string): RuleFormState {
  return { values: { value: json(detail.value), effectiveFrom: today, sourceNote: '' }, error: null };
}

function VersionForm({ ctx, detail, form }: { ctx: ViewContext; detail: RuleDetail; form: RuleFormState }) {
  const { t } = ctx;
  const { values, error } = form;
  return (
    <section aria-labelledby="rule-form-title">
      <h2 id="rule-form-title">{t('rulesAdmin.form.title')}</h2>
      <p class="muted">{t('rulesAdmin.form.hint')}</p>
      <form method="post" action={rulePath(detail.key)} class="stack">
        <CsrfField ctx={ctx} />
        {/* The province versions as shown (always the current ones, also after a conflict): a save over a same-day version changed since is refused. */}
        <input type="hidden" name="revisions" value={revisionsToken(detail.history)} />
        {error && (
          <div role="alert" class="error" id="rule-form-error">
            <p>{error.message}</p>
            {error.problems.length > 0 && (
              <>
                <p>{t('rulesAdmin.form.problems')}</p>
                <ul>
                  {error.problems.map((p) => (
                    <li>
                      <code>{p.path}</code>: {p.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
        <p>
          <label for="rule-value">{t('rulesAdmin.form.value')}</label>
          <br />
          <textarea
            id="rule-value"
            name="value"
            rows={Math.min(30, Math.max(4, values.value.split('\n').length + 1))}
            cols={80}
            required
            spellcheck={false}
            aria-describedby={error ? 'rule-form-error' : undefined}
          >
            {values.value}
          </textarea>
        </p>
        <p>
          <label for="rule-effective-from">{t('rulesAdmin.form.effectiveFrom')}</label>{' '}
          <input id="rule-effective-from" name="effectiveFrom" type="date" required value={values.effectiveFrom} />
        </p>
        <p>
          <label for="rule-source-note">{t('rulesAdmin.form.sourceNote')}</label>{' '}
          <input id="rule-source-note" name="sourceNote" type="text" maxlength={1000} size={60} required value={values.sourceNote} />
        </p>
        <p>
          <button type="submit">{t('rulesAdmin.form.save')}</button>
        </p>
      </form>
    </section>
  );
}

/** One rule: value in force, history, and the form for a new province version (works without JavaScript). */
export function RuleDetailPage({ ctx, view }: { ctx: ViewContext; view: RuleDetailView }) {
  const { t } = ctx;
  const { detail } = view;
  return (
    <Layout ctx={ctx} title={`${t('rulesAdmin.title')}: ${detail.key}`}>
      <p>
        <a href={RULES_PATH}>{t('rulesAdmin.back')}</a>
      </p>
      <h1>
        <code>{detail.key}</code>
      </h1>
      {view.saved && <p role="status">{t('rulesAdmin.saved')}</p>}
      <OnDateForm ctx={ctx} action={rulePath(detail.key)} onDate={detail.onDate} />
      <h2>{t('rulesAdmin.inForce')}</h2>
      <dl>
        <dt>{t('rulesAdmin.col.effectiveFrom')}</dt>
        <dd>{detail.effectiveFrom ? formatDate(detail.effectiveFrom) : '—'}</dd>
        <dt>{t('rulesAdmin.col.origin')}</dt>
        <dd>{t(`rulesAdmin.origin.${detail.origin}`)}</dd>
        {detail.version && (
          <>
            <dt>{t('rulesAdmin.col.version')}</dt>
            <dd>{detail.version}</dd>
          </>
        )}
        <dt>{t('rulesAdmin.col.sourceNote')}</dt>
        <dd>{detail.sourceNote}</dd>
      </dl>
      <pre id="rule-value-in-force">{json(detail.value)}</pre>
      <h2>{t('rulesAdmin.history')}</h2>
      {detail.history.length === 0 ? (
        <p>{t('rulesAdmin.noHistory')}</p>
      ) : (
        <table>
          <caption>{t('rulesAdmin.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rulesAdmin.col.effectiveFrom')}</th>
              <th scope="col">{t('rulesAdmin.col.origin')}</th>
              <th scope="col">{t('rulesAdmin.col.sourceNote')}</th>
              <th scope="col">{t('rulesAdmin.col.recordedAt')}</th>
              <th scope="col">{t('rulesAdmin.col.value')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.history.map((h) => (
              <tr>
                <th scope="row">{formatDate(h.effectiveFrom)}</th>
                <td>{t(`rulesAdmin.origin.${h.origin}`)}</td>
                <td>{h.sourceNote}</td>
                <td>{formatInstant(h.createdAt)}</td>
                <td>
                  <details>
                    <summary>{t('rulesAdmin.col.value')}</summary>
                    <pre>{json(h.value)}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">
        <small>{t('rulesAdmin.defaultSource', { note: detail.defaultSourceNote })}</small>
      </p>
      {view.form && <VersionForm ctx={ctx} detail={detail} form={view.form} />}
    </Layout>
  );
}
