import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { dbDump, expect, launchWithExtension, root, sidebar, test } from './fixtures';
import { commander, openDashboard } from './dashboard';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

/**
 * Two browser profiles with the built extension and one local sync server
 * (the real `server/main.ts` on the embedded database): a deal made in one
 * appears in the other; both edit it while the server is blocked, and after
 * reconnecting both edits are in both.
 */

let server: ChildProcess;
let dataDir: string;
let port: number;
let admin: (command: string, body: Record<string, unknown>) => Promise<string>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-sync-e2e-'));
  port = 18_000 + Math.floor(Math.random() * 1000);
  server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), SIDECAR_DATA_DIR: dataDir, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (b: Buffer) => b.toString().includes('sidecar sync server on') && resolve());
    server.once('exit', (code) => reject(new Error(`sync server exited (${code})`)));
  });
  // The running server owns its embedded database: admin commands go through it, as `npm run server -- admin` does.
  const link = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as { secret: string };
  admin = async (command, body) => {
    const res = await fetch(`http://127.0.0.1:${port}/admin/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sidecar-admin': link.secret },
      body: JSON.stringify(body),
    });
    return ((await res.json()) as { result: string }).result;
  };
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function extensionId(context: BrowserContext): Promise<string> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(sw.url()).host;
}

/** A profile whose extension may reach the local server (the fixture's profile reaches only the two sites). */
async function profile(): Promise<BrowserContext> {
  const context = await launchWithExtension();
  await context.route(`http://localhost:${port}/**`, (route) => route.continue());
  return context;
}

const online = (context: BrowserContext) => context.unroute(`http://localhost:${port}/**`).then(() => context.route(`http://localhost:${port}/**`, (r) => r.continue()));
const offline = (context: BrowserContext) => context.unroute(`http://localhost:${port}/**`).then(() => context.route(`http://localhost:${port}/**`, (r) => r.abort('internetdisconnected')));

async function connect(context: BrowserContext, teamId: string, email?: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${await extensionId(context)}/options.html`);
  const status = options.getByTestId('sidecar-sync-status');
  await expect(status).toHaveAttribute('data-state', 'off');
  await options.getByTestId('sidecar-sync-url').fill(`http://localhost:${port}`);
  await options.getByTestId('sidecar-sync-code').fill(await admin('pair', { team: teamId, email }));
  await options.getByTestId('sidecar-sync-connect').click();
  await expect(status).toHaveAttribute('data-state', 'ok', { timeout: 20_000 });
  await expect(status).toHaveAttribute('data-pending', '0');
  return options;
}

async function syncNow(options: Page, expected: 'ok' | 'error' = 'ok'): Promise<void> {
  await options.getByTestId('sidecar-sync-now').click();
  await expect(options.getByTestId('sidecar-sync-status')).toHaveAttribute('data-state', expected, { timeout: 20_000 });
}

/** A, then B, then A again: each has what the other sent. */
async function converge(optA: Page, optB: Page): Promise<void> {
  await syncNow(optA);
  await syncNow(optB);
  await syncNow(optA);
}

interface Pair {
  a: BrowserContext;
  b: BrowserContext;
  optA: Page;
  optB: Page;
}

/** A new team and two profiles connected to it (B paired for `emailB`, when given), closed at the end. */
async function twoProfiles(team: string, run: (p: Pair) => Promise<void>, emailB?: string): Promise<void> {
  test.setTimeout(180_000);
  const teamId = await admin('create-team', { name: team });
  const a = await profile();
  const b = await profile();
  try {
    await run({ a, b, optA: await connect(a, teamId), optB: await connect(b, teamId, emailB) });
  } finally {
    await a.close();
    await b.close();
  }
}

/** Dana made from the Gmail thread in this profile, as the sidebar makes her (the thread's messages logged). */
async function danaFromThread(context: BrowserContext, html: string): Promise<Page> {
  await serveGmail(context, html);
  const page = await context.newPage();
  await page.goto(THREAD_URL);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Contact');
  return page;
}

test('two profiles share a deal, and both offline edits survive the reconnect', () =>
  twoProfiles('e2e', async ({ a, b, optA, optB }) => {
    // A deal made in profile A…
    const html = gmailFixture('thread-en.html');
    const pageA = await danaFromThread(a, html);
    await syncNow(optA);
    await expect(optA.getByTestId('sidecar-sync-status')).toHaveAttribute('data-pending', '0');

    // …appears in profile B, on the same thread; B's options say how many records came in.
    await syncNow(optB);
    await expect(optB.getByTestId('sidecar-sync-status')).not.toHaveAttribute('data-received', '0');
    await expect(optB.getByTestId('sidecar-sync-status')).toContainText(/Received in the last sync: [1-9]\d* records/);
    await serveGmail(b, html);
    const pageB = await b.newPage();
    await pageB.goto(THREAD_URL);
    await expect(sidebar(pageB).getByTestId('sidecar-stage')).toHaveText('Contact');

    // Both edit while the server cannot be reached: A moves the stage, B answers Budget.
    await offline(a);
    await offline(b);
    await sidebar(pageA).getByTestId('sidecar-advance-stage').click();
    await expect(sidebar(pageA).getByTestId('sidecar-stage')).toHaveText('Qualification');
    await sidebar(pageB).getByTestId('sidecar-bant-budget').selectOption('yes');
    await syncNow(optA, 'error');
    await syncNow(optB, 'error');
    await expect(optA.getByTestId('sidecar-sync-status')).not.toHaveAttribute('data-pending', '0');
    await expect(optB.getByTestId('sidecar-sync-status')).not.toHaveAttribute('data-pending', '0');

    // Back online: both converge, neither edit lost.
    await online(a);
    await online(b);
    await converge(optA, optB);
    for (const [page, opt] of [[pageA, optA], [pageB, optB]] as const) {
      await expect(opt.getByTestId('sidecar-sync-status')).toHaveAttribute('data-pending', '0');
      await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Qualification');
      await expect(sidebar(page).getByTestId('sidecar-bant-budget')).toHaveValue('yes');
    }
    const [dealsA, dealsB] = [(await dbDump(a)).deals, (await dbDump(b)).deals];
    expect(dealsB).toEqual(dealsA);
    expect(dealsA).toHaveLength(1);

    // Disconnect keeps the data.
    await optB.getByTestId('sidecar-sync-disconnect').click();
    await expect(optB.getByTestId('sidecar-sync-status')).toHaveAttribute('data-state', 'off');
    expect((await dbDump(b)).deals).toHaveLength(1);
  }));

test('the same person and the same Gmail messages, made on two profiles before they synced, are one contact with both notes', () =>
  twoProfiles('e2e-merge', async ({ a, b, optA, optB }) => {
    await offline(a);
    await offline(b);
    const html = gmailFixture('thread-en.html');

    // A: Dana made from the thread (its messages logged), and a note.
    const pageA = await danaFromThread(a, html);
    const danaA = (await dbDump(a)).contacts!.find((c) => c.emails.includes('dana@bigcorp.io'));
    expect((await commander(optA)({ type: 'ui/log-activity', contactId: danaA.id, kind: 'note', text: 'Note from A' })).ok).toBe(true);

    // B: Dana made by hand with her address in capitals, then the same thread read (each device logs what it reads), and a note.
    const made = await commander(optB)({ type: 'ui/create-person', person: { name: 'Dana', email: 'DANA@BigCorp.io' } });
    expect(made.ok).toBe(true);
    await serveGmail(b, html);
    const pageB = await b.newPage();
    await pageB.goto(THREAD_URL);
    await expect(sidebar(pageB).getByTestId('sidecar-stage')).toHaveText('Contact');
    expect((await commander(optB)({ type: 'ui/log-activity', contactId: made.data.contactId, kind: 'note', text: 'Note from B' })).ok).toBe(true);
    expect(made.data.contactId).not.toBe(danaA.id);
    const emailsLogged = (await dbDump(a)).activities!.filter((x) => x.sourceId).length;
    expect(emailsLogged).toBeGreaterThan(0);

    await online(a);
    await online(b);
    await converge(optA, optB);

    const live = (rows: any[]) => rows.filter((r) => r.deletedAt == null);
    const [dumpA, dumpB] = [await dbDump(a), await dbDump(b)];
    for (const dump of [dumpA, dumpB]) {
      const dana = live(dump.contacts!).filter((c) => c.emails.includes('dana@bigcorp.io'));
      expect(dana).toHaveLength(1);
      // The smaller id, on both profiles.
      expect(dana[0].id).toBe([danaA.id, made.data.contactId].sort()[0]);
      const acts = live(dump.activities!).filter((x) => x.contactId === dana[0].id);
      expect(acts.filter((x) => x.kind === 'note').map((x) => x.text).sort()).toEqual(['Note from A', 'Note from B']);
      // Each Gmail message once, though both profiles logged it.
      const sources = acts.filter((x) => x.sourceId).map((x) => x.sourceId);
      expect(new Set(sources).size).toBe(sources.length);
      expect(sources).toHaveLength(emailsLogged);
      // Both sides' deals are kept, on the one contact.
      expect(live(dump.deals!).filter((d) => d.contactId === dana[0].id)).toHaveLength(2);
    }
    const ids = (dump: Record<string, any[]>, table: string) => live(dump[table]!).map((r) => r.id).sort();
    for (const table of ['contacts', 'activities', 'deals']) expect(ids(dumpB, table), table).toEqual(ids(dumpA, table));

    // What the rep sees: both notes in each profile's sidebar.
    for (const page of [pageA, pageB]) {
      await page.reload();
      const notes = sidebar(page).locator('[data-testid="sidecar-activity"][data-kind="note"]');
      await expect(notes.filter({ hasText: 'Note from A' })).toHaveCount(1);
      await expect(notes.filter({ hasText: 'Note from B' })).toHaveCount(1);
    }
  }));

// B is Kim's, paired for her address, and she works on LinkedIn only (no Gmail account tells who she is).
test('each deal has its owner; after sync, the dashboard shows mine or my teammates\' deals, and the sidebar says whose a deal is', () =>
  twoProfiles('e2e-owners', async ({ a, b, optA, optB }) => {
    // A, signed in to Gmail as rep@acme-sales.com, makes Dana from a thread.
    const html = gmailFixture('thread-en.html');
    const pageA = await danaFromThread(a, html);
    await expect(sidebar(pageA).getByTestId('sidecar-deal-owner')).toHaveCount(0);
    // Kim makes Lee, as the LinkedIn sidebar does: her deal is hers, by the address she was paired for.
    expect((await commander(optB)({ type: 'ui/create-person', person: { name: 'Lee', linkedinUrl: 'https://www.linkedin.com/in/lee-other/' } })).ok).toBe(true);

    await converge(optA, optB);
    const owners = Object.fromEntries((await dbDump(a)).deals!.map((d) => [d.title, d.owner]));
    expect(Object.values(owners).sort()).toEqual(['kim@acme-sales.com', 'rep@acme-sales.com']);

    // The owner switch: a labelled control, reached and changed from the keyboard.
    for (const [context, mine, team] of [[a, 'Dana', 'Lee'], [b, 'Lee', 'Dana']] as const) {
      const dash = await openDashboard(context, await extensionId(context));
      const names = dash.getByTestId('sidecar-people-row').getByTestId('sidecar-people-open');
      await expect(names).toHaveCount(2);
      const owner = dash.getByTestId('sidecar-people').getByRole('combobox', { name: 'Owner' });
      await owner.focus();
      await expect(owner).toBeFocused();
      await owner.selectOption('mine');
      await expect(names).toHaveText([new RegExp(mine)]);
      await owner.selectOption('team');
      await expect(names).toHaveText([new RegExp(team)]);
      await owner.selectOption('all');
      await expect(names).toHaveCount(2);
      await dash.close();
    }

    // B's sidebar on A's thread: Dana's deal is Rep's.
    await serveGmail(b, html);
    const pageB = await b.newPage();
    await pageB.goto(THREAD_URL);
    await expect(sidebar(pageB).getByTestId('sidecar-deal-owner')).toHaveText('Owned by rep@acme-sales.com');
  }, 'kim@acme-sales.com'));

test('connecting to an address that is not a sync server, or where nothing answers, is refused in plain words', async () => {
  const context = await profile();
  // A port with nothing listening on it.
  const closed = port + 1000;
  await context.route(`http://localhost:${closed}/**`, (route) => route.continue());
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${await extensionId(context)}/options.html`);
    const status = options.getByTestId('sidecar-sync-status');
    const section = options.locator('section[aria-labelledby="sync-title"]');
    await options.getByTestId('sidecar-sync-code').fill('AAAA-BBBB-CCCC');

    // An address without its scheme: the section says what to type (not only the browser's own form bubble).
    await options.getByTestId('sidecar-sync-url').fill(`127.0.0.1:${port}`);
    await options.getByTestId('sidecar-sync-connect').click();
    await expect(section).toContainText('That address is not usable. Use https://…, or http://localhost for a server on this computer.');

    // A code of the wrong shape, which the server refuses as a bad request: the rep's words for a wrong code, not
    // the server's English.
    await options.getByTestId('sidecar-sync-url').fill(`http://localhost:${port}`);
    await options.getByTestId('sidecar-sync-code').fill('AB');
    await options.getByTestId('sidecar-sync-connect').click();
    await expect(section).toContainText('That pairing code is wrong, already used or expired. Ask for a new one.');
    await expect(section).not.toContainText('Sync failed');
    await options.getByTestId('sidecar-sync-code').fill('AAAA-BBBB-CCCC');

    // Another web server (here a path the sync server does not serve): no "HTTP 404" for the rep.
    await options.getByTestId('sidecar-sync-url').fill(`http://localhost:${port}/not-sync`);
    await options.getByTestId('sidecar-sync-connect').click();
    await expect(section).toContainText('does not answer as a Sidecar sync server');
    await expect(section).not.toContainText('HTTP 404');
    await expect(status).toHaveAttribute('data-state', 'off');

    // Nothing answers: it says so, and does not promise a retry that a browser not connected never makes.
    await options.getByTestId('sidecar-sync-url').fill(`http://localhost:${closed}`);
    await options.getByTestId('sidecar-sync-connect').click();
    await expect(section).toContainText('The server cannot be reached. Check the address and that the server is running.');
    await expect(section).not.toContainText('try again by itself');
    await expect(status).toHaveAttribute('data-state', 'off');
    await expect(status).toHaveAttribute('data-pending', '0');
  } finally {
    await context.close();
  }
});

// Last in this file: it spends the server's allowance of wrong pairing codes from this address.
test('too many wrong pairing codes: the refusal says to wait, then connect again', async () => {
  const context = await profile();
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${await extensionId(context)}/options.html`);
    const section = options.locator('section[aria-labelledby="sync-title"]');
    await options.getByTestId('sidecar-sync-url').fill(`http://localhost:${port}`);
    for (let i = 0; i < 12; i++) {
      await options.getByTestId('sidecar-sync-code').fill(`WRNG-C0DE-${String(i).padStart(4, '0')}`);
      await options.getByTestId('sidecar-sync-connect').click();
      await expect(options.getByTestId('sidecar-sync-connect')).toBeEnabled();
    }
    await expect(section).toContainText('Too many tries from here. Wait a minute, then connect again.');
    await expect(section).not.toContainText('try again shortly');
    await expect(options.getByTestId('sidecar-sync-status')).toHaveAttribute('data-state', 'off');
  } finally {
    await context.close();
  }
});
