import { BANT_FIELDS, type Bant } from './bant';
import type { Activity, Company, Contact, Deal, Suggestion } from './records';

/**
 * Forgetting a person (a data-protection request: GDPR, Indonesia's UU PDP
 * 27/2022) leaves only tombstones: the record's id, the ids linking it to the
 * other tombstones, and `deletedAt`, so sync can carry the deletion. Every
 * field that could say who they were, what was said or when is blanked. Each
 * keeps its schema (records.ts), so the tombstones still sync and restore.
 */

export function forgottenContact(c: Contact, now: number): Contact {
  return {
    id: c.id,
    createdAt: now,
    updatedAt: now,
    deletedAt: now,
    name: '',
    emails: [],
    title: null,
    headline: null,
    location: null,
    companyId: null,
    linkedinUrl: null,
    photoUrl: null,
    phones: [],
    websites: [],
  };
}

export function forgottenDeal(d: Deal, now: number): Deal {
  return {
    id: d.id,
    createdAt: now,
    updatedAt: now,
    deletedAt: now,
    contactId: d.contactId,
    companyId: null,
    title: '',
    stageId: d.stageId,
    stageEnteredAt: now,
    status: d.status,
    valueMinor: 0,
    currency: d.currency,
    owner: null,
    expectedCloseAt: null,
    closedAt: null,
    lostReason: null,
    bant: null,
    leadSource: null,
  };
}

export function forgottenActivity(a: Activity, now: number): Activity {
  return { ...a, createdAt: now, updatedAt: now, deletedAt: now, at: now, sourceId: null, text: null };
}

export function forgottenSuggestion(s: Suggestion, now: number): Suggestion {
  return { ...s, createdAt: now, updatedAt: now, deletedAt: now, messageId: '', phrase: '', at: now };
}

export function forgottenCompany(c: Company, now: number): Company {
  return { id: c.id, createdAt: now, updatedAt: now, deletedAt: now, name: '', domain: null, industry: null, employees: null };
}

/**
 * What identifies a person inside rows that are not theirs (an undo entry, an
 * import batch, a queued sync change, a nudge state's id): the ids of their
 * records and their addresses, profile and web links, phone numbers, matched
 * anywhere inside a string, lower-cased. Not their name, nor their company's:
 * another person may have the same one. Nothing under 6 characters, which
 * could match text of anyone.
 */
export type PersonMarks = readonly string[];

export function personMarks(contacts: readonly Contact[], recordIds: readonly string[]): PersonMarks {
  const all = [...recordIds, ...contacts.flatMap((c) => [c.id, ...c.emails, c.linkedinUrl, c.photoUrl, ...(c.phones ?? []), ...(c.websites ?? [])])];
  return [...new Set(all.filter((s): s is string => !!s && s.trim().length >= 6).map((s) => s.trim().toLowerCase()))];
}

/** Whether any string inside `value` (walked through arrays and objects, keys too) holds one of the marks. */
export function mentions(value: unknown, marks: PersonMarks, depth = 0): boolean {
  if (typeof value === 'string') {
    const s = value.toLowerCase();
    return marks.some((m) => s.includes(m));
  }
  if (depth > 20 || value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
  const items = Array.isArray(value) ? value : [...Object.keys(value), ...Object.values(value)];
  return items.some((v) => mentions(v, marks, depth + 1));
}

/**
 * Another deal's qualification without the person: named as who decides
 * (authority), or their activity quoted as evidence. The answers' states
 * stay; null when nothing named them.
 */
export function bantWithout(bant: Bant | null, contactIds: ReadonlySet<string>, activityIds: ReadonlySet<string>): Bant | null {
  if (!bant) return null;
  let changed = false;
  const out = structuredClone(bant);
  if (out.authority.contactId !== null && contactIds.has(out.authority.contactId)) {
    out.authority.contactId = null;
    changed = true;
  }
  for (const f of BANT_FIELDS) {
    const ev = out[f].evidence;
    if (ev && ev.kind === 'activity' && activityIds.has(ev.sourceId)) {
      out[f].evidence = null;
      changed = true;
    }
  }
  return changed ? out : null;
}
