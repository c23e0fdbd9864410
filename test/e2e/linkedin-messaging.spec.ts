import { dbDump, expect, sidebar, test } from './fixtures';
import { LINKEDIN, linkedinFixture, serveLinkedIn } from './linkedin';
import { messagingDemo } from './variants';

const THREAD = `${LINKEDIN}/messaging/thread/2-ZGFuYS1wcm9zcGVjdA==/`;

test('the messaging partner is shown, and a message the rep sends to a contact is logged', async ({ context, page }) => {
  await serveLinkedIn(context, {
    '/in/dana-prospect/': linkedinFixture('profile-2026-en.html'),
    '/messaging/thread/2-ZGFuYS1wcm9zcGVjdA==/': linkedinFixture('messaging-thread.html'),
  });
  await page.goto(`${LINKEDIN}/in/dana-prospect/`);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Contact');

  await page.goto(THREAD);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  // LinkedIn's own script handles the form; in the fixture we only stop the native submit.
  await page.evaluate(() => document.querySelector('form.msg-form')!.addEventListener('submit', (e) => e.preventDefault()));
  await page.locator('.msg-form__contenteditable').fill('Thanks Dana, talk Thursday!');
  // A page script's fabricated clicks and Enter keys are not the rep sending: nothing is logged.
  await page.evaluate(() => {
    const send = document.querySelector<HTMLButtonElement>('button.msg-form__send-button')!;
    for (let i = 0; i < 5; i++) send.click();
    const box = document.querySelector('.msg-form__contenteditable')!;
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
  await page.waitForTimeout(500);
  expect(((await dbDump(context)).activities ?? []).filter((a) => a.kind === 'linkedin_message')).toHaveLength(0);
  await page.locator('button.msg-form__send-button').click();
  await expect(sb.locator('[data-testid=sidecar-activity][data-kind=linkedin_message]')).toHaveCount(1);

  // An empty composer sends nothing, so nothing is logged.
  await page.locator('.msg-form__contenteditable').fill('');
  await page.locator('button.msg-form__send-button').click();
  await page.waitForTimeout(500);
  const db = await dbDump(context);
  expect(db.activities!.filter((a) => a.kind === 'linkedin_message')).toHaveLength(1);
  expect(db.activities!.find((a) => a.kind === 'linkedin_message').channel).toBe('linkedin');
});

test('automatic logging of LinkedIn messages can be switched off', async ({ context, page, extensionId }) => {
  await serveLinkedIn(context, {
    '/in/dana-prospect/': linkedinFixture('profile-2026-en.html'),
    '/messaging/thread/2-ZGFuYS1wcm9zcGVjdA==/': linkedinFixture('messaging-thread.html'),
  });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-option-autolog-linkedin').uncheck();
  await expect(options.getByRole('status')).toHaveText('Saved');
  await page.goto(`${LINKEDIN}/in/dana-prospect/`);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Contact');
  await page.goto(THREAD);
  await expect(sidebar(page).getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await page.evaluate(() => document.querySelector('form.msg-form')!.addEventListener('submit', (e) => e.preventDefault()));
  await page.locator('.msg-form__contenteditable').fill('Hello');
  await page.locator('.msg-form__contenteditable').press('Enter');
  await page.waitForTimeout(800);
  expect((await dbDump(context)).activities ?? []).toHaveLength(0);
});

test('a LinkedIn message read on the page can suggest a stage move', async ({ context, page }) => {
  await serveLinkedIn(context, {
    '/in/dana-prospect/': linkedinFixture('profile-2026-en.html'),
    '/messaging/thread/2-ZGFuYS1wcm9zcGVjdA==/': messagingDemo(),
  });
  await page.goto(`${LINKEDIN}/in/dana-prospect/`);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Contact');
  await page.goto(THREAD);
  const trigger = sidebar(page).getByTestId('sidecar-trigger');
  await expect(trigger).toHaveAttribute('data-stage', 'meeting');
  await expect(trigger).toContainText('book a demo');
  await trigger.getByTestId('sidecar-trigger-accept').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Meeting');
  // The rep's own message in the same thread ("a short call next week") is not theirs to trigger.
  expect((await dbDump(context)).suggestions).toHaveLength(1);
});
