import { z } from 'zod';
import { messages } from '../../platform/i18n/fr.js';
import { parseAmount } from '../../platform/money.js';
import { UTILITY_DOMAINS } from './one-percent.js';

const text = messages.utilityBudgets;

export const budgetFields = ['year', 'domain', 'amount'] as const;

export const budgetFormSchema = z.object({
  year: z
    .string({ error: text.errors.yearInvalid })
    .trim()
    .refine((value) => /^(19|20|21)\d\d$/.test(value), { error: text.errors.yearInvalid })
    .transform(Number),
  domain: z.enum(UTILITY_DOMAINS, { error: text.errors.domainRequired }),
  amount: z
    .string({ error: text.errors.amountInvalid })
    .refine((value) => (parseAmount(value, 'EUR') ?? 0) > 0, { error: text.errors.amountInvalid })
    .transform((value) => parseAmount(value, 'EUR') ?? 0),
});
export type BudgetForm = z.output<typeof budgetFormSchema>;
