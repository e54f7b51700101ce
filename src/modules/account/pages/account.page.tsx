import { type AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { LOCALES, type MessageKey } from '../../../platform/i18n/index.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import type { Token } from '../account.schemas.ts';
import type { Profile } from '../account.service.ts';

export type AccountNotice = 'password' | 'totp' | 'revoked' | 'locale';

export type AccountView = {
  profile: Profile;
  tokens: Token[];
  notice?: AccountNotice | undefined;
  passwordError?: AppError | null;
  tokenError?: AppError | null;
  /** The secret of a token just created: shown on this one page and never again. */
  newToken?: { name: string; token: string } | null;
};

const NOTICE: Record<AccountNotice, MessageKey> = {
  password: 'account.passwordChanged',
  totp: 'account.totpEnabled',
  revoked: 'tokens.revokedOk',
  locale: 'account.localeSaved',
};

export function FormError({
  ctx,
  error,
  id,
  messages = {},
}: {
  ctx: ViewContext;
  error: AppError | null | undefined;
  id: string;
  /** Form-specific wording for some codes (the generic text would mislead here). */
  messages?: Partial<Record<AppError['code'], MessageKey>>;
}) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id={id}>
      {ctx.t(messages[error.code] ?? (ERROR_TABLE[error.code].key as MessageKey), error.params)}
    </div>
  );
}

function ProfileSection({ ctx, profile }: { ctx: ViewContext; profile: Profile }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="profile-h">
      <h2 id="profile-h">{t('account.profile')}</h2>
      <dl class="kv">
        <dt>{t('account.username')}</dt>
        <dd>
          <code>{profile.username}</code>
        </dd>
        <dt>{t('account.displayName')}</dt>
        <dd>{profile.displayName}</dd>
        <dt>{t('account.role')}</dt>
        <dd>{t(`role.${profile.role}` as MessageKey)}</dd>
        <dt>{t('account.unit')}</dt>
        <dd>{profile.unitName ?? t('account.unitNone')}</dd>
        <dt>{t('account.mfa')}</dt>
        <dd>
          <span class={profile.mfaEnabled ? 'badge on' : 'badge off'}>{profile.mfaEnabled ? t('account.mfaOn') : t('account.mfaOff')}</span>
          {!profile.mfaEnabled && (
            <>
              {' '}
              <a class="button" href="/account/totp">
                {t('account.mfaEnable')}
              </a>
            </>
          )}
        </dd>
      </dl>
      <form method="post" action="/account/locale" class="filters">
        <CsrfField ctx={ctx} />
        <label for="locale">
          {t('account.language')}
          <select id="locale" name="locale">
            {LOCALES.map((l) => (
              <option value={l} selected={l === profile.locale} lang={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="secondary">
          {t('account.saveLanguage')}
        </button>
      </form>
    </section>
  );
}

function PasswordForm({ ctx, error }: { ctx: ViewContext; error: AppError | null | undefined }) {
  const { t } = ctx;
  const invalid = error ? 'true' : undefined;
  return (
    <section aria-labelledby="password-h" class="narrow">
      <h2 id="password-h">{t('account.changePassword')}</h2>
      <FormError ctx={ctx} error={error} id="password-error" messages={{ AUTH_INVALID_CREDENTIALS: 'account.currentPasswordWrong' }} />
      <form method="post" action="/account/password" class="stack">
        <CsrfField ctx={ctx} />
        {/* For password managers only: no name, so it is never submitted (the body schema is strict). */}
        <input type="text" autocomplete="username" value={ctx.actor?.username ?? ''} hidden />
        <label for="current">{t('account.currentPassword')}</label>
        <input id="current" name="current" type="password" autocomplete="current-password" required aria-invalid={invalid} />
        <label for="next">{t('account.newPassword')}</label>
        <input id="next" name="next" type="password" autocomplete="new-password" required minLength={8} maxLength={128} />
        <label for="confirm">{t('account.confirmPassword')}</label>
        <input id="confirm" name="confirm" type="password" autocomplete="new-password" required minLength={8} maxLength={128} />
        <button type="submit">{t('account.changePassword')}</button>
      </form>
    </section>
  );
}

function tokenStatus(ctx: ViewContext, s: Token['status']): string {
  return ctx.t(s === 'active' ? 'tokens.active' : s === 'revoked' ? 'tokens.revoked' : 'tokens.expired');
}

function Tokens({ ctx, view }: { ctx: ViewContext; view: AccountView }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="tokens-h">
      <h2 id="tokens-h">{t('tokens.title')}</h2>
      <p class="muted">{t('tokens.intro')}</p>
      {view.newToken && (
        <div class="alert ok" role="status">
          <p>{t('tokens.created')}</p>
          <p>
            <code class="secret" id="new-token">
              {view.newToken.token}
            </code>
          </p>
        </div>
      )}
      <FormError ctx={ctx} error={view.tokenError} id="token-error" />
      {view.tokens.length === 0 ? (
        <p>{t('tokens.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.prefix')}</th>
              <th scope="col">{t('tokens.createdAt')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.expires')}</th>
              <th scope="col">{t('tokens.status')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {view.tokens.map((tok) => (
              <tr>
                <td>{tok.name}</td>
                <td>
                  <code>{tok.prefix}…</code>
                </td>
                <td>{formatInstant(tok.createdAt)}</td>
                <td>{tok.lastUsedAt ? formatInstant(tok.lastUsedAt) : t('tokens.neverUsed')}</td>
                <td>{tok.expiresAt ? formatInstant(tok.expiresAt) : t('tokens.never')}</td>
                <td>{tokenStatus(ctx, tok.status)}</td>
                <td>
                  {tok.status === 'active' && (
                    <form method="post" action={`/account/tokens/${tok.id}/revoke`}>
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="secondary" aria-label={t('tokens.revokeNamed', { name: tok.name })}>
                        {t('tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/account/tokens" class="filters">
        <CsrfField ctx={ctx} />
        <label for="token-name">
          {t('tokens.name')}
          <input id="token-name" name="name" required maxLength={100} />
        </label>
        <label for="token-days">
          {t('tokens.expiresIn')}
          <select id="token-days" name="expiresInDays">
            <option value="">{t('tokens.never')}</option>
            {[30, 90, 365].map((d) => (
              <option value={String(d)}>{t('tokens.days', { days: d })}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('tokens.create')}</button>
      </form>
    </section>
  );
}

export function AccountPage({ ctx, view }: { ctx: ViewContext; view: AccountView }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      {view.notice && (
        <div class="alert ok" role="status">
          {t(NOTICE[view.notice])}
        </div>
      )}
      <ProfileSection ctx={ctx} profile={view.profile} />
      <PasswordForm ctx={ctx} error={view.passwordError} />
      <Tokens ctx={ctx} view={view} />
    </Layout>
  );
}
