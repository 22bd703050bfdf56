import type { z } from 'zod';
import { RuleError } from './errors-typed.js';
import { messages } from './i18n/fr.js';
import { type StaleSave, StaleVersionError, VERSION_FIELD } from './versions.js';

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

/**
 * C0 control characters but tab, line feed and carriage return, and DEL: invisible, never typed
 * on purpose, and NUL is refused by PostgreSQL itself (a 500 if it got that far).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

export type ParsedForm<Data, Field extends string> =
  | { success: true; data: Data }
  | { success: false; errors: FieldErrors<Field> };

/**
 * The one way a route reads a form: every field of the form is first checked for control
 * characters (the message beside that field), then the form's own schema runs, so the person
 * sees every message at once. A form added later gets the check by using this.
 */
export function parseForm<Schema extends z.ZodType, Field extends string>(
  schema: Schema,
  body: unknown,
  fields: readonly Field[],
): ParsedForm<z.output<Schema>, Field> {
  const record = formBody(body);
  const controlled = new Set<string>();
  for (const field of fields) {
    const value = record[field];
    const values = Array.isArray(value) ? value : [value];
    if (values.some((item) => typeof item === 'string' && hasControlCharacter(item))) controlled.add(field);
  }
  const parsed = schema.safeParse(record);
  if (parsed.success && controlled.size === 0) return { success: true, data: parsed.data };
  const schemaErrors: FieldErrors<Field> = parsed.success ? {} : firstErrorPerField(parsed.error, fields);
  const errors: FieldErrors<Field> = {};
  for (const field of fields) {
    const message = controlled.has(field) ? messages.form.controlCharacters : schemaErrors[field];
    if (message) errors[field] = message;
  }
  return { success: false, errors };
}

/**
 * A save the service refused, as the form shows it again: a rule beside its field (400), or
 * someone else's save since the form was opened (409), the form then carrying the current
 * version so that saving it again is a deliberate choice. Anything else is not a refusal.
 */
export interface FormRefusal {
  status: 400 | 409;
  errors: Record<string, string>;
  stale?: StaleSave;
  /** Values to put over what was typed: the version, after a conflict. */
  values: Record<string, string>;
}

export function refusalOf(error: unknown): FormRefusal | null {
  if (error instanceof RuleError)
    return { status: 400, errors: { [error.field]: error.message, ...error.others }, values: {} };
  if (error instanceof StaleVersionError) {
    return {
      status: 409,
      errors: {},
      stale: error.stale,
      values: { [VERSION_FIELD]: String(error.stale.currentVersion) },
    };
  }
  return null;
}
