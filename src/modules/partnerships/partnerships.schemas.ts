import { z } from 'zod';
import { partnershipKinds, partnershipStatuses } from '../../db/schema.js';
import { optionalDate } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import { isCurrency, parseAmount } from '../../platform/money.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.partnerships;

export const partnershipFields = [
  'local_organisation_id',
  'partner_organisation_id',
  'kind',
  'since',
  'status',
  'description',
  'planned_amount',
  'currency',
  'emergency_humanitarian',
  'version',
] as const;
export type PartnershipField = (typeof partnershipFields)[number];

const uuid = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((value) => z.uuid().safeParse(value).success, { error: message });

export const partnershipFormSchema = z
  .object({
    local_organisation_id: uuid(text.errors.localRequired),
    partner_organisation_id: uuid(text.errors.partnerRequired),
    kind: z.enum(partnershipKinds as [string, ...string[]], { error: text.errors.kindRequired }),
    since: optionalDate(text.errors.dateInvalid),
    status: z.enum(partnershipStatuses as [string, ...string[]], { error: text.errors.statusRequired }),
    description: z
      .string()
      .default('')
      .transform((value) => value.replace(/\r\n?/g, '\n').trim())
      .refine((value) => value.length <= 2000, { error: text.errors.tooLong(text.fields.description, 2000) }),
    planned_amount: z
      .string()
      .default('')
      .transform((value) => value.trim()),
    currency: z
      .string()
      .default('EUR')
      .transform((value) => value.trim().toUpperCase())
      .refine(isCurrency, { error: text.errors.currencyInvalid }),
    emergency_humanitarian: z
      .string()
      .optional()
      .transform((value) => value === 'on'),
    version: openedVersionSchema,
  })
  .superRefine((form, context) => {
    if (form.planned_amount !== '' && parseAmount(form.planned_amount, form.currency) === null)
      context.addIssue({ code: 'custom', path: ['planned_amount'], message: text.errors.amountInvalid });
  })
  .transform((form) => ({
    ...form,
    kind: form.kind as (typeof partnershipKinds)[number],
    status: form.status as (typeof partnershipStatuses)[number],
    planned_amount_minor: form.planned_amount === '' ? null : parseAmount(form.planned_amount, form.currency),
  }));

export type PartnershipForm = z.output<typeof partnershipFormSchema>;
