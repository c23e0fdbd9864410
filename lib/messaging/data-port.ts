import * as z from 'zod/mini';
import type { ColumnMapping } from '../domain/import-presets';
import type { ImportReport } from '../services/csv-import';
import type { RestoreReport } from '../services/restore';

/**
 * Bulk data between an extension page and the background, on its own port:
 * imports and restores stream in as batches into the import journal, and an
 * export, which the page reads from the database itself
 * (lib/platform/page-export.ts), holds the nudge engine while it reads. Every request is
 * checked here, and every batch's rows again by their record schemas when
 * they arrive. Commands that are not bulk stay in the message protocol.
 */
export const DATA_PORT = 'sidecar-data';

const Id = z.string().check(z.minLength(1), z.maxLength(64));
const Email = z.email().check(z.maxLength(320));
const ReqId = z.number().check(z.int());

export const DataRequestSchema = z.discriminatedUnion('op', [
  /** The page is reading an export: the nudge engine waits (answered once it does) until `release` of the same key or the page goes away. */
  z.object({ op: z.literal('hold'), id: ReqId, key: ReqId }),
  z.object({ op: z.literal('release'), id: ReqId, key: ReqId }),
  /** Which of these addresses and profile URLs are contacts already (for the preview). */
  z.object({
    op: z.literal('match'),
    id: ReqId,
    emails: z.array(Email).check(z.maxLength(20_000)),
    urls: z.array(z.string().check(z.maxLength(500))).check(z.maxLength(20_000)),
  }),
  /** How many records the database holds (is a restore going into an empty one?). */
  z.object({ op: z.literal('counts'), id: ReqId }),
  z.object({ op: z.literal('begin'), id: ReqId, jobId: Id, kind: z.enum(['csv', 'restore']) }),
  z.object({ op: z.literal('stage'), id: ReqId, jobId: Id, seq: z.number().check(z.int(), z.nonnegative(), z.maximum(100_000)), rows: z.array(z.unknown()).check(z.maxLength(20_000)) }),
  z.object({ op: z.literal('apply'), id: ReqId, jobId: Id, mode: z.optional(z.enum(['replace', 'merge'])) }),
  z.object({ op: z.literal('abort'), id: ReqId, jobId: Id }),
  /** The column mapping remembered for a header row (custom CSVs). */
  z.object({ op: z.literal('mapping-get'), id: ReqId, key: z.string().check(z.maxLength(20_000)) }),
  z.object({ op: z.literal('mapping-put'), id: ReqId, key: z.string().check(z.maxLength(20_000)), mapping: z.array(z.nullable(z.string().check(z.maxLength(40)))).check(z.maxLength(500)) }),
]);
export type DataRequest = z.infer<typeof DataRequestSchema>;
export type DataOp = DataRequest['op'];

/**
 * What each request answers (the `data` of its reply). The server's answers and the client's results are
 * both typed from here, so the two cannot drift apart.
 */
export interface DataReplies {
  hold: null;
  release: null;
  match: { byEmail: Record<string, string>; byLinkedIn: Record<string, string> };
  counts: { contacts: number; deals: number; activities: number };
  begin: null;
  stage: null;
  /** A CSV job's report, or a restore's (the job's kind, set at `begin`, says which). */
  apply: ImportReport | RestoreReport;
  abort: null;
  'mapping-get': ColumnMapping | null;
  'mapping-put': boolean;
}

export type DataResponse =
  | { op: 'reply'; id: number; ok: true; data: unknown }
  | { op: 'reply'; id: number; ok: false; error: string };
