import { z } from 'zod';

/**
 * zod's French messages, for the rare input no schema gave its own message (a field sent twice,
 * say). Every field still names its own message from the catalogue; this is only the fallback,
 * so that no English ever reaches a reader.
 */
z.config(z.locales.fr());
