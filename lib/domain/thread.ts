import type { ActivityKind } from './records';

/** What the domain needs of an email thread; Gmail's reader output fits this shape. */
export interface MailPerson {
  name: string;
  email: string;
}
export interface MailMessage {
  id: string;
  from: MailPerson;
  recipients: MailPerson[];
  date: number | null;
}

/**
 * The thread's external people, the primary person first: the most recent
 * external sender, then earlier external senders, then external recipients.
 * The rep (any of `mine`) is never among them.
 */
export function threadPeople(messages: readonly MailMessage[], mine: ReadonlySet<string>): MailPerson[] {
  const out = new Map<string, MailPerson>();
  const add = (p: MailPerson) => {
    if (mine.has(p.email) || out.has(p.email)) return;
    out.set(p.email, p);
  };
  for (let i = messages.length - 1; i >= 0; i--) add(messages[i]!.from);
  for (let i = messages.length - 1; i >= 0; i--) messages[i]!.recipients.forEach(add);
  return [...out.values()];
}

export interface KnownContact {
  contactId: string;
  dealId: string | null;
}

export interface PlannedActivity {
  kind: Extract<ActivityKind, 'email_in' | 'email_out'>;
  sourceId: string;
  contactId: string;
  dealId: string | null;
  at: number;
}

export const activityKey = (sourceId: string, contactId: string) => `${sourceId}\u0000${contactId}`;

/**
 * One activity per (message, contact): email_in when a contact wrote it (it
 * reached the rep's mailbox, even on Bcc or through a list), email_out for
 * each contact the rep wrote to. Mail from non-contacts is left alone. `existing` holds activityKey()s
 * already logged, so replaying a thread never duplicates.
 */
export function planThreadActivities(input: {
  messages: readonly MailMessage[];
  mine: ReadonlySet<string>;
  contacts: ReadonlyMap<string, KnownContact>;
  existing: ReadonlySet<string>;
  now: number;
}): PlannedActivity[] {
  const { messages, mine, contacts, existing, now } = input;
  const planned: PlannedActivity[] = [];
  const seen = new Set(existing);
  const push = (kind: PlannedActivity['kind'], m: MailMessage, c: KnownContact) => {
    const key = activityKey(m.id, c.contactId);
    if (seen.has(key)) return;
    seen.add(key);
    planned.push({ kind, sourceId: m.id, contactId: c.contactId, dealId: c.dealId, at: m.date ?? now });
  };
  for (const m of messages) {
    const sender = contacts.get(m.from.email);
    if (sender && !mine.has(m.from.email)) {
      push('email_in', m, sender);
    } else if (mine.has(m.from.email)) {
      for (const r of m.recipients) {
        const c = contacts.get(r.email);
        if (c && !mine.has(r.email)) push('email_out', m, c);
      }
    }
  }
  return planned;
}
