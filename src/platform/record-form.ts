import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { setFlash } from './flash.js';
import { formBody, parseForm, refusalOf, typedText } from './forms.js';
import type { StaleSave } from './versions.js';

/** How a record's form page is drawn again: what was typed, the messages beside the fields, the status. */
export type RenderForm = (
  values: Record<string, string>,
  errors: Record<string, string>,
  status: number,
  stale?: StaleSave,
) => Promise<unknown>;

/**
 * The post of a record's edit form, written once for every kind of record: read the form
 * (control characters, then the schema), save it through the service, and on a refusal (a rule,
 * someone else's save) draw the form again with what was typed and every message; on success,
 * a one-time notice and a redirect to the record (post, redirect, get).
 */
export async function saveRecordForm<Schema extends z.ZodType, Saved>(
  request: FastifyRequest,
  reply: FastifyReply,
  form: {
    schema: Schema;
    fields: readonly string[];
    render: RenderForm;
    save: (data: z.output<Schema>) => Promise<Saved>;
    done: (saved: Saved) => { notice: string; href: string };
  },
): Promise<unknown> {
  const body = formBody(request.body);
  const values = typedText(body, form.fields);
  const parsed = parseForm(form.schema, body, form.fields);
  if (!parsed.success) return form.render(values, parsed.errors as Record<string, string>, 400);
  let saved: Saved;
  try {
    saved = await form.save(parsed.data);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return form.render({ ...values, ...refusal.values }, refusal.errors, refusal.status, refusal.stale);
  }
  const { notice, href } = form.done(saved);
  setFlash(reply, notice);
  return reply.redirect(href, 303);
}
