import { describe, expect, it } from 'vitest';
import { cleanId, makePerson, normaliseEmail, parseAddressList, uniquePeople } from './people';

describe('people helpers', () => {
  it('normaliseEmail lower-cases, trims and rejects non-addresses', () => {
    expect(normaliseEmail('  Dana@BigCorp.IO ')).toBe('dana@bigcorp.io');
    expect(normaliseEmail('mailto:kim@startup.dev')).toBe('kim@startup.dev');
    for (const bad of ['', 'dana', 'a@b', '<a@b.co>', null, undefined]) expect(normaliseEmail(bad)).toBeNull();
  });

  it('makePerson removes invisible direction overrides, which would show a name reversed or disguised', () => {
    expect(makePerson('\u202eDana Prospect\u202c', 'dana@bigcorp.io')?.name).toBe('Dana Prospect');
    expect(makePerson('Dana\u2066\u200f Prospect\u2069\ufeff', 'dana@bigcorp.io')?.name).toBe('Dana Prospect');
  });

  it('makePerson cleans names and drops a name that only repeats the address', () => {
    expect(makePerson('  Dana \u00a0 Prospect ', 'DANA@bigcorp.io')).toEqual({ name: 'Dana Prospect', email: 'dana@bigcorp.io' });
    expect(makePerson('dana@BigCorp.io', 'dana@bigcorp.io')).toEqual({ name: '', email: 'dana@bigcorp.io' });
    expect(makePerson('x'.repeat(400), 'a@b.co')?.name).toHaveLength(300);
    expect(makePerson('Dana', 'nope')).toBeNull();
  });

  it('parseAddressList handles quotes, angle brackets and separators', () => {
    expect(parseAddressList('"Prospect, Dana" <dana@bigcorp.io>; Sam <SAM@bigcorp.io>,kim@startup.dev,, bad')).toEqual([
      { name: 'Prospect, Dana', email: 'dana@bigcorp.io' },
      { name: 'Sam', email: 'sam@bigcorp.io' },
      { name: '', email: 'kim@startup.dev' },
    ]);
    expect(parseAddressList('')).toEqual([]);
    expect(parseAddressList(null)).toEqual([]);
  });

  it('uniquePeople keeps the first, fills a missing name and leaves out the excluded address', () => {
    const people = uniquePeople(
      [{ name: '', email: 'a@b.co' }, null, { name: 'A', email: 'a@b.co' }, { name: 'Me', email: 'me@x.co' }],
      'me@x.co',
    );
    expect(people).toEqual([{ name: 'A', email: 'a@b.co' }]);
  });

  it('cleanId strips # and rejects empty / "undefined" / oversized ids', () => {
    expect(cleanId('#msg-f:1882639733620975553')).toBe('msg-f:1882639733620975553');
    expect(cleanId(' 1a207adcf283a7c1 ')).toBe('1a207adcf283a7c1');
    for (const bad of ['', '#', 'undefined', '#undefined', 'x'.repeat(201), null, undefined]) expect(cleanId(bad)).toBeNull();
  });
});
