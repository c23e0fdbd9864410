import { dbDump, expect, launchWithExtension, sidebar, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';
import { threadDemoEn, threadDemoId } from './variants';

const sumOfParts = (points: string[]) => points.reduce((a, p) => a + Number(p), 0);

test('the score is fit + engagement, its breakdown sums to it, and it changes after a new activity', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(3);

  const read = async () => {
    const total = Number(await sb.getByTestId('sidecar-lead-score').textContent());
    const fit = Number(await sb.getByTestId('sidecar-fit-score').textContent());
    const engagement = Number(await sb.getByTestId('sidecar-engagement-score').textContent());
    const parts = await sb.locator('[data-testid=sidecar-score-breakdown] > [data-points]').evaluateAll((els) => els.map((e) => e.getAttribute('data-points')!));
    return { total, fit, engagement, parts };
  };
  const before = await read();
  expect(before.total).toBe(before.fit + before.engagement);
  expect(sumOfParts(before.parts)).toBe(before.total);
  // A company domain is part of the default ICP fit; two fresh emails from Dana are engagement.
  await expect(sb.locator('[data-rule="fit.companyDomain"]')).toHaveAttribute('data-points', '10');
  expect(before.engagement).toBeGreaterThan(0);

  await sb.getByTestId('sidecar-log-meeting').click();
  await expect(sb.getByTestId('sidecar-lead-score')).not.toHaveText(String(before.total));
  const after = await read();
  expect(after.engagement).toBeGreaterThan(before.engagement);
  expect(sumOfParts(after.parts)).toBe(after.total);

  // A BANT answer changes the fit part.
  await sb.getByTestId('sidecar-bant-budget').selectOption('yes');
  await expect(sb.locator('[data-rule="fit.bant.budget"]')).toHaveAttribute('data-points', '10');
  const withBant = await read();
  expect(withBant.fit).toBe(after.fit + 10);
  expect(sumOfParts(withBant.parts)).toBe(withBant.total);
});

test('an English "schedule a demo" email suggests Meeting, and accepting moves the deal', async ({ context, page }) => {
  await serveGmail(context, threadDemoEn());
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  // Dana's first message asked for pricing (→ Proposal), her last one for a demo (→ Meeting).
  await expect(sb.getByTestId('sidecar-trigger')).toHaveCount(2);
  const trigger = sb.locator('[data-testid=sidecar-trigger][data-stage=meeting]');
  await expect(trigger).toContainText('Demo requested → move to Meeting?');
  await expect(trigger).toContainText('schedule a demo');
  // Never moves on its own.
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await trigger.getByTestId('sidecar-trigger-accept').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Meeting');
  // The pricing request still points forward (to Proposal), so it stays.
  await expect(sb.getByTestId('sidecar-trigger')).toHaveAttribute('data-stage', 'proposal');
  const db = await dbDump(context);
  expect(db.suggestions!.map((s) => [s.kind, s.stageId, s.status]).sort()).toEqual([
    ['demo_request', 'meeting', 'accepted'],
    ['quote_request', 'proposal', 'open'],
  ]);
  // Only the matched phrase is kept, never the body.
  expect(db.suggestions!.every((s) => s.phrase.length <= 120)).toBe(true);
  expect(JSON.stringify(db)).not.toContain('signs off on anything above');
  // Reloading does not suggest the same messages again.
  await page.reload();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Meeting');
  await page.waitForTimeout(500);
  expect((await dbDump(context)).suggestions).toHaveLength(2);
});

test('an Indonesian "jadwalkan demo" email suggests Meeting too; dismiss leaves the deal alone', async () => {
  const context = await launchWithExtension({ locale: 'id-ID' });
  try {
    await serveGmail(context, threadDemoId());
    const page = await context.newPage();
    await page.goto(THREAD_URL);
    const sb = sidebar(page);
    await sb.getByTestId('sidecar-create-contact').click();
    const trigger = sb.getByTestId('sidecar-trigger');
    await expect(trigger).toHaveAttribute('data-stage', 'meeting');
    await expect(trigger).toContainText('Minta demo → pindahkan ke Pertemuan?');
    await sb.getByTestId('sidecar-trigger-dismiss').click();
    await expect(sb.getByTestId('sidecar-trigger')).toHaveCount(0);
    await expect(sb.getByTestId('sidecar-stage')).toHaveText('Kontak');
    await sb.getByTestId('sidecar-advance-stage').click();
    await expect(sb.getByTestId('sidecar-stage')).toHaveText('Kualifikasi');
  } finally {
    await context.close();
  }
});
