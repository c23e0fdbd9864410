// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CREATED, dana, db, DAY, EMAIL_IN, locale, mine, NOW, person, rep, sam, scenario } from '../../test/unit/nudge-scenario';
import { logThreadMessages } from './activities';
import { readBackup, BACKUP_TABLES } from '../domain/backup-format';
import { decodeCsvBytes, readCsv } from '../domain/csv-read';
import { importOps, planImport, stageValues } from '../domain/import-plan';
import { recognise } from '../domain/import-presets';
import { readRows } from '../domain/import-rows';
import { suggestStageMap } from '../domain/import-stages';
import { SidecarDb } from '../db';
import { applyCsvImport } from './csv-import';
import { backupChunks, csvChunks } from './export';
import { beginJob, dropInterruptedJobs, stageChunk } from './import-journal';
import { markNudge } from './nudges';
import { recomputeNudges } from './nudge-pass';
import { applyRestore, checkRestoreBatch, type RestoreBatch } from './restore';
import { loadSettings, updateSettings } from './settings';
import { closeDeal, moveDealStage } from './deals';
import { refreshSummaries } from './summaries';
import { baseRecord } from './records';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

async function backupOf(d: SidecarDb) {
  const r = readBackup(JSON.parse(await text(backupChunks(d, { now: NOW, app: 'test', chunkChars: 500 }))));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.backup;
}

/** A batch as the data port checks it on arrival. */
function checked(b: RestoreBatch): RestoreBatch {
  const r = checkRestoreBatch(b);
  if (!r.ok) throw new Error(r.reason);
  return r.batch;
}

/** What the page sends: the backup a table batch at a time, each batch checked by its schema. */
async function restoreInto(target: SidecarDb, backup: Awaited<ReturnType<typeof backupOf>>, mode: 'replace' | 'merge') {
  const job = `job-${Math.random()}`;
  await beginJob(target, job, 'restore', NOW);
  const batches: RestoreBatch[] = [{ table: 'settings', records: backup.settings }, ...BACKUP_TABLES.map((t) => ({ table: t, records: backup.tables[t] as unknown[] }))];
  for (const [seq, b] of batches.entries()) await stageChunk(target, job, seq, [checked(b)], NOW);
  return applyRestore(target, job, mode, { now: NOW, locale });
}

/** A second browser's database for a test, deleted afterwards. */
async function inOtherDb(run: (other: SidecarDb) => Promise<void>) {
  const other = new SidecarDb(`other-${Math.random()}`);
  try {
    await run(other);
  } finally {
    await other.delete();
  }
}

async function importFixture(name: string, duplicates: 'merge' | 'skip' = 'merge') {
  return importBytes(new Uint8Array(readFileSync(fileURLToPath(new URL(`../../test/fixtures/import/${name}`, import.meta.url)))), duplicates);
}

async function importBytes(bytes: Uint8Array, duplicates: 'merge' | 'skip' = 'merge') {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) throw new Error('decode');
  const read = await readCsv(decoded.text, { pause: async () => {} });
  if (!read.ok) throw new Error('read');
  const rec = recognise(read.table.header);
  const records = readRows(read.table, rec.mapping, { dateOrder: rec.dateOrder ?? 'mdy', currency: 'USD', now: NOW });
  const contacts = await db.contacts.toArray();
  const existing = {
    byEmail: new Map(contacts.flatMap((c) => c.emails.map((e) => [e, c.id] as const))),
    byLinkedIn: new Map(contacts.flatMap((c) => (c.linkedinUrl ? [[c.linkedinUrl, c.id] as const] : []))),
  };
  const plan = planImport(records, existing, { duplicates });
  const { stages } = await loadSettings(db, locale);
  const map = suggestStageMap(stageValues(records), stages, Object.fromEntries(stages.map((s) => [s.id, s.id])));
  const ops = importOps(records, plan.rows, map, stages, 'USD');
  const job = `csv-${Math.random()}`;
  await beginJob(db, job, 'csv', NOW);
  for (let i = 0, seq = 0; i < ops.length; i += 2, seq++) await stageChunk(db, job, seq, ops.slice(i, i + 2), NOW);
  return { plan, report: await applyCsvImport(db, job, { now: NOW, locale }) };
}

// Real IndexedDB work (fake-indexeddb): slow on a loaded machine, so a generous limit.
vi.setConfig({ testTimeout: 30_000 });

describe('backup and restore', () => {
  it('a backup restored into an empty database gives back every record and setting, field by field', async () => {
    const { d, s } = await scenario();
    await moveDealStage(db, d.deal.id, { now: CREATED + DAY, locale });
    await closeDeal(db, s.deal.id, 'lost', 'No budget', CREATED + 2 * DAY);
    await updateSettings(db, locale, () => ({ language: 'id', currency: 'IDR' }), CREATED);
    await markNudge(db, `never_followed_up:${s.contact.id}:${CREATED}`, { done: true }, { now: NOW, locale });
    await markNudge(db, `x`, { snooze: '3d' }, { now: NOW, locale });
    const before = await backupOf(db);
    expect(before.tables.contacts).toHaveLength(2);
    expect(before.tables.stageChanges.length).toBeGreaterThanOrEqual(4);
    expect(before.tables.nudgeStates).toHaveLength(2);

    const fresh = new SidecarDb(`fresh-${Math.random()}`);
    try {
      expect(await restoreInto(fresh, before, 'replace')).toEqual({ created: expect.any(Number), merged: 0, skipped: 0 });
      const after = await backupOf(fresh);
      expect(after.tables).toEqual(before.tables);
      expect(after.settings).toEqual(before.settings);
      // Derived data is rebuilt: summaries for every contact, and the nudges from them.
      expect(await fresh.summaries.count()).toBe(2);
      // Same summaries (the scenario logged some activities "from the future", which a rebuild at NOW folds in), same nudges.
      const ids = (await db.contacts.toArray()).map((c) => c.id);
      await db.transaction('rw', db.contacts, db.activities, db.summaries, db.settings, () => refreshSummaries(db, ids, 30, NOW));
      await recomputeNudges(fresh, { now: NOW, locale, all: true });
      const nudges = (await fresh.nudges.toArray()).map((n) => n.id).sort();
      await recomputeNudges(db, { now: NOW, locale, all: true });
      expect(nudges).toEqual((await db.nudges.toArray()).map((n) => n.id).sort());
      expect(await fresh.importJobs.count()).toBe(0);
      expect(await fresh.importChunks.count()).toBe(0);
    } finally {
      await fresh.delete();
    }
  });

  it('merge: newer updatedAt wins per record, contacts matched by email, history only added', async () => {
    const { d } = await scenario();
    const backup = await backupOf(db);
    // The same person exists elsewhere under another id, edited later there; and an older copy of Dana.
    await inOtherDb(async (other) => {
      const danaThere = (await backup.tables.contacts.find((c) => c.id === d.contact.id))!;
      await other.contacts.add({ ...danaThere, id: 'OTHER-DANA', title: 'CFO', updatedAt: NOW + 1 });
      const samThere = backup.tables.contacts.find((c) => c.id !== d.contact.id)!;
      await other.contacts.add({ ...samThere, title: 'Old title', updatedAt: 1 });
      const report = await restoreInto(other, backup, 'merge');
      const contacts = await other.contacts.toArray();
      expect(contacts).toHaveLength(2);
      // Dana: the database's copy is newer, it stays; her deals and activities now point at it.
      expect(contacts.find((c) => c.id === 'OTHER-DANA')!.title).toBe('CFO');
      expect((await other.deals.toArray()).every((x) => x.contactId !== d.contact.id)).toBe(true);
      expect(await other.activities.where('contactId').equals('OTHER-DANA').count()).toBeGreaterThan(0);
      // Sam: the backup's copy is newer.
      expect(contacts.find((c) => c.id === samThere.id)!.title).toBe(samThere.title);
      expect(report).toMatchObject({ merged: 1 });
      // History is insert-only: restoring again adds nothing.
      const activities = await other.activities.count();
      const again = await restoreInto(other, backup, 'merge');
      expect(await other.activities.count()).toBe(activities);
      expect(again!.created).toBe(0);
    });
  });

  it('merge matches by the lower-cased address, and by LinkedIn URL, a backup edited by hand in capitals', async () => {
    const ann = await person({ name: 'Ann', email: 'ann@x.io' });
    const url = 'https://www.linkedin.com/in/budi/';
    const budi = await person({ name: 'Budi', email: 'budi@y.io' });
    await db.contacts.update(budi.contact.id, { linkedinUrl: url });
    const doc = JSON.parse(await text(backupChunks(db, { now: NOW, app: 'test' })));
    await inOtherDb(async (other) => {
      // Elsewhere: the same two people under other ids, edited later there.
      const [annThere, budiThere] = [ann, budi].map((p) => doc.tables.contacts.find((c: { id: string }) => c.id === p.contact.id));
      await other.contacts.bulkAdd([
        { ...annThere, id: 'OTHER-ANN', updatedAt: NOW + 1 },
        { ...budiThere, id: 'OTHER-BUDI', emails: ['budi@elsewhere.io'], updatedAt: NOW + 1 },
      ]);
      annThere.emails = [' ANN@X.IO'];
      budiThere.emails = ['Budi@Y.io'];
      const r = readBackup(doc);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.backup.tables.contacts.flatMap((c) => c.emails).sort()).toEqual(['ann@x.io', 'budi@y.io']);
      await restoreInto(other, r.backup, 'merge');
      expect((await other.contacts.toArray()).map((c) => c.id).sort()).toEqual(['OTHER-ANN', 'OTHER-BUDI']);
    });
  });

  it('merge: a contact newer here keeps its fields and gains the backup\'s other addresses', async () => {
    const budi = await person({ name: 'Budi', email: 'budi@y.io' });
    await db.contacts.update(budi.contact.id, { linkedinUrl: 'https://www.linkedin.com/in/budi/' });
    const backup = await backupOf(db);
    await inOtherDb(async (other) => {
      const there = backup.tables.contacts.find((c) => c.id === budi.contact.id)!;
      await other.contacts.add({ ...there, id: 'OTHER-BUDI', title: 'CFO', emails: ['budi@elsewhere.io'], updatedAt: NOW + 1 });
      await restoreInto(other, backup, 'merge');
      const [kept] = await other.contacts.toArray();
      expect(kept).toMatchObject({ id: 'OTHER-BUDI', title: 'CFO', emails: ['budi@elsewhere.io', 'budi@y.io'], updatedAt: NOW + 1 });
      // Restoring again changes nothing: the addresses are there already.
      expect(await restoreInto(other, backup, 'merge')).toMatchObject({ merged: 0 });
    });
  });

  it('merge: an email logged in both browsers (same message, other activity ids) is not added twice', async () => {
    const { d } = await scenario();
    const backup = await backupOf(db);
    await inOtherDb(async (other) => {
      // The other browser has Dana under its own id, and logged the same Gmail message for her itself.
      const danaThere = backup.tables.contacts.find((c) => c.id === d.contact.id)!;
      await other.contacts.add({ ...danaThere, id: 'OTHER-DANA' });
      const logged = backup.tables.activities.filter((a) => a.contactId === d.contact.id && a.sourceId !== null);
      expect(logged.length).toBeGreaterThan(0);
      await other.activities.bulkAdd(logged.map((a, i) => ({ ...a, id: `OTHER-ACT-${i}`, contactId: 'OTHER-DANA' })));
      await restoreInto(other, backup, 'merge');
      const sources = (await other.activities.where('contactId').equals('OTHER-DANA').toArray()).map((a) => a.sourceId).filter((x) => x !== null);
      expect(sources.sort()).toEqual(logged.map((a) => a.sourceId).sort());
    });
  });

  it('an interrupted restore changes nothing and is dropped on the next start', async () => {
    await scenario();
    const backup = await backupOf(db);
    const before = JSON.stringify((await backupOf(db)).tables);
    await beginJob(db, 'half', 'restore', NOW);
    await stageChunk(db, 'half', 0, [{ table: 'contacts', records: [] }], NOW);
    // The page went away here. Next start, much later:
    expect((await dropInterruptedJobs(db, NOW + 3_600_000, 600_000)).map((j) => j.id)).toEqual(['half']);
    expect(await applyRestore(db, 'half', 'replace', { now: NOW, locale })).toBeNull();
    expect(JSON.stringify((await backupOf(db)).tables)).toBe(before);
    expect(backup.tables.contacts).toHaveLength(2);
  });

  it('CSV exports neutralise formulas and name stages', async () => {
    const p = await person({ name: '=HYPERLINK("http://evil.example","click")', email: 'eve@evil.example' });
    await db.activities.add({ id: 'A1', kind: 'note', direction: 'none', channel: 'crm', at: NOW, sourceId: null, contactId: p.contact.id, dealId: null, text: '@SUM(1+1)', createdAt: NOW, updatedAt: NOW, deletedAt: null });
    const contacts = await text(csvChunks(db, 'contacts', { stageName: (id) => id }));
    expect(contacts.startsWith('\uFEFFId,Name,Emails')).toBe(true);
    expect(contacts).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(await text(csvChunks(db, 'activities', { stageName: (id) => id }))).toContain(`'@SUM(1+1)`);
    expect(await text(csvChunks(db, 'deals', { stageName: (id) => `Stage ${id}` }))).toContain('Stage contact');
  });
});

describe('CSV import', () => {
  it('LinkedIn connections: created with their connection date; a never-followed-up lead gets its nudge', async () => {
    const { plan, report } = await importFixture('linkedin-connections.csv');
    expect(plan.totals).toEqual({ create: 4, merge: 0, skip: 0, error: 0 });
    expect(report).toMatchObject({ created: 4, merged: 0 });
    const budi = (await db.contacts.where('linkedinUrl').equals('https://www.linkedin.com/in/budi-santoso-7a1b2c/').first())!;
    expect(budi).toMatchObject({ name: 'Budi Santoso', title: 'Head of Procurement', createdAt: new Date(2024, 2, 7).getTime() });
    expect((await db.companies.get(budi.companyId!))!.name).toBe('PT Maju Jaya');
    // The import left its change marker: a file as large as the database (empty here) asks for every contact
    // to be rebuilt, in place of a marker per person; the engine picks the new leads up.
    expect((await db.factsDirty.toArray()).map((r) => r.key)).toEqual(['*']);
    await recomputeNudges(db, { now: NOW, locale });
    const nudge = await db.nudges.where('contactId').equals(budi.id).first();
    expect(nudge).toMatchObject({ kind: 'never_followed_up' });
    expect(nudge!.dueAt).toBeLessThan(NOW);
  });

  it('HubSpot contacts into a database that knows Dana: merged as chosen, or skipped', async () => {
    const existing = await person({ name: 'Dana', email: 'dana@prospect.io' });
    const { plan, report } = await importFixture('hubspot-contacts.csv', 'merge');
    expect(plan.rows.map((r) => r.action)).toEqual(['merge', 'create', 'create', 'create', 'merge']);
    expect(report).toMatchObject({ created: 3, merged: 2 });
    const dana2 = (await db.contacts.get(existing.contact.id))!;
    // Filled what was missing, kept what the rep entered.
    expect(dana2).toMatchObject({ name: 'Dana', title: 'VP Sales', emails: ['dana@prospect.io'] });
    expect(await db.contacts.count()).toBe(4);
  });

  it('a file smaller than the database marks just the people it wrote', async () => {
    const known = Array.from({ length: 6 }, (_, i) => ({ ...baseRecord(NOW), name: `P${i}`, emails: [`p${i}@x.io`], title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null }));
    await db.contacts.bulkAdd(known);
    await db.factsDirty.clear();
    const { report } = await importFixture('linkedin-connections.csv');
    expect(report).toMatchObject({ created: 4 });
    const keys = (await db.factsDirty.toArray()).map((r) => r.key);
    expect(keys).not.toContain('*');
    const imported = (await db.contacts.toArray()).filter((c) => !known.some((k) => k.id === c.id));
    expect(keys.filter((k) => k.startsWith('c:')).sort()).toEqual(imported.map((c) => `c:${c.id}`).sort());
  });

  it("a merge that only fills fields leaves the contact's summary as it was; one that brings activities rebuilds it", async () => {
    const prospect = { name: 'Dana', email: 'dana@prospect.io' };
    const d = await person(prospect);
    await logThreadMessages(db, [{ id: 'm-in-1', from: prospect, recipients: [rep], date: EMAIL_IN }], mine, EMAIL_IN, 'Pricing?');
    // A summary built with another half-life than the settings': any rebuild would change it.
    const before = (await db.summaries.get(d.contact.id))!;
    const marked = { ...before, engagement: { ...before.engagement, halfLifeDays: 3.5 } };
    await db.summaries.put(marked);
    const { report } = await importFixture('hubspot-contacts.csv');
    expect(report).toMatchObject({ created: 3, merged: 2 });
    expect((await db.contacts.get(d.contact.id))!.title).toBe('VP Sales');
    expect(await db.summaries.get(d.contact.id)).toEqual(marked);

    const streak = 'Name,Stage,Notes,Assigned To,Date Created,Date of Last Email,Contacts,Organizations\r\nProspect IO,Lead,Called about the renewal,rep@sidecar.example,03/04/2024,,dana@prospect.io,Prospect IO\r\n';
    const again = await importBytes(new TextEncoder().encode(streak));
    expect(again.report).toMatchObject({ merged: 1, activities: 1 });
    const after = (await db.summaries.get(d.contact.id))!;
    const { scoring } = await loadSettings(db, locale);
    expect(after.engagement.halfLifeDays).toBe(scoring.engagement.halfLifeDays);
    expect(Object.keys(after.engagement.weights).sort()).toEqual(['email_in', 'note']);
  });

  it('HubSpot contacts with duplicates skipped leave the known contact alone', async () => {
    const existing = await person({ name: 'Dana', email: 'dana@prospect.io' });
    const { report } = await importFixture('hubspot-contacts.csv', 'skip');
    expect(report).toMatchObject({ created: 3, merged: 0 });
    expect((await db.contacts.get(existing.contact.id))!.title).toBeNull();
  });

  it('HubSpot deals: deals with their dates, amounts and a stage history for metrics', async () => {
    const { report } = await importFixture('hubspot-deals.csv');
    expect(report).toMatchObject({ created: 4, deals: 4 });
    const won = (await db.deals.filter((d) => d.title === 'Prospect IO renewal').first())!;
    expect(won).toMatchObject({ leadSource: 'import', status: 'won', valueMinor: 1200000, closedAt: new Date(2024, 4, 1).getTime(), createdAt: new Date(2024, 0, 10, 11, 30).getTime() });
    const history = await db.stageChanges.where('dealId').equals(won.id).sortBy('at');
    expect(history.map((h) => [h.fromStageId, h.toStageId, h.status, h.at])).toEqual([
      [null, 'closing', 'open', won.createdAt],
      ['closing', 'closing', 'won', won.closedAt],
    ]);
    // Importing the same file again merges and adds no second deal; Zoë has no address to be matched by, so she comes again.
    const again = await importFixture('hubspot-deals.csv');
    expect(again.report).toMatchObject({ created: 1, merged: 3, deals: 1 });
  });

  it('Streak notes become activities once, however often the file is imported', async () => {
    await importFixture('streak-boxes.csv');
    await importFixture('streak-boxes.csv');
    expect(await db.activities.filter((a) => a.kind === 'note').count()).toBe(2);
    // The two boxes with notes have them in their summaries. The third has no activity and so no summary row (a
    // missing one reads as empty), and the second import, which brought it nothing, did not make one.
    const summaries = await db.summaries.toArray();
    expect(summaries.map((s) => s.engagement.weights.note)).toEqual([1, 1]);
  });

  it('sam and dana fixtures are untouched by an import of strangers', async () => {
    const { d } = await scenario();
    await importFixture('pipedrive-deals.csv');
    expect((await db.contacts.get(d.contact.id))!.name).toBe(dana.name);
    expect(await db.contacts.count()).toBe(5);
    expect(sam.email).toBe('sam@bigcorp.io');
  });
});
