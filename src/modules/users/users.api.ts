import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { actorOf } from '../../platform/http/route-helpers.ts';
import { CreateUserBodySchema, UserIdParamsSchema, UserListResponseSchema, UserSchema, UsersApiQuerySchema } from './users.schemas.ts';
import { auditMetaFor, createAccount, listAccounts, setAccountEnabled } from './users.service.ts';

const TAGS = ['users'];

/** /api/v1/users: account administration for integrations (permission users.manage). */
export const usersApi: FastifyPluginAsync<ModuleDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/users',
    {
      config: { access: 'users.manage' },
      schema: {
        summary: "List the accounts of the caller's province",
        tags: TAGS,
        querystring: UsersApiQuerySchema,
        response: { 200: UserListResponseSchema },
      },
    },
    async (request) => listAccounts(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: 'users.manage' },
      schema: { summary: 'Create an account', tags: TAGS, body: CreateUserBodySchema, response: { 201: UserSchema } },
    },
    async (request, reply) => {
      const user = await createAccount(deps, request.body, auditMetaFor(deps, actorOf(request), request.id));
      return reply.status(201).send(user);
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/api/v1/users/:id/${action}`,
      {
        config: { access: 'users.manage' },
        schema: {
          summary:
            action === 'disable' ? 'Disable an account: its sessions end and its API tokens stop working' : 'Enable a disabled account',
          tags: TAGS,
          params: UserIdParamsSchema,
          response: { 200: UserSchema },
        },
      },
      async (request) => setAccountEnabled(deps, request.params.id, action === 'enable', auditMetaFor(deps, actorOf(request), request.id)),
    );
  }
};
