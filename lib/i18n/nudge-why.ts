import { whyAt, type Nudge } from '../domain/nudges';
import type { Translate } from './index';
import type { Language } from './languages';
import { formatRelative } from './relative';

/**
 * A nudge's reason as the rep reads it, as of `now`: elapsed numbers counted from the stored `since`, "when"
 * said as a person says it ("10 days ago", not "251 hours ago"), missing fields by their names.
 */
export function nudgeWhyText(why: Nudge['why'], t: Translate, lang: Language, now: number): string {
  const shown = whyAt(why, now);
  const params = { ...shown.params };
  if (typeof params.since === 'number') params.ago = formatRelative(lang, params.since, now);
  if (typeof params.missing === 'string') {
    const names: Record<string, string> = { bant: 'BANT', value: t('deal.value'), closeDate: t('deal.expectedClose') };
    params.missing = params.missing
      .split(/,\s*/)
      .map((m) => names[m] ?? m)
      .join(', ');
  }
  return t(shown.key, params);
}
