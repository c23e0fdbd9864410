import { dataClient } from '@/lib/platform/data-client';
import { OFFSCREEN_PORT } from '@/lib/platform/auto-backup';

// Chromium's offscreen document for automatic backups (lib/platform/auto-backup.ts):
// reads the backup over the data port into a Blob and hands the worker its URL,
// which stays valid while this document lives.
const port = browser.runtime.connect({ name: OFFSCREEN_PORT });
dataClient()
  .exportBlob({ kind: 'backup' }, 'application/json')
  .then(
    (blob) => port.postMessage({ url: URL.createObjectURL(blob) }),
    (e) => port.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
