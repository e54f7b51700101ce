import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { type CookieNames, setCookie } from '../../platform/http/cookies.ts';
import { actorOf } from '../../platform/http/route-helpers.ts';
import { accountApi } from './account.api.ts';
import {
  AccountQuerySchema,
  ChangePasswordBodySchema,
  CreateTokenFormSchema,
  LocaleBodySchema,
  TokenIdParamsSchema,
  TotpConfirmBodySchema,
} from './account.schemas.ts';
import {
  changeOwnPassword,
  confirmTotpEnrolment,
  createOwnToken,
  getProfile,
  listOwnTokens,
  revokeOwnToken,
  setOwnLocale,
  startTotpEnrolment,
} from './account.service.ts';
import { AccountPage, type AccountView } from './pages/account.page.tsx';
import { AccountTotpPage } from './pages/account-totp.page.tsx';

export type AccountModuleOptions = ModuleDeps & { cookies: CookieNames };

const TAGS = ['account'];

/**
 * A refused form is shown again with its message. 401 would tell clients "not signed in",
 * which is wrong here: the caller is signed in and only the input (e.g. the current password) was wrong.
 */
function formStatus(e: AppError): number {
  return e.status === 401 ? 400 : e.status;
}

function isFormError(e: unknown): e is AppError {
  return e instanceof AppError && e.status < 500 && e.code !== 'UNAUTHENTICATED' && e.code !== 'FORBIDDEN';
}

/** My account: profile, password, second factor, personal API tokens, language. */
export const accountModule: FastifyPluginAsync<AccountModuleOptions> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const { cookies } = deps;

  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Partial<AccountView>, status = 200) => {
    const actor = actorOf(request);
    const [profile, tokens] = await Promise.all([getProfile(deps, actor), listOwnTokens(deps, actor)]);
    return sendHtml(reply, <AccountPage ctx={request.viewContext()} view={{ profile, tokens, ...extra }} />, status);
  };

  app.get(
    '/account',
    { config: { access: 'account.self' }, schema: { querystring: AccountQuerySchema, summary: 'My account page', tags: TAGS } },
    async (request, reply) => render(request, reply, { notice: request.query.done }),
  );

  app.post(
    '/account/password',
    { config: { access: 'account.self' }, schema: { body: ChangePasswordBodySchema, summary: 'Change my password', tags: TAGS } },
    async (request, reply) => {
      try {
        await changeOwnPassword(deps, actorOf(request), request.body, request.id);
      } catch (e) {
        if (!isFormError(e)) throw e;
        return render(request, reply, { passwordError: e }, formStatus(e));
      }
      return reply.redirect('/account?done=password', 303);
    },
  );

  app.get(
    '/account/totp',
    { config: { access: 'account.self' }, schema: { summary: 'Set up two-step verification', tags: TAGS } },
    async (request, reply) => {
      const profile = await getProfile(deps, actorOf(request));
      if (profile.mfaEnabled) return reply.redirect('/account', 303);
      const enrol = await startTotpEnrolment(deps, actorOf(request));
      return sendHtml(reply, <AccountTotpPage ctx={request.viewContext()} enrol={enrol} error={null} />);
    },
  );

  app.post(
    '/account/totp',
    { config: { access: 'account.self' }, schema: { body: TotpConfirmBodySchema, summary: 'Confirm two-step verification', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      try {
        await confirmTotpEnrolment(deps, actor, request.body.code, request.id);
      } catch (e) {
        if (!isFormError(e)) throw e;
        if (e.code === 'AUTH_TOTP_ALREADY_ENABLED') return reply.redirect('/account', 303);
        const enrol = await startTotpEnrolment(deps, actor);
        return sendHtml(reply, <AccountTotpPage ctx={request.viewContext()} enrol={enrol} error={e} />, formStatus(e));
      }
      return reply.redirect('/account?done=totp', 303);
    },
  );

  app.post(
    '/account/tokens',
    { config: { access: 'account.self' }, schema: { body: CreateTokenFormSchema, summary: 'Create a personal API token', tags: TAGS } },
    async (request, reply) => {
      const { name, expiresInDays } = request.body;
      if (!name) {
        const error = new AppError('VALIDATION_FAILED', {}, [{ path: 'name', message: 'required' }]);
        return render(request, reply, { tokenError: error }, 400);
      }
      const created = await createOwnToken(deps, actorOf(request), { name, expiresInDays }, request.id);
      // Shown on this response only: the page is not cached (Cache-Control: no-store) and the secret is never stored.
      return render(request, reply, { newToken: { name, token: created.token } });
    },
  );

  app.post(
    '/account/tokens/:id/revoke',
    { config: { access: 'account.self' }, schema: { params: TokenIdParamsSchema, summary: 'Revoke one of my API tokens', tags: TAGS } },
    async (request, reply) => {
      await revokeOwnToken(deps, actorOf(request), request.params.id, request.id);
      return reply.redirect('/account?done=revoked', 303);
    },
  );

  app.post(
    '/account/locale',
    { config: { access: 'account.self' }, schema: { body: LocaleBodySchema, summary: 'Save my display language', tags: TAGS } },
    async (request, reply) => {
      const { locale } = request.body;
      await setOwnLocale(deps, actorOf(request), locale, request.id);
      // The lang cookie outranks the saved preference in the pipeline, so it is updated too.
      setCookie(reply, cookies, cookies.lang, locale, 365 * 24 * 3600);
      return reply.redirect('/account?done=locale', 303);
    },
  );

  await app.register(accountApi, deps);
};
