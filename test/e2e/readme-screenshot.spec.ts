import path from 'node:path';
import { expect, root, sidebar, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

// `SCREENSHOT=1 npx playwright test readme-screenshot` refreshes docs/screenshot.png.
test.skip(!process.env.SCREENSHOT, 'only when refreshing the README screenshot');

test('README screenshot', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await sb.getByTestId('sidecar-advance-stage').click();
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Meeting');
  await page.screenshot({ path: path.join(root, 'docs/screenshot.png') });
});
