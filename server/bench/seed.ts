import { encodeHlc } from '../../lib/domain/hlc';
import { directAdmin, type AdminOps } from '../admin';
import { linkedAdmin, readLink } from '../admin-link';
import { openDatabase, type Database } from '../db';

/**
 * Seeds a running sync server for the first-sync bench: a team, a seeding
 * device that pushes CONTACTS contacts (each with a deal) and ACTIVITIES
 * activities through the real push API in batches of 2,000, and a fresh
 * pairing code for the browser under test. Prints one JSON line.
 * Usage: node --import tsx server/bench/seed.ts <base-url> [data-dir]
 */
const CONTACTS = Number(process.env.SEED_CONTACTS ?? 10_000);
const ACTIVITIES = Number(process.env.SEED_ACTIVITIES ?? 100_000);

async function main(): Promise<void> {
  const [base, dataDir] = process.argv.slice(2);
  let db: Database | null = null;
  let admin: AdminOps;
  if (process.env.DATABASE_URL) {
    db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '', poolSize: 2 });
    admin = directAdmin(db, 3_600_000);
  } else admin = linkedAdmin(readLink(dataDir!)!);
  const teamId = await admin.createTeam('first-sync bench');
  const pair = async () =>
    (await (await fetch(`${base}/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: await admin.pair(teamId, undefined), name: 'seed' }) })).json()) as {
      deviceId: string;
      token: string;
    };
  const seed = await pair();
  let seq = 0;
  let counter = 0;
  const now = Date.now();
  const stamp = () => encodeHlc({ ms: now, counter: ++counter % 100_000, node: seed.deviceId });
  const id = (p: string, i: number) => `${p}${String(i).padStart(7, '0')}`;
  const t0 = Date.now();
  let batch: unknown[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const res = await fetch(`${base}/v1/teams/${teamId}/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seed.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: seed.deviceId, seq: ++seq, changes: batch }),
    });
    if (!res.ok) throw new Error(`seed push ${res.status}: ${await res.text()}`);
    batch = [];
  };
  const add = async (c: unknown) => {
    batch.push(c);
    if (batch.length >= 2000) await flush();
  };
  const base0 = { createdAt: now - 90 * 86_400_000, updatedAt: now - 86_400_000, deletedAt: null };
  for (let i = 0; i < CONTACTS; i++) {
    await add({ t: 'contacts', id: id('C', i), op: 'insert', s: stamp(), f: { ...base0, name: `Person ${i}`, emails: [`person${i}@company${i % 800}.com`], title: 'Buyer', headline: null, location: 'Jakarta', companyId: null, linkedinUrl: null, photoUrl: null } });
    await add({ t: 'deals', id: id('D', i), op: 'insert', s: stamp(), f: { ...base0, contactId: id('C', i), companyId: null, title: `Deal ${i}`, stageId: 'contact', stageEnteredAt: now - 86_400_000, status: 'open', valueMinor: 100_000, currency: 'USD', owner: null, expectedCloseAt: null, closedAt: null, lostReason: null, bant: null } });
  }
  for (let i = 0; i < ACTIVITIES; i++) {
    const c = i % CONTACTS;
    await add({ t: 'activities', id: id('A', i), op: 'insert', s: stamp(), f: { ...base0, kind: i % 2 ? 'email_in' : 'email_out', direction: i % 2 ? 'in' : 'out', channel: 'email', at: now - (i % 180) * 86_400_000, sourceId: `msg-${i}`, contactId: id('C', c), dealId: id('D', c), text: `Subject ${i}` } });
  }
  await flush();
  const seedMs = Date.now() - t0;
  console.log(JSON.stringify({ teamId, code: await admin.pair(teamId, undefined), contacts: CONTACTS, activities: ACTIVITIES, seedMs, batches: seq }));
  await db?.close();
}

main().catch((e) => {
  console.log(JSON.stringify({ error: String(e?.message ?? e) }));
  process.exitCode = 1;
});
