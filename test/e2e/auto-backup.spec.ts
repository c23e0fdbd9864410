import fs from 'node:fs';
import path from 'node:path';
import { expect, extensionPath, test } from './fixtures';

// Automatic backups: the downloads permission is optional (never asked at install), and a scheduled
// backup lands in the Downloads folder, the options page showing when.

test('downloads is an optional permission, asked for only when automatic backups are turned on', async ({ context, extensionId }) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'manifest.json'), 'utf8'));
  expect(manifest.permissions).not.toContain('downloads');
  expect(manifest.optional_permissions).toContain('downloads');
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  expect(await sw.evaluate(() => (globalThis as any).chrome.permissions.contains({ permissions: ['downloads'] }))).toBe(false);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('sidecar-backup-last')).toHaveText('No automatic backup has been made yet.');
  // Turning it on asks for the permission (headless Chromium leaves the prompt unanswered): until it is granted
  // nothing is switched on and no alarm is set.
  await options.getByTestId('sidecar-option-backups').click();
  await options.waitForTimeout(500);
  await expect(options.getByTestId('sidecar-option-backups')).not.toBeChecked();
  expect(await sw.evaluate(() => (globalThis as any).chrome.alarms.get('sidecar-auto-backup'))).toBeFalsy();
  expect(await sw.evaluate(() => (globalThis as any).chrome.permissions.contains({ permissions: ['downloads'] }))).toBe(false);
});

test('switched on without the permission (as a restored backup does): not shown as running, and the page says why and what to do', async ({ context, extensionId }) => {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('sidecar-auto-backup-error')).toHaveCount(0);
  await options.evaluate(() =>
    (globalThis as any).chrome.runtime.sendMessage({ type: 'ui/update-settings', patch: { backups: { enabled: true, every: 'daily', keep: 3 } } }),
  );
  // The scheduled run finds no permission and records it.
  await sw.evaluate(() => (globalThis as any).chrome.storage.local.set({ autoBackup: { last: null, files: [], error: 'no downloads permission' } }));
  await options.reload();
  await expect(options.getByTestId('sidecar-auto-backup-error')).toContainText('Automatic backups are not being made');
  await expect(options.getByTestId('sidecar-auto-backup-error')).toContainText('allow Downloads when asked');
  await expect(options.getByTestId('sidecar-option-backups')).not.toBeChecked();
});
