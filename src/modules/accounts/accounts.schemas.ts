import { z } from 'zod';
import { roles } from '../../db/schema.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';
import { messages } from '../../platform/i18n/fr.js';

const text = messages.accounts.errors;
const EMAIL = z.email();

const email = z
  .string({ error: text.emailRequired })
  .trim()
  .min(1, { error: text.emailRequired, abort: true })
  .refine((value) => value.length <= 254 && EMAIL.safeParse(value).success, { error: text.emailInvalid });

export const signInSchema = z.object({
  email,
  password: z.string({ error: text.passwordRequired }).min(1, { error: text.passwordRequired }),
});
export const signInFields = ['email', 'password'] as const;

export const resetRequestSchema = z.object({ email });
export const resetRequestFields = ['email'] as const;

export const choosePasswordSchema = z
  .object({
    password: z
      .string({ error: text.passwordRequired })
      .min(1, { error: text.passwordRequired, abort: true })
      .min(MIN_PASSWORD_LENGTH, { error: text.passwordTooShort(MIN_PASSWORD_LENGTH) })
      .max(MAX_PASSWORD_LENGTH, { error: text.passwordTooLong(MAX_PASSWORD_LENGTH) }),
    confirmation: z.string({ error: text.confirmMismatch }),
  })
  .refine((values) => values.password === values.confirmation, {
    error: text.confirmMismatch,
    path: ['confirmation'],
  });
export const choosePasswordFields = ['password', 'confirmation'] as const;

const role = z.enum(roles, { error: text.roleRequired });

export const inviteSchema = z.object({
  email,
  display_name: z.string({ error: text.nameRequired }).trim().min(1, { error: text.nameRequired }).max(120),
  role,
});
export const inviteFields = ['email', 'display_name', 'role'] as const;

export const roleChangeSchema = z.object({ role });
