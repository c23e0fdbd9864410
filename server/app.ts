import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, PairRequestSchema, PushRequestSchema } from '../lib/domain/sync-wire';
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AdminOps } from './admin';
import { parseToken, sha256, type TokenParts } from './auth';
import type { Config } from './config';
import type { Database } from './db';
import { SyncError } from './errors';
import { RateLimiter } from './rate-limit';
import { pair, pull, push, type BeforeCommit } from './sync-service';

/** Extension pages and service workers: the only web origins allowed to read the answers. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]{1,64}$/i;

const PullQuerySchema = z.object({
  after: z.string().max(400).default(''),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

const TeamParam = z.string().regex(/^[0-9A-Z]{26}$/);

export interface AppOptions {
  /** Test seam, see sync-service. */
  beforeCommit?: BeforeCommit;
  /** Where a request comes from, for the pairing-code limit (the socket's address when served). */
  clientAddress?: (c: Context) => string;
  /** Serve /admin/* to the loopback address with this secret (see admin-link.ts). */
  admin?: { ops: AdminOps; secret: string };
}

const AdminBody = z.object({
  name: z.string().max(200).optional(),
  team: z.string().max(64).optional(),
  email: z.string().max(320).optional(),
  device: z.string().max(64).optional(),
  days: z.number().min(0).optional(),
});

function issuesText(e: z.ZodError): string {
  return e.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');
}

const tooLarge = (max: number) => new SyncError('too_large', `A request may carry at most ${max} bytes.`);

/**
 * The request body as text, refused (413, nothing read past the limit) beyond `max` bytes. Served by
 * @hono/node-server, it is read straight from Node's request stream: touching `c.req.raw.body` (as Hono's
 * bodyLimit does, on every request, GETs too) makes a whole web Request with its AbortSignal and body stream,
 * about 8% of the server's busy time under load. In-process requests (the tests' `app.request`)
 * have no Node stream and are read the web way.
 */
async function bodyText(c: Context, max: number): Promise<string> {
  if (Number(c.req.header('content-length') ?? 0) > max) throw tooLarge(max);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  // Already read through the web Request (nothing here does that now): then that is where the body is.
  if (!incoming || incoming.readableEnded) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > max) throw tooLarge(max);
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      size += b.length;
      if (size <= max) return void chunks.push(b);
      // The rest is let through unread, so the connection can still carry the answer.
      incoming.off('data', onData);
      incoming.resume();
      reject(tooLarge(max));
    };
    incoming.on('data', onData);
    // The client gone before the end (an error, or the connection closed): a bad request of its own, not a failure
    // of the server's. After 'end' these change nothing.
    const cut = () => reject(new SyncError('bad_request', 'The request ended before its body did.'));
    incoming.once('end', resolve);
    incoming.once('error', cut);
    incoming.once('close', cut);
  });
  return Buffer.concat(chunks, size).toString('utf8');
}

export function createApp(db: Database, cfg: Config, opts: AppOptions = {}): Hono {
  const app = new Hono();
  const perDevice = new RateLimiter(cfg.ratePerSecond, cfg.rateBurst);
  // Wrong pairing codes only: ten tries, then one a minute, per address.
  const badCodes = new RateLimiter(1 / 60, 10);

  app.use(
    '*',
    cors({
      origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      // Not among the headers CORS lets a page read by default: without it the extension never sees a 429's wait.
      exposeHeaders: ['Retry-After'],
      maxAge: 7200,
    }),
  );
  app.onError((err, c) => {
    if (err instanceof SyncError) {
      if (err.retryAfter) c.header('Retry-After', String(err.retryAfter));
      return c.json(err.body(), err.status as 400);
    }
    console.error('sidecar-server: request failed', err);
    return c.json(new SyncError('server_error', 'The server failed; nothing was changed. Try again later.').body(), 500);
  });

  const authorize = (c: Context): TokenParts & { pathTeam: string } => {
    const token = parseToken(c.req.header('Authorization'));
    if (!token) throw new SyncError('unauthorized', 'Missing or malformed device token.');
    const wait = perDevice.take(sha256(`${token.deviceId}.${token.secret}`));
    if (wait > 0) throw new SyncError('rate_limited', 'Too many requests from this device; it will try again shortly.', {}, wait);
    const team = TeamParam.safeParse(c.req.param('team'));
    if (!team.success) throw new SyncError('bad_request', 'Unknown team.');
    return { ...token, pathTeam: team.data };
  };

  const parseJson = (raw: string): unknown => {
    try {
      return JSON.parse(raw);
    } catch {
      throw new SyncError('bad_request', 'The body is not JSON.');
    }
  };

  app.get('/health', (c) => c.json({ ok: true, database: db.kind }));

  app.post('/v1/pair', async (c) => {
    const body = PairRequestSchema.safeParse(parseJson(await bodyText(c, cfg.maxBodyBytes)));
    if (!body.success) throw new SyncError('bad_request', issuesText(body.error));
    const from = opts.clientAddress?.(c) ?? 'local';
    try {
      return c.json(await pair(db, body.data.code, body.data.name ?? ''));
    } catch (e) {
      if (e instanceof SyncError && e.code === 'bad_code') {
        const wait = badCodes.take(from);
        if (wait > 0) throw new SyncError('rate_limited', 'Too many wrong pairing codes from here; wait a minute.', {}, wait);
      }
      throw e;
    }
  });

  app.post('/v1/teams/:team/push', async (c) => {
    // Size first (the body is read, up to the limit), then the token and the rate limit, then the content.
    const raw = await bodyText(c, cfg.maxBodyBytes);
    const token = authorize(c);
    const body = PushRequestSchema.safeParse(parseJson(raw));
    if (!body.success) throw new SyncError('bad_request', issuesText(body.error));
    return c.json(await push(db, cfg, token, token.pathTeam, { ...body.data, raw }, opts.beforeCommit));
  });

  app.get('/v1/teams/:team/pull', async (c) => {
    const token = authorize(c);
    const q = PullQuerySchema.safeParse(c.req.query());
    if (!q.success) throw new SyncError('bad_request', issuesText(q.error));
    return c.json(await pull(db, cfg, token, token.pathTeam, q.data.after, q.data.limit));
  });

  if (opts.admin) {
    const { ops, secret } = opts.admin;
    app.post('/admin/:command', async (c) => {
      const given = Buffer.from(c.req.header('x-sidecar-admin') ?? '');
      const from = opts.clientAddress?.(c) ?? '';
      const loopback = from === '127.0.0.1' || from === '::1' || from === '::ffff:127.0.0.1';
      if (!loopback || given.length !== secret.length || !timingSafeEqual(given, Buffer.from(secret))) return c.json({ error: 'forbidden' }, 403);
      const body = AdminBody.safeParse(await c.req.json().catch(() => null));
      if (!body.success) return c.json({ error: issuesText(body.error) }, 400);
      const b = body.data;
      const need = (v: string | undefined, what: string) => {
        if (!v) throw new Error(`${what} missing`);
        return v;
      };
      try {
        const command = c.req.param('command');
        const result =
          command === 'create-team' ? await ops.createTeam(need(b.name, 'name'))
          : command === 'pair' ? await ops.pair(need(b.team, 'team'), b.email)
          : command === 'devices' ? await ops.devices(need(b.team, 'team'))
          : command === 'revoke' ? await ops.revoke(need(b.team, 'team'), need(b.device, 'device'))
          : command === 'purge' ? await ops.purge(need(b.team, 'team'), b.days ?? 30)
          : undefined;
        if (result === undefined) return c.json({ error: 'unknown command' }, 404);
        return c.json({ result });
      } catch (e) {
        return c.json({ error: e instanceof Error ? e.message : String(e) }, 400);
      }
    });
  }

  return app;
}
