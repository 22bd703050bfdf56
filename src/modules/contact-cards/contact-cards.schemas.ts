import { z } from 'zod';
import { messages } from '../../platform/i18n/fr.js';
import { normalisePhone } from '../../platform/phone.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.contactCards;
const EMAIL = z.email();

export const SERVICE_NAME_MAX = 120;
export const PHONE_MAX = 30;

/** An optional single-line text, trimmed, with its own length message. */
function optionalText(field: keyof typeof text.lengthLabels, max: number) {
  return z
    .string()
    .default('')
    .transform((value) => value.trim())
    .refine((value) => value.length <= max, { error: text.errors.tooLong(text.lengthLabels[field], max) });
}

export const contactCardFormSchema = z.object({
  service_name: z
    .string({ error: text.errors.serviceRequired })
    .trim()
    .min(1, { error: text.errors.serviceRequired, abort: true })
    .max(SERVICE_NAME_MAX, {
      error: text.errors.tooLong(text.lengthLabels.service_name, SERVICE_NAME_MAX),
    }),
  person_name: optionalText('person_name', 120),
  organisation_name: optionalText('organisation_name', 200),
  // Stored in E.164 ("+33492231118"): one spelling per number, whatever was typed, so that the
  // page, the tel: link and the form all derive from it and a change of display format needs no
  // data migration. Cards saved before this rule keep their text; the views read both.
  phone: optionalText('phone', PHONE_MAX)
    .refine((value) => value === '' || normalisePhone(value) !== null, { error: text.errors.phoneInvalid })
    .transform((value) => (value === '' ? '' : (normalisePhone(value) ?? value))),
  email: optionalText('email', 254).refine((value) => value === '' || EMAIL.safeParse(value).success, {
    error: text.errors.emailInvalid,
  }),
  address: z
    .string()
    .default('')
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .refine((value) => value.length <= 500, { error: text.errors.tooLong(text.lengthLabels.address, 500) }),
  position: z
    .string()
    .trim()
    .default('0')
    .transform((value) => (value === '' ? '0' : value))
    .refine((value) => /^-?\d{1,6}$/.test(value), { error: text.errors.positionInvalid })
    .transform(Number),
  version: openedVersionSchema,
});

export type ContactCardForm = z.infer<typeof contactCardFormSchema>;
export const contactCardFields = [
  'service_name',
  'person_name',
  'organisation_name',
  'phone',
  'email',
  'address',
  'position',
  'version',
] as const;
export type ContactCardField = (typeof contactCardFields)[number];
