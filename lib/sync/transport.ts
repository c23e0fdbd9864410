import type { z } from 'zod';
import {
  ErrorResponseSchema,
  PairResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  type PairResponse,
  type PullResponse,
  type PushResponse,
  type FailureCode,
} from '../domain/sync-wire';

/** Why a call failed: the server's own code, or what went wrong on the way. */
export interface SyncFailure {
  code: FailureCode;
  message: string;
  status?: number;
  /** rate_limited: seconds to wait. */
  retryAfter?: number;
  /** sequence_gap: the batch the server expects. */
  expected?: number;
  /** clock_skew: the server's time. */
  now?: number;
}

export class SyncCallError extends Error {
  constructor(readonly failure: SyncFailure) {
    super(failure.message);
  }
}

export interface Connection {
  url: string;
  teamId: string;
  token: string;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const TIMEOUT_MS = 30_000;

/** One call: the answer parsed with its schema, anything else a SyncCallError (the server is no more trusted than a page). */
async function call<T extends z.ZodType>(fetchFn: Fetch, url: string, init: RequestInit, schema: T): Promise<z.infer<T>> {
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new SyncCallError({ code: 'network', message: e instanceof Error ? e.message : String(e) });
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ErrorResponseSchema.safeParse(body);
    const retry = Number(res.headers.get('retry-after'));
    throw new SyncCallError({
      code: err.success ? err.data.error : res.status >= 500 ? 'server_error' : 'bad_response',
      message: err.success ? err.data.message : `HTTP ${res.status}`,
      status: res.status,
      ...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}),
      ...(err.success && err.data.expected !== undefined ? { expected: err.data.expected } : {}),
      ...(err.success && err.data.now !== undefined ? { now: err.data.now } : {}),
    });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SyncCallError({ code: 'bad_response', message: 'The server sent an answer this extension cannot read.', status: res.status });
  return parsed.data;
}

const json = { 'content-type': 'application/json' };

export function pairDevice(fetchFn: Fetch, url: string, code: string, name: string): Promise<PairResponse> {
  return call(fetchFn, `${url}/v1/pair`, { method: 'POST', headers: json, body: JSON.stringify({ code, name }) }, PairResponseSchema);
}

export function pushBatch(fetchFn: Fetch, c: Connection, body: string): Promise<PushResponse> {
  return call(fetchFn, `${c.url}/v1/teams/${c.teamId}/push`, { method: 'POST', headers: { ...json, authorization: `Bearer ${c.token}` }, body }, PushResponseSchema);
}

export function pullPage(fetchFn: Fetch, c: Connection, after: string, limit: number): Promise<PullResponse> {
  const q = new URLSearchParams({ after, limit: String(limit) });
  return call(fetchFn, `${c.url}/v1/teams/${c.teamId}/pull?${q}`, { headers: { authorization: `Bearer ${c.token}` } }, PullResponseSchema);
}
