import fc from 'fast-check';
import { compileTriggers, MAX_SNIPPET, scanText, suggestionKey } from './trigger-scan';
import { DEFAULT_TRIGGERS, type TriggerRule } from './triggers';

const matcher = compileTriggers(DEFAULT_TRIGGERS);
const scan = (text: string) => scanText(matcher, text);
const kinds = (text: string) => scan(text).map((h) => h.kind);

const rule = (over: Partial<TriggerRule> = {}): TriggerRule => ({
  id: 'r1',
  kind: 'demo_request',
  phrases: ['demo'],
  stageId: 'meeting',
  enabled: true,
  ...over,
});

describe('scanText', () => {
  it.each([
    ['Hi, could we schedule a demo for Thursday?', 'demo_request', 'meeting', 'schedule a demo'],
    ['Would love to book a demo.', 'demo_request', 'meeting', 'book a demo'],
    ['Pak, bisakah kita jadwalkan demo minggu depan?', 'demo_request', 'meeting', 'bisakah kita jadwalkan demo'],
    ['Kami mau minta demo produknya', 'demo_request', 'meeting', 'minta demo'],
    ['Mohon kirimkan, kami minta penawaran harga untuk 100 unit', 'quote_request', 'proposal', 'minta penawaran harga'],
    ['Please send pricing and a price list', 'quote_request', 'proposal', 'send pricing'],
    ['Kami sudah tanda tangan kontraknya', 'contract', 'closing', 'sudah tanda tangan'],
    ['We are ready to sign!', 'contract', 'closing', 'ready to sign'],
    ['Maaf, kami belum tertarik saat ini', 'not_interested', 'lost', 'belum tertarik'],
    ['Please remove me from your list', 'unsubscribe', 'lost', 'remove me from'],
    ['I want to order a sample first', 'sample_order', 'proposal', 'order a sample'],
    ['Our trial has ended, what next?', 'trial_finished', 'proposal', 'trial has ended'],
    ['We just started the trial', 'trial_started', 'meeting', 'started the trial'],
    ['Saya mau berlangganan newsletter Anda', 'mailing_signup', 'qualification', 'berlangganan newsletter'],
  ])('%s', (text, kind, stageId, phrase) => {
    expect(scan(text)).toEqual([{ ruleId: kind, kind, stageId, phrase }]);
  });

  it('tolerates case, punctuation, newlines and accents between words, and returns the text as written', () => {
    expect(scan('Can we SCHEDULE\n  a -- Demo?')).toEqual([
      { ruleId: 'demo_request', kind: 'demo_request', stageId: 'meeting', phrase: 'SCHEDULE\n  a -- Demo' },
    ]);
    expect(scan('Minta, penawaran\r\nHARGA ya')[0]!.phrase).toBe('Minta, penawaran\r\nHARGA');
    expect(scan('bóok à démo')[0]!.phrase).toBe('bóok à démo');
    // Decomposed accents (e + combining acute) stay with their letter.
    expect(scan('book a de\u0301mo\u0301 please')[0]!.phrase).toBe('book a de\u0301mo\u0301');
    // Full-width and ligature forms fold too.
    expect(kinds('ｂｏｏｋ ａ ｄｅｍｏ')).toEqual(['demo_request']);
  });

  it('matches accented phrases in plain text', () => {
    const m = compileTriggers([rule({ phrases: ['démo rápida'] })]);
    expect(scanText(m, 'una DEMO rapida por favor')[0]!.phrase).toBe('DEMO rapida');
  });

  it('reports each rule at most once, several rules in rule order', () => {
    const hits = scan('Can we book a demo? Also please send a quote. And book a demo again, send pricing.');
    expect(hits.map((h) => [h.kind, h.phrase])).toEqual([
      ['demo_request', 'book a demo'],
      ['quote_request', 'send a quote'],
    ]);
  });

  it('finds phrases that overlap another rule’s', () => {
    const m = compileTriggers([
      rule({ id: 'a', phrases: ['send the contract'] }),
      rule({ id: 'b', kind: 'contract', phrases: ['the contract today'] }),
    ]);
    expect(scanText(m, 'please send the contract today').map((h) => [h.ruleId, h.phrase])).toEqual([
      ['a', 'send the contract'],
      ['b', 'the contract today'],
    ]);
  });

  it('handles phrases made of astral letters', () => {
    const m = compileTriggers([rule({ phrases: ['𠀀𠀁 go'] }), rule({ id: 'r2', phrases: ['𠀁 go'] })]);
    expect(scanText(m, 'x 𠀀𠀁 go 𠀀𠀁 go').map((h) => [h.ruleId, h.phrase])).toEqual([['r1', '𠀀𠀁 go']]);
  });

  it('matches whole words only', () => {
    const m = compileTriggers([rule({ phrases: ['demo'] })]);
    expect(scanText(m, 'The demolition starts Monday; an undemocratic vote; demos')).toEqual([]);
    expect(scanText(m, 'a (demo), please')[0]!.phrase).toBe('demo');
    expect(kinds('I am interested')).toEqual([]);
    expect(kinds('unsubscribed')).toEqual([]);
  });

  it('ignores quoted lines and everything after a reply header', () => {
    expect(kinds('Thanks!\n> Can we schedule a demo?\n> ok')).toEqual([]);
    expect(kinds('Sounds good.\n\nOn Mon, 3 Mar 2025 at 10:00, Rep <rep@x.com> wrote:\nWant to book a demo?')).toEqual([]);
    expect(
      kinds('Sounds good.\n\nOn Mon, 3 Mar 2025 at 10:00 Rep Name <\nrep@x.com> wrote:\nWant to book a demo?'),
    ).toEqual([]);
    expect(kinds('Baik.\n\nPada tanggal Sen, 3 Mar 2025 pukul 10.00 Rep <rep@x.com> menulis:\nMau jadwalkan demo?')).toEqual([]);
    expect(kinds('Ok\n-----Original Message-----\nbook a demo')).toEqual([]);
    expect(kinds('Ok\n\nFrom: Rep <rep@x.com>\nSent: Monday\nTo: Dana\nbook a demo')).toEqual([]);
    // The lead's own text around quoted lines still counts, but never across them.
    expect(kinds('> old text\nYes, please send a quote\n> more')).toEqual(['quote_request']);
    expect(kinds('book a\n> quoted\ndemo')).toEqual([]);
    // Text before the header counts.
    expect(kinds('Let us book a demo.\nOn Mon, Rep wrote:\n> not interested')).toEqual(['demo_request']);
  });

  it('never matches disabled rules', () => {
    const m = compileTriggers(DEFAULT_TRIGGERS.map((r) => ({ ...r, enabled: r.kind !== 'demo_request' })));
    expect(scanText(m, 'book a demo and send a quote').map((h) => h.kind)).toEqual(['quote_request']);
    expect(scanText(compileTriggers([]), 'book a demo')).toEqual([]);
  });

  it('keeps at most 120 characters of a snippet', () => {
    const m = compileTriggers([rule({ phrases: ['book a demo'] })]);
    const text = `book ${'.'.repeat(300)} a demo`;
    const [hit] = scanText(m, text);
    expect(hit!.phrase).toHaveLength(MAX_SNIPPET);
    expect(text.startsWith(hit!.phrase)).toBe(true);
  });

  it('scans a 50 KB body', () => {
    const filler = 'We reviewed the demolition schedule and the undemocratic process with the team. '.repeat(320);
    const body = `${filler}\nBisakah kita jadwalkan\ndemo? Also, kindly send a quote.\n${filler}\n> please unsubscribe me\nOn Tue, Rep wrote:\nnot interested`;
    expect(body.length).toBeGreaterThan(50_000);
    expect(scan(body).map((h) => [h.kind, h.phrase])).toEqual([
      ['demo_request', 'Bisakah kita jadwalkan\ndemo'],
      ['quote_request', 'send a quote'],
    ]);
  });

  it('never throws, and every snippet is part of the input', () => {
    const words = ['book', 'a', 'demo', 'minta', 'penawaran', 'harga', 'not', 'interested', '>', 'On', 'wrote:', '\n', ' ', '.', 'é', '\u0301', 'İ', '😀', '𠀀'];
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(fc.constantFrom(...words)).map((w) => w.join(' ')),
      fc.array(fc.constantFrom(...words)).map((w) => w.join('')),
    );
    fc.assert(
      fc.property(text, (t) => {
        for (const hit of scan(t)) {
          expect(t.includes(hit.phrase)).toBe(true);
          expect(hit.phrase.length).toBeLessThanOrEqual(MAX_SNIPPET);
          expect(hit.phrase.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('suggestionKey', () => {
  it('gives one stable key per message and rule', () => {
    const [hit] = scan('book a demo');
    expect(suggestionKey(hit!, 'msg-f:123')).toBe(suggestionKey({ ...hit! }, 'msg-f:123'));
    expect(suggestionKey(hit!, 'msg-f:123')).not.toBe(suggestionKey(hit!, 'msg-f:124'));
    expect(suggestionKey({ ruleId: 'a:b' }, 'c')).not.toBe(suggestionKey({ ruleId: 'b' }, 'a:c'));
  });
});
