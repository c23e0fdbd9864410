import { defaultSettings, migrateSettings } from './settings';

describe('settings', () => {
  it('defaults the currency from the locale', () => {
    expect(defaultSettings('id-ID').currency).toBe('IDR');
    expect(defaultSettings('en-US').currency).toBe('USD');
  });

  it('keeps valid stored fields and repairs bad ones individually', () => {
    const s = migrateSettings({ language: 'id', currency: 'not money', myAddresses: ['rep@x.io'] }, 'en');
    expect(s.language).toBe('id');
    expect(s.currency).toBe('USD');
    expect(s.myAddresses).toEqual(['rep@x.io']);
  });

  it('falls back to defaults for garbage', () => {
    expect(migrateSettings('nope', 'en')).toEqual(defaultSettings('en'));
    expect(migrateSettings({ stages: [] }, 'en').stages.length).toBe(6);
  });
});
