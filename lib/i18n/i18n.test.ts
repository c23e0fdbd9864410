import { en } from './en';
import { id } from './id';
import { resolveLanguage, stageName, translator } from './index';

describe('i18n', () => {
  it('has every English key in Indonesian, each non-empty and with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(id[key], key).toBeTruthy();
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(id[key]), key).toEqual(ph(en[key]));
    }
  });

  it('follows the browser unless overridden', () => {
    expect(resolveLanguage('auto', ['id-ID', 'en'])).toBe('id');
    expect(resolveLanguage('auto', ['fr-FR', 'en-GB'])).toBe('en');
    expect(resolveLanguage('auto', ['de'])).toBe('en');
    expect(resolveLanguage('en', ['id-ID'])).toBe('en');
  });

  it('interpolates and names stages', () => {
    expect(translator('id')('deal.advance', { stage: 'Kualifikasi' })).toBe('Pindahkan ke Kualifikasi');
    expect(stageName({ id: 'meeting', name: null }, translator('id'))).toBe('Pertemuan');
    expect(stageName({ id: 'meeting', name: 'Demo' }, translator('id'))).toBe('Demo');
    expect(stageName({ id: 'custom-1', name: null }, translator('en'))).toBe('custom-1');
  });
});
