import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Serialises a JSX tree (escaped by default) as a complete HTML page or, for htmx, a fragment. */
export function renderHtml(node: VNode, { fragment = false } = {}): string {
  const body = renderToString(node);
  return fragment ? body : `<!doctype html>${body}`;
}

export function sendHtml(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(renderHtml(node));
}

export function sendFragment(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderHtml(node, { fragment: true }));
}
