import type { ErrorResponse, SyncErrorCode } from '../lib/domain/sync-wire';

const STATUS: Record<SyncErrorCode, number> = {
  bad_request: 400,
  clock_skew: 400,
  unauthorized: 401,
  bad_code: 401,
  forbidden: 403,
  sequence_gap: 409,
  resync: 410,
  too_large: 413,
  rate_limited: 429,
  server_error: 500,
};

/** A refusal with its HTTP status and a body the extension can explain to the rep. Thrown inside a transaction, it rolls everything back. */
export class SyncError extends Error {
  readonly status: number;
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: Omit<ErrorResponse, 'error' | 'message'> = {},
    /** rate_limited: seconds until a retry may pass (the Retry-After header). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  body(): ErrorResponse {
    return { error: this.code, message: this.message, ...this.extra };
  }
}
