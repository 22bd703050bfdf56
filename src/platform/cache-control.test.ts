import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { markPrivate, registerCacheControl } from './cache-control.js';

/** A bare server with the rule, and routes no module has yet: the rule holds for any route. */
async function serverWithRule() {
  const app = Fastify();
  await app.register(fastifyCookie, { secret: 'x'.repeat(32) });
  registerCacheControl(app);
  app.get('/sets-a-cookie', (_request, reply) => reply.setCookie('any', 'value', { path: '/' }).send('ok'));
  app.get('/marked-private', (_request, reply) => {
    markPrivate(reply);
    return reply.send('ok');
  });
  app.get('/declared', { config: { noStore: true } }, (_request, reply) => reply.send('ok'));
  app.get('/plain', (_request, reply) => reply.send('ok'));
  await app.ready();
  return app;
}

describe('registerCacheControl', () => {
  it('sends no-store on a response that sets a cookie, whatever the route', async () => {
    const app = await serverWithRule();
    const response = await app.inject({ method: 'GET', url: '/sets-a-cookie' });
    expect(response.headers['set-cookie']).toBeDefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('sends no-store on a reply marked private and on a route declared noStore', async () => {
    const app = await serverWithRule();
    for (const url of ['/marked-private', '/declared']) {
      expect((await app.inject({ method: 'GET', url })).headers['cache-control'], url).toBe('no-store');
    }
  });

  it('leaves other responses to their own policy', async () => {
    const app = await serverWithRule();
    expect((await app.inject({ method: 'GET', url: '/plain' })).headers['cache-control']).toBeUndefined();
  });
});
