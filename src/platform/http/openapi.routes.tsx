import type { SwaggerOptions } from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ERROR_TABLE, type ErrorCode } from '../errors/app-error.ts';
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

type Operation = NonNullable<OpenApiDoc['paths']>[string][string] & { method: string; path: string };

function operations(doc: OpenApiDoc): Operation[] {
  return Object.entries(doc.paths ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ ...op, method, path })));
}

const tagOf = (op: Operation) => op.tags?.[0] ?? 'other';

function Endpoint({ op, detailed }: { op: Operation; detailed: boolean }) {
  return (
    <section class="endpoint" id={`${op.method}-${op.path}`}>
      <h3>
        <code>
          {op.method.toUpperCase()} {op.path}
        </code>
      </h3>
      {op.summary && <p>{op.summary}</p>}
      {detailed && op.description && <p class="muted">{op.description}</p>}
      <p>Responses: {Object.keys(op.responses ?? {}).join(', ')}</p>
      {detailed && (op.parameters?.length || op.requestBody) && (
        <details>
          <summary>Request schema</summary>
          <pre>{JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody }, null, 1)}</pre>
        </details>
      )}
      {detailed && op.responses?.['200'] !== undefined && (
        <details>
          <summary>200 response schema</summary>
          <pre>{JSON.stringify(op.responses['200'], null, 1)}</pre>
        </details>
      )}
    </section>
  );
}

/**
 * The OpenAPI document as plain pages: an index of every endpoint grouped by tag, and one
 * page per tag with the schemas, so no page grows past the 50 KB budget as the API grows.
 */
export const openApiRoutes: FastifyPluginAsync = async (app) => {
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    reply.header('Cache-Control', 'public, max-age=300');
    return app.swagger();
  });

  app.get('/docs', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = request.viewContext();
    const ops = operations(app.swagger() as OpenApiDoc);
    const tags = [...new Set(ops.map(tagOf))].sort();
    return sendHtml(
      reply,
      <Layout ctx={ctx} title="API">
        <h1>Cadre API v1</h1>
        <p>
          OpenAPI 3.1: <a href="/openapi.json">/openapi.json</a>. Authorization: <code>Bearer cadre_pat_…</code>
        </p>
        {tags.map((tag) => (
          <section>
            <h2>
              <a href={`/docs/tags/${encodeURIComponent(tag)}`}>{tag}</a>
            </h2>
            <ul>
              {ops
                .filter((op) => tagOf(op) === tag)
                .map((op) => (
                  <li>
                    <a href={`/docs/tags/${encodeURIComponent(tag)}#${op.method}-${op.path}`}>
                      <code>
                        {op.method.toUpperCase()} {op.path}
                      </code>
                    </a>
                    {op.summary ? ` — ${op.summary}` : ''}
                  </li>
                ))}
            </ul>
          </section>
        ))}
        <h2 id="errors">Error codes</h2>
        <p>
          <a href="/docs/errors">Every error code with its HTTP status and message</a> (RFC 9457 problem details, <code>code</code> field).
        </p>
      </Layout>,
    );
  });

  /** The error catalogue on its own page: with the endpoint index it outgrew the 50 KB page budget. */
  app.get('/docs/errors', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = request.viewContext();
    return sendHtml(
      reply,
      <Layout ctx={ctx} title="API · errors">
        <h1>
          <a href="/docs">Cadre API v1</a> · error codes
        </h1>
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

  app.get(
    '/docs/tags/:tag',
    { config: { access: 'public' }, schema: { hide: true, params: z.object({ tag: z.string().max(64) }) } },
    async (request, reply) => {
      const { tag } = request.params as { tag: string };
      const ops = operations(app.swagger() as OpenApiDoc).filter((op) => tagOf(op) === tag);
      if (ops.length === 0) throw new AppError('NOT_FOUND');
      const ctx = request.viewContext();
      return sendHtml(
        reply,
        <Layout ctx={ctx} title={`API · ${tag}`}>
          <h1>
            <a href="/docs">Cadre API v1</a> · {tag}
          </h1>
          {ops.map((op) => (
            <Endpoint op={op} detailed />
          ))}
        </Layout>,
      );
    },
  );
};
