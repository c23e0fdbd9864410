import fs from 'node:fs';
import path from 'node:path';
import { readPolicy } from '../../lib/domain/policy-text';
import { expect, root, test } from './fixtures';

const [en, id] = readPolicy(fs.readFileSync(path.join(root, 'docs/privacy.md'), 'utf8'));
const items = (blocks: typeof en) => blocks!.flatMap((b) => (b.kind === 'list' ? b.items : []));

test('the options page opens the privacy policy the extension ships, in the rep’s language, as text', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const [policy] = await Promise.all([context.waitForEvent('page'), options.getByTestId('sidecar-open-privacy').click()]);
  expect(new URL(policy.url()).pathname).toBe('/privacy.html');
  const doc = policy.getByTestId('sidecar-privacy');
  await expect(doc.locator('h1')).toHaveText(en![0]!.kind === 'title' ? en![0]!.text : '');
  // Every sentence of docs/privacy.md is on the page: no line of the policy is dropped.
  await expect(doc.locator('li')).toHaveText(items(en));
  await expect(doc).toHaveAttribute('lang', 'en');

  // The other language, one click away; and the rep's language setting chooses the first shown.
  await policy.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(doc.locator('li')).toHaveText(items(id));
  await expect(doc).toHaveAttribute('lang', 'id');

  await options.getByTestId('sidecar-option-language').selectOption('id');
  await expect(options.getByTestId('sidecar-open-privacy')).toHaveText('Kebijakan privasi');
  const [again] = await Promise.all([context.waitForEvent('page'), options.getByTestId('sidecar-open-privacy').click()]);
  await expect(again.getByTestId('sidecar-privacy').locator('h1')).toHaveText('Kebijakan privasi');
});
