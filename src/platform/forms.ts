import type { z } from 'zod';

export type FieldErrors<Field extends string = string> = Partial<Record<Field, string>>;

/** First message per field, in the order the fields appear on the page. */
export function firstErrorPerField<Field extends string>(
  error: z.ZodError,
  fieldOrder: readonly Field[],
): FieldErrors<Field> {
  const found = new Map<string, string>();
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!found.has(field)) found.set(field, issue.message);
  }
  const ordered: FieldErrors<Field> = {};
  for (const field of fieldOrder) {
    const message = found.get(field);
    if (message) ordered[field] = message;
  }
  return ordered;
}

/** What the person typed, as text, to show again in a form that came back with errors. */
export function typedText<Field extends string>(
  body: unknown,
  fields: readonly Field[],
): Record<Field, string> {
  const record = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((field) => [field, typeof record[field] === 'string' ? (record[field] as string) : '']),
  ) as Record<Field, string>;
}

/** Form bodies arrive as objects of strings; anything else is treated as an empty form. */
export function formBody(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}
