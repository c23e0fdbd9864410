import * as z from 'zod/mini';
import type { $ZodShape } from 'zod/v4/core';

/**
 * A message table: one row per message type, holding what its request carries
 * (a zod shape, parsed at the router) and what it answers (a type only). The
 * request union, the handlers' signatures and the replies senders get are all
 * derived from the rows, so a message is added in one place and a handler that
 * answers the wrong shape, or a page that reads the wrong shape, fails to compile.
 */

declare const REPLY: unique symbol;

/** One row: the request's fields, and the reply's type (exists only for the compiler). */
export interface Row<S extends $ZodShape = $ZodShape, R = unknown> {
  readonly shape: S;
  readonly [REPLY]?: R;
}

export type Table = Record<string, Row>;

/** `ask({ ...fields }).answers<Reply>()`: a row of a message table. */
export function ask<S extends $ZodShape>(shape: S) {
  return { answers: <R>(): Row<S, R> => ({ shape }) };
}

type Flat<T> = { [K in keyof T]: T[K] } & {};
type Fields<T extends Table, K extends keyof T> = z.ZodMiniObject<T[K]['shape']>;
// zod types an object without fields as Record<string, never>, which `type` could not join.
type Input<T extends Table, K extends keyof T> = keyof T[K]['shape'] extends never ? unknown : z.input<Fields<T, K>>;
type Output<T extends Table, K extends keyof T> = keyof T[K]['shape'] extends never ? unknown : z.output<Fields<T, K>>;

/** A message as its sender builds it (the schema's input side). */
export type RequestOf<T extends Table, K extends keyof T & string = keyof T & string> = {
  [P in K]: Flat<{ type: P } & Input<T, P>>;
}[K];

/** A message as the router hands it to its handler, parsed (the schema's output side). */
export type MessageOf<T extends Table, K extends keyof T & string = keyof T & string> = {
  [P in K]: Flat<{ type: P } & Output<T, P>>;
}[K];

export type ReplyOf<T extends Table, K extends keyof T> = T[K] extends Row<$ZodShape, infer R> ? R : never;

/** The runtime schema of a table: a discriminated union on `type`, one object per row. */
export function unionOf<T extends Table>(table: T): z.ZodMiniType<MessageOf<T>, RequestOf<T>> {
  const options = Object.entries(table).map(([type, row]) => z.object({ type: z.literal(type), ...row.shape }));
  // The one cast: the rows were built from literal keys; the union below is exactly those rows.
  return z.discriminatedUnion('type', options as [(typeof options)[number], ...(typeof options)[number][]]) as unknown as z.ZodMiniType<
    MessageOf<T>,
    RequestOf<T>
  >;
}

/**
 * Parses one message by its own row, without building the table's union:
 * for content scripts, which receive few messages and count their bytes.
 * Null when the type is not in the table or the fields do not parse.
 */
export function parseRow<T extends Table>(table: T, raw: unknown): MessageOf<T> | null {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(table, type)) return null;
  const parsed = z.object(table[type]!.shape).safeParse(raw);
  return parsed.success ? ({ ...parsed.data, type } as MessageOf<T>) : null;
}

/**
 * A payload the router checks only loosely (`wire`) because its real schema
 * lives in the service it goes to, which parses it whole and answers a refusal
 * in its own reply. The sender is still held to `T`; the handler sees only the
 * loose shape, so it cannot use the payload without passing it to that service.
 */
export function parsedByService<T>() {
  return <W extends z.ZodMiniType>(wire: W) => wire as unknown as z.ZodMiniType<z.output<W>, T>;
}
