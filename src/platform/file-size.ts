import { messages } from './i18n/fr.js';
import { formatNumberFr } from './typography.js';

const text = messages.media;

/** "245 ko", "2,4 Mo": the weight of a file as people read it (ko, the French symbol; 1 ko = 1 024 octets). */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024 * 1024)
    return `${formatNumberFr(Math.max(1, Math.round(bytes / 1024)))}\u00a0${text.kilobytes}`;
  return `${formatNumberFr(bytes / (1024 * 1024), { maximumFractionDigits: 1 })}\u00a0${text.megabytes}`;
}
