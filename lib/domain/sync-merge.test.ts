import fc from 'fast-check';
import { encodeHlc } from './hlc';
import { applyChange, mergeRows, rebaseLocal, wins, type StampedRow } from './sync-merge';

const stamp = fc.record({ ms: fc.integer({ min: 0, max: 50 }), counter: fc.integer({ min: 0, max: 3 }), node: fc.constantFrom('A', 'B', 'C') }).map(encodeHlc);
const field = fc.constantFrom('title', 'valueMinor', 'stageId', 'deletedAt');
const value = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('x', 'y', null));
const change = fc.record({ fields: fc.dictionary(field, value, { minKeys: 1 }), s: stamp, op: fc.constantFrom('put' as const, 'patch' as const) });

const run = (changes: { fields: Record<string, unknown>; s: string; op: 'put' | 'patch' }[]) => {
  let row: StampedRow | null = { data: { title: 'start' }, stamps: { title: encodeHlc({ ms: 0, counter: 0, node: '' }) } };
  for (const c of changes) row = applyChange('deals', row, c.op, c.fields, c.s)?.row ?? row;
  return row;
};

describe('per-field last writer wins', () => {
  it('ends in the same record whatever order the changes arrive in, and a repeated change changes nothing', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }).chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }))), ([a, b]) => {
        expect(run(b)).toEqual(run(a));
        expect(run([...a, ...a])).toEqual(run(a));
      }),
    );
  });

  it('keeps, for every field, the value of its latest write', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (cs) => {
        const row = run(cs)!;
        for (const [f, v] of Object.entries(row.data)) {
          const writes = cs.filter((c) => f in c.fields);
          if (writes.length === 0) continue;
          const latest = writes.reduce((m, c) => (wins(c.s, c.fields[f], m.s, m.fields[f]) ? c : m));
          expect(v).toEqual(latest.fields[f]);
        }
      }),
    );
  });

  it('insert fills only what nobody wrote; patch of an unknown record is dropped; stage history never changes', () => {
    const s1 = encodeHlc({ ms: 1, counter: 0, node: 'A' });
    const s9 = encodeHlc({ ms: 9, counter: 0, node: 'B' });
    const row = applyChange('suggestions', null, 'insert', { status: 'open' }, s1)!.row;
    const edited = applyChange('suggestions', row, 'patch', { status: 'accepted' }, encodeHlc({ ms: 2, counter: 0, node: 'A' }))!.row;
    expect(applyChange('suggestions', edited, 'insert', { status: 'open', phrase: 'demo' }, s9)!.row.data).toEqual({ status: 'accepted', phrase: 'demo' });
    expect(applyChange('deals', null, 'patch', { title: 'x' }, s1)).toBeNull();
    const history = applyChange('stageChanges', null, 'insert', { toStageId: 'a' }, s1)!.row;
    expect(applyChange('stageChanges', history, 'put', { toStageId: 'b' }, s9)).toEqual({ row: history, changed: false });
  });
});

describe('merging two records found to be one', () => {
  const row = (data: Record<string, unknown>, s: string): StampedRow => ({ data, stamps: Object.fromEntries(Object.keys(data).map((k) => [k, s])) });

  it('is the same whichever side it starts from, for every field but the addresses order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stamp, fc.dictionary(field, value)), { minLength: 2, maxLength: 4 }), (rows) => {
        const rs = rows.map(([s, d]) => row(d, s));
        const forward = rs.reduce((a, b) => mergeRows('deals', a, b));
        const backward = [...rs].reverse().reduce((a, b) => mergeRows('deals', a, b));
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('keeps every address of both contacts, the survivor\'s first, and a known LinkedIn URL', () => {
    const a = row({ name: 'Dana', emails: ['dana@acme.com'], linkedinUrl: null }, encodeHlc({ ms: 5, counter: 0, node: 'A' }));
    const b = row({ name: 'Dana P', emails: ['dana@acme.com', 'd@gmail.com'], linkedinUrl: 'https://www.linkedin.com/in/dana/' }, encodeHlc({ ms: 3, counter: 0, node: 'B' }));
    expect(mergeRows('contacts', a, b).data).toEqual({ name: 'Dana', emails: ['dana@acme.com', 'd@gmail.com'], linkedinUrl: 'https://www.linkedin.com/in/dana/' });
  });
});

describe('rebaseLocal', () => {
  it("keeps the device's own unsent fields over the server's", () => {
    expect(rebaseLocal({ title: 'server', valueMinor: 1 }, { title: 'mine', valueMinor: 0 }, new Set(['title']))).toEqual({ title: 'mine', valueMinor: 1 });
    expect(rebaseLocal({ title: 'server' }, undefined, new Set(['title']))).toEqual({ title: 'server' });
  });
});
