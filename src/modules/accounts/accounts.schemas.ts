import { z } from 'zod';
import { roles } from '../../db/schema.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../platform/auth/password.js';
import { messages } from '../../platform/i18n/fr.js';
import { openedVersionSchema } from '../../platform/versions.js';

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

const newPassword = {
  password: z
    .string({ error: text.passwordRequired })
    .min(1, { error: text.passwordRequired, abort: true })
    .min(MIN_PASSWORD_LENGTH, { error: text.passwordTooShort(MIN_PASSWORD_LENGTH) })
    .max(MAX_PASSWORD_LENGTH, { error: text.passwordTooLong(MAX_PASSWORD_LENGTH) }),
  confirmation: z.string({ error: text.confirmMismatch }),
};
const confirmed = <T extends { password: string; confirmation: string }>(values: T) =>
  values.password === values.confirmation;

export const choosePasswordSchema = z
  .object(newPassword)
  .refine(confirmed, { error: text.confirmMismatch, path: ['confirmation'] });
export const choosePasswordFields = ['password', 'confirmation'] as const;

export const NAME_MAX_LENGTH = 120;
const personName = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required, abort: true })
    .max(NAME_MAX_LENGTH, { error: text.nameTooLong(NAME_MAX_LENGTH) });

/** An invitee without an account: a name and a password. */
export const acceptNewAccountSchema = z
  .object({ display_name: personName(text.ownNameRequired), ...newPassword })
  .refine(confirmed, { error: text.confirmMismatch, path: ['confirmation'] });
export const acceptNewAccountFields = ['display_name', 'password', 'confirmation'] as const;

/** An invitee with an account: its password. */
export const acceptSignInSchema = z.object({
  password: z.string({ error: text.passwordRequired }).min(1, { error: text.passwordRequired }),
});
export const acceptSignInFields = ['password'] as const;

const role = z.enum(roles, { error: text.roleRequired });

export const inviteSchema = z
  .object({
    email,
    display_name: personName(text.nameRequired),
    role,
    organisation_id: z
      .string()
      .default('')
      .transform((value) => value.trim()),
  })
  .superRefine((form, context) => {
    // A partner account sees what is shared with the organisation it represents: it needs one.
    if (form.role === 'partner' && !z.uuid().safeParse(form.organisation_id).success)
      context.addIssue({
        code: 'custom',
        path: ['organisation_id'],
        message: text.partnerOrganisationRequired,
      });
  })
  .transform((form) => ({ ...form, organisation_id: form.role === 'partner' ? form.organisation_id : null }));
export const inviteFields = ['email', 'display_name', 'role', 'organisation_id'] as const;

export const roleChangeSchema = z.object({ role, version: openedVersionSchema });
