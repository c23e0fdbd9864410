import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { resolveLanguage, translator, type Language, type Translate } from '@/lib/i18n';
import type { LanguageSetting } from '@/lib/domain/settings';

const I18nContext = createContext<{ t: Translate; lang: Language }>({ t: translator('en'), lang: 'en' });

export function I18nProvider({ setting, children }: { setting: LanguageSetting; children: ReactNode }) {
  const value = useMemo(() => {
    const lang = resolveLanguage(setting, navigator.languages ?? [navigator.language]);
    document.documentElement.lang = lang;
    return { t: translator(lang), lang };
  }, [setting]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
