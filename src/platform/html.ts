import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/** Every HTML response goes through here: doctype, explicit charset, status. */
export function sendHtml(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .type(HTML_CONTENT_TYPE)
    .send(`<!DOCTYPE html>${renderToString(page)}`);
}
