import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { messages } from './i18n/fr.js';

/**
 * Per-client limits (sign-in failures, resets, "Envoyer à un ami") count `request.ip`. Behind a
 * reverse proxy without TRUST_PROXY, that is the proxy's address for every visitor: one person's
 * failures would then refuse everyone. A request carrying X-Forwarded-For while TRUST_PROXY is
 * unset says so, once per process, in the log the operator reads.
 */
export function registerProxyWarning(app: FastifyInstance, trustProxy: Config['trustProxy']): void {
  if (trustProxy !== false) return;
  let warned = false;
  app.addHook('onRequest', async (request) => {
    if (warned || request.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    request.log.warn(
      { remoteAddress: request.socket.remoteAddress },
      messages.startup.proxyWithoutTrustProxy,
    );
  });
}
