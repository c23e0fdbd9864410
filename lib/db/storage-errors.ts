/**
 * What a failed write means for the rep. IndexedDB reports a full disk as
 * QuotaExceededError, but Dexie usually hands it over wrapped: an AbortError
 * of the transaction whose `inner` is the real cause (or a `cause`). Aborts
 * and a closed or broken database are transient: the transaction wrote
 * nothing and the same command may simply be sent again.
 */
export type StorageFailure = 'storage_full' | 'storage_failed';

const TRANSIENT = new Set(['AbortError', 'TransactionInactiveError', 'DatabaseClosedError', 'UnknownError', 'OpenFailedError', 'InvalidStateError']);

export function storageFailure(error: unknown): StorageFailure | null {
  let failed = false;
  let e: unknown = error;
  for (let depth = 0; depth < 6 && e && typeof e === 'object'; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return 'storage_full';
    if (typeof name === 'string' && TRANSIENT.has(name)) failed = true;
    e = (e as { inner?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return failed ? 'storage_failed' : null;
}
