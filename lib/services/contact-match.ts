import { Dexie } from 'dexie';
import type { SidecarDb } from '../db';
import type { Contact } from '../domain/records';
import { whereAnyOf } from './index-reads';

/** Past one address per this many contacts, reading every contact beats one index read per address. */
const SCAN_RATIO = 10;
const PAGE = 5000;

/**
 * Contacts (deleted ones too: the caller decides) holding any of these
 * addresses or LinkedIn profile URLs. A few are looked up by index, one read
 * each; an import's tens of thousands are matched against every contact read
 * a page at a time instead, where 50,000 index reads took 7-8 s against 10,000
 * contacts. In the caller's transaction when it has one.
 */
export async function contactsWithAny(db: SidecarDb, emails: readonly string[], urls: readonly string[]): Promise<Contact[]> {
  const wanted = new Set(emails).size + new Set(urls).size;
  if (wanted === 0) return [];
  const run = async () => {
    if (wanted * SCAN_RATIO < (await db.contacts.count())) {
      const [byEmail, byUrl] = await Promise.all([
        whereAnyOf(db.contacts, 'emails', emails, (c) => c.id),
        whereAnyOf(db.contacts, 'linkedinUrl', urls, (c) => c.id),
      ]);
      const seen = new Set(byEmail.map((c) => c.id));
      return [...byEmail, ...byUrl.filter((c) => !seen.has(c.id))];
    }
    const e = new Set(emails);
    const u = new Set(urls);
    const out: Contact[] = [];
    let after = '';
    for (;;) {
      const page = await db.contacts.where(':id').above(after).limit(PAGE).toArray();
      for (const c of page) if (c.emails.some((x) => e.has(x)) || (c.linkedinUrl !== null && u.has(c.linkedinUrl))) out.push(c);
      if (page.length < PAGE) return out;
      after = page[page.length - 1]!.id;
    }
  };
  return Dexie.currentTransaction ? run() : db.transaction('r', db.contacts, run);
}
