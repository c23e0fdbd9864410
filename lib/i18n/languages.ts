/**
 * The UI languages, listed once. The dictionaries (lib/i18n), the language
 * setting, the content script's own labels and public/_locales all follow this
 * list (lib/i18n/i18n.test.ts checks the ones a type cannot). No imports: the
 * content scripts use it without carrying the dictionaries.
 */
export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (v: unknown): v is Language => (LANGUAGES as readonly unknown[]).includes(v);

/** Older tags a browser may still report for one of ours ("in" was Indonesian's code before 1989). */
const ALIASES: Readonly<Record<string, Language>> = { in: 'id' };

/** The first of the browser's preferred languages (BCP 47 tags, best first) that we speak, if any. */
export function matchLanguage(tags: readonly string[]): Language | null {
  for (const tag of tags) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    const lang = isLanguage(base) ? base : ALIASES[base];
    if (lang) return lang;
  }
  return null;
}
