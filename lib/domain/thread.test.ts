import { activityKey, planThreadActivities, threadPeople, type MailMessage } from './thread';

const rep = { name: 'Rep', email: 'rep@acme.com' };
const dana = { name: 'Dana', email: 'dana@bigcorp.io' };
const sam = { name: 'Sam', email: 'sam@bigcorp.io' };
const lee = { name: 'Lee', email: 'lee@other.org' };
const msgs: MailMessage[] = [
  { id: 'm1', from: dana, recipients: [rep, sam], date: 1000 },
  { id: 'm2', from: rep, recipients: [dana, sam], date: 2000 },
  { id: 'm3', from: lee, recipients: [rep, dana], date: 3000 },
  { id: 'm4', from: dana, recipients: [rep], date: null },
];
const mine = new Set([rep.email]);

describe('threadPeople', () => {
  it('puts the most recent external sender first and never the rep', () => {
    expect(threadPeople(msgs, mine).map((p) => p.email)).toEqual(['dana@bigcorp.io', 'lee@other.org', 'sam@bigcorp.io']);
  });
  it('is empty for a thread of the rep alone', () => {
    expect(threadPeople([{ id: 'x', from: rep, recipients: [rep], date: 1 }], mine)).toEqual([]);
  });
});

describe('planThreadActivities', () => {
  const contacts = new Map([
    [dana.email, { contactId: 'c-dana', dealId: 'd-dana' }],
    [sam.email, { contactId: 'c-sam', dealId: null }],
  ]);

  it('logs inbound from contacts and outbound to contacts, with the message date or now', () => {
    const plan = planThreadActivities({ messages: msgs, mine, contacts, existing: new Set(), now: 9999 });
    expect(plan).toEqual([
      { kind: 'email_in', sourceId: 'm1', contactId: 'c-dana', dealId: 'd-dana', at: 1000 },
      { kind: 'email_out', sourceId: 'm2', contactId: 'c-dana', dealId: 'd-dana', at: 2000 },
      { kind: 'email_out', sourceId: 'm2', contactId: 'c-sam', dealId: null, at: 2000 },
      { kind: 'email_in', sourceId: 'm4', contactId: 'c-dana', dealId: 'd-dana', at: 9999 },
    ]);
  });

  it('never logs a message twice for the same contact', () => {
    const existing = new Set([activityKey('m1', 'c-dana'), activityKey('m2', 'c-sam')]);
    const plan = planThreadActivities({ messages: [...msgs, msgs[0]!], mine, contacts, existing, now: 1 });
    expect(plan.map((p) => `${p.sourceId}/${p.contactId}`)).toEqual(['m2/c-dana', 'm4/c-dana']);
  });

  it('does nothing without known contacts', () => {
    expect(planThreadActivities({ messages: msgs, mine, contacts: new Map(), existing: new Set(), now: 1 })).toEqual([]);
  });
});
