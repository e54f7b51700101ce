import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { STAFF_ROLES } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { actorOf } from '../../platform/http/route-helpers.ts';
import { UsersPage, type UsersPageView } from './pages/users.page.tsx';
import { usersApi } from './users.api.ts';
import { CreateUserFormSchema, UserIdParamsSchema, UsersQuerySchema } from './users.schemas.ts';
import { auditMetaFor, createAccount, listAccounts, listUnitChoices, setAccountEnabled } from './users.service.ts';

const TAGS = ['users'];

/** Errors shown inside the page; anything else (404, 5xx) goes to the error page. */
function isShownInPage(e: unknown): e is AppError {
  return e instanceof AppError && [400, 409].includes(e.status);
}

/** /admin/users: the province's accounts, creation, disable/enable (permission users.manage). */
export const usersModule: FastifyPluginAsync<ModuleDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Partial<UsersPageView> & { after?: string | undefined },
    status = 200,
  ) => {
    const actor = actorOf(request);
    const [page, units] = await Promise.all([listAccounts(deps, actor, { after: extra.after }), listUnitChoices(deps, actor.provinceCode)]);
    const view: UsersPageView = { ...page, isFirstPage: !extra.after, units, roles: STAFF_ROLES, ...extra };
    return sendHtml(reply, <UsersPage ctx={request.viewContext()} view={view} />, status);
  };

  app.get(
    '/admin/users',
    { config: { access: 'users.manage' }, schema: { querystring: UsersQuerySchema, summary: 'Account administration page', tags: TAGS } },
    async (request, reply) => render(request, reply, { after: request.query.after, notice: request.query.done }),
  );

  app.post(
    '/admin/users',
    { config: { access: 'users.manage' }, schema: { body: CreateUserFormSchema, summary: 'Create an account', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      try {
        await createAccount(deps, request.body, auditMetaFor(deps, actor, request.id));
      } catch (e) {
        if (!isShownInPage(e)) throw e;
        const { password: _omitted, ...typed } = request.body;
        return render(request, reply, { formError: e, form: typed }, e.status);
      }
      return reply.redirect('/admin/users?done=created', 303);
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/admin/users/:id/${action}`,
      {
        config: { access: 'users.manage' },
        schema: { params: UserIdParamsSchema, summary: action === 'disable' ? 'Disable an account' : 'Enable an account', tags: TAGS },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        try {
          await setAccountEnabled(deps, request.params.id, action === 'enable', auditMetaFor(deps, actor, request.id));
        } catch (e) {
          if (!isShownInPage(e)) throw e;
          return render(request, reply, { listError: e }, e.status);
        }
        return reply.redirect(`/admin/users?done=${action}d`, 303);
      },
    );
  }

  await app.register(usersApi, deps);
};
