import { dbDump, expect, sidebar, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';
import { LINKEDIN, linkedinFixture, serveLinkedIn, spaNavigate } from './linkedin';

const DANA = '/in/dana-prospect/';
const OVERLAY = '/in/dana-prospect/overlay/contact-info/';
// A details subpage shows no top card: only a list and the person's name in the title.
const DETAILS_HTML = '<!doctype html><title>Experience | Dana Prospect | LinkedIn</title><main><h2>Experience</h2><ul><li>VP Sales · BigCorp</li></ul></main>';

test('the sidebar stays on the person through contact info and subpages; the address found there is added in one click and links her Gmail thread', async ({ context, page }) => {
  await serveLinkedIn(context, { [DANA]: linkedinFixture('profile-2026-en.html'), [OVERLAY]: linkedinFixture('profile-2026-en-contact-info.html') });
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(`${LINKEDIN}${DANA}`);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sb.getByTestId('sidecar-contact-info-offer')).toHaveCount(0);

  // The rep opens "Contact info": the sidebar keeps Dana, and offers what the overlay shows, each on its own.
  await spaNavigate(page, linkedinFixture('profile-2026-en-contact-info.html'), OVERLAY);
  await expect(sb.getByTestId('sidecar-contact-info-offer')).toBeVisible();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sb.getByTestId('sidecar-add-contact-email')).toHaveAttribute('data-value', 'dana@bigcorp.io');
  await expect(sb.getByTestId('sidecar-add-contact-phone')).toHaveAttribute('data-value', '+62 812-3456-7890');
  await expect(sb.getByTestId('sidecar-add-contact-website')).toHaveCount(2);
  // Offered, never added silently.
  expect((await dbDump(context)).contacts![0].emails).toEqual([]);

  await sb.getByTestId('sidecar-add-contact-email').click();
  await expect(sb.getByTestId('sidecar-add-contact-email')).toHaveCount(0);
  await sb.getByTestId('sidecar-add-contact-phone').click();
  await expect(sb.getByTestId('sidecar-contact-phone')).toHaveText('+62 812-3456-7890');
  const stored = (await dbDump(context)).contacts!;
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ emails: ['dana@bigcorp.io'], phones: ['+62 812-3456-7890'] });

  // A details subpage: no top card, the same person.
  await spaNavigate(page, DETAILS_HTML, `${DANA}details/experience/`);
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sb.getByTestId('sidecar-contact-info-offer')).toHaveCount(0);

  // Her Gmail thread is hers at once: recognised, nothing to create, no second contact.
  const mail = await context.newPage();
  await mail.goto(THREAD_URL);
  await expect(sidebar(mail).getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sidebar(mail).getByTestId('sidecar-create-contact')).toHaveCount(0);
  expect((await dbDump(context)).contacts).toHaveLength(1);
});

test('the contact-info overlay in the Indonesian UI and 2024 markup: a tel: number offered and added, in Indonesian', async ({ context, page, extensionId }) => {
  const BUDI = '/in/budi-santoso-7a1b2c/';
  await serveLinkedIn(context, { [BUDI]: linkedinFixture('profile-2026-id.html'), [`${BUDI}overlay/contact-info/`]: linkedinFixture('profile-2026-id-contact-info.html') });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-option-language').selectOption('id');
  await page.goto(`${LINKEDIN}${BUDI}overlay/contact-info/`);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Kontak');
  const phone = sb.getByTestId('sidecar-add-contact-phone');
  await expect(phone).toHaveAttribute('data-value', '0811-2233-4455');
  await expect(phone).toHaveText('Tambah');
  await expect(phone).toHaveAccessibleName('Tambahkan nomor telepon 0811-2233-4455 ke kontak ini');
  await phone.click();
  await sb.getByTestId('sidecar-add-contact-email').click();
  await expect(sb.getByTestId('sidecar-contact-info-offer')).toHaveCount(0);
  expect((await dbDump(context)).contacts![0]).toMatchObject({ emails: ['budi@tokomaju.co.id'], phones: ['0811-2233-4455'] });
});
