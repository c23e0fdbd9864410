// @vitest-environment happy-dom
import { act } from 'react';
import { fakeBrowser } from 'wxt/testing';
import { reactHostPerTest } from '@/test/unit/react-host';
import type { Settings } from '@/lib/domain/settings';
import { BACKUP_STATE_KEY } from '@/lib/platform/storage-keys';
import { AutoBackupSettings } from './AutoBackupSettings';
import { I18nProvider } from './i18n';

const dom = reactHostPerTest();

/** The section (mounted afresh, as the options page opens) with automatic backups switched on, the downloads permission granted or not, and the last run's error. */
async function render({ granted, error, language = 'en' }: { granted: boolean; error: string | null; language?: 'en' | 'id' }) {
  (fakeBrowser as unknown as { permissions: { contains: () => Promise<boolean> } }).permissions = { contains: async () => granted };
  await fakeBrowser.storage.local.set({ [BACKUP_STATE_KEY]: { last: null, files: [], error } });
  const backups: Settings['backups'] = { enabled: true, every: 'daily', keep: 3 };
  await act(async () =>
    dom.root.render(
      <I18nProvider setting={language}>
        <AutoBackupSettings key={Math.random()} backups={backups} save={async () => {}} />
      </I18nProvider>,
    ),
  );
  await act(async () => new Promise((r) => setTimeout(r, 10)));
  return {
    error: () => dom.host.querySelector('[data-testid=sidecar-auto-backup-error]')?.textContent ?? null,
    on: () => dom.host.querySelector<HTMLInputElement>('[data-testid=sidecar-option-backups]')!.checked,
  };
}

describe('AutoBackupSettings', () => {
  it('says in plain words that the last automatic backup failed, why, and what to do', async () => {
    const { error, on } = await render({ granted: true, error: 'FILE_NO_SPACE' });
    expect(on()).toBe(true);
    expect(error()).toContain('The last automatic backup failed');
    expect(error()).toContain('FILE_NO_SPACE');
    expect(error()).toContain('off and on again');
  });

  it('switched on without the downloads permission (a restored backup): not shown as running, and says how to allow it', async () => {
    const { error, on } = await render({ granted: false, error: 'no downloads permission' });
    expect(on()).toBe(false);
    expect(error()).toContain('not being made');
    expect(error()).not.toContain('no downloads permission');
  });

  it('in Indonesian too; nothing shown once the permission is there and the last backup worked', async () => {
    expect((await render({ granted: false, error: null, language: 'id' })).error()).toContain('tidak dibuat');
    expect((await render({ granted: true, error: null })).error()).toBeNull();
    // The permission's old error, once it has been granted since, is not shown either.
    expect((await render({ granted: true, error: 'no downloads permission' })).error()).toBeNull();
  });
});
