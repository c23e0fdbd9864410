import { useTestDb } from '@/test/unit/test-db';
import { recordStrings as strings } from '@/test/record-strings';
import type { SidecarDb } from '../db';
import { STATE_KEY } from '../db/sync-outbox';
import type { MailMessage } from '../domain/thread';
import { logComposeSent, logManualActivity, logThreadMessages } from './activities';
import { addContactDetails } from './contact-details';
import { createPerson } from './contacts';
import { keepVelocitySnapshots } from './dashboard';
import { moveDealStage, updateBant, updateDeal } from './deals';
import { forgetContact } from './forget';
import { beginJob, stageChunk } from './import-journal';
import { linkProfile } from './linkedin';
import { mergeContacts, undoChange } from './merge';
import { recomputeNudges } from './nudge-pass';
import { markNudge } from './nudges';
import { rememberMyAddress } from './settings';
import { scanForTriggers } from './triggers';

/*
 * Every store of SidecarDb (lib/db/schema.ts), checked one by one, and what forgetting does to it:
 *   contacts       the person, and the contacts merged into them: blank tombstones (id, deletedAt)
 *   companies      theirs, when no one else is at it: a blank tombstone; a shared one is untouched
 *   deals          blank tombstones (stage, status, currency kept; no title, value, BANT and its quotes, owner, source)
 *   activities     emails, LinkedIn messages, notes, stage changes: blank tombstones (kind kept; no text, message id, time)
 *   stageChanges   their deals' stage history: deleted (insert-only, cannot be blanked)
 *   suggestions    blank tombstones (no quoted phrase, no message id)
 *   nudgeStates    the rep's answers to their nudges: deleted
 *   summaries      their activity summary and engagement: deleted
 *   nudges         computed nudges: deleted
 *   factBuckets    the nudge engine's packed facts: the person taken out
 *   factsDirty     the engine's change markers naming them: deleted
 *   engineState    stage medians (which counted their stays) dropped, rebuilt from what is left
 *   settings       an address of theirs a page proposed as the rep's own: removed
 *   importJobs     no rows of anyone: untouched
 *   importChunks   rows of an import under way that name them: dropped
 *   velocity       daily totals over everyone, nobody's record: untouched
 *   outbox         queued sync changes carrying them: dropped; the tombstones' own changes queued
 *   syncState      the connection and the clock: untouched
 *   summariesStale their marker: deleted
 *   resyncSeen     their keys: deleted
 *   undo           entries holding any of it: deleted
 * A store added later fails the first test until it is checked and listed here.
 */
const STORES_CHECKED = [
  'contacts', 'companies', 'deals', 'activities', 'stageChanges', 'suggestions', 'nudgeStates', 'summaries', 'nudges',
  'factBuckets', 'factsDirty', 'engineState', 'settings', 'importJobs', 'importChunks', 'velocity', 'outbox', 'syncState',
  'summariesStale', 'resyncSeen', 'undo',
];

const T = 1_790_000_000_000;
const DAY = 86_400_000;
const locale = 'en-US';
const env = { now: T, locale };
const rep = { name: 'Rep', email: 'rep@acme.com' };
const mine = new Set([rep.email]);
const DANA = { name: 'Dana Prospect', email: 'dana@bigcorp.io', companyName: 'BigCorp Nusantara' };
const DANA_URL = 'https://www.linkedin.com/in/dana-prospect-7731/';
const LEE = { name: 'Lee Other', email: 'lee@otherco.org', companyName: 'OtherCo' };
/** Words only the person's records hold: subjects, notes, messages, quotes, details. */
const QUOTES = ['ZANZIBAR pilot', 'QUOKKA proposal', 'KOALA-42 budget approved', 'WOMBAT on LinkedIn', 'PLATYPUS signs off', 'schedule a demo', '+62 812 5550 7731', 'dana-prospect.example', 'Head of Ops at BigCorp', 'Jakarta Selatan'];

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const msg = (id: string, from: { name: string; email: string }, to: { name: string; email: string }, at: number): MailMessage => ({ id, from, recipients: [to], date: at });

/** Everything a person can have, each made by the service that makes it in the product. */
async function seedDana() {
  const dana = await createPerson(db, DANA, env);
  const id = dana.contact.id;
  expect((await linkProfile(db, id, { profileUrl: DANA_URL, name: DANA.name, headline: 'Head of Ops at BigCorp', location: 'Jakarta Selatan', photoUrl: 'https://media.licdn.com/dana-7731.jpg' }, T)).ok).toBe(true);
  expect((await addContactDetails(db, id, { emails: ['dana.p@gmail.com'], phones: ['+62 812 5550 7731'], websites: ['https://dana-prospect.example/'] }, T)).ok).toBe(true);
  await logThreadMessages(db, [msg('msg-in-7731', DANA, rep, T - DAY), msg('msg-out-7731', rep, DANA, T - DAY / 2)], mine, T, 'Re: ZANZIBAR pilot');
  await logComposeSent(db, { composeKey: 'compose-7731', recipients: [DANA.email], subject: 'QUOKKA proposal' }, mine, T);
  await logManualActivity(db, { contactId: id, kind: 'note', text: 'KOALA-42 budget approved' }, T + 1);
  await logManualActivity(db, { contactId: id, kind: 'linkedin_message', text: 'WOMBAT on LinkedIn' }, T + 2);
  expect(await scanForTriggers(db, [msg('msg-demo-7731', DANA, rep, T)], { 'msg-demo-7731': 'Hi, could we schedule a demo next week?' }, mine, env)).toBe(1);
  await updateBant(db, dana.deal.id, { budget: { state: 'yes', evidence: { kind: 'email', sourceId: 'msg-in-7731', quote: 'PLATYPUS signs off' } } }, T + 3);
  await updateDeal(db, dana.deal.id, { valueMinor: 4_000_000, expectedCloseAt: T + 30 * DAY, title: 'BigCorp pilot', leadSource: 'referral' }, T + 4);
  expect((await moveDealStage(db, dana.deal.id, { ...env, now: T + 5 })).ok).toBe(true);
  // An older record of the same person, merged in: its tombstone and the merge's undo entry hold them too.
  const old = await createPerson(db, { name: 'Dana P.', email: 'dana.old@bigcorp.io' }, env);
  expect((await mergeContacts(db, id, old.contact.id, { ...env, now: T + 6 })).ok).toBe(true);
  // A page proposed their address as one of the rep's own.
  await rememberMyAddress(db, locale, 'dana.p@gmail.com', T);
  return { dana, old };
}

async function seedLee() {
  const lee = await createPerson(db, LEE, env);
  await logThreadMessages(db, [msg('msg-lee-1', LEE, rep, T - DAY)], mine, T, 'Lee asks about pricing');
  await logManualActivity(db, { contactId: lee.contact.id, kind: 'call', text: 'Lee call notes' }, T + 1);
  await updateBant(db, lee.deal.id, { need: { state: 'yes' } }, T + 2);
  return lee;
}

/** The derived and bookkeeping stores, filled the way the background fills them. */
async function runEngines(danaId: string, danaDealId: string, leeId: string) {
  await recomputeNudges(db, { now: T + 2 * DAY, locale, all: true });
  const nudges = await db.nudges.where('contactId').anyOf(danaId, leeId).toArray();
  for (const n of nudges) await markNudge(db, n.id, { done: true }, { now: T + 2 * DAY, locale });
  await markNudge(db, danaDealId, { dismissDeal: danaDealId }, { now: T + 2 * DAY, locale });
  await keepVelocitySnapshots(db, { now: T + 2 * DAY, locale });
  // An import under way: one of its batches is waiting.
  await beginJob(db, 'job-1', 'csv', T);
  await stageChunk(db, 'job-1', 0, [{ name: DANA.name, email: DANA.email }, { name: LEE.name, email: LEE.email }], T);
  // Written only by a pull from the sync server (lib/sync/apply-page.ts), which needs a server: put as it puts them.
  await db.summariesStale.bulkPut([{ contactId: danaId }, { contactId: leeId }]);
  await db.resyncSeen.bulkPut([{ key: `contacts|${danaId}` }, { key: `contacts|${leeId}` }]);
}

type Dump = Record<string, unknown[]>;
async function dump(): Promise<Dump> {
  const out: Dump = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  return out;
}

const isTombstone = (row: Record<string, unknown>) => row.deletedAt != null || (row.f as Record<string, unknown> | undefined)?.deletedAt != null;

describe('forgetContact', () => {
  it('leaves nothing about the person in any store but tombstone ids, and another person untouched', { timeout: 60_000 }, async () => {
    expect(db.tables.map((t) => t.name).sort()).toEqual([...STORES_CHECKED].sort());
    // Connected to sync: every write is queued in the outbox, which then holds the person too.
    await db.syncState.put({ key: STATE_KEY, deviceId: 'dev-test', clockOffset: 0 });
    await rememberMyAddress(db, locale, rep.email, T);
    const { dana, old } = await seedDana();
    const lee = await seedLee();
    await runEngines(dana.contact.id, dana.deal.id, lee.contact.id);

    const danaIds = new Set<string>([dana.contact.id, old.contact.id, dana.company!.id]);
    const before = await dump();
    for (const t of ['deals', 'activities', 'suggestions', 'stageChanges'] as const)
      for (const r of before[t] as { id: string; contactId?: string; dealId?: string }[])
        if (danaIds.has(r.contactId ?? '') || danaIds.has(r.dealId ?? '')) danaIds.add(r.id);
    const leeIds = new Set([lee.contact.id, lee.deal.id, lee.company!.id]);
    // The seed reached every store that can hold a person.
    const seeded: Record<string, string> = {
      contacts: DANA.email, companies: 'bigcorp', deals: dana.contact.id, activities: 'KOALA-42', stageChanges: dana.deal.id,
      suggestions: 'schedule a demo', nudgeStates: dana.deal.id, summaries: dana.contact.id, nudges: dana.contact.id,
      factBuckets: dana.contact.id, engineState: 'stageStays', settings: 'dana.p@gmail.com', importChunks: DANA.email,
      outbox: DANA.email, summariesStale: dana.contact.id, resyncSeen: dana.contact.id, undo: old.contact.id,
    };
    for (const [t, marker] of Object.entries(seeded)) expect(JSON.stringify(before[t]), t).toContain(marker);
    const activityKinds = new Set((before.activities as { contactId: string; kind: string }[]).filter((a) => a.contactId === dana.contact.id).map((a) => a.kind));
    expect([...activityKinds].sort()).toEqual(['email_in', 'email_out', 'linkedin_message', 'note', 'stage_change']);
    const leeRows = (d: Dump) =>
      Object.fromEntries(
        Object.entries(d)
          .filter(([t]) => t !== 'factBuckets' && t !== 'settings' && t !== 'importChunks')
          .map(([t, rows]) => [t, rows.filter((r) => [...strings(r, '')].some(([, s]) => [...leeIds].some((id) => s.includes(id)) || s.includes(LEE.email)))]),
      );

    expect(await forgetContact(db, dana.contact.id, T + 3 * DAY)).toEqual({ ok: true });
    const after = await dump();

    const needles = [DANA.name, 'Dana P.', DANA.email, 'dana.p@gmail.com', 'dana.old@bigcorp.io', DANA_URL, 'dana-prospect-7731', 'dana-7731.jpg', DANA.companyName, 'bigcorp', 'msg-in-7731', 'msg-out-7731', 'compose-7731', ...QUOTES];
    const leaks: string[] = [];
    for (const [table, rows] of Object.entries(after)) {
      for (const row of rows as Record<string, unknown>[]) {
        // The trigger rules themselves (settings, and their queued sync change) hold the rules' phrases, not anyone's words.
        const scanned =
          table === 'settings' ? { ...row, value: { ...(row.value as object), triggers: null } } : table === 'outbox' && row.t === 'settings' ? { ...row, f: { ...(row.f as object), triggers: null } } : row;
        for (const [path, s] of strings(scanned, table)) {
          const low = s.toLowerCase();
          for (const n of needles) if (low.includes(n.toLowerCase())) leaks.push(`${path}: "${s}" holds "${n}"`);
          for (const id of danaIds) {
            if (!s.includes(id)) continue;
            // Allowed: a tombstone's own id, and the id of another tombstone it is linked to, exactly.
            if (s === id && isTombstone(row)) continue;
            leaks.push(`${path}: "${s}" holds the id ${id}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);

    // What is left of them: tombstones only, in the stores sync carries.
    const left = (t: string) => (after[t] as Record<string, unknown>[]).filter((r) => [...strings(r, '')].some(([, s]) => danaIds.has(s)));
    for (const t of ['contacts', 'companies', 'deals', 'activities', 'suggestions']) {
      expect(left(t).length, t).toBeGreaterThan(0);
      expect(left(t).every((r) => r.deletedAt === T + 3 * DAY), t).toBe(true);
    }
    for (const t of ['stageChanges', 'nudgeStates', 'summaries', 'nudges', 'factsDirty', 'undo', 'summariesStale', 'resyncSeen']) expect(left(t), t).toEqual([]);
    // Sync will carry every deletion: a queued change with deletedAt for each tombstone.
    const queued = new Set((after.outbox as { t: string; id: string; f: { deletedAt?: number } }[]).filter((e) => e.f.deletedAt === T + 3 * DAY).map((e) => `${e.t}|${e.id}`));
    for (const t of ['contacts', 'companies', 'deals', 'activities', 'suggestions'])
      for (const r of left(t)) expect(queued.has(`${t}|${String(r.id)}`), `${t}|${String(r.id)}`).toBe(true);

    // The other person: every row about them as it was; still in the engine's facts and the import.
    expect(leeRows(after)).toEqual(leeRows(before));
    expect(JSON.stringify(after.factBuckets)).toContain(lee.contact.id);
    expect(JSON.stringify(after.importChunks)).toContain(LEE.email);
    expect((after.settings as { value: { myAddresses?: string[] } }[]).some((r) => r.value.myAddresses?.includes(rep.email))).toBe(true);
  });

  it("takes them out of another person's deal: named as who decides, or their activity quoted as evidence", async () => {
    await db.syncState.put({ key: STATE_KEY, deviceId: 'dev-test', clockOffset: 0 });
    const dana = await createPerson(db, DANA, env);
    const lee = await createPerson(db, LEE, env);
    const note = await logManualActivity(db, { contactId: dana.contact.id, kind: 'note', text: 'KOALA-42 budget approved' }, T + 1);
    await updateBant(db, lee.deal.id, { authority: { state: 'yes', contactId: dana.contact.id }, budget: { state: 'partial', evidence: { kind: 'activity', sourceId: note.id, quote: 'KOALA-42 budget approved' } }, need: { state: 'yes', text: 'Lee needs it' } }, T + 2);
    expect(await forgetContact(db, dana.contact.id, T + 3)).toEqual({ ok: true });
    const deal = (await db.deals.get(lee.deal.id))!;
    expect(deal.bant).toMatchObject({ authority: { state: 'yes', contactId: null }, budget: { state: 'partial', evidence: null }, need: { state: 'yes', text: 'Lee needs it' } });
    expect(JSON.stringify(deal)).not.toContain(dana.contact.id);
    expect(JSON.stringify(deal)).not.toContain('KOALA');
    expect(deal.deletedAt).toBeNull();
    // Lee's queued changes go to the server as his deal now is: his own answers kept, hers gone.
    const queued = (await db.outbox.toArray()).filter((e) => e.id === lee.deal.id);
    expect(queued.length).toBeGreaterThan(0);
    expect(JSON.stringify(queued)).not.toContain(dana.contact.id);
    expect(JSON.stringify(queued)).not.toContain('KOALA');
    expect(queued.some((e) => JSON.stringify(e.f).includes('Lee needs it'))).toBe(true);
  });

  it('leaves another person of the same name alone, their queued changes and import rows included', async () => {
    await db.syncState.put({ key: STATE_KEY, deviceId: 'dev-test', clockOffset: 0 });
    const dana = await createPerson(db, DANA, env);
    const namesake = await createPerson(db, { name: DANA.name, email: 'dana.prospect@elsewhere.org', companyName: DANA.companyName }, env);
    await logManualActivity(db, { contactId: namesake.contact.id, kind: 'note', text: `${DANA.name} of ${DANA.companyName}` }, T + 1);
    await beginJob(db, 'job-1', 'csv', T);
    await stageChunk(db, 'job-1', 0, [{ name: DANA.name, email: 'dana.prospect@elsewhere.org' }, { name: DANA.name, email: DANA.email }], T);
    const theirs = async () => ({
      outbox: (await db.outbox.toArray()).filter((e) => JSON.stringify(e).includes(namesake.contact.id) || JSON.stringify(e).includes(namesake.deal.id)).map(({ seq: _s, ...e }) => e),
      contact: await db.contacts.get(namesake.contact.id),
      deals: await db.deals.where('contactId').equals(namesake.contact.id).toArray(),
      activities: await db.activities.where('contactId').equals(namesake.contact.id).toArray(),
    });
    const before = await theirs();
    expect(await forgetContact(db, dana.contact.id, T + 2)).toEqual({ ok: true });
    expect(await theirs()).toEqual(before);
    expect((await db.importChunks.toArray())[0]!.rows).toEqual([{ name: DANA.name, email: 'dana.prospect@elsewhere.org' }]);
  });

  it('keeps a company someone else is at, and is not undoable', async () => {
    const dana = await createPerson(db, DANA, env);
    const ari = await createPerson(db, { name: 'Ari', email: 'ari@bigcorp.io' }, env);
    expect(ari.company!.id).toBe(dana.company!.id);
    const undos = await db.undo.count();
    expect(await forgetContact(db, dana.contact.id, T + 1)).toEqual({ ok: true });
    expect(await db.companies.get(dana.company!.id)).toEqual(dana.company);
    expect(await db.contacts.get(ari.contact.id)).toEqual(ari.contact);
    expect(await db.undo.count()).toBe(undos);
    expect(await undoChange(db, 'undo:anything', { ...env, now: T + 2 })).toBe(false);
  });

  it('a person already deleted (with undo) can be forgotten, and the undo entry goes with them', async () => {
    const { deleteContact } = await import('./merge');
    const dana = await createPerson(db, DANA, env);
    const del = await deleteContact(db, dana.contact.id, T + 1);
    expect(del.ok).toBe(true);
    expect(await forgetContact(db, dana.contact.id, T + 2)).toEqual({ ok: true });
    expect(await db.undo.count()).toBe(0);
    expect(await undoChange(db, del.ok ? del.undoId : '', { ...env, now: T + 3 })).toBe(false);
    expect((await db.contacts.get(dana.contact.id))!.name).toBe('');
  });

  it('refuses an unknown id and changes nothing', async () => {
    await createPerson(db, DANA, env);
    const before = await dump();
    expect(await forgetContact(db, 'nobody', T)).toEqual({ ok: false, reason: 'not_found' });
    expect(await dump()).toEqual(before);
  });
});
