// One fresh database per test, for unit tests of code that reads or writes it.
// fake-indexeddb stands in for the browser's IndexedDB here (the e2e tests use the real one). Import this
// module first in a test file: Dexie looks for IndexedDB when it is loaded.
import 'fake-indexeddb/auto';
import { SidecarDb } from '@/lib/db';

/**
 * Registers, for the calling test file, a new empty SidecarDb before each test
 * (handed to `set`) and its deletion after it, so no test sees another's rows.
 * Usage: `let db: SidecarDb; useTestDb((fresh) => (db = fresh));`
 */
export function useTestDb(set: (db: SidecarDb) => void): void {
  let current: SidecarDb | null = null;
  beforeEach(() => {
    current = new SidecarDb(`test-${crypto.randomUUID()}`);
    set(current);
  });
  afterEach(async () => {
    await current?.delete();
    current = null;
  });
}
