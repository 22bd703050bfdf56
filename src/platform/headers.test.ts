import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { plainLocation, registerHeaderGuard } from './headers.js';

describe('plainLocation', () => {
  it('percent-encodes what a header cannot carry, and keeps the rest', () => {
    expect(plainLocation('/gestion/pages?q=a&b=c#x')).toBe('/gestion/pages?q=a&b=c#x');
    expect(plainLocation('/été\r\nSet-Cookie: x=1')).toBe('/%C3%A9t%C3%A9%0D%0ASet-Cookie:%20x=1');
  });
});

describe('registerHeaderGuard', () => {
  it('answers a redirect to an address with a line break or an accent, encoded, not a 500', async () => {
    const app = Fastify({ logger: false });
    registerHeaderGuard(app);
    app.get('/a', (_request, reply) => reply.redirect('/gestion/é\r\nSet-Cookie: x=1', 303));
    app.get('/b', (_request, reply) => reply.header('x-note', 'ligne\nsuivante').send('ok'));
    const redirected = await app.inject({ method: 'GET', url: '/a' });
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toBe('/gestion/%C3%A9%0D%0ASet-Cookie:%20x=1');
    expect(redirected.headers['set-cookie']).toBeUndefined();
    const other = await app.inject({ method: 'GET', url: '/b' });
    expect(other.statusCode).toBe(200);
    expect(other.headers['x-note']).toBeUndefined();
  });
});
