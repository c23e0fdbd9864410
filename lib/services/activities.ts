import type { SidecarDb } from '../db';
import type { Activity, ActivityKind } from '../domain/records';
import { activityKey, planThreadActivities, type KnownContact, type MailMessage } from '../domain/thread';
import { whereAnyOf } from './index-reads';
import { findPeopleByEmails } from './people';
import { newActivity } from './records';
import { touchSummaries } from './summaries';

// A compose-send is logged before Gmail shows the sent message; when the thread
// later shows it, the two are the same email if they are this close in time.
const COMPOSE_MATCH_MS = 15 * 60_000;
export const COMPOSE_SOURCE_PREFIX = 'compose:';

/**
 * Logs each message of a thread once per (message id, contact), including
 * messages that arrived before the contact existed. Returns how many were added.
 */
export async function logThreadMessages(
  db: SidecarDb,
  messages: readonly MailMessage[],
  mine: ReadonlySet<string>,
  now: number,
  subject: string | null = null,
): Promise<number> {
  if (messages.length === 0) return 0;
  const emails = new Set<string>();
  for (const m of messages) {
    emails.add(m.from.email);
    for (const r of m.recipients) emails.add(r.email);
  }
  for (const e of mine) emails.delete(e);
  return db.transaction('rw', [db.contacts, db.deals, db.activities, db.summaries, db.settings], async () => {
    const people = await findPeopleByEmails(db, [...emails]);
    if (people.size === 0) return 0;
    const contacts = new Map<string, KnownContact>();
    for (const [email, p] of people) contacts.set(email, { contactId: p.contact.id, dealId: p.deal?.status === 'open' ? p.deal.id : null });
    const logged = await whereAnyOf(db.activities, 'sourceId', messages.map((m) => m.id));
    const existing = new Set(logged.map((a) => activityKey(a.sourceId!, a.contactId)));
    const plan = planThreadActivities({ messages, mine, contacts, existing, now });
    if (plan.length === 0) return 0;
    const toAdd: Activity[] = [];
    for (const p of plan) {
      if (p.kind === 'email_out' && (await claimComposeActivity(db, p.contactId, p.sourceId, p.at, now))) continue;
      toAdd.push(newActivity(p.kind, { ...p, text: subject?.slice(0, 300) || null }, now));
    }
    await db.activities.bulkAdd(toAdd);
    await touchSummaries(db, plan.map((p) => p.contactId), now);
    return toAdd.length;
  });
}


/** Binds an outbound activity logged at compose time to the real message id, instead of logging the email twice. */
async function claimComposeActivity(db: SidecarDb, contactId: string, sourceId: string, at: number, now: number): Promise<boolean> {
  const candidates = await db.activities
    .where('contactId')
    .equals(contactId)
    .filter((a) => a.kind === 'email_out' && !!a.sourceId?.startsWith(COMPOSE_SOURCE_PREFIX) && Math.abs(a.at - at) <= COMPOSE_MATCH_MS)
    .toArray();
  // Several sends to the same person within minutes: the closest in time is this one.
  const match = candidates.sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0];
  if (!match) return false;
  await db.activities.update(match.id, { sourceId, at, updatedAt: Math.max(now, match.updatedAt + 1) });
  return true;
}

/** Logs an email the rep just sent from compose, for each recipient who is a contact. */
export async function logComposeSent(
  db: SidecarDb,
  input: { composeKey: string; recipients: readonly string[]; subject: string },
  mine: ReadonlySet<string>,
  now: number,
): Promise<number> {
  const emails = input.recipients.filter((e) => !mine.has(e));
  if (emails.length === 0) return 0;
  return db.transaction('rw', [db.contacts, db.deals, db.activities, db.summaries, db.settings], async () => {
    const people = await findPeopleByEmails(db, emails);
    const sourceId = COMPOSE_SOURCE_PREFIX + input.composeKey;
    const already = new Set((await db.activities.where('sourceId').equals(sourceId).toArray()).map((a) => a.contactId));
    const toAdd: Activity[] = [];
    const contactIds = new Set<string>();
    for (const p of people.values()) {
      if (already.has(p.contact.id) || contactIds.has(p.contact.id)) continue;
      contactIds.add(p.contact.id);
      const dealId = p.deal?.status === 'open' ? p.deal.id : null;
      toAdd.push(newActivity('email_out', { contactId: p.contact.id, dealId, at: now, sourceId, text: input.subject.slice(0, 300) || null }, now));
    }
    await db.activities.bulkAdd(toAdd);
    await touchSummaries(db, [...contactIds], now);
    return toAdd.length;
  });
}

/** A manual entry (call, meeting, note, LinkedIn touch) on a contact and its open deal. */
export async function logManualActivity(
  db: SidecarDb,
  input: { kind: ActivityKind; contactId: string; text?: string | null; sourceId?: string | null },
  now: number,
): Promise<Activity> {
  return db.transaction('rw', [db.contacts, db.deals, db.activities, db.summaries, db.settings], async () => {
    const contact = await db.contacts.get(input.contactId);
    if (!contact || contact.deletedAt !== null) throw new Error('unknown contact');
    const deal = (await db.deals.where('contactId').equals(contact.id).toArray()).find((d) => d.status === 'open' && d.deletedAt === null);
    const text = input.text?.trim().slice(0, 1000) || null;
    const activity = newActivity(input.kind, { contactId: contact.id, dealId: deal?.id ?? null, at: now, text, sourceId: input.sourceId ?? null }, now);
    await db.activities.add(activity);
    await touchSummaries(db, [contact.id], now);
    return activity;
  });
}

/** Undo for a mis-click: a tombstone, so sync can carry the deletion. */
export async function deleteActivity(db: SidecarDb, id: string, now: number): Promise<void> {
  await db.transaction('rw', [db.contacts, db.activities, db.summaries, db.settings], async () => {
    const a = await db.activities.get(id);
    if (!a) return;
    await db.activities.update(id, { deletedAt: now, updatedAt: now });
    await touchSummaries(db, [a.contactId], now);
  });
}
