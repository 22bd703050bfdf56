import { z } from 'zod';
import { messages } from '../../platform/i18n/fr.js';
import { SLUG_PATTERN } from '../../platform/slug.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.documents.errors;

export const DOCUMENT_NAME_MAX_LENGTH = 80;
export const DOCUMENT_TITLE_MAX_LENGTH = 200;

/** The languages a document may be written in, as the form offers them. */
export const DOCUMENT_LANGUAGES = ['fr', 'en', 'ar', 'es', 'de', 'it', 'pt'] as const;

/** What both forms hold besides the file. */
export const documentFormSchema = z.object({
  title: z
    .string({ error: text.titleRequired })
    .trim()
    .min(1, { error: text.titleRequired, abort: true })
    .max(DOCUMENT_TITLE_MAX_LENGTH, { error: text.titleTooLong(DOCUMENT_TITLE_MAX_LENGTH) }),
  name: z
    .string()
    .trim()
    .toLowerCase()
    .default('')
    .refine((value) => value === '' || SLUG_PATTERN.test(value), { error: text.nameInvalid })
    .refine((value) => value.length <= DOCUMENT_NAME_MAX_LENGTH, {
      error: text.nameTooLong(DOCUMENT_NAME_MAX_LENGTH),
    }),
  language: z.enum(DOCUMENT_LANGUAGES, { error: text.languageInvalid }).default('fr'),
  document_date: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || isCalendarDate(value), { error: text.dateInvalid })
    .transform((value) => value || null),
  version: openedVersionSchema,
});

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export type DocumentForm = z.infer<typeof documentFormSchema>;

export const documentFields = ['file', 'title', 'name', 'language', 'document_date', 'version'] as const;
export type DocumentField = (typeof documentFields)[number];
export const documentTextFields = ['title', 'name', 'language', 'document_date', 'version'] as const;
