import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { ERROR_TABLE, type ErrorCode } from '../errors/app-error.ts';
import { Layout } from '../html/layout.tsx';
import { sendHtml } from '../html/render.ts';
import type { MessageKey } from '../i18n/index.ts';

/** The OpenAPI 3.1 document is generated from the same Zod schemas that validate requests. */
export function swaggerOptions(): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cadre API',
        version: '1',
        description:
          'JSON API of Cadre. Authenticate with a personal API token: `Authorization: Bearer cadre_pat_…` (create one with `cadre token create --user <name>` or on the My account page). Errors are RFC 9457 problem+json with `code` and `correlationId`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'Personal API token' },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: '__Host-cadre_sid',
            description: 'Browser session; state changes also need X-CSRF-Token',
          },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      const documented = input.url.startsWith('/api/') || input.url.startsWith('/health/');
      return documented ? out : { ...out, schema: { ...out.schema, hide: true } };
    },
  };
}

type OpenApiDoc = {
  paths?: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        description?: string;
        tags?: string[];
        responses?: Record<string, unknown>;
        requestBody?: unknown;
        parameters?: unknown[];
      }
    >
  >;
};

export const openApiRoutes: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=300');
    return app.swagger();
  });

  app.get('/docs', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = request.viewContext();
    const doc = app.swagger() as OpenApiDoc;
    const paths = Object.entries(doc.paths ?? {}).sort(([a], [b]) => a.localeCompare(b));
    return sendHtml(
      reply,
      <Layout ctx={ctx} title="API">
        <h1>Cadre API v1</h1>
        <p>
          OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a>. Authorization: <code>Bearer cadre_pat_…</code>
        </p>
        <h2>Endpoints</h2>
        {paths.map(([p, ops]) =>
          Object.entries(ops).map(([method, op]) => (
            <section class="endpoint" id={`${method}-${p}`}>
              <h3>
                <code>
                  {method.toUpperCase()} {p}
                </code>
              </h3>
              {op.summary && <p>{op.summary}</p>}
              {op.description && <p class="muted">{op.description}</p>}
              <p>
                Responses: {Object.keys(op.responses ?? {}).join(', ')}
                {op.tags?.length ? ` · ${op.tags.join(', ')}` : ''}
              </p>
              {(op.parameters?.length || op.requestBody) && (
                <details>
                  <summary>Schema</summary>
                  <pre>{JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody }, null, 1)}</pre>
                </details>
              )}
            </section>
          )),
        )}
        <h2 id="errors">Error codes</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">code</th>
              <th scope="col">HTTP</th>
              <th scope="col">{ctx.t('common.details')}</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(ERROR_TABLE) as ErrorCode[]).map((code) => (
              <tr id={`error-${code}`}>
                <td>
                  <code>{code}</code>
                </td>
                <td>{ERROR_TABLE[code].status}</td>
                <td>{ctx.t(ERROR_TABLE[code].key as MessageKey, { min: 8, max: 128, minutes: 15 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>,
    );
  });
};
