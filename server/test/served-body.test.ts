import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { contact, makeApp, openEnv, snapshot, team, testConfig, type Env } from './harness';

// Served by @hono/node-server, a push's body is read from Node's own request stream (app.ts, bodyText), not
// through a web Request as in the other tests' in-process `app.request`: this proves that path over a real
// socket, with a declared length and chunked, within and over the limit.
describe('sync server over a real socket: request bodies', () => {
  let env: Env;
  let server: ReturnType<typeof serve>;
  let port: number;
  const cfg = testConfig({ maxBodyBytes: 10_000 });

  beforeAll(async () => {
    env = await openEnv({ name: 'pglite' });
    server = serve({ fetch: createApp(env.db, cfg).fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await env.close();
  });

  /** A push over a keep-alive connection; `chunked` sends the body in two writes with no Content-Length. */
  function post(path: string, token: string, body: string, chunked: boolean, agent: http.Agent): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
      const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => (text += s));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      if (chunked) {
        const half = Math.floor(body.length / 2);
        req.write(body.slice(0, half));
        req.end(body.slice(half));
      } else req.end(body);
    });
  }

  it('applies a push read from the stream (UTF-8 split across chunks), and refuses an oversized one with 413, keeping the connection usable', async () => {
    const { wire } = makeApp(env.db, cfg);
    const [a] = await team(env.db, wire, 1);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const path = `/v1/teams/${a!.teamId}/push`;
    try {
      for (const chunked of [false, true]) {
        const before = await snapshot(env.db, a!.teamId);
        const big = JSON.stringify({ deviceId: a!.deviceId, seq: a!.seq + 1, changes: [{ t: 'contacts', id: 'CBIG', op: 'insert', s: wire.stamp(a!), f: contact('x'.repeat(20_000), []) }] });
        const refused = await post(path, a!.token, big, chunked, agent);
        expect([chunked, refused.status, JSON.parse(refused.body).error]).toEqual([chunked, 413, 'too_large']);
        expect(await snapshot(env.db, a!.teamId)).toEqual(before);

        // Multi-byte names: a chunked body is cut in the middle of the text, so a character may be split between writes.
        const name = `Ñusa Wiryawan ${chunked ? 'é' : 'ü'}`.repeat(20);
        const id = chunked ? 'C2' : 'C1';
        const ok = JSON.stringify({ deviceId: a!.deviceId, seq: a!.seq + 1, changes: [{ t: 'contacts', id, op: 'insert', s: wire.stamp(a!), f: contact(name, []) }] });
        const applied = await post(path, a!.token, ok, chunked, agent);
        expect([chunked, applied.status]).toEqual([chunked, 200]);
        a!.seq++;
        const { rows } = await wire.pullAll(a!);
        expect(rows.find((r) => r.id === id)?.d).toMatchObject({ name });
      }
    } finally {
      agent.destroy();
    }
  });

  it('a client that goes away halfway through its body changes nothing, and the server goes on answering', async () => {
    const { wire } = makeApp(env.db, cfg);
    const [a] = await team(env.db, wire, 1);
    const push = (id: string) => JSON.stringify({ deviceId: a!.deviceId, seq: a!.seq + 1, changes: [{ t: 'contacts', id, op: 'insert', s: wire.stamp(a!), f: contact(id, []) }] });
    const cut = push('CCUT');
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path: `/v1/teams/${a!.teamId}/push`, method: 'POST', headers: { authorization: `Bearer ${a!.token}`, 'content-type': 'application/json', 'content-length': String(cut.length) } });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(cut.slice(0, 40), () => setTimeout(() => req.destroy(), 50));
    });
    // The same batch number with other content: had the cut-off batch been applied, this would be refused.
    const agent = new http.Agent({ keepAlive: false });
    try {
      expect((await post(`/v1/teams/${a!.teamId}/push`, a!.token, push('CFULL'), false, agent)).status).toBe(200);
    } finally {
      agent.destroy();
    }
    a!.seq++;
    const ids = (await wire.pullAll(a!)).rows.map((r) => r.id);
    expect([ids.includes('CFULL'), ids.includes('CCUT')]).toEqual([true, false]);
  });
});
