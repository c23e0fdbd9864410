import fc from 'fast-check';
import { matchCandidates, normalizeCompanyName, normalizePersonName } from './match';

const contact = (id: string, name: string, company: string | null = null, linkedinUrl: string | null = null) => ({
  id,
  name,
  company,
  linkedinUrl,
});

describe('normalizePersonName', () => {
  it.each([
    ['José Álvarez', 'jose alvarez'],
    ['  JOSÉ   ÁLVAREZ ', 'jose alvarez'],
    ['Budi S. Santoso', 'budi s santoso'],
    ['Dr. Ir. Budi Santoso, S.Kom', 'budi santoso'],
    ['Sari Dewi, S.E., M.M.', 'sari dewi'],
    ['Mr John Smith Jr.', 'john smith'],
    ['Jane Doe, PhD, MBA', 'jane doe'],
    ['Seo Se', 'seo se'],
    ["Seán O'Brien", 'sean obrien'],
    ['Jean-Pierre Dupont', 'jean pierre dupont'],
    ['Zoë Ørsted Müller', 'zoe ørsted muller'],
    ['🚀 Dana Prospect 🔥', 'dana prospect'],
    ['محمد بن سلمان', 'محمد بن سلمان'],
    ['Dr.', 'dr'],
    ['🚀', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizePersonName(input)).toBe(expected);
  });
});

describe('normalizeCompanyName', () => {
  it.each([
    ['PT Toko Maju Tbk', 'toko maju'],
    ['PT. Toko Maju Tbk.', 'toko maju'],
    ['Toko Maju', 'toko maju'],
    ['PT Bank Rakyat Indonesia (Persero) Tbk', 'bank rakyat indonesia'],
    ['BigCorp, Inc.', 'bigcorp'],
    ['Acme Software Pte. Ltd.', 'acme software pte'],
    ['Siemens AG', 'siemens ag'],
    ['Nestlé S.A.', 'nestle'],
    ['Philips B.V.', 'philips'],
    ['CV', 'cv'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });
});

describe('matchCandidates', () => {
  const ids = (profile: { name: string; company: string | null }, contacts: ReturnType<typeof contact>[]) =>
    matchCandidates(profile, contacts).map((m) => m.id);

  it.each([
    ['accents', { name: 'José Álvarez', company: null }, 'Jose Alvarez', null],
    ['case', { name: 'DANA PROSPECT', company: null }, 'dana prospect', null],
    ['a middle initial', { name: 'Budi S. Santoso', company: null }, 'Budi Santoso', null],
    ['a middle name on the contact', { name: 'Budi Santoso', company: null }, 'Budi Setiawan Santoso', null],
    ['a dropped last name', { name: 'Maria Garcia Lopez', company: null }, 'Maria Garcia', null],
    ['an added first name', { name: 'Maria Garcia', company: null }, 'Ana Maria Garcia Lopez', null],
    ['legal forms', { name: 'Budi Santoso', company: 'PT Toko Maju Tbk' }, 'Budi Santoso', 'Toko Maju'],
    ['a mononym with the company', { name: 'Sukarno', company: 'Toko Maju' }, 'Sukarno', 'PT Toko Maju Tbk'],
    ['a right-to-left name', { name: 'محمد بن سلمان', company: null }, 'محمد بن سلمان', null],
    ['emoji', { name: '🚀 Dana Prospect', company: null }, 'Dana Prospect 🔥', null],
    ['titles and degrees', { name: 'Budi Santoso', company: null }, 'Ir. Budi Santoso, S.Kom', null],
  ])('matches despite %s', (_label, profile, name, company) => {
    expect(ids(profile, [contact('c1', name, company)])).toEqual(['c1']);
  });

  it.each([
    ['only the first name', { name: 'Budi Santoso', company: null }, 'Budi Hartono', null],
    ['only the last name', { name: 'Budi Santoso', company: null }, 'Agus Santoso', null],
    ['a mononym without the company', { name: 'Sukarno', company: null }, 'Sukarno', null],
    ['a mononym at another company', { name: 'Sukarno', company: 'Toko Maju' }, 'Sukarno', 'BigCorp'],
    ['a single shared token', { name: 'Maria Garcia Lopez', company: null }, 'Maria', null],
    ['a partial name at another company', { name: 'Maria Garcia Lopez', company: 'BigCorp' }, 'Maria Garcia', 'SmallCorp'],
    ['an emoji-only name', { name: '🚀', company: null }, '🔥', null],
  ])('does not match on %s', (_label, profile, name, company) => {
    expect(ids(profile, [contact('c1', name, company)])).toEqual([]);
  });

  it('keeps an exact full name at another company, below a match at the same company', () => {
    const result = matchCandidates({ name: 'Dana Prospect', company: 'BigCorp' }, [
      contact('old-job', 'Dana Prospect', 'SmallCorp'),
      contact('same', 'Dana Prospect', 'BigCorp Indonesia'),
      contact('no-company', 'Dana Prospect'),
    ]);
    expect(result).toEqual([
      { id: 'same', score: 1, reasons: ['full-name', 'company'] },
      { id: 'no-company', score: 0.9, reasons: ['full-name'] },
      { id: 'old-job', score: 0.7, reasons: ['full-name', 'company-mismatch'] },
    ]);
  });

  it('ranks a full name over first + last over a subset, and honours the limit', () => {
    const contacts = [
      contact('subset', 'Maria Garcia'),
      contact('first-last', 'Maria Elena Lopez'),
      contact('full', 'María García López'),
      contact('linked', 'Maria Garcia Lopez', null, 'https://www.linkedin.com/in/maria/'),
    ];
    const profile = { name: 'Maria Garcia Lopez', company: null };
    expect(matchCandidates(profile, contacts).map((m) => [m.id, m.reasons[0]])).toEqual([
      ['full', 'full-name'],
      ['first-last', 'first-last'],
      ['subset', 'name-subset'],
    ]);
    expect(matchCandidates(profile, contacts, 2).map((m) => m.id)).toEqual(['full', 'first-last']);
    expect(matchCandidates(profile, contacts, 0)).toEqual([]);
  });

  it('skips contacts that already have a LinkedIn URL, and takes any iterable', () => {
    function* contacts() {
      yield contact('linked', 'Dana Prospect', null, 'https://www.linkedin.com/in/dana-prospect/');
      yield contact('blank-url', 'Dana Prospect', null, '  ');
    }
    expect(matchCandidates({ name: 'Dana Prospect', company: null }, contacts()).map((m) => m.id)).toEqual(['blank-url']);
  });
});

describe('properties', () => {
  const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'ï', o: 'ô', u: 'ü', c: 'ç', n: 'ñ' };
  const word = fc.stringMatching(/^[a-z]{2,8}$/);
  const personName = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
  const disguise = (name: string, mask: number) =>
    Array.from(name)
      .map((ch, i) => ((mask >> i % 30) & 1 ? (ACCENTED[ch] ?? ch).toUpperCase() : ch))
      .join('');
  const contactArb = fc.record({
    id: fc.uuid(),
    name: fc.oneof(personName, fc.string()),
    company: fc.option(fc.oneof(personName, fc.string())),
    linkedinUrl: fc.option(fc.constant('https://www.linkedin.com/in/someone/')),
  });

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        expect(normalizePersonName(normalizePersonName(s))).toBe(normalizePersonName(s));
        expect(normalizeCompanyName(normalizeCompanyName(s))).toBe(normalizeCompanyName(s));
      }),
    );
  });

  it('matching is insensitive to case and accents', () => {
    fc.assert(
      fc.property(personName, fc.option(personName), fc.array(contactArb), fc.integer(), (name, company, contacts, mask) => {
        const plain = matchCandidates({ name, company }, contacts, 10);
        const disguised = contacts.map((c) => ({ ...c, name: disguise(c.name, mask) }));
        const profile = { name: disguise(name, ~mask), company: company && disguise(company, mask) };
        expect(matchCandidates(profile, disguised, 10)).toEqual(plain);
      }),
    );
  });

  it('never returns a contact with a LinkedIn URL, nor more than the limit, best first', () => {
    fc.assert(
      fc.property(personName, fc.option(personName), fc.array(contactArb), fc.integer({ min: -1, max: 5 }), (name, company, contacts, limit) => {
        const result = matchCandidates({ name, company }, contacts, limit);
        const byId = new Map(contacts.map((c) => [c.id, c]));
        expect(result.length).toBeLessThanOrEqual(Math.max(limit, 0));
        for (const m of result) expect(byId.get(m.id)?.linkedinUrl).toBeNull();
        for (let i = 1; i < result.length; i++) expect(result[i - 1]!.score).toBeGreaterThanOrEqual(result[i]!.score);
      }),
    );
  });

  it('finds a contact by its own name', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 4 }), (words) => {
        const name = words.join(' ');
        fc.pre(normalizePersonName(name).includes(' ')); // "Ir Aa" is the mononym "aa"
        expect(matchCandidates({ name, company: null }, [contact('me', name)]).map((m) => m.id)).toEqual(['me']);
      }),
    );
  });
});
