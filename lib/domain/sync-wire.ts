import { z } from 'zod';
import { isHlc } from './hlc';
import { parseFields, SyncTableSchema } from './sync-tables';

/**
 * The sync protocol's messages, parsed with these schemas on both ends: the
 * server never trusts a device, and a device never trusts a server.
 *
 *   POST /v1/pair  { code, name }            → { teamId, deviceId, token }
 *   POST /v1/push  { deviceId, seq, changes } → { seq, duplicate, version, dropped, now }
 *   GET  /v1/pull?after=<cursor>&limit=<n>    → { rows, cursor, more, now }
 *
 * Every call but pair carries `Authorization: Bearer <token>`.
 */

export const MAX_CHANGES_PER_PUSH = 2000;
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;

const RecordId = z.string().min(1).max(300);
export const DeviceIdSchema = z.string().regex(/^[0-9A-Z]{26}$/);
export const StampSchema = z.string().max(100).refine(isHlc, 'not a clock stamp');

export const ChangeSchema = z
  .object({
    t: SyncTableSchema,
    id: RecordId,
    op: z.enum(['insert', 'put', 'patch']),
    f: z.record(z.string().max(64), z.unknown()),
    s: StampSchema,
  })
  .strict()
  .transform((c, ctx) => {
    const r = parseFields(c.t, c.f, c.op !== 'patch');
    if (!r.ok) {
      for (const i of r.issues) ctx.addIssue({ code: 'custom', path: ['f', i.field], message: i.message });
      return z.NEVER;
    }
    return { ...c, f: r.data };
  });
export type Change = z.infer<typeof ChangeSchema>;

export const PushRequestSchema = z
  .object({
    deviceId: DeviceIdSchema,
    /** 1, 2, 3…: a batch already applied is acknowledged again and changes nothing; a gap is refused. */
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    changes: z.array(ChangeSchema).max(MAX_CHANGES_PER_PUSH),
  })
  .strict();
export type PushRequest = z.input<typeof PushRequestSchema>;

export const PushResponseSchema = z.object({
  seq: z.number().int(),
  /** This batch had been applied before: nothing was written now. */
  duplicate: z.boolean(),
  /** The team's version after the batch. */
  version: z.number().int(),
  /** Changes to records the server does not have (deleted and cleaned up): they had nothing to apply to. */
  dropped: z.number().int(),
  now: z.number(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PullRowSchema = z.object({
  t: SyncTableSchema,
  id: RecordId,
  /** The record's synced fields as the server holds them (merged from every device). */
  d: z.record(z.string(), z.unknown()),
  /** The latest stamp among its fields. */
  s: z.string().max(100),
  /** Set when this record was found to be the same as another: it is gone, and everything naming it now names `m`. */
  m: RecordId.optional(),
});
export type PullRow = z.infer<typeof PullRowSchema>;

export const PullResponseSchema = z.object({
  rows: z.array(PullRowSchema).max(MAX_PULL_LIMIT),
  /** Opaque: send it back as `after` for the next page. */
  cursor: z.string().max(400),
  more: z.boolean(),
  now: z.number(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const PairRequestSchema = z
  .object({
    code: z.string().trim().min(4).max(40),
    name: z.string().trim().max(100).optional(),
  })
  .strict();

export const PairResponseSchema = z.object({
  teamId: z.string().max(64),
  deviceId: DeviceIdSchema,
  token: z.string().min(20).max(400),
  /** The address of the user the pairing code was made for; null without one (absent from servers before it). */
  email: z.string().max(320).nullable().optional(),
});
export type PairResponse = z.infer<typeof PairResponseSchema>;

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'too_large',
  'rate_limited',
  'sequence_gap',
  'clock_skew',
  'resync',
  'bad_code',
  'server_error',
] as const;
export type SyncErrorCode = (typeof ERROR_CODES)[number];

/** What can go wrong on the extension's side of a call, besides the server's own codes. */
export const LOCAL_FAILURE_CODES = ['network', 'bad_response', 'local_error', 'bad_url'] as const;
/** Every code a failed call or run is stored with: the options page has plain words for each (lib/i18n/keys.ts). */
export const FAILURE_CODES = [...ERROR_CODES, ...LOCAL_FAILURE_CODES] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export const ErrorResponseSchema = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string().max(2000),
  /** sequence_gap: the batch the server expects next. */
  expected: z.number().int().optional(),
  /** Server time, to correct a device clock that is far off. */
  now: z.number().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/**
 * A pull position: after this version, and within it after this record (many
 * records share one version); or, with no record, after the whole version
 * (where a pull that reached the end leaves a device).
 */
export interface Cursor {
  version: number;
  after: { table: string; id: string } | null;
}

export const START_CURSOR = '';

export function encodeCursor(c: Cursor): string {
  return c.after ? `${c.version}~${c.after.table}~${c.after.id}` : String(c.version);
}

export function decodeCursor(raw: string): Cursor | null {
  if (raw === START_CURSOR) return { version: 0, after: null };
  if (/^\d{1,15}$/.test(raw)) return { version: Number(raw), after: null };
  const a = raw.indexOf('~');
  const b = raw.indexOf('~', a + 1);
  if (a < 1 || b < 0) return null;
  const version = Number(raw.slice(0, a));
  if (!Number.isSafeInteger(version) || version < 0) return null;
  return { version, after: { table: raw.slice(a + 1, b), id: raw.slice(b + 1) } };
}
