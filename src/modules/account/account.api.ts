import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { actorOf } from '../../platform/http/route-helpers.ts';
import {
  CreatedTokenResponseSchema,
  CreateTokenBodySchema,
  MeResponseSchema,
  TokenIdParamsSchema,
  TokenListResponseSchema,
} from './account.schemas.ts';
import { createOwnToken, getProfile, listOwnTokens, revokeOwnToken } from './account.service.ts';

const TAGS = ['account'];

/** /api/v1/me and the caller's own API tokens. */
export const accountApi: FastifyPluginAsync<ModuleDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/me',
    { config: { access: 'account.self' }, schema: { summary: 'Who am I', tags: TAGS, response: { 200: MeResponseSchema } } },
    async (request) => {
      const p = await getProfile(deps, actorOf(request));
      return {
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        provinceCode: p.provinceCode,
        unitId: p.unitId,
        locale: p.locale,
        mfaEnabled: p.mfaEnabled,
      };
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      config: { access: 'account.self' },
      schema: { summary: 'List my API tokens', tags: TAGS, response: { 200: TokenListResponseSchema } },
    },
    async (request) => ({ items: await listOwnTokens(deps, actorOf(request)) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      config: { access: 'account.self' },
      schema: {
        summary: 'Create an API token (the secret is returned once)',
        tags: TAGS,
        body: CreateTokenBodySchema,
        response: { 201: CreatedTokenResponseSchema },
      },
    },
    async (request, reply) => {
      const created = await createOwnToken(deps, actorOf(request), request.body, request.id);
      return reply.status(201).send({ ...created.record, token: created.token });
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      config: { access: 'account.self' },
      schema: { summary: 'Revoke one of my API tokens', tags: TAGS, params: TokenIdParamsSchema, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      await revokeOwnToken(deps, actorOf(request), request.params.id, request.id);
      return reply.status(204).send();
    },
  );
};
