import { useTestDb } from '@/test/unit/test-db';
import { useBrowserURL } from '@/test/unit/browser-url';
import Dexie from 'dexie';
import { SidecarDb } from '.';
import { createRouter } from '../messaging/router';
import { createPerson } from '../services/contacts';
import { storageFailure } from './storage-errors';

const NOW = 1_790_000_000_000;
const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';

useBrowserURL();
let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

/** Makes the next write to `table` fail inside IndexedDB's transaction, as a full disk or an abort would. */
function inject(target: SidecarDb) {
  const fault: { table: string | null; kind: 'quota' | 'abort' } = { table: null, kind: 'quota' };
  target.use({
    stack: 'dbcore',
    name: 'fault-injection',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (req) => {
            if (fault.table !== name) return t.mutate(req);
            fault.table = null;
            if (fault.kind === 'abort') {
              // A real abort of the running transaction, as the browser does when it gives up on one.
              (req.trans as unknown as IDBTransaction).abort();
              return t.mutate(req);
            }
            return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
          },
        };
      },
    }),
  });
  return fault;
}

function routerOver(target: SidecarDb) {
  const ui = {
    'ui/create-person': async ({ person }: { person: { name: string; email?: string | null } }) => {
      const r = await createPerson(target, person, { now: NOW, locale: 'en-US' });
      return { contactId: r.contact.id, created: r.created };
    },
  };
  // Only the command under test is routed; the router's checks run as in the background.
  return createRouter({ extensionId: EXT_ID, extensionOrigin: `chrome-extension://${EXT_ID}`, cs: {} as never, ui: ui as never, onError: () => {} });
}
const popup = { id: EXT_ID, url: `chrome-extension://${EXT_ID}/popup.html` };
const create = { type: 'ui/create-person', person: { name: 'Dana', email: 'dana@bigcorp.io' } };

async function counts(target: SidecarDb) {
  return [await target.contacts.count(), await target.companies.count(), await target.deals.count(), await target.stageChanges.count()];
}

describe('storageFailure', () => {
  it('finds a full disk however Dexie wraps it, and tells transient failures from bugs', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(storageFailure(quota)).toBe('storage_full');
    expect(storageFailure(new Dexie.AbortError('aborted', quota))).toBe('storage_full');
    expect(storageFailure(new Dexie.QuotaExceededError('full'))).toBe('storage_full');
    expect(storageFailure(new Dexie.AbortError('aborted'))).toBe('storage_failed');
    expect(storageFailure(new Dexie.DatabaseClosedError())).toBe('storage_failed');
    expect(storageFailure(new TypeError('x is undefined'))).toBeNull();
    expect(storageFailure('text')).toBeNull();
    const loop: { name: string; inner?: unknown } = { name: 'Error' };
    loop.inner = loop;
    expect(storageFailure(loop)).toBeNull();
  });
});

describe('a write refused by storage', () => {
  it('a full disk: the rep is told so, nothing is half-written, and the same command works once there is space', async () => {
    const fault = inject(db);
    const handle = routerOver(db);
    // The deal is the third write of the person's transaction: contact and company are already in it.
    fault.table = 'deals';
    const reply = await handle(create, popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'storage_full' } });
    expect(await counts(db)).toEqual([0, 0, 0, 0]);
    // Space freed: the retry goes through, once.
    expect(await handle(create, popup)).toMatchObject({ ok: true, data: { created: true } });
    expect(await counts(db)).toEqual([1, 1, 1, 1]);
  });

  it('an aborted transaction: a retryable failure, nothing written, and the next write works', async () => {
    const fault = inject(db);
    const handle = routerOver(db);
    fault.kind = 'abort';
    fault.table = 'stageChanges';
    const reply = await handle(create, popup);
    expect(reply).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
    expect(await counts(db)).toEqual([0, 0, 0, 0]);
    expect(await handle(create, popup)).toMatchObject({ ok: true, data: { created: true } });
    expect(await counts(db)).toEqual([1, 1, 1, 1]);
  });
});
