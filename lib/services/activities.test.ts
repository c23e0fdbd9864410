import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import type { Activity } from '../domain/records';
import type { MailMessage } from '../domain/thread';
import { COMPOSE_SOURCE_PREFIX, deleteActivity, logComposeSent, logManualActivity, logThreadMessages } from './activities';
import { createPerson } from './contacts';

const T = 1_790_000_000_000;
const MIN = 60_000;
const env = { now: T, locale: 'en-US' };

const rep = { name: 'Rep', email: 'rep@acme.com' };
const repAlias = { name: 'Rep', email: 'rep.alias@acme.com' };
const dana = { name: 'Dana', email: 'dana@bigcorp.io' };
const sam = { name: 'Sam', email: 'sam@bigcorp.io' };
const lee = { name: 'Lee', email: 'lee@other.org' };
const mine = new Set([rep.email, repAlias.email]);

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const person = async (p: { name: string; email: string }) => createPerson(db, p, env);
const all = async () => (await db.activities.toArray()).sort((a, b) => a.at - b.at || (a.contactId < b.contactId ? -1 : 1));
const keys = (acts: Activity[]) => acts.map((a) => `${a.kind}:${a.sourceId}:${a.contactId}`).sort();

const thread: MailMessage[] = [
  { id: 'm1', from: dana, recipients: [rep, sam], date: T - 30 * MIN },
  { id: 'm2', from: rep, recipients: [dana, sam], date: T - 20 * MIN },
  { id: 'm3', from: lee, recipients: [rep, dana], date: T - 10 * MIN },
];

describe('logThreadMessages', () => {
  it('logs email_in from contacts and email_out to contacts, once per (message, contact)', async () => {
    const d = await person(dana);
    const n = await logThreadMessages(db, thread, mine, T, 'Pricing');
    expect(n).toBe(2);
    const acts = await all();
    expect(acts).toHaveLength(2);
    expect(acts[0]).toMatchObject({
      kind: 'email_in',
      direction: 'in',
      channel: 'email',
      sourceId: 'm1',
      contactId: d.contact.id,
      dealId: d.deal.id,
      at: T - 30 * MIN,
      text: 'Pricing',
      deletedAt: null,
      createdAt: T,
    });
    expect(acts[1]).toMatchObject({ kind: 'email_out', direction: 'out', sourceId: 'm2', contactId: d.contact.id, dealId: d.deal.id, at: T - 20 * MIN });
  });

  it('is idempotent across repeated calls', async () => {
    await person(dana);
    await person(sam);
    expect(await logThreadMessages(db, thread, mine, T)).toBe(3);
    expect(await logThreadMessages(db, thread, mine, T + 1)).toBe(0);
    expect(await logThreadMessages(db, [...thread].reverse(), mine, T + 2)).toBe(0);
    expect(keys(await all())).toEqual(['email_in:m1:' + (await ids()).dana, 'email_out:m2:' + (await ids()).dana, 'email_out:m2:' + (await ids()).sam].sort());
  });

  it('does not duplicate when two calls run concurrently', async () => {
    await person(dana);
    await person(sam);
    const results = await Promise.all([logThreadMessages(db, thread, mine, T), logThreadMessages(db, thread, mine, T)]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await db.activities.count()).toBe(3);
    expect(new Set(keys(await all())).size).toBe(3);
  });

  it('logs messages from before the contact existed once the contact is created', async () => {
    await person(dana);
    expect(await logThreadMessages(db, thread, mine, T)).toBe(2);
    const s = await person(sam);
    expect(await logThreadMessages(db, thread, mine, T + 1)).toBe(1);
    const samActs = await db.activities.where('contactId').equals(s.contact.id).toArray();
    expect(samActs).toHaveLength(1);
    expect(samActs[0]).toMatchObject({ kind: 'email_out', sourceId: 'm2', dealId: s.deal.id, at: T - 20 * MIN });
    expect(await db.activities.count()).toBe(3);
  });

  it('does nothing when nobody in the thread is a contact', async () => {
    expect(await logThreadMessages(db, thread, mine, T)).toBe(0);
    expect(await logThreadMessages(db, [], mine, T)).toBe(0);
    expect(await db.activities.count()).toBe(0);
  });

  it('does not log a message from a non-contact to a contact when the rep did not write it', async () => {
    await person(dana);
    expect(await logThreadMessages(db, [thread[2]!], mine, T)).toBe(0);
    expect(await db.activities.count()).toBe(0);
  });

  // A message from contact Dana to contact Sam that shows in the rep's mailbox reached the rep
  // (Bcc, a list, a forward): it is inbound from Dana, and nothing is logged for Sam.
  it('logs a contact-to-contact message the rep received as email_in for the sender only', async () => {
    const d = await person(dana);
    await person(sam);
    const n = await logThreadMessages(db, [{ id: 'x1', from: dana, recipients: [sam], date: T }], mine, T);
    expect(n).toBe(1);
    expect((await all()).map((a) => [a.kind, a.contactId])).toEqual([['email_in', d.contact.id]]);
  });

  it('uses now when a message has no date, and no deal id for a closed deal', async () => {
    const d = await person(dana);
    await db.deals.update(d.deal.id, { status: 'won' });
    await logThreadMessages(db, [{ id: 'm9', from: dana, recipients: [rep], date: null }], mine, T + 7);
    const [a] = await all();
    expect(a).toMatchObject({ sourceId: 'm9', at: T + 7, dealId: null, text: null });
  });

  it('never logs the rep as a contact even if the rep has a contact record', async () => {
    await person(rep);
    await person(dana);
    await logThreadMessages(db, thread, mine, T);
    const repContact = (await db.contacts.where('emails').equals(rep.email).first())!;
    expect(await db.activities.where('contactId').equals(repContact.id).count()).toBe(0);
    expect(await db.activities.count()).toBe(2);
  });

  async function ids() {
    const c = await db.contacts.toArray();
    const by = (e: string) => c.find((x) => x.emails.includes(e))!.id;
    return { dana: by(dana.email), sam: by(sam.email) };
  }
});

describe('logComposeSent', () => {
  it('logs email_out per recipient contact, sourceId compose:<key>, ignoring the rep and non-contacts', async () => {
    const d = await person(dana);
    const s = await person(sam);
    await person(rep); // even as a contact, the rep is never a recipient to log
    const n = await logComposeSent(
      db,
      { composeKey: 'k1', recipients: [rep.email, dana.email, sam.email, lee.email, repAlias.email], subject: 'Proposal' },
      mine,
      T,
    );
    expect(n).toBe(2);
    const acts = await all();
    expect(acts.map((a) => a.contactId).sort()).toEqual([d.contact.id, s.contact.id].sort());
    for (const a of acts) {
      expect(a).toMatchObject({ kind: 'email_out', direction: 'out', channel: 'email', sourceId: 'compose:k1', at: T, text: 'Proposal' });
    }
    expect(acts.find((a) => a.contactId === d.contact.id)!.dealId).toBe(d.deal.id);
  });

  it('is idempotent on the compose key, and one activity per contact even with two of its addresses', async () => {
    const d = await person(dana);
    await db.contacts.update(d.contact.id, { emails: [dana.email, 'dana.alt@bigcorp.io'] });
    const input = { composeKey: 'k1', recipients: [dana.email, 'dana.alt@bigcorp.io'], subject: 'Hi' };
    expect(await logComposeSent(db, input, mine, T)).toBe(1);
    expect(await logComposeSent(db, input, mine, T + 1000)).toBe(0);
    expect(await db.activities.count()).toBe(1);
    expect(await logComposeSent(db, { ...input, composeKey: 'k2' }, mine, T + 2000)).toBe(1);
    expect(await db.activities.count()).toBe(2);
  });

  it('logs nothing when only the rep is addressed', async () => {
    await person(dana);
    expect(await logComposeSent(db, { composeKey: 'k', recipients: [rep.email], subject: 's' }, mine, T)).toBe(0);
    expect(await db.activities.count()).toBe(0);
  });

  it('is re-bound to the real message id when the thread later shows the sent message', async () => {
    const d = await person(dana);
    await logComposeSent(db, { composeKey: 'k1', recipients: [dana.email], subject: 'Proposal' }, mine, T);
    const [compose] = await all();
    const sent: MailMessage = { id: 'msg-f:1', from: rep, recipients: [dana], date: T + 2 * MIN };
    expect(await logThreadMessages(db, [sent], mine, T + 3 * MIN, 'Proposal')).toBe(0);
    const acts = await all();
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ id: compose!.id, kind: 'email_out', sourceId: 'msg-f:1', contactId: d.contact.id, at: T + 2 * MIN });
    expect(await db.activities.where('sourceId').startsWith(COMPOSE_SOURCE_PREFIX).count()).toBe(0);
    // and the thread stays idempotent afterwards
    expect(await logThreadMessages(db, [sent], mine, T + 4 * MIN)).toBe(0);
    expect(await db.activities.count()).toBe(1);
  });

  it('does not re-bind a compose activity more than 15 minutes away; logs the message separately', async () => {
    await person(dana);
    await logComposeSent(db, { composeKey: 'k1', recipients: [dana.email], subject: 'Old' }, mine, T);
    const later: MailMessage = { id: 'msg-f:2', from: rep, recipients: [dana], date: T + 16 * MIN };
    expect(await logThreadMessages(db, [later], mine, T + 17 * MIN)).toBe(1);
    expect((await all()).map((a) => a.sourceId).sort()).toEqual(['compose:k1', 'msg-f:2']);
  });

  it('does not re-bind a compose activity to an inbound message', async () => {
    await person(dana);
    await logComposeSent(db, { composeKey: 'k1', recipients: [dana.email], subject: 'Q' }, mine, T);
    expect(await logThreadMessages(db, [{ id: 'r1', from: dana, recipients: [rep], date: T + MIN }], mine, T + MIN)).toBe(1);
    expect((await all()).map((a) => `${a.kind}:${a.sourceId}`)).toEqual(['email_out:compose:k1', 'email_in:r1']);
  });

  // A re-bind is a write: updatedAt should be the time of the write (sync's last-writer-wins
  // relies on it). claimComposeActivity sets updatedAt = max(old updatedAt, message date), so
  // when Gmail's message date is at or before the compose time, updatedAt does not move.
  it('a re-bind bumps updatedAt to now', async () => {
    await person(dana);
    await logComposeSent(db, { composeKey: 'k1', recipients: [dana.email], subject: 'P' }, mine, T);
    const sent: MailMessage = { id: 'msg-f:1', from: rep, recipients: [dana], date: T - 1000 };
    await logThreadMessages(db, [sent], mine, T + 10 * MIN);
    const [a] = await all();
    expect(a!.sourceId).toBe('msg-f:1');
    expect(a!.updatedAt).toBe(T + 10 * MIN);
  });

  // Two emails to the same contact within 15 minutes: the thread of the second one claims the
  // first compose activity (candidates[0] by id, not the closest in time), so the activity
  // bound to msg "second" keeps the subject of the first email.
  it('binds a sent message to the compose activity closest in time', async () => {
    await person(dana);
    await logComposeSent(db, { composeKey: 'k1', recipients: [dana.email], subject: 'First' }, mine, T);
    await logComposeSent(db, { composeKey: 'k2', recipients: [dana.email], subject: 'Second' }, mine, T + 5 * MIN);
    await logThreadMessages(db, [{ id: 'second', from: rep, recipients: [dana], date: T + 5 * MIN }], mine, T + 6 * MIN, 'Second');
    const bound = (await db.activities.where('sourceId').equals('second').first())!;
    expect(bound.text).toBe('Second');
  });
});

describe('logManualActivity', () => {
  it('attaches the open deal and trims the text', async () => {
    const d = await person(dana);
    const a = await logManualActivity(db, { kind: 'call', contactId: d.contact.id, text: '  called, left voicemail \n' }, T + 5);
    const stored = await db.activities.get(a.id);
    expect(stored).toMatchObject({
      kind: 'call',
      direction: 'out',
      channel: 'phone',
      contactId: d.contact.id,
      dealId: d.deal.id,
      text: 'called, left voicemail',
      at: T + 5,
      sourceId: null,
      deletedAt: null,
    });
  });

  it('stores empty text as null and no deal when the deal is closed', async () => {
    const d = await person(dana);
    await db.deals.update(d.deal.id, { status: 'lost' });
    const a = await logManualActivity(db, { kind: 'note', contactId: d.contact.id, text: '   ' }, T);
    expect(await db.activities.get(a.id)).toMatchObject({ text: null, dealId: null, direction: 'none', channel: 'crm' });
  });

  it('throws for an unknown or deleted contact and writes nothing', async () => {
    await expect(logManualActivity(db, { kind: 'note', contactId: 'nope', text: 'x' }, T)).rejects.toThrow(/unknown contact/);
    const d = await person(dana);
    await db.contacts.update(d.contact.id, { deletedAt: T });
    await expect(logManualActivity(db, { kind: 'note', contactId: d.contact.id, text: 'x' }, T)).rejects.toThrow(/unknown contact/);
    expect(await db.activities.count()).toBe(0);
  });
});

describe('deleteActivity', () => {
  it('sets a tombstone instead of deleting', async () => {
    const d = await person(dana);
    const a = await logManualActivity(db, { kind: 'meeting', contactId: d.contact.id, text: 'demo' }, T);
    await deleteActivity(db, a.id, T + 99);
    expect(await db.activities.count()).toBe(1);
    expect(await db.activities.get(a.id)).toEqual({ ...a, deletedAt: T + 99, updatedAt: T + 99 });
  });
});
