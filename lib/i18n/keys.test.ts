// Every key the code can build, in every language. The values come from the
// same enums the code builds keys from (each builder carries its domain), so a
// new activity kind, trigger, stage or nudge without a sentence fails here.
import { NUDGE_WHY_KEYS } from '../domain/nudges';
import { SCORE_RULES } from '../domain/scoring';
import { DICTS, LANGUAGES, type MessageKey } from './index';
import * as keys from './keys';

// Each builder is called only with values of its own domain.
const builders = Object.entries(keys) as unknown as [string, keys.KeyBuilder<string | number, MessageKey>][];

function expectEverywhere(key: string, where: string) {
  for (const lang of LANGUAGES) {
    const text = (DICTS[lang] as Readonly<Record<string, string>>)[key];
    expect(Object.hasOwn(DICTS[lang], key) && typeof text === 'string' && text.trim() !== '', `${where}: "${key}" in ${lang}`).toBe(true);
  }
}

describe('dynamic message keys', () => {
  it.each(builders)('%s: every value of its domain has a key in every language', (name, build) => {
    expect(build.domain.length, name).toBeGreaterThan(0);
    for (const value of build.domain) {
      expectEverywhere(build(value), `${name}(${value})`);
      expect(build.has(value)).toBe(true);
    }
    expect(build.has('not-a-value')).toBe(false);
  });

  it('has a sentence for every nudge why key and every score rule', () => {
    for (const key of NUDGE_WHY_KEYS) expectEverywhere(key, 'nudge why');
    for (const rule of SCORE_RULES) expectEverywhere(rule, 'score rule');
  });
});
