import { type AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { hasMessage, type MessageKey } from '../../../platform/i18n/index.ts';
import type { CreateUserForm, UserView } from '../users.schemas.ts';
import type { AssignableUnit } from '../users.service.ts';

export type UsersNotice = 'created' | 'disabled' | 'enabled';

export type UsersPageView = {
  items: UserView[];
  nextAfter: string | null;
  isFirstPage: boolean;
  units: AssignableUnit[];
  roles: readonly string[];
  notice?: UsersNotice | undefined;
  /** A refused disable/enable, shown above the list. */
  listError?: AppError | null;
  /** A refused creation: the form is shown again with what was typed (never the password). */
  formError?: AppError | null;
  form?: Partial<CreateUserForm>;
};

const NOTICE: Record<UsersNotice, MessageKey> = { created: 'users.created', disabled: 'users.disabledOk', enabled: 'users.enabledOk' };

function Alert({ ctx, error, id }: { ctx: ViewContext; error: AppError | null | undefined; id: string }) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id={id}>
      <p>{ctx.t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</p>
      {error.fieldProblems.length > 0 && (
        <ul>
          {error.fieldProblems.map((p) => (
            <li>{ctx.t('error.field', { field: fieldLabel(ctx, p.path), message: p.message })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function fieldLabel(ctx: ViewContext, path: string): string {
  const key = `users.${path}`;
  return hasMessage(key) ? ctx.t(key) : path;
}

function roleLabel(ctx: ViewContext, role: string): string {
  const key = `role.${role}`;
  return hasMessage(key) ? ctx.t(key) : role;
}

function UserRow({ ctx, u }: { ctx: ViewContext; u: UserView }) {
  const { t } = ctx;
  const isSelf = ctx.actor?.userId === u.id;
  const disabled = u.disabledAt !== null;
  return (
    <tr>
      <th scope="row">
        <code>{u.username}</code> {isSelf && <span class="muted">{t('users.you')}</span>}
      </th>
      <td>{u.displayName}</td>
      <td>{roleLabel(ctx, u.role)}</td>
      <td>{u.unitName ?? t('common.none')}</td>
      <td>{u.mfaEnabled ? t('account.mfaOn') : t('account.mfaOff')}</td>
      <td>
        <span class={disabled ? 'badge off' : 'badge on'}>{disabled ? t('users.disabled') : t('users.active')}</span>
      </td>
      <td>
        {!isSelf && (
          <form method="post" action={`/admin/users/${u.id}/${disabled ? 'enable' : 'disable'}`}>
            <CsrfField ctx={ctx} />
            <button
              type="submit"
              class="secondary"
              aria-label={t(disabled ? 'users.enableNamed' : 'users.disableNamed', { username: u.username })}
            >
              {t(disabled ? 'users.enable' : 'users.disable')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

function CreateForm({ ctx, view }: { ctx: ViewContext; view: UsersPageView }) {
  const { t } = ctx;
  const f = view.form ?? {};
  return (
    <section aria-labelledby="create-h" class="narrow">
      <h2 id="create-h">{t('users.create')}</h2>
      <Alert ctx={ctx} error={view.formError} id="create-error" />
      <form method="post" action="/admin/users" class="stack">
        <CsrfField ctx={ctx} />
        <label for="username">{t('users.username')}</label>
        <input
          id="username"
          name="username"
          required
          maxLength={64}
          autocomplete="off"
          aria-describedby="username-hint"
          value={f.username ?? ''}
        />
        <span id="username-hint" class="muted">
          {t('users.usernameHint')}
        </span>
        <label for="displayName">{t('users.displayName')}</label>
        <input id="displayName" name="displayName" required maxLength={200} value={f.displayName ?? ''} />
        <label for="role">{t('users.role')}</label>
        <select id="role" name="role" required>
          {view.roles.map((r) => (
            <option value={r} selected={r === f.role}>
              {roleLabel(ctx, r)}
            </option>
          ))}
        </select>
        <label for="unitId">{t('users.unit')}</label>
        <select id="unitId" name="unitId" aria-describedby="unit-hint">
          <option value="">{t('users.unitProvince')}</option>
          {view.units.map((u) => (
            <option value={String(u.id)} selected={u.id === f.unitId}>
              {u.name} ({u.code})
            </option>
          ))}
        </select>
        <span id="unit-hint" class="muted">
          {t('users.unitHint')}
        </span>
        <label for="password">{t('users.password')}</label>
        <input id="password" name="password" type="password" required minLength={8} maxLength={128} autocomplete="new-password" />
        <button type="submit">{t('users.createSubmit')}</button>
      </form>
    </section>
  );
}

export function UsersPage({ ctx, view }: { ctx: ViewContext; view: UsersPageView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('users.title')}>
      <h1>{t('users.title')}</h1>
      {view.notice && (
        <div class="alert ok" role="status">
          {t(NOTICE[view.notice])}
        </div>
      )}
      <Alert ctx={ctx} error={view.listError} id="list-error" />
      <section aria-labelledby="list-h">
        <h2 id="list-h">{t('users.list')}</h2>
        {view.items.length === 0 ? (
          <p>{t('users.none')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('users.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.unit')}</th>
                <th scope="col">{t('users.mfa')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((u) => (
                <UserRow ctx={ctx} u={u} />
              ))}
            </tbody>
          </table>
        )}
        <nav class="pager" aria-label={t('users.list')}>
          {!view.isFirstPage && <a href="/admin/users">{t('users.firstPage')}</a>}
          {view.nextAfter && <a href={`/admin/users?after=${encodeURIComponent(view.nextAfter)}`}>{t('common.next')}</a>}
        </nav>
      </section>
      <CreateForm ctx={ctx} view={view} />
    </Layout>
  );
}
