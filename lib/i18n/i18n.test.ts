import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LanguageSettingSchema } from '../domain/settings';
import { en } from './en';
import { DICTS, LANGUAGES, resolveLanguage, stageName, translator } from './index';

const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/_locales');

describe('i18n', () => {
  it.each(LANGUAGES)('has every English key in %s, each non-empty and with the same placeholders', (lang) => {
    const dict = DICTS[lang];
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(dict[key], key).toBeTruthy();
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(dict[key]), key).toEqual(ph(en[key]));
    }
  });

  it('keeps the list of languages in one place: the setting and the manifest locales follow it', () => {
    expect(LanguageSettingSchema.options).toEqual(['auto', ...LANGUAGES]);
    expect(readdirSync(locales).sort()).toEqual([...LANGUAGES].sort());
    const names = (lang: string) => Object.keys(JSON.parse(readFileSync(path.join(locales, lang, 'messages.json'), 'utf8'))).sort();
    for (const lang of LANGUAGES) expect(names(lang), lang).toEqual(names('en'));
  });

  it('follows the browser unless overridden', () => {
    expect(resolveLanguage('auto', ['id-ID', 'en'])).toBe('id');
    expect(resolveLanguage('auto', ['fr-FR', 'en-GB'])).toBe('en');
    expect(resolveLanguage('auto', ['de'])).toBe('en');
    expect(resolveLanguage('en', ['id-ID'])).toBe('en');
    expect(resolveLanguage('auto', ['in'])).toBe('id');
  });

  it('interpolates and names stages', () => {
    expect(translator('id')('deal.advance', { stage: 'Kualifikasi' })).toBe('Pindahkan ke Kualifikasi');
    expect(stageName({ id: 'meeting', name: null }, translator('id'))).toBe('Pertemuan');
    expect(stageName({ id: 'meeting', name: 'Demo' }, translator('id'))).toBe('Demo');
    expect(stageName({ id: 'custom-1', name: null }, translator('en'))).toBe('custom-1');
  });
});
