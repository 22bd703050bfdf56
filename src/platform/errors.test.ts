import type { FastifyError } from 'fastify';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors.js';
import { messages } from './i18n/fr.js';

const error = (fields: Partial<FastifyError>) => Object.assign(new Error('x'), fields) as FastifyError;

describe('describeError', () => {
  it('answers 400 when PostgreSQL refuses bytes it cannot store (a NUL), never 500', () => {
    for (const code of ['22021', '22P05']) {
      expect(describeError(error({ code }))).toEqual({
        status: 400,
        title: messages.errors.badRequestTitle,
        lead: messages.errors.badRequestLead,
      });
    }
  });

  it('keeps 500 for what is the server’s fault, without saying more', () => {
    expect(describeError(error({ code: '23505' })).status).toBe(500);
    expect(describeError(error({})).title).toBe(messages.errors.serverTitle);
  });

  it('answers the French CSRF page for a refused token', () => {
    expect(describeError(error({ code: 'ENTENTE_CSRF', statusCode: 403 }))).toMatchObject({
      status: 403,
      title: messages.errors.csrfTitle,
    });
  });
});
