import fc from 'fast-check';
import { createPairingCode, createTeam, purgeTeam, revokeDevice } from '../admin';
import { activity, company, contact, DATABASES, deal, makeApp, openEnv, snapshot, team, testConfig, type Env, type Wire } from './harness';

describe.each(DATABASES)('sync server on $name', (kind) => {
  let env: Env;
  let wire: Wire;
  beforeAll(async () => {
    env = await openEnv(kind);
    wire = makeApp(env.db).wire;
  });
  afterAll(() => env?.close());

  const live = (rows: { t: string; id: string; d: Record<string, unknown>; m?: string }[], t: string) => {
    // The last version of each record wins, as a device applying pages in order would keep.
    const byId = new Map<string, { id: string; d: Record<string, unknown>; m?: string }>();
    for (const r of rows) if (r.t === t) byId.set(r.id, r);
    return [...byId.values()].filter((r) => !r.m && r.d.deletedAt == null);
  };

  it('pairs with a one-time code, and the code works only once', async () => {
    const teamId = await createTeam(env.db, 'Acme');
    const code = await createPairingCode(env.db, teamId, { ttlMs: 60_000 });
    const d = await wire.pair(code.toLowerCase().replace(/-/g, ' '));
    expect(d.teamId).toBe(teamId);
    const again = await wire.request('/v1/pair', { method: 'POST', body: JSON.stringify({ code }) });
    expect(again.status).toBe(401);
    expect((await again.json()).error).toBe('bad_code');
  });

  it('refuses an expired pairing code', async () => {
    const teamId = await createTeam(env.db, 'Acme');
    const code = await createPairingCode(env.db, teamId, { ttlMs: -1 });
    const res = await wire.request('/v1/pair', { method: 'POST', body: JSON.stringify({ code }) });
    expect(res.status).toBe(401);
  });

  it('carries a record from one device to another', async () => {
    const [a, b] = await team(env.db, wire, 2);
    await wire.push(a!, [{ t: 'contacts', id: 'C1', op: 'insert', s: wire.stamp(a!), f: contact('Dana', ['dana@acme.com']) }]);
    const { rows } = await wire.pullAll(b!);
    expect(rows).toEqual([expect.objectContaining({ t: 'contacts', id: 'C1', d: expect.objectContaining({ name: 'Dana', emails: ['dana@acme.com'] }) })]);
  });

  it('(1) a lost acknowledgement and a retried push leave the database exactly as one delivery', async () => {
    const [a] = await team(env.db, wire, 1);
    const body = JSON.stringify({
      deviceId: a!.deviceId,
      seq: 1,
      changes: [
        { t: 'contacts', id: 'C1', op: 'insert', s: wire.stamp(a!), f: contact('Dana', ['dana@acme.com']) },
        { t: 'deals', id: 'D1', op: 'insert', s: wire.stamp(a!), f: deal('C1', 'Acme') },
        { t: 'activities', id: 'A1', op: 'insert', s: wire.stamp(a!), f: activity('C1', 'msg-1') },
      ],
    });
    const first = await wire.pushRaw(a!, body);
    expect(first.status).toBe(200);
    const once = await snapshot(env.db, a!.teamId);
    // The acknowledgement was lost: the device sends the same batch again, twice.
    for (let i = 0; i < 2; i++) {
      const retry = await wire.pushRaw(a!, body);
      expect(retry.status).toBe(200);
      expect(await retry.json()).toMatchObject({ seq: 1, duplicate: true });
    }
    expect(await snapshot(env.db, a!.teamId)).toEqual(once);
    // Other content under an applied sequence number is refused, not taken for a replay.
    const other = await wire.pushRaw(a!, body.replace('Dana', 'Dina'));
    expect(other.status).toBe(409);
    expect(await snapshot(env.db, a!.teamId)).toEqual(once);
  });

  it('refuses a gap in the sequence and writes nothing', async () => {
    const [a] = await team(env.db, wire, 1);
    await wire.push(a!, []);
    const before = await snapshot(env.db, a!.teamId);
    const res = await wire.pushRaw(a!, { deviceId: a!.deviceId, seq: 3, changes: [{ t: 'contacts', id: 'C1', op: 'insert', s: wire.stamp(a!), f: contact('D', []) }] });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'sequence_gap', expected: 2 });
    expect(await snapshot(env.db, a!.teamId)).toEqual(before);
  });

  it('keeps edits to different fields from two devices, and the later edit of one field, whatever the arrival order', async () => {
    for (const order of [0, 1]) {
      const [a, b, c] = await team(env.db, wire, 3);
      await wire.push(a!, [{ t: 'deals', id: 'D1', op: 'insert', s: wire.stamp(a!, 1000), f: deal('C1', 'Acme') }]);
      const editA = [
        { t: 'deals' as const, id: 'D1', op: 'patch' as const, s: wire.stamp(a!, 2000), f: { title: 'Acme (A)', valueMinor: 500 } },
      ];
      const editB = [{ t: 'deals' as const, id: 'D1', op: 'patch' as const, s: wire.stamp(b!, 3000), f: { title: 'Acme (B)', stageId: 'meeting' } }];
      if (order === 0) {
        await wire.push(a!, editA);
        await wire.push(b!, editB);
      } else {
        await wire.push(b!, editB);
        await wire.push(a!, editA);
      }
      const [d] = live((await wire.pullAll(c!)).rows, 'deals');
      expect(d!.d).toMatchObject({ title: 'Acme (B)', valueMinor: 500, stageId: 'meeting' });
    }
  });

  it('keeps a delete and a concurrent edit: the record stays deleted, with the edit in it', async () => {
    const [a, b] = await team(env.db, wire, 2);
    await wire.push(a!, [{ t: 'deals', id: 'D1', op: 'insert', s: wire.stamp(a!, 1000), f: deal('C1', 'Acme') }]);
    await wire.push(b!, [{ t: 'deals', id: 'D1', op: 'patch', s: wire.stamp(b!, 3000), f: { title: 'Renamed' } }]);
    await wire.push(a!, [{ t: 'deals', id: 'D1', op: 'patch', s: wire.stamp(a!, 2000), f: { deletedAt: 2000, updatedAt: 2000 } }]);
    const rows = (await wire.pullAll(b!)).rows.filter((r) => r.id === 'D1');
    expect(rows.at(-1)!.d).toMatchObject({ title: 'Renamed', deletedAt: 2000 });
  });

  it('never lets a late "creation" of a shared id undo an edit, and never changes the stage history', async () => {
    const [a, b] = await team(env.db, wire, 2);
    const suggestion = { contactId: 'C1', dealId: 'D1', messageId: 'm1', kind: 'demo_request', stageId: 'meeting', phrase: 'demo', at: 1, status: 'open', createdAt: 1, updatedAt: 1, deletedAt: null };
    await wire.push(a!, [{ t: 'suggestions', id: 'trigger:m1:demo', op: 'insert', s: wire.stamp(a!, 1000), f: suggestion }]);
    await wire.push(a!, [{ t: 'suggestions', id: 'trigger:m1:demo', op: 'patch', s: wire.stamp(a!, 2000), f: { status: 'accepted', updatedAt: 2000 } }]);
    // Device b read the same message later and derived the same suggestion.
    await wire.push(b!, [{ t: 'suggestions', id: 'trigger:m1:demo', op: 'insert', s: wire.stamp(b!, 5000), f: suggestion }]);
    const change = { dealId: 'D1', fromStageId: null, toStageId: 'contact', status: 'open', at: 1, reason: null, createdAt: 1 };
    await wire.push(a!, [{ t: 'stageChanges', id: 'S1', op: 'insert', s: wire.stamp(a!, 1000), f: change }]);
    await wire.push(b!, [{ t: 'stageChanges', id: 'S1', op: 'put', s: wire.stamp(b!, 9000), f: { ...change, toStageId: 'closing' } }]);
    const rows = (await wire.pullAll(a!)).rows;
    expect(rows.filter((r) => r.t === 'suggestions').at(-1)!.d.status).toBe('accepted');
    expect(rows.filter((r) => r.t === 'stageChanges').at(-1)!.d.toStageId).toBe('contact');
  });

  it('drops an edit of a record it does not have, and says so', async () => {
    const [a] = await team(env.db, wire, 1);
    const r = await wire.push(a!, [{ t: 'deals', id: 'nope', op: 'patch', s: wire.stamp(a!), f: { title: 'x' } }]);
    expect(r.dropped).toBe(1);
    expect((await wire.pullAll(a!)).rows).toEqual([]);
  });

  it('makes one contact of the same person created on two devices, keeping both deals and all activities', async () => {
    const [a, b, c] = await team(env.db, wire, 3);
    await wire.push(a!, [
      { t: 'contacts', id: '01B', op: 'insert', s: wire.stamp(a!), f: contact('Dana', ['dana@acme.com']) },
      { t: 'deals', id: 'DA', op: 'insert', s: wire.stamp(a!), f: deal('01B', 'Acme A') },
      { t: 'activities', id: 'A-a', op: 'insert', s: wire.stamp(a!), f: activity('01B', 'msg-1') },
      { t: 'activities', id: 'A-a2', op: 'insert', s: wire.stamp(a!), f: activity('01B', 'msg-2') },
    ]);
    await wire.push(b!, [
      { t: 'contacts', id: '01A', op: 'insert', s: wire.stamp(b!), f: contact('Dana P.', ['Dana@Acme.com', 'dana.p@gmail.com'], { linkedinUrl: 'https://www.linkedin.com/in/dana/' }) },
      { t: 'deals', id: 'DB', op: 'insert', s: wire.stamp(b!), f: deal('01A', 'Acme B') },
      { t: 'activities', id: 'A-b', op: 'insert', s: wire.stamp(b!), f: activity('01A', 'msg-1') },
    ]);
    const rows = (await wire.pullAll(c!)).rows;
    const contacts = live(rows, 'contacts');
    expect(contacts.map((x) => x.id)).toEqual(['01A']);
    expect(contacts[0]!.d.emails).toEqual(expect.arrayContaining(['dana.p@gmail.com']));
    expect(contacts[0]!.d.linkedinUrl).toBe('https://www.linkedin.com/in/dana/');
    expect(live(rows, 'deals').map((d) => [d.id, d.d.contactId])).toEqual([
      ['DA', '01A'],
      ['DB', '01A'],
    ]);
    // msg-1 was logged on both devices: one activity, the smaller id.
    expect(live(rows, 'activities').map((x) => [x.id, x.d.contactId, x.d.sourceId]).sort()).toEqual([
      ['A-a', '01A', 'msg-1'],
      ['A-a2', '01A', 'msg-2'],
    ]);
    expect(rows.find((r) => r.id === 'A-b' && r.m)?.m).toBe('A-a');
    // Later edits sent under the merged-away id land on the survivor.
    await wire.push(a!, [{ t: 'contacts', id: '01B', op: 'patch', s: wire.stamp(a!), f: { title: 'CTO' } }]);
    await wire.push(a!, [{ t: 'activities', id: 'A-new', op: 'insert', s: wire.stamp(a!), f: activity('01B', 'msg-3') }]);
    const after = (await wire.pullAll(c!)).rows;
    expect(live(after, 'contacts')[0]!.d.title).toBe('CTO');
    expect(live(after, 'activities').find((x) => x.id === 'A-new')!.d.contactId).toBe('01A');
  });

  it('merges contacts by LinkedIn URL and companies by domain, moving what named the one merged away', async () => {
    const [a, b, c] = await team(env.db, wire, 3);
    await wire.push(a!, [
      { t: 'companies', id: 'K2', op: 'insert', s: wire.stamp(a!), f: company('Acme', 'acme.com') },
      { t: 'contacts', id: 'P2', op: 'insert', s: wire.stamp(a!), f: contact('Budi', [], { linkedinUrl: 'https://www.linkedin.com/in/budi/', companyId: 'K2' }) },
    ]);
    await wire.push(b!, [
      { t: 'companies', id: 'K1', op: 'insert', s: wire.stamp(b!), f: company('ACME Corp', 'acme.com') },
      { t: 'contacts', id: 'P1', op: 'insert', s: wire.stamp(b!), f: contact('Budi S', ['budi@acme.com'], { linkedinUrl: 'https://www.linkedin.com/in/budi/', companyId: 'K1' }) },
      { t: 'deals', id: 'D2', op: 'insert', s: wire.stamp(b!), f: { ...deal('P2', 'x'), companyId: 'K2' } },
    ]);
    const rows = (await wire.pullAll(c!)).rows;
    expect(live(rows, 'companies').map((x) => x.id)).toEqual(['K1']);
    expect(live(rows, 'contacts').map((x) => [x.id, x.d.companyId, x.d.emails])).toEqual([['P1', 'K1', ['budi@acme.com']]]);
    expect(live(rows, 'deals').map((x) => [x.d.contactId, x.d.companyId])).toEqual([['P1', 'K1']]);
  });

  it('reaches the same records whatever order the devices push in (property)', async () => {
    const people = ['a@x.com', 'b@x.com', 'c@x.com'];
    const arb = fc.array(
      fc.record({ device: fc.integer({ min: 0, max: 2 }), person: fc.integer({ min: 0, max: 2 }), msg: fc.integer({ min: 0, max: 2 }), id: fc.integer({ min: 0, max: 99 }) }),
      { minLength: 1, maxLength: 6 },
    );
    // The creations, and a second order of the same pushes.
    const withOrder = arb.chain((c) => fc.tuple(fc.constant(c), fc.shuffledSubarray([...c.keys()], { minLength: c.length, maxLength: c.length })));
    await fc.assert(
      fc.asyncProperty(withOrder, async ([creations, permutation]) => {
        const outcomes: string[] = [];
        for (const reorder of [false, true]) {
          const devices = await team(env.db, wire, 4);
          // Each creation: a contact for a person, and an activity for one message, on one device.
          const batches = creations.map((c, i) => ({
            device: devices[c.device]!,
            changes: [
              { t: 'contacts' as const, id: `P${String(c.id).padStart(2, '0')}-${i}`, op: 'insert' as const, s: '', f: contact(`n${i}`, [people[c.person]!]) },
              { t: 'activities' as const, id: `A${i}`, op: 'insert' as const, s: '', f: activity(`P${String(c.id).padStart(2, '0')}-${i}`, `msg-${c.msg}`) },
            ],
          }));
          const order = reorder ? permutation.map((i) => batches[i]!) : batches;
          for (const b of order) await wire.push(b.device, b.changes.map((ch, j) => ({ ...ch, s: wire.stamp(b.device, 1_000 + j) })));
          const rows = (await wire.pullAll(devices[3]!)).rows;
          const contacts = live(rows, 'contacts').map((x) => `${x.id}:${[...(x.d.emails as string[])].sort().join(',')}`).sort();
          const acts = live(rows, 'activities').map((x) => `${x.id}:${x.d.contactId}:${x.d.sourceId}`).sort();
          outcomes.push(JSON.stringify({ contacts, acts }));
        }
        expect(outcomes[1]).toBe(outcomes[0]);
        const { contacts, acts } = JSON.parse(outcomes[0]!) as { contacts: string[]; acts: string[] };
        // One contact per distinct person, one activity per (message, person).
        expect(contacts.length).toBe(new Set(creations.map((c) => c.person)).size);
        expect(acts.length).toBe(new Set(creations.map((c) => `${c.person}/${c.msg}`)).size);
      }),
      { numRuns: 5 },
    );
  });

  it('(7) refuses stamps far in the future, writing nothing, and accepts a slow clock', async () => {
    const [a, b] = await team(env.db, wire, 2);
    const before = await snapshot(env.db, a!.teamId);
    const ahead = await wire.pushRaw(a!, {
      deviceId: a!.deviceId,
      seq: 1,
      changes: [
        { t: 'contacts', id: 'ok', op: 'insert', s: wire.stamp(a!), f: contact('ok', []) },
        { t: 'contacts', id: 'C1', op: 'insert', s: wire.stamp(a!, Date.now() + 2 * 86_400_000), f: contact('Dana', []) },
      ],
    });
    expect(ahead.status).toBe(400);
    const body = await ahead.json();
    expect(body.error).toBe('clock_skew');
    expect(Math.abs(body.now - Date.now())).toBeLessThan(60_000);
    expect(await snapshot(env.db, a!.teamId)).toEqual(before);
    await wire.push(b!, [{ t: 'contacts', id: 'C2', op: 'insert', s: wire.stamp(b!, Date.now() - 86_400_000), f: contact('Slow', []) }]);
    expect(live((await wire.pullAll(a!)).rows, 'contacts').map((r) => r.id)).toEqual(['C2']);
  });

  it('refuses a stamp made by another device', async () => {
    const [a, b] = await team(env.db, wire, 2);
    const res = await wire.pushRaw(a!, { deviceId: a!.deviceId, seq: 1, changes: [{ t: 'contacts', id: 'C1', op: 'insert', s: wire.stamp(b!), f: contact('x', []) }] });
    expect(res.status).toBe(400);
  });

  it('refuses malformed, oversized, unauthenticated, other-team and too-frequent requests, writing nothing', async () => {
    const small = makeApp(env.db, testConfig({ maxBodyBytes: 10_000, ratePerSecond: 0.001, rateBurst: 5 })).wire;
    const [a] = await team(env.db, small, 1);
    const [other] = await team(env.db, small, 1);
    const before = await snapshot(env.db, a!.teamId);
    const ok = (changes: unknown[]) => ({ deviceId: a!.deviceId, seq: 1, changes }) as never;
    const cases: [string, () => Promise<Response>, number][] = [
      ['not JSON', () => small.pushRaw(a!, '{"deviceId":'), 400],
      ['unknown field', () => small.pushRaw(a!, ok([{ t: 'contacts', id: 'C', op: 'insert', s: small.stamp(a!), f: { ...contact('x', []), evil: 1 } }])), 400],
      ['bad value', () => small.pushRaw(a!, ok([{ t: 'contacts', id: 'C', op: 'insert', s: small.stamp(a!), f: { ...contact('x', []), emails: ['not an email'] } }])), 400],
      ['missing field', () => small.pushRaw(a!, ok([{ t: 'contacts', id: 'C', op: 'insert', s: small.stamp(a!), f: { name: 'x' } }])), 400],
      ['unknown table', () => small.pushRaw(a!, ok([{ t: 'nudges', id: 'C', op: 'insert', s: small.stamp(a!), f: {} }])), 400],
      ['too large', () => small.pushRaw(a!, ok([{ t: 'contacts', id: 'C', op: 'insert', s: small.stamp(a!), f: contact('x'.repeat(20_000), []) }])), 413],
      ['no token', () => small.request(`/v1/teams/${a!.teamId}/pull`), 401],
      ['wrong secret', () => small.request(`/v1/teams/${a!.teamId}/pull`, { token: a!.token.slice(0, -4) + 'AAAA' }), 401],
      ['other team in the path', () => small.pushRaw(other!, ok([]), a!.teamId), 403],
      ['another device in the body', () => small.pushRaw(other!, ok([]), other!.teamId), 403],
    ];
    for (const [what, send, status] of cases) {
      const res = await send();
      expect([what, res.status]).toEqual([what, status]);
      expect(typeof (await res.json()).message).toBe('string');
    }
    // The burst of five is spent: the sixth request of device a is refused with 429.
    let limited: Response | null = null;
    for (let i = 0; i < 6 && !limited; i++) {
      const res = await small.pullRaw(a!);
      if (res.status === 429) limited = res;
    }
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    const refused = await small.pushRaw(a!, ok([{ t: 'contacts', id: 'C', op: 'insert', s: small.stamp(a!), f: contact('x', []) }]));
    expect(refused.status).toBe(429);
    expect(await snapshot(env.db, a!.teamId)).toEqual(before);
  });

  it('(10) keeps teams apart: no push or pull across teams, no other device\'s identity, revoked tokens refused, and row-level security as a second wall', async () => {
    const [a1, a2] = await team(env.db, wire, 2);
    const [b1] = await team(env.db, wire, 1);
    await wire.push(a1!, [{ t: 'contacts', id: 'SECRET', op: 'insert', s: wire.stamp(a1!), f: contact('Secret', ['s@a.com']) }]);
    await wire.push(b1!, [{ t: 'contacts', id: 'B-ONLY', op: 'insert', s: wire.stamp(b1!), f: contact('Theirs', ['s@a.com']) }]);
    // Team b sees its own record only; the same email in two teams merges nothing.
    expect((await wire.pullAll(b1!)).rows.map((r) => r.id)).toEqual(['B-ONLY']);
    expect((await wire.pullAll(a2!)).rows.map((r) => r.id)).toEqual(['SECRET']);
    expect((await wire.pullRaw(b1!, '', undefined, a1!.teamId)).status).toBe(403);
    // A token naming team a with team b's device (or a's device with b's secret) is no token at all.
    const [, , bDev, bSecret] = b1!.token.split('.');
    const forged = { ...b1!, token: `sc1.${a1!.teamId}.${bDev}.${bSecret}` };
    expect((await wire.pullRaw(forged, '', undefined, a1!.teamId)).status).toBe(401);
    const stolenId = { ...b1!, token: `sc1.${a1!.teamId}.${a1!.deviceId}.${bSecret}` };
    expect((await wire.pullRaw(stolenId, '', undefined, a1!.teamId)).status).toBe(401);
    // Pushing as another device of one's own team is refused.
    expect((await wire.pushRaw(a2!, { deviceId: a1!.deviceId, seq: 2, changes: [] })).status).toBe(403);
    // Revoked: refused at once.
    expect(await revokeDevice(env.db, a2!.teamId, a2!.deviceId)).toBe(true);
    expect((await wire.pullRaw(a2!)).status).toBe(401);
    expect((await wire.pushRaw(a2!, { deviceId: a2!.deviceId, seq: 1, changes: [] })).status).toBe(401);

    // The second wall: queries without any team filter still see one team, or none.
    const ids = (teamId: string) => env.db.tx({ teamId }, (sql) => sql<{ id: string }>('SELECT id FROM records ORDER BY id'));
    expect((await ids(a1!.teamId)).map((r) => r.id)).toEqual(['SECRET']);
    expect((await ids(b1!.teamId)).map((r) => r.id)).toEqual(['B-ONLY']);
    expect(await env.db.tx({}, (sql) => sql('SELECT id FROM records'))).toEqual([]);
    expect(await env.db.tx({}, (sql) => sql('SELECT id FROM devices'))).toEqual([]);
    expect(await env.db.tx({ teamId: b1!.teamId }, (sql) => sql('SELECT id FROM teams'))).toEqual([{ id: b1!.teamId }]);
    await expect(
      env.db.tx({ teamId: b1!.teamId }, (sql) =>
        sql(`INSERT INTO records (team_id, tbl, id, data, stamps, stamp, version) VALUES ($1, 'contacts', 'X', '{}', '{}', '', 1)`, [a1!.teamId]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(env.db.tx({ teamId: b1!.teamId }, (sql) => sql(`UPDATE records SET data = '{}' WHERE id = 'SECRET' RETURNING id`))).resolves.toEqual([]);
    // A one-round-trip read (a pull) sees its scope, and the scope ends with it: the pooled connection's next
    // read, with no team, sees nothing.
    for (let i = 0; i < 4; i++) {
      expect((await env.db.read<{ id: string }>({ teamId: a1!.teamId }, 'SELECT id FROM records ORDER BY id')).map((r) => r.id)).toEqual(['SECRET']);
      expect(await env.db.read({}, 'SELECT id FROM records')).toEqual([]);
    }
  });

  it('(8) pages through many records sharing one version: nothing skipped or repeated', async () => {
    const [a, b] = await team(env.db, wire, 2);
    const ids: string[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const changes = Array.from({ length: 700 }, (_, i) => {
        const id = `C${batch}-${String(i).padStart(4, '0')}`;
        ids.push(id);
        return { t: (i % 2 ? 'contacts' : 'deals') as 'contacts', id, op: 'insert' as const, s: wire.stamp(a!), f: i % 2 ? contact(id, []) : (deal('x', id) as never) };
      });
      await wire.push(a!, changes);
    }
    const seen: string[] = [];
    let cursor = '';
    for (;;) {
      const res = await wire.pullRaw(b!, cursor, 97);
      const page = (await res.json()) as { rows: { id: string }[]; cursor: string; more: boolean };
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(seen.length).toBe(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it('(6) cleans up tombstones after the horizon, and tells a device that synced before it to fetch everything again', async () => {
    const [a, b] = await team(env.db, wire, 2);
    await wire.push(a!, [
      { t: 'deals', id: 'D1', op: 'insert', s: wire.stamp(a!), f: deal('C', 'gone soon') },
      { t: 'deals', id: 'D2', op: 'insert', s: wire.stamp(a!), f: deal('C', 'stays') },
    ]);
    const stale = (await wire.pullAll(b!)).cursor;
    await wire.push(a!, [{ t: 'deals', id: 'D1', op: 'patch', s: wire.stamp(a!), f: { deletedAt: 5, updatedAt: 5 } }]);
    expect(await purgeTeam(env.db, a!.teamId, 0)).toBe(1);
    const res = await wire.pullRaw(b!, stale);
    expect(res.status).toBe(410);
    expect((await res.json()).error).toBe('resync');
    const full = await wire.pullAll(b!);
    expect(full.rows.map((r) => r.id)).toEqual(['D2']);
    // Its cursor from the full pull is good again.
    expect((await wire.pullRaw(b!, full.cursor)).status).toBe(200);
  });

  it('(7) a deleted deal takes its stage history and the nudge states naming it when cleaned up; another deal keeps its own', async () => {
    const [a, b] = await team(env.db, wire, 2);
    const change = (dealId: string) => ({ dealId, fromStageId: null, toStageId: 'contact', status: 'open', at: 1, reason: 'budget cut at Acme', createdAt: 1 });
    const state = { state: 'dismissed', until: null, updatedAt: 1 };
    await wire.push(a!, [
      { t: 'contacts', id: 'C1', op: 'insert', s: wire.stamp(a!), f: contact('Dana', ['dana@acme.com']) },
      { t: 'deals', id: 'D1', op: 'insert', s: wire.stamp(a!), f: deal('C1', 'forgotten') },
      { t: 'deals', id: 'D2', op: 'insert', s: wire.stamp(a!), f: deal('C2', 'stays') },
      { t: 'stageChanges', id: 'S1', op: 'insert', s: wire.stamp(a!), f: change('D1') },
      { t: 'stageChanges', id: 'S2', op: 'insert', s: wire.stamp(a!), f: change('D2') },
      { t: 'nudgeStates', id: 'deal:D1', op: 'put', s: wire.stamp(a!), f: state },
      { t: 'nudgeStates', id: 'awaiting_reply:C1:5', op: 'put', s: wire.stamp(a!), f: { ...state, state: 'done' } },
      { t: 'nudgeStates', id: 'deal:D2', op: 'put', s: wire.stamp(a!), f: state },
    ]);
    // Forgotten on device a: blank tombstones (lib/domain/forget.ts); the blanking reaches the server at once.
    await wire.push(a!, [
      { t: 'contacts', id: 'C1', op: 'patch', s: wire.stamp(a!), f: { name: '', emails: [], deletedAt: 5, updatedAt: 5 } },
      { t: 'deals', id: 'D1', op: 'patch', s: wire.stamp(a!), f: { title: '', deletedAt: 5, updatedAt: 5 } },
    ]);
    const blank = (await wire.pullAll(b!)).rows.filter((r) => r.id === 'C1' || r.id === 'D1');
    expect(JSON.stringify(blank)).not.toMatch(/Dana|dana@acme\.com|forgotten/);
    expect(await purgeTeam(env.db, a!.teamId, 0)).toBe(5);
    const left = await env.db.tx({ teamId: a!.teamId }, (sql) => sql<{ tbl: string; id: string }>('SELECT tbl, id FROM records WHERE team_id = $1 ORDER BY tbl, id', [a!.teamId]), 'read');
    expect(left.map((r) => `${r.tbl}/${r.id}`)).toEqual(['deals/D2', 'nudgeStates/deal:D2', 'stageChanges/S2']);
    const keys = await env.db.tx({ teamId: a!.teamId }, (sql) => sql('SELECT key FROM natural_keys WHERE team_id = $1', [a!.teamId]), 'read');
    expect(JSON.stringify(keys)).not.toContain('dana@acme.com');
  });
});
