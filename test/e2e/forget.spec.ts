import { dbDump, expect, sidebar, test } from './fixtures';
import { recordStrings as strings } from '../record-strings';
import { expectNoAxeViolations } from './axe';
import { openDashboard } from './dashboard';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

type Dump = Record<string, any[]>;

/** What the database held about the person before: their ids, and every text of theirs worth searching for. */
function about(db: Dump, contactId: string) {
  const contact = db.contacts!.find((c) => c.id === contactId)!;
  const deals = db.deals!.filter((d) => d.contactId === contactId);
  const dealIds = new Set(deals.map((d) => d.id));
  const activities = db.activities!.filter((a) => a.contactId === contactId || dealIds.has(a.dealId));
  const stageChanges = db.stageChanges!.filter((s) => dealIds.has(s.dealId));
  const company = db.companies!.find((c) => c.id === contact.companyId);
  const ids = new Set<string>([contactId, ...dealIds, ...activities.map((a) => a.id), ...stageChanges.map((s) => s.id), ...(company ? [company.id] : [])]);
  const texts = [contact.name, ...contact.emails, company?.name, company?.domain, ...deals.map((d) => d.title), ...activities.flatMap((a) => [a.text, a.sourceId])];
  return { ids, texts: [...new Set(texts.filter((s): s is string => typeof s === 'string' && s.length >= 4))] };
}

/** Whatever still names the person: their texts anywhere, their ids anywhere but as a tombstone's own (or linked) id. */
function leaks(db: Dump, person: ReturnType<typeof about>): string[] {
  const out: string[] = [];
  for (const [store, rows] of Object.entries(db))
    for (const row of rows) {
      const tombstone = row?.deletedAt != null || row?.f?.deletedAt != null;
      for (const [path, s] of strings(row, store)) {
        for (const t of person.texts) if (s.toLowerCase().includes(t.toLowerCase())) out.push(`${path} holds "${t}"`);
        for (const id of person.ids) if (s.includes(id) && !(s === id && tombstone)) out.push(`${path} holds id ${id}`);
      }
    }
  return out;
}

test('forgetting a person from the dashboard leaves only tombstones, and Gmail shows them as unknown again', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await sb.getByTestId('sidecar-log-text').fill('KOALA-42: budget approved by the board');
  await sb.getByTestId('sidecar-log-note').click();
  await expect(sb.locator('[data-testid=sidecar-activity][data-kind=note]')).toHaveCount(1);

  const before = await dbDump(context);
  const contactId = before.contacts!.find((c) => c.emails.includes('dana@bigcorp.io'))!.id as string;
  const person = about(before, contactId);
  expect(person.texts).toEqual(expect.arrayContaining(['Dana Prospect', 'dana@bigcorp.io', 'bigcorp.io', 'KOALA-42: budget approved by the board']));
  // The check below finds them while they are there.
  expect(leaks(before, person).length).toBeGreaterThan(10);
  // The seed reached the stores it should: history, summary, the engine's facts.
  expect(before.stageChanges!.length).toBeGreaterThan(0);
  expect(before.summaries!.some((s) => s.contactId === contactId)).toBe(true);

  const dash = await openDashboard(context, extensionId);
  await dash.locator(`[data-testid=sidecar-people-row][data-contact-id="${contactId}"]`).getByTestId('sidecar-people-open').click();
  const detail = dash.getByTestId('sidecar-person-detail');
  const forget = detail.getByTestId('sidecar-forget-contact');
  await forget.click();
  // The dialog says what goes and that it is final; focus starts on Cancel, Escape closes it and focus returns.
  const dialog = dash.getByTestId('sidecar-forget-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('cannot be undone');
  await expect(dash.getByTestId('sidecar-forget-cancel')).toBeFocused();
  await dash.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(forget).toBeFocused();
  await forget.click();
  await dash.getByTestId('sidecar-forget-cancel').click();
  await expect(dialog).toBeHidden();
  expect((await dbDump(context)).contacts!.find((c) => c.id === contactId)!.name).toBe('Dana Prospect');

  await forget.click();
  await dash.getByTestId('sidecar-forget-confirm').click();
  await expect(dash.getByTestId('sidecar-forget-done')).toHaveText(/Forgotten/);
  await expect(dash.getByTestId('sidecar-person-detail')).toHaveCount(0);
  await expect(dash.getByTestId('sidecar-people-row')).toHaveCount(0);
  // No undo is offered for it.
  await expect(dash.getByTestId('sidecar-undo-bar')).toHaveCount(0);

  const after = await dbDump(context);
  expect(leaks(after, person)).toEqual([]);
  // What is left of them are tombstones, in the stores sync carries.
  for (const store of ['contacts', 'deals', 'activities', 'companies']) {
    const left = after[store]!.filter((r) => person.ids.has(r.id));
    expect(left.length, store).toBeGreaterThan(0);
    expect(left.every((r) => r.deletedAt !== null), store).toBe(true);
  }

  // The Gmail thread: they are unknown again, with the Create button.
  await page.bringToFront();
  await page.reload();
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await expect(sb.getByTestId('sidecar-create-contact')).toBeVisible();
});

test('the sidebar forgets the person it shows, after the same confirmation', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  const contactId = (await dbDump(context)).contacts![0].id as string;

  await sb.getByTestId('sidecar-forget-contact').click();
  await expect(sb.getByTestId('sidecar-forget-cancel')).toBeFocused();
  await expectNoAxeViolations(sb, 'the sidebar asking to forget a person');
  await sb.getByTestId('sidecar-forget-confirm').click();
  // At once, without a reload: the person is unknown and can be created again.
  await expect(sb.getByTestId('sidecar-create-contact')).toBeVisible();
  const db = await dbDump(context);
  const contact = db.contacts!.find((c) => c.id === contactId)!;
  expect({ name: contact.name, emails: contact.emails, deleted: contact.deletedAt !== null }).toEqual({ name: '', emails: [], deleted: true });
  expect(db.activities!.every((a) => a.deletedAt !== null && a.text === null && a.sourceId === null)).toBe(true);
});

test('a deal, and a company, are deleted on their own from the person view, and undo brings each back', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  const { contacts, deals } = await dbDump(context);
  const contactId = contacts![0].id as string;
  const dealId = deals![0].id as string;

  const dash = await openDashboard(context, extensionId);
  await dash.locator(`[data-testid=sidecar-people-row][data-contact-id="${contactId}"]`).getByTestId('sidecar-people-open').click();
  await dash.getByTestId('sidecar-person-detail').getByTestId('sidecar-delete-deal').click();
  await expect(dash.getByTestId('sidecar-undo-message')).toContainText('deleted');
  await expect(dash.getByTestId('sidecar-person-detail').getByTestId('sidecar-delete-deal')).toHaveCount(0);
  let db = await dbDump(context);
  expect(db.deals!.find((d) => d.id === dealId)!.deletedAt).not.toBeNull();
  expect(db.contacts!.find((c) => c.id === contactId)!.deletedAt).toBeNull();
  await dash.getByTestId('sidecar-undo').click();
  await expect(dash.getByTestId('sidecar-person-detail').getByTestId('sidecar-delete-deal')).toBeVisible();
  db = await dbDump(context);
  expect(db.deals!.find((d) => d.id === dealId)!.deletedAt).toBeNull();

  // The company: a tombstone; the person stays, without it; undo links it again.
  const companyId = db.companies![0].id as string;
  await expect(dash.getByTestId('sidecar-person-detail').getByTestId('sidecar-contact-company')).toHaveText('Bigcorp');
  await dash.getByTestId('sidecar-person-detail').getByTestId('sidecar-delete-company').click();
  await expect(dash.getByTestId('sidecar-undo-message')).toContainText('Bigcorp');
  await expect(dash.getByTestId('sidecar-person-detail').getByTestId('sidecar-delete-company')).toHaveCount(0);
  db = await dbDump(context);
  expect(db.companies!.find((c) => c.id === companyId)!.deletedAt).not.toBeNull();
  expect(db.contacts!.find((c) => c.id === contactId)).toMatchObject({ companyId: null, deletedAt: null });
  await dash.getByTestId('sidecar-undo').click();
  await expect(dash.getByTestId('sidecar-person-detail').getByTestId('sidecar-contact-company')).toHaveText('Bigcorp');
  expect((await dbDump(context)).contacts!.find((c) => c.id === contactId)!.companyId).toBe(companyId);
});
