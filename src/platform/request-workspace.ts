import type { FastifyRequest } from 'fastify';
import type { Workspace } from '../db/schema.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the workspace hook from the Host header; absent only for static assets. */
    workspace?: Workspace;
  }
}

export class NoWorkspaceError extends Error {
  statusCode = 503;
  code = 'ENTENTE_NO_WORKSPACE';
}

export function workspaceOf(request: FastifyRequest): Workspace {
  if (!request.workspace) throw new NoWorkspaceError('No workspace answers this host');
  return request.workspace;
}
