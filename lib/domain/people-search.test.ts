import fc from 'fast-check';
import { foldForSearch, PeopleIndex, queryWords, type Searchable } from './people-search';

const row = (name: string, p: Partial<Searchable> = {}): Searchable => ({ name, emails: [], company: null, notes: '', ...p });

const rows = [
  row('Dana Prospect', { emails: ['dana@bigcorp.io'], company: 'BigCorp', notes: 'wants a demo in March' }),
  row('José Ñúñez', { emails: ['jose@acme.es', 'j.nunez@gmail.com'], company: 'Acme Ibérica' }),
  row('Budi Santoso', { emails: ['budi@majujaya.co.id'], company: 'PT Maju Jaya', notes: 'minta penawaran harga' }),
  row('Siti Rahma', { company: null, notes: '' }),
];
const names = (index: PeopleIndex, q: string) => {
  const hits = index.search(q);
  return hits === null ? null : [...hits].map((i) => rows[i]!.name);
};

describe('PeopleIndex', () => {
  it('finds a row by any word of its name, addresses, company or notes, without case or accents', () => {
    const index = new PeopleIndex(rows);
    expect(names(index, 'dana')).toEqual(['Dana Prospect']);
    expect(names(index, 'BIGCORP.IO')).toEqual(['Dana Prospect']);
    expect(names(index, 'nunez')).toEqual(['José Ñúñez']); // the name folded, and the second address
    expect(names(index, 'ibérica')).toEqual(['José Ñúñez']);
    expect(names(index, 'penawaran')).toEqual(['Budi Santoso']);
    expect(names(index, 'maju budi')).toEqual(['Budi Santoso']); // every word, in any order
    expect(names(index, 'maju dana')).toEqual([]);
    expect(names(index, '  ')).toBeNull(); // nothing typed: every row
  });

  it('never matches across two fields', () => {
    const index = new PeopleIndex(rows);
    expect(names(index, 'prospectdana')).toEqual([]);
    expect(names(index, 'rahma\n')).toEqual(['Siti Rahma']);
  });

  it('folds compatibility forms and marks', () => {
    expect(foldForSearch('Ｒｅｎéｅ ＺÖＥ')).toBe('renee zoe');
    expect(queryWords('  Søren   Müller ')).toEqual(['søren', 'muller']);
  });

  it('typing on, deleting and retyping give what a fresh search gives (property)', () => {
    const word = fc.stringMatching(/^[a-dé ]{0,6}$/);
    fc.assert(
      fc.property(fc.array(fc.record({ name: word, company: fc.option(word, { nil: null }), notes: word }), { maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 8 }), (data, typed) => {
        const list = data.map((d) => row(d.name, d));
        const index = new PeopleIndex(list);
        for (const q of typed.flatMap((t) => [...Array(t.length + 1).keys()].map((k) => t.slice(0, k)))) {
          const words = queryWords(q);
          const expected = words.length === 0 ? null : list.flatMap((r, i) => (words.every((w) => foldForSearch(`${r.name}\n\n${r.company ?? ''}\n${r.notes}`).includes(w)) ? [i] : []));
          const got = index.search(q);
          expect(got === null ? null : [...got]).toEqual(expected);
        }
      }),
    );
  });
});
