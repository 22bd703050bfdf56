import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../app-services.js';
import { matchesEtag } from '../../platform/cache-control.js';
import { workspaceOf } from '../../platform/request-workspace.js';
import { appAssets, sendAsset } from '../../platform/static-assets.js';
import { loadSiteIdentity } from '../content/content.service.js';
import { colourStylesheet, type IconKind, logoIcon } from './site-identity.service.js';

/**
 * Five minutes in any cache, then asked again: a changed colour or logo reaches a page already
 * linked to the old address within five minutes, and asking again costs a 304. Pages link these
 * files with a version in the address, so the next page loads a new identity at once.
 */
const IDENTITY_CACHE_CONTROL = 'public, max-age=300, must-revalidate';

function etagOf(content: string | Buffer): string {
  return `"${createHash('sha256').update(content).digest('base64url').slice(0, 32)}"`;
}

/** A public answer that depends on the host's workspace only: cached by address, host included. */
function sendCached(request: FastifyRequest, reply: FastifyReply, type: string, content: string | Buffer) {
  const etag = etagOf(content);
  reply
    .header('cache-control', IDENTITY_CACHE_CONTROL)
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff');
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(type).send(content);
}

/**
 * The authority's identity on its public site, per workspace (the host chooses it): the colour
 * stylesheet, and the icons made from the logo (a PNG at /favicon.ico, which browsers accept).
 */
export function registerSiteIdentityRoutes(app: FastifyInstance, deps: AppServices): void {
  const defaultFavicon = appAssets().get('favicon.ico');
  if (!defaultFavicon) throw new Error('src/assets/favicon.ico is missing');

  const iconOf = async (request: FastifyRequest, kind: IconKind): Promise<Buffer | null> => {
    const { logo } = await loadSiteIdentity(deps, workspaceOf(request));
    if (!logo) return null;
    const icon = await logoIcon(deps.storage, logo, kind);
    if (!icon) request.log.warn({ mediaId: logo.id }, 'the logo could not be made into an icon');
    return icon;
  };

  app.get('/charte.css', async (request, reply) => {
    const { mainColour } = await loadSiteIdentity(deps, workspaceOf(request));
    return sendCached(
      request,
      reply,
      'text/css; charset=utf-8',
      mainColour ? colourStylesheet(mainColour) : '',
    );
  });

  // Browsers ask for it on every site, whatever the page says: a 404 there shows as an error.
  app.get('/favicon.ico', async (request, reply) => {
    const icon = await iconOf(request, 'favicon');
    if (icon) return sendCached(request, reply, 'image/png', icon);
    // The default icon: read, hashed and compressed once at start, like every asset.
    return sendAsset(request, reply, defaultFavicon, IDENTITY_CACHE_CONTROL);
  });

  // Phones ask for it when a page is added to their home screen; without a logo there is none.
  app.get('/apple-touch-icon.png', async (request, reply) => {
    const icon = await iconOf(request, 'touchIcon');
    if (!icon) return reply.callNotFound();
    return sendCached(request, reply, 'image/png', icon);
  });
}
