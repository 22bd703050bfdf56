import { z } from 'zod';
import { frenchTypography } from '../typography.js';

/**
 * zod's French messages, for the rare input no schema gave its own message (a field sent twice,
 * say). Every field still names its own message from the catalogue; this is only the fallback,
 * so that no English ever reaches a reader.
 */
const zodFr = z.locales.fr();

z.config({
  localeError: (issue) => {
    const message = zodFr.localeError(issue);
    if (typeof message === 'string') return frenchTypography(message);
    return message && { ...message, message: frenchTypography(message.message) };
  },
});
