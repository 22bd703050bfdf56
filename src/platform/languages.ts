/** Languages as the back office shows them: their French names, and the direction they are written in. */

const languageNames = new Intl.DisplayNames(['fr'], { type: 'language' });

/** « arabe » for `ar`: the French name of an ISO 639-1 code. */
export function languageName(code: string): string {
  return languageNames.of(code) ?? code;
}

/** Written right to left. */
const RIGHT_TO_LEFT = ['ar', 'he', 'fa', 'ur'];

/** The `lang` and `dir` of an element holding text written in `language`. */
export function textAttributes(language: string | null): { lang?: string; dir?: 'rtl' | 'ltr' } {
  if (!language) return {};
  return { lang: language, dir: RIGHT_TO_LEFT.includes(language) ? 'rtl' : 'ltr' };
}
