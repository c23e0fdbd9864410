import type { LanguageSetting } from '../domain/settings';
import type { Stage } from '../domain/stages';
import { en, type MessageKey, type Messages } from './en';
import { id } from './id';
import { stageKey } from './keys';
import { matchLanguage, type Language } from './languages';

export { LANGUAGES, type Language } from './languages';
export type { MessageKey };

/** One dictionary per language of LANGUAGES: a missing one, or a missing key in one, does not compile. */
export const DICTS: Readonly<Record<Language, Messages>> = { en, id };

/** The language setting wins; 'auto' follows the browser's preferred languages. */
export function resolveLanguage(setting: LanguageSetting, browserLanguages: readonly string[]): Language {
  if (setting !== 'auto') return setting;
  return matchLanguage(browserLanguages) ?? 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Language): Translate {
  const dict = DICTS[lang];
  return (key, params) => {
    const text: string = dict[key] ?? en[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/** A stage's display name: the rep's own name, or the built-in one in the UI language. */
export function stageName(stage: Pick<Stage, 'id' | 'name'>, t: Translate): string {
  if (stage.name) return stage.name;
  return stageKey.has(stage.id) ? t(stageKey(stage.id)) : stage.id;
}
