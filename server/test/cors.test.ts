import { makeApp, openEnv, team, testConfig, type Env } from './harness';

/**
 * The extension calls the server without a host permission, so its background reads the answers as CORS
 * allows: only headers the server exposes. A 429's Retry-After is not one of the headers every answer exposes.
 */
const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('CORS for the extension', () => {
  let env: Env;
  beforeAll(async () => {
    env = await openEnv({ name: 'pglite' });
  });
  afterAll(() => env.close());

  it("answers extension origins only, and lets them read a 429's Retry-After", async () => {
    const { wire } = makeApp(env.db, testConfig({ ratePerSecond: 0.01, rateBurst: 1 }));
    const [d] = await team(env.db, wire, 1);
    const pull = () => wire.request(`/v1/teams/${d!.teamId}/pull`, { token: d!.token, headers: { origin: EXT } });
    expect((await pull()).status).toBe(200);
    const limited = await pull();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe(EXT);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((limited.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/)).toContain('retry-after');
    // A web page's origin gets no CORS answer at all.
    const web = await wire.request(`/v1/teams/${d!.teamId}/pull`, { token: d!.token, headers: { origin: 'https://evil.example' } });
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
  });
});
