import { relativeTime } from '../domain/relative-time';
import type { Language } from './languages';

const formats = new Map<Language, Intl.RelativeTimeFormat>();

/** "10 days ago" / "10 hari yang lalu", "yesterday" / "kemarin": `at` relative to `now`, in the UI language. */
export function formatRelative(lang: Language, at: number, now: number): string {
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = new Intl.RelativeTimeFormat(lang === 'id' ? 'id-ID' : 'en', { numeric: 'auto' })));
  const { value, unit } = relativeTime(at, now);
  return f.format(value, unit);
}
