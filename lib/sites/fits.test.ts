import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fit } from './fits';
import { gmailCompose, gmailMessage, gmailPerson, gmailThread } from './gmail/fits';
import { GmailComposeSchema, GmailMessageSchema, GmailPersonSchema, GmailThreadSchema } from './gmail/types';
import { linkedInContactInfo, linkedInConversation, linkedInProfile, linkedInProfileUrl } from './linkedin/fits';
import { LinkedInContactInfoSchema, LinkedInConversationSchema, LinkedInProfileSchema, LinkedInProfileUrlSchema } from './linkedin/types';

// Leaves near every limit the schemas set, of the right kind and of the wrong one.
const lengths = [0, 1, 40, 41, 200, 201, 300, 301, 320, 321, 500, 501, 2000, 2001];
const text = fc.oneof(
  { arbitrary: fc.string({ maxLength: 8 }), weight: 4 },
  fc.constantFrom(...lengths).map((n) => 'a'.repeat(n)),
  // Characters outside the BMP count twice, as zod counts them.
  fc.constantFrom(150, 151, 160, 250, 251).map((n) => '😀'.repeat(n)),
);
const address = fc.oneof(
  { arbitrary: fc.constantFrom('dana@bigcorp.io', 'budi.santoso@contoh.co.id', "o'neil+crm@x-y.io"), weight: 4 },
  { arbitrary: fc.emailAddress(), weight: 2 },
  fc.constantFrom('DANA@bigcorp.io', ' dana@bigcorp.io', 'a@b', '.a@b.co', 'a..b@c.co', `${'a'.repeat(310)}@bigcorp.io`),
);
const link = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'https://www.linkedin.com/in/dana-prospect/',
    'https://www.linkedin.com/in/dana prospect/',
    'https://www.linkedin.com/in/dana/extra/',
    `https://www.linkedin.com/in/${'d'.repeat(480)}/`,
    'http://www.linkedin.com/in/dana/',
    'javascript:alert(1)',
    ' https://media.licdn.com/p.jpg ',
    'http:example.com',
    'not a url',
    `https://x.io/${'p'.repeat(1990)}`,
  ),
);
const wrong = fc.constantFrom(null, undefined, 42, 1.5, Number.MAX_SAFE_INTEGER + 2, true, [], {});
const any = fc.oneof(text, address, link, wrong);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ arbitrary: a, weight: 12 }, { arbitrary: any, weight: 1 });
// Lists at their limit repeat one element (cheap to make and check) behind a varied head.
const listOf = <T>(a: fc.Arbitrary<T>, max: number) =>
  fc.oneof(
    { arbitrary: fc.array(a, { maxLength: 3 }), weight: 6 },
    fc.tuple(fc.constantFrom(max, max + 1), fc.array(a, { maxLength: 2 }), a).map(([n, head, rest]) => [...head, ...Array<T>(n - head.length).fill(rest)]),
  );

const person = fc.record({ name: maybe(text), email: maybe(address) });
const message = fc.record({
  id: maybe(text),
  from: maybe(person),
  recipients: maybe(listOf(person, 5)),
  date: maybe(fc.oneof(fc.integer(), fc.constant(null), fc.double()) as fc.Arbitrary<unknown>),
});
const cases: [string, Fit, { safeParse(v: unknown): { success: boolean } }, fc.Arbitrary<unknown>][] = [
  ['gmail person', gmailPerson, GmailPersonSchema, maybe(person)],
  ['gmail message', gmailMessage, GmailMessageSchema, maybe(message)],
  ['gmail thread', gmailThread, GmailThreadSchema, fc.record({ threadId: maybe(text), subject: maybe(text), messages: maybe(fc.array(message, { maxLength: 2 })) })],
  [
    'gmail compose',
    gmailCompose,
    GmailComposeSchema,
    fc.record({ composeId: maybe(fc.option(text)), threadId: maybe(fc.option(text)), subject: maybe(text), recipients: maybe(listOf(person, 500)) }),
  ],
  ['linkedin profile url', linkedInProfileUrl, LinkedInProfileUrlSchema, any],
  [
    'linkedin profile',
    linkedInProfile,
    LinkedInProfileSchema,
    fc.record({
      profileUrl: maybe(link),
      name: maybe(text),
      headline: maybe(fc.option(text)),
      company: maybe(fc.option(text)),
      location: maybe(fc.option(text)),
      photoUrl: maybe(fc.option(link)),
    }),
  ],
  ['linkedin conversation', linkedInConversation, LinkedInConversationSchema, fc.record({ profileUrl: maybe(fc.option(link)), name: maybe(text) })],
  [
    'linkedin contact info',
    linkedInContactInfo,
    LinkedInContactInfoSchema,
    fc.record({ emails: maybe(listOf(maybe(address), 5)), phones: maybe(listOf(maybe(text), 5)), websites: maybe(listOf(maybe(link), 5)) }),
  ],
];

describe('the content script’s hand checks', () => {
  it.each(cases)('%s: accepts exactly what the schema accepts', (_name, fit, schema, values) => {
    fc.assert(
      fc.property(values, (v) => {
        expect(fit(v), JSON.stringify(v)?.slice(0, 300)).toBe(schema.safeParse(v).success);
      }),
      { numRuns: 500 },
    );
  });

  it('accept what the readers make of a real thread and profile', () => {
    const dana = { name: 'Dana Prospect 😀', email: 'dana@bigcorp.io' };
    const message = { id: 'msg-f:1790000000000000000', from: dana, recipients: [{ name: '', email: 'me@sidecar.dev' }], date: 1_700_000_000_000 };
    const profile = {
      profileUrl: 'https://www.linkedin.com/in/dana-prospect/',
      name: 'Dana',
      headline: null,
      company: 'BigCorp',
      location: 'Jakarta',
      photoUrl: 'https://media.licdn.com/p.jpg',
    };
    const pairs: [Fit, { safeParse(v: unknown): { success: boolean } }, unknown][] = [
      [gmailThread, GmailThreadSchema, { threadId: '18c2f0a1b2c3d4e5', subject: 'Demo', messages: [message] }],
      [gmailCompose, GmailComposeSchema, { composeId: null, threadId: 'x', subject: '', recipients: [dana] }],
      [linkedInProfile, LinkedInProfileSchema, profile],
      [linkedInConversation, LinkedInConversationSchema, { profileUrl: null, name: 'Dana' }],
      [linkedInContactInfo, LinkedInContactInfoSchema, { emails: ['dana@bigcorp.io'], phones: ['+62 812'], websites: ['https://bigcorp.io/'] }],
    ];
    for (const [fit, schema, value] of pairs) {
      expect(schema.safeParse(value).success).toBe(true);
      expect(fit(value)).toBe(true);
    }
  });
});
