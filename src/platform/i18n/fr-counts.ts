import { plural } from '../typography.js';

/** "1 caractère", "500 caractères": the count most messages of the catalogue give. */
export const characters = (count: number): string => plural(count, 'caractère', 'caractères');
