import type { FastifyInstance } from 'fastify';

/** What a header may carry as it is: visible ASCII and spaces (tab for folding old values). */
const PLAIN_HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** Every byte outside visible ASCII of a URL, percent-encoded: "/é\r\n" → "/%C3%A9%0D%0A". */
export function plainLocation(location: string): string {
  return location.replace(/[^\x21-\x7e]/gu, (character) => encodeURIComponent(character));
}

/**
 * No answer carries a line break, a control character or a raw byte in a header: a redirect's
 * address is percent-encoded (it still leads to the same place), any other such header is
 * dropped and logged. Node would otherwise throw while writing the head, and Fastify would answer
 * with its own raw JSON instead of the French error page.
 */
export function registerHeaderGuard(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      const values = Array.isArray(value) ? value : [value];
      if (values.every((item) => item === undefined || PLAIN_HEADER_VALUE.test(String(item)))) continue;
      if (name === 'location') {
        reply.header('location', plainLocation(String(value)));
      } else {
        request.log.error({ header: name }, 'header with characters a response cannot carry: dropped');
        reply.removeHeader(name);
      }
    }
    return payload;
  });
}
