import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

const idParams = z.object({ id: z.uuid() });

/** The `:id` of a back-office address, or null when it is not a UUID (the route then answers 404). */
export function recordIdOf(request: FastifyRequest): string | null {
  const params = idParams.safeParse(request.params);
  return params.success ? params.data.id : null;
}
