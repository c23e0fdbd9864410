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
const listOf = <T>(a: fc.Arbitrary<T>, max: number) =>
  fc.oneof(fc.array(a, { maxLength: 3 }), fc.constantFrom(max, max + 1).chain((n) => fc.array(a, { minLength: n, maxLength: n })));

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
    let accepted = 0;
    fc.assert(
      fc.property(values, (v) => {
        const ok = schema.safeParse(v).success;
        if (ok) accepted++;
        expect(fit(v), JSON.stringify(v)?.slice(0, 300)).toBe(ok);
      }),
      { numRuns: 1000 },
    );
    // Both sides of the line were tried, not only refusals.
    expect(accepted).toBeGreaterThan(0);
  });
});
