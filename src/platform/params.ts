import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

const idParams = z.object({ id: z.uuid() });

/** The `:id` of a back-office address, or null when it is not a UUID (the route then answers 404). */
export function recordIdOf(request: FastifyRequest): string | null {
  const params = idParams.safeParse(request.params);
  return params.success ? params.data.id : null;
}

const eventParams = z.object({
  eventId: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
});

/** The `:eventId` of a route (an audit event, a version of a record), or null when it is not one. */
export function eventIdOf(request: FastifyRequest): number | null {
  const params = eventParams.safeParse(request.params);
  return params.success ? params.data.eventId : null;
}
