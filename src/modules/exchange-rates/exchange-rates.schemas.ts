import { z } from 'zod';
import { readCalendarDate } from '../../platform/dates.js';
import { messages } from '../../platform/i18n/fr.js';
import { isCurrency } from '../../platform/money.js';
import { readRate } from './exchange-rules.js';

const text = messages.exchangeRates;

export const rateFields = ['currency', 'valid_from', 'euros_per_unit'] as const;

export const rateFormSchema = z.object({
  currency: z
    .string({ error: text.errors.currencyInvalid })
    .transform((value) => value.trim().toUpperCase())
    .refine((value) => value !== 'EUR' && isCurrency(value), { error: text.errors.currencyInvalid }),
  valid_from: z
    .string({ error: text.errors.dateRequired })
    .trim()
    .min(1, { error: text.errors.dateRequired, abort: true })
    .refine((value) => readCalendarDate(value) !== null, { error: text.errors.dateInvalid, abort: true })
    .transform((value) => readCalendarDate(value) ?? ''),
  euros_per_unit: z
    .string({ error: text.errors.rateInvalid })
    .refine((value) => readRate(value) !== null, { error: text.errors.rateInvalid })
    .transform((value) => readRate(value) ?? 0),
});
export type RateForm = z.output<typeof rateFormSchema>;
