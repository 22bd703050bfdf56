import { z } from 'zod';
import { readCalendarDate } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import { isCurrency, parseAmount } from '../../platform/money.js';
import { openedVersionSchema } from '../../platform/versions.js';

const text = messages.transactions;

/** The IATI TransactionType codes a local authority records, in the order the form offers them. */
export const TRANSACTION_TYPES = [2, 3, 4, 1, 11, 7] as const;

export const transactionFields = [
  'type',
  'transaction_date',
  'amount',
  'currency',
  'provider_organisation_id',
  'receiver_organisation_id',
  'description',
  'document_id',
  'version',
] as const;
export type TransactionField = (typeof transactionFields)[number];

const optionalId = (message: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.trim())
    .refine((value) => value === '' || z.uuid().safeParse(value).success, { error: message })
    .transform((value) => value || null);

export const transactionFormSchema = z
  .object({
    type: z
      .string({ error: text.errors.typeRequired })
      .refine((value) => (TRANSACTION_TYPES as readonly number[]).includes(Number(value)), {
        error: text.errors.typeRequired,
      })
      .transform(Number),
    transaction_date: z
      .string({ error: text.errors.dateRequired })
      .trim()
      .min(1, { error: text.errors.dateRequired, abort: true })
      .refine((value) => readCalendarDate(value) !== null, { error: text.errors.dateInvalid, abort: true })
      .transform((value) => readCalendarDate(value) ?? ''),
    amount: z
      .string({ error: text.errors.amountRequired })
      .trim()
      .min(1, { error: text.errors.amountRequired }),
    currency: z
      .string()
      .default('EUR')
      .transform((value) => value.trim().toUpperCase())
      .refine(isCurrency, { error: text.errors.currencyInvalid }),
    provider_organisation_id: optionalId(text.errors.organisationUnknown),
    receiver_organisation_id: optionalId(text.errors.organisationUnknown),
    description: z
      .string()
      .default('')
      .transform((value) => value.replace(/\r\n?/g, '\n').trim())
      .refine((value) => value.length <= 2000, {
        error: text.errors.tooLong(text.fields.description, 2000),
      }),
    document_id: optionalId(text.errors.documentUnknown),
    version: openedVersionSchema,
  })
  .superRefine((form, context) => {
    if (form.amount && parseAmount(form.amount, form.currency) === null)
      context.addIssue({ code: 'custom', path: ['amount'], message: text.errors.amountInvalid });
    if (form.provider_organisation_id && form.provider_organisation_id === form.receiver_organisation_id)
      context.addIssue({
        code: 'custom',
        path: ['receiver_organisation_id'],
        message: text.errors.sameOrganisation,
      });
  })
  .transform((form) => ({
    values: {
      type: form.type,
      transaction_date: form.transaction_date,
      amount_minor: parseAmount(form.amount, form.currency) ?? 0,
      currency: form.currency,
      provider_organisation_id: form.provider_organisation_id,
      receiver_organisation_id: form.receiver_organisation_id,
      description: form.description,
      document_id: form.document_id,
    },
    version: form.version,
  }));

export type TransactionForm = z.output<typeof transactionFormSchema>;
