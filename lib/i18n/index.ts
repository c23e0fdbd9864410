import type { LanguageSetting } from '../domain/settings';
import type { Stage } from '../domain/stages';
import { en, type MessageKey } from './en';
import { id } from './id';

export type Language = 'en' | 'id';
export type { MessageKey };

const DICTS = { en, id } as const;

/** The language setting wins; 'auto' follows the browser's preferred languages. */
export function resolveLanguage(setting: LanguageSetting, browserLanguages: readonly string[]): Language {
  if (setting !== 'auto') return setting;
  for (const l of browserLanguages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'id' || base === 'in') return 'id';
    if (base === 'en') return 'en';
  }
  return 'en';
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
  const key = `stage.${stage.id}` as MessageKey;
  return key in en ? t(key) : stage.id;
}
