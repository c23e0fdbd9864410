import type { Page } from '@playwright/test';
import { dbDump, expect, test } from './fixtures';
import { openDashboard, seedBeneathDexie } from './dashboard';

const DAY = 86_400_000;
const T0 = Date.now() - 20 * DAY;
const base = { createdAt: T0, updatedAt: T0, deletedAt: null };
const contact = (id: string, name: string, extra: object = {}) => ({
  ...base, id, name, emails: [`${id}@example.com`], title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null, ...extra,
});
const deal = (id: string, stageId: string, dollars: number, extra: object = {}) => ({
  ...base, id: `d-${id}`, contactId: id, companyId: null, title: id, stageId, stageEnteredAt: T0, status: 'open', valueMinor: dollars * 100, currency: 'USD',
  owner: null, expectedCloseAt: null, closedAt: null, lostReason: null, bant: null, leadSource: null, ...extra,
});
const activity = (id: string, contactId: string, kind: string, daysAgo: number, text: string | null = null) => ({
  ...base, id, contactId, dealId: `d-${contactId}`, kind, direction: kind === 'email_in' ? 'in' : kind === 'note' ? 'none' : 'out',
  channel: kind.startsWith('email') ? 'email' : kind === 'note' ? 'crm' : 'phone', at: Date.now() - daysAgo * DAY, sourceId: null, text,
});

/** The dashboard once before seeding: the database exists at its current version. */
async function freshDashboard(context: Parameters<typeof openDashboard>[0], extensionId: string) {
  const first = await openDashboard(context, extensionId);
  await expect(first.getByTestId('sidecar-sample-data')).toBeVisible();
  await first.close();
}

const rows = (dash: Page) => dash.getByTestId('sidecar-people-row');
const names = async (dash: Page) => rows(dash).getByTestId('sidecar-people-open').allTextContents();

test('People & deals: 10,000 people in a virtualised table, searched, filtered, sorted', async ({ context, extensionId }) => {
  test.setTimeout(120_000);
  await freshDashboard(context, extensionId);
  const N = 10_000;
  const stages = ['contact', 'qualification', 'meeting', 'proposal'];
  const people = Array.from({ length: N }, (_, i) => contact(`p${String(i).padStart(5, '0')}`, `Person ${String(i).padStart(5, '0')}`));
  // Three people anyone could find: by accent-free name, by company-less address, by a note.
  people[123] = contact('p00123', 'José Ñúñez', { emails: ['jose@nunez.example'] });
  people[4567] = contact('p04567', 'Dewi Lestari', { emails: ['dewi@lestari.example'] });
  await seedBeneathDexie(context, {
    contacts: people,
    deals: people.map((p, i) => deal(p.id, stages[i % 4]!, 100 + (i % 97) * 10)),
    activities: [activity('n1', 'p04567', 'note', 2, 'Wants the enterprise plan, budget approved')],
  });
  const dash = await openDashboard(context, extensionId);
  const count = dash.getByTestId('sidecar-people-count');
  await expect(count).toHaveAttribute('data-value', String(N), { timeout: 60_000 });
  // Virtualised: only the rows on screen (and a few beyond) are in the DOM.
  expect(await rows(dash).count()).toBeLessThan(40);
  // By name: Dewi, José, then the Persons.
  await expect(rows(dash).first()).toHaveAttribute('data-contact-id', 'p04567');
  await expect(rows(dash).nth(2)).toHaveAttribute('data-contact-id', 'p00000');

  // Scrolling to the end brings the last person into the DOM.
  await dash.getByTestId('sidecar-people-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(dash.locator('[data-testid=sidecar-people-row][data-contact-id=p09999]')).toBeVisible();

  // Search over names (accents folded), addresses and notes.
  const search = dash.getByTestId('sidecar-people-search');
  await search.fill('jose nunez');
  await expect(count).toHaveAttribute('data-value', '1');
  expect(await names(dash)).toEqual(['José Ñúñez']);
  await search.fill('enterprise plan');
  await expect(count).toHaveAttribute('data-value', '1');
  expect(await names(dash)).toEqual(['Dewi Lestari']);
  await search.fill('lestari.example');
  await expect(count).toHaveAttribute('data-value', '1');
  await search.fill('Person 0999');
  // 09990 … 09999, and 00999 ("0999" is in its name too).
  await expect(count).toHaveAttribute('data-value', '11');

  // Filter by stage on top of the search: i % 4 === 2 is Meeting (09990, 09994, 09998; not 00999).
  await dash.getByTestId('sidecar-people-filter-stage').selectOption('meeting');
  await expect(count).toHaveAttribute('data-value', '3');
  expect(await names(dash)).toEqual(['Person 09990', 'Person 09994', 'Person 09998']);

  // Sort by value, highest first: value = 100 + (i % 97) × 10.
  await dash.getByTestId('sidecar-people-sort-value').click();
  const value = (i: number) => 100 + (i % 97) * 10;
  const expected = [9990, 9994, 9998].sort((a, b) => value(b) - value(a)).map((i) => `Person 0${i}`);
  expect(await names(dash)).toEqual(expected);
  await dash.getByTestId('sidecar-people-sort-value').click();
  expect(await names(dash)).toEqual([...expected].reverse());

  // Clearing the filter and the search shows everyone again.
  await dash.getByTestId('sidecar-people-filter-clear').click();
  await search.fill('');
  await expect(count).toHaveAttribute('data-value', String(N));
});

test('People & deals: bulk stage change goes through the sidebar’s service (history, gates); last touch and nudge filters', async ({ context, extensionId }) => {
  await freshDashboard(context, extensionId);
  await seedBeneathDexie(context, {
    contacts: [contact('ana', 'Ana'), contact('budi', 'Budi'), contact('citra', 'Citra'), contact('dodi', 'Dodi')],
    deals: [deal('ana', 'contact', 100), deal('budi', 'contact', 200), deal('citra', 'contact', 300), deal('dodi', 'proposal', 400)],
  });
  const dash = await openDashboard(context, extensionId);
  await expect(dash.getByTestId('sidecar-people-count')).toHaveAttribute('data-value', '4');
  const row = (id: string) => dash.locator(`[data-testid=sidecar-people-row][data-contact-id=${id}]`);
  await row('ana').getByTestId('sidecar-people-select').check();
  await row('budi').getByTestId('sidecar-people-select').check();
  await dash.getByTestId('sidecar-bulk-stage').selectOption('meeting');
  await dash.getByTestId('sidecar-bulk-apply').click();
  await expect(row('ana').getByTestId('sidecar-people-stage')).toHaveText('Meeting');
  await expect(row('budi').getByTestId('sidecar-people-stage')).toHaveText('Meeting');
  await expect(row('citra').getByTestId('sidecar-people-stage')).toHaveText('Contact');
  const db = await dbDump(context);
  expect(db.stageChanges!.map((c) => [c.dealId, c.fromStageId, c.toStageId]).sort()).toEqual([
    ['d-ana', 'contact', 'meeting'],
    ['d-budi', 'contact', 'meeting'],
  ]);
  expect(db.activities!.filter((a) => a.kind === 'stage_change')).toHaveLength(2);

  // Lost asks for one reason, kept on every deal it closes.
  await row('citra').getByTestId('sidecar-people-select').check();
  await row('dodi').getByTestId('sidecar-people-select').check();
  await dash.getByTestId('sidecar-bulk-stage').selectOption('lost');
  await dash.getByTestId('sidecar-bulk-apply').click();
  await expect(dash.getByTestId('sidecar-command-error')).toBeVisible();
  expect((await dbDump(context)).deals!.filter((d) => d.status === 'lost')).toHaveLength(0);
  await dash.getByTestId('sidecar-bulk-reason').fill('No budget');
  await dash.getByTestId('sidecar-bulk-apply').click();
  await expect(row('dodi').getByTestId('sidecar-people-stage')).toHaveText('Lost');
  const lost = (await dbDump(context)).deals!.filter((d) => d.status === 'lost');
  expect(lost.map((d) => [d.id, d.lostReason]).sort()).toEqual([
    ['d-citra', 'No budget'],
    ['d-dodi', 'No budget'],
  ]);
  await dash.getByTestId('sidecar-people-filter-stage').selectOption('lost');
  await expect(dash.getByTestId('sidecar-people-count')).toHaveAttribute('data-value', '2');
});

test('People & deals: the detail view edits a person; a bad or taken address changes nothing', async ({ context, extensionId }) => {
  await freshDashboard(context, extensionId);
  await seedBeneathDexie(context, {
    contacts: [contact('ana', 'Ana'), contact('budi', 'Budi')],
    deals: [deal('ana', 'contact', 100), deal('budi', 'contact', 200)],
    activities: [activity('a1', 'ana', 'email_in', 3, 'Pricing question')],
  });
  const dash = await openDashboard(context, extensionId);
  await dash.locator('[data-testid=sidecar-people-row][data-contact-id=ana]').getByTestId('sidecar-people-open').click();
  const detail = dash.getByTestId('sidecar-person-detail');
  // The whole timeline, as in the sidebar.
  await expect(detail).toContainText('Pricing question');
  await detail.getByTestId('sidecar-edit-name').fill('Ana Wijaya');
  await detail.getByTestId('sidecar-edit-emails').fill('ana@example.com\nana.wijaya@acme.example');
  await detail.getByTestId('sidecar-edit-company').fill('Acme');
  await detail.getByTestId('sidecar-edit-title').fill('Head of Sales');
  await detail.getByTestId('sidecar-edit-linkedin').fill('linkedin.com/in/ana-wijaya');
  await detail.getByTestId('sidecar-edit-save').click();
  await expect(detail.getByTestId('sidecar-edit-saved')).toBeVisible();
  let db = await dbDump(context);
  const ana = db.contacts!.find((c) => c.id === 'ana')!;
  expect([ana.name, ana.emails, ana.title, ana.linkedinUrl]).toEqual(['Ana Wijaya', ['ana@example.com', 'ana.wijaya@acme.example'], 'Head of Sales', 'https://www.linkedin.com/in/ana-wijaya/']);
  const acme = db.companies!.find((c) => c.name === 'Acme')!;
  expect(ana.companyId).toBe(acme.id);
  expect(db.deals!.find((d) => d.id === 'd-ana')!.companyId).toBe(acme.id);
  await expect(dash.locator('[data-testid=sidecar-people-row][data-contact-id=ana]')).toContainText('Ana Wijaya');

  // Budi's address: refused with a way to the other person; nothing written.
  await detail.getByTestId('sidecar-edit-emails').fill('ana@example.com\nbudi@example.com');
  await detail.getByTestId('sidecar-edit-name').fill('Changed');
  await detail.getByTestId('sidecar-edit-save').click();
  await expect(detail.getByTestId('sidecar-command-error')).toContainText('budi@example.com');
  await expect(detail.getByTestId('sidecar-edit-open-other')).toBeVisible();
  // Not an address at all.
  await detail.getByTestId('sidecar-edit-emails').fill('not an address');
  await detail.getByTestId('sidecar-edit-save').click();
  await expect(detail.getByTestId('sidecar-command-error')).toBeVisible();
  db = await dbDump(context);
  expect(db.contacts!.find((c) => c.id === 'ana')!.name).toBe('Ana Wijaya');
  expect(db.contacts!.find((c) => c.id === 'ana')!.emails).toEqual(['ana@example.com', 'ana.wijaya@acme.example']);
});

test('People & deals: merge two people keeps every activity, one undo restores both; delete with undo', async ({ context, extensionId }) => {
  await freshDashboard(context, extensionId);
  await seedBeneathDexie(context, {
    contacts: [contact('ana', 'Ana'), contact('ana2', 'Ana W.', { emails: ['ana@personal.example'], linkedinUrl: 'https://www.linkedin.com/in/ana-w/' }), contact('budi', 'Budi')],
    deals: [deal('ana', 'meeting', 100), deal('ana2', 'contact', 50), deal('budi', 'contact', 200)],
    activities: [
      activity('a1', 'ana', 'email_in', 5, 'First reply'),
      activity('a2', 'ana', 'email_out', 4, 'Proposal'),
      activity('b1', 'ana2', 'linkedin_message', 6, 'Hi on LinkedIn'),
      activity('b2', 'ana2', 'call', 2, 'Call about pricing'),
      activity('c1', 'budi', 'note', 1, 'Budi note'),
    ],
  });
  const before = await dbDump(context);
  const dash = await openDashboard(context, extensionId);
  await expect(dash.getByTestId('sidecar-people-count')).toHaveAttribute('data-value', '3');
  await dash.locator('[data-testid=sidecar-people-row][data-contact-id=ana]').getByTestId('sidecar-people-open').click();
  const detail = dash.getByTestId('sidecar-person-detail');
  await detail.getByTestId('sidecar-merge-search').fill('personal');
  await detail.locator('[data-testid=sidecar-merge-candidate][data-contact-id=ana2]').click();
  await detail.getByTestId('sidecar-merge-confirm').click();
  await expect(dash.getByTestId('sidecar-undo-message')).toContainText('Ana W. merged into Ana');
  await expect(dash.getByTestId('sidecar-people-count')).toHaveAttribute('data-value', '2');
  // The merged person's timeline shows both people's activities.
  for (const text of ['First reply', 'Proposal', 'Hi on LinkedIn', 'Call about pricing']) await expect(detail).toContainText(text);

  let db = await dbDump(context);
  const ana = db.contacts!.find((c) => c.id === 'ana')!;
  expect(ana.emails).toEqual(['ana@example.com', 'ana@personal.example']);
  expect(ana.linkedinUrl).toBe('https://www.linkedin.com/in/ana-w/');
  expect(db.contacts!.find((c) => c.id === 'ana2')!.deletedAt).not.toBeNull();
  // Every activity kept, none deleted: all four of the two people's now Ana's.
  expect(db.activities!.filter((a) => a.deletedAt === null).map((a) => [a.id, a.contactId]).sort()).toEqual([
    ['a1', 'ana'], ['a2', 'ana'], ['b1', 'ana'], ['b2', 'ana'], ['c1', 'budi'],
  ]);
  expect(db.deals!.find((d) => d.id === 'd-ana2')!.contactId).toBe('ana');

  // One undo: both people as they were, each with their own activities.
  await dash.getByTestId('sidecar-undo').click();
  await expect(dash.getByTestId('sidecar-people-count')).toHaveAttribute('data-value', '3');
  await expect(dash.getByTestId('sidecar-undo-bar')).toHaveCount(0);
  db = await dbDump(context);
  const pick = (d: Record<string, any[]>) => ({
    contacts: d.contacts!.map((c) => [c.id, c.emails, c.linkedinUrl, c.deletedAt]).sort(),
    activities: d.activities!.map((a) => [a.id, a.contactId, a.deletedAt]).sort(),
    deals: d.deals!.map((x) => [x.id, x.contactId, x.deletedAt]).sort(),
  });
  expect(pick(db)).toEqual(pick(before));

  // Delete Budi: a tombstone, gone from the table; undo brings him back with his note.
  await dash.locator('[data-testid=sidecar-people-row][data-contact-id=budi]').getByTestId('sidecar-people-open').click();
  await dash.getByTestId('sidecar-person-detail').getByTestId('sidecar-delete-contact').click();
  await expect(dash.getByTestId('sidecar-undo-message')).toContainText('Budi deleted');
  await expect(dash.locator('[data-testid=sidecar-people-row][data-contact-id=budi]')).toHaveCount(0);
  db = await dbDump(context);
  expect(db.contacts!.find((c) => c.id === 'budi')!.deletedAt).not.toBeNull();
  expect(db.deals!.find((d) => d.id === 'd-budi')!.deletedAt).not.toBeNull();
  await dash.getByTestId('sidecar-undo').click();
  await expect(dash.locator('[data-testid=sidecar-people-row][data-contact-id=budi]')).toHaveCount(1);
  expect(pick(await dbDump(context))).toEqual(pick(before));
});
