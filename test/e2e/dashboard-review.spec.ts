import { dbDump, expect, test } from './fixtures';
import { commander, createLeads, openDashboard } from './dashboard';

// The weekly pipeline review: what the rep did this week (through the same commands the sidebar sends) is on
// this week's agenda, each line opens its person, and the week before is empty.
test('the pipeline review lists this week’s moves, wins and losses, each line opens its person; last week is empty', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  const send = commander(dash);
  const ids: Record<string, { contactId: string; dealId: string }> = {};
  for (const who of ['Mover', 'Winner', 'Loser']) {
    const r = await send({ type: 'ui/create-person', person: { name: `Rina ${who}`, email: `${who.toLowerCase()}@acme.example` } });
    expect(r.ok).toBe(true);
    ids[who] = { contactId: r.data.contactId, dealId: '' };
  }
  const { deals } = await dbDump(context);
  for (const k of Object.keys(ids)) ids[k]!.dealId = deals!.find((d) => d.contactId === ids[k]!.contactId)!.id;
  expect((await send({ type: 'ui/move-stage', dealId: ids.Mover!.dealId, toStageId: 'meeting' })).ok).toBe(true);
  expect((await send({ type: 'ui/close-deal', dealId: ids.Winner!.dealId, outcome: 'won' })).ok).toBe(true);
  expect((await send({ type: 'ui/close-deal', dealId: ids.Loser!.dealId, outcome: 'lost', reason: 'Chose a competitor' })).ok).toBe(true);

  const item = (part: string, who: string) => dash.getByTestId(`sidecar-review-${part}`).locator(`[data-testid=sidecar-review-item][data-deal-id="${ids[who]!.dealId}"]`);
  await expect(item('moved', 'Mover')).toContainText('Rina Mover');
  await expect(item('moved', 'Mover')).toContainText('Contact → Meeting');
  await expect(item('won', 'Winner')).toContainText('Rina Winner');
  await expect(item('lost', 'Loser')).toContainText('Chose a competitor');
  await expect(dash.getByTestId('sidecar-review-won')).toHaveAttribute('data-count', '1');
  await expect(dash.getByTestId('sidecar-review-lost')).toHaveAttribute('data-count', '1');

  // A line opens the person in People & deals.
  await item('lost', 'Loser').click();
  await expect(dash.getByTestId('sidecar-person-detail')).toContainText('Rina Loser');

  // The week before: none of it.
  const week = await dash.getByTestId('sidecar-review-week').getAttribute('data-from');
  await dash.getByTestId('sidecar-review-prev').click();
  await expect(dash.getByTestId('sidecar-review-week')).not.toHaveAttribute('data-from', week!);
  for (const part of ['moved', 'won', 'lost']) await expect(dash.getByTestId(`sidecar-review-${part}`)).toHaveAttribute('data-count', '0');
});

// A part with more lines than fit (over 10,000 deals "gone quiet" and "missing details" run to thousands) shows its first ten and
// says how many are left; "Show more" draws the next ones and puts the keyboard on the first of them.
test('a long part of the review shows its first lines and the rest on request', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  const send = commander(dash);
  await createLeads(dash, 13);
  const { deals } = await dbDump(context);
  for (const d of deals!) expect((await send({ type: 'ui/move-stage', dealId: d.id, toStageId: 'meeting' })).ok).toBe(true);
  const part = dash.getByTestId('sidecar-review-moved');
  await expect(part).toHaveAttribute('data-count', '13');
  const items = part.getByTestId('sidecar-review-item');
  await expect(items).toHaveCount(10);
  const more = part.getByTestId('sidecar-review-more');
  await expect(more).toHaveText('Show 3 more (3 not shown)');
  await more.focus();
  await dash.keyboard.press('Enter');
  await expect(items).toHaveCount(13);
  await expect(more).toHaveCount(0);
  await expect(items.nth(10)).toBeFocused();
});
