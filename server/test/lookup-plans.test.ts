import { literal } from '../db';
import { LOOKUPS } from '../team-writer';
import { DATABASES, makeApp, openEnv, team, type Env } from './harness';

// A push looks up its batch's records by key. Its statements are prepared, and after a few runs PostgreSQL plans
// them once for any batch ("generic plan", guessing 10 keys); a team that grew since its statistics is guessed at a
// few dozen rows. Planned that way, the old statements read every record of the team for each push: a first upload
// of 110,000 records took 4 to 14 minutes on PostgreSQL. Here each statement is planned the generic way on purpose
// and run on a team of 3,000 contacts: the rows it reads must be about the keys it was given, not the team.

const TEAM_SIZE = 3000;
const KEYS = 200;

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows each table's scans produced or threw away, over all their loops. */
function rowsRead(node: PlanNode, out = new Map<string, number>()): Map<string, number> {
  const rel = node['Relation Name'];
  if (rel) {
    const seen = (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
    out.set(rel, (out.get(rel) ?? 0) + seen * (node['Actual Loops'] ?? 1));
  }
  for (const p of node.Plans ?? []) rowsRead(p, out);
  return out;
}

const textArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => literal(x)).join(',')}]::text[]`;

describe.each(DATABASES)('lookups by key on $name', (kind) => {
  let env: Env;
  let teamId: string;
  const ids = Array.from({ length: TEAM_SIZE }, (_, i) => `C${String(i).padStart(7, '0')}`);
  beforeAll(async () => {
    env = await openEnv(kind);
    const { wire } = makeApp(env.db);
    const [d] = await team(env.db, wire, 1);
    teamId = d!.teamId;
    const at = Date.now() - 86_400_000;
    // The statistics see the team when it was small, as they do while a first upload pours in.
    const batches = [0, 50, 1000, 2000, TEAM_SIZE];
    for (let b = 0; b + 1 < batches.length; b++) {
      const i = batches[b]!;
      if (b === 1) await env.db.tx({}, (sql) => sql('ANALYZE records, natural_keys, aliases'));
      await wire.push(
        d!,
        ids.slice(i, batches[b + 1]).map((id, j) => ({
          t: 'contacts' as const,
          id,
          op: 'insert' as const,
          s: wire.stamp(d!),
          f: { name: `Person ${i + j}`, emails: [`p${i + j}@example.com`], title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null, createdAt: at, updatedAt: at, deletedAt: null },
        })),
      );
    }
  }, 60_000);
  afterAll(() => env?.close());

  /** Runs `statement` prepared and planned the generic way with these arguments; its plan's rows read per table. Rolled back. */
  async function generic(statement: string, types: string, args: string): Promise<Map<string, number>> {
    let plan: PlanNode | null = null;
    await env.db
      .tx({ teamId }, async (sql) => {
        await sql('SET LOCAL plan_cache_mode = force_generic_plan');
        await sql(`PREPARE lookup_plan (${types}) AS ${statement}`);
        try {
          const [row] = await sql<Record<string, unknown>>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE lookup_plan(${args})`);
          const json = Object.values(row!)[0];
          plan = (typeof json === 'string' ? JSON.parse(json) : json)[0].Plan as PlanNode;
        } finally {
          await sql('DEALLOCATE lookup_plan');
        }
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    expect(plan).not.toBeNull();
    return rowsRead(plan!);
  }

  const some = ids.filter((_, i) => i % Math.floor(TEAM_SIZE / KEYS) === 0).slice(0, KEYS);
  const tables = textArray(some.map(() => 'contacts'));

  it("reads a batch's aliases and records key by key, not the team's", async () => {
    const want = `ARRAY[${some.map((_, i) => (i % 2 === 0 ? 'true' : 'false')).join(',')}]::bool[]`;
    const read = await generic(LOOKUPS.aliasesAndRows, 'text, text[], text[], bool[]', `${literal(teamId)}, ${tables}, ${textArray(some)}, ${want}`);
    // Half the keys want their record: 100 lookups, one row each.
    expect(read.get('records')).toBe(KEYS / 2);
    // Aliases (records merged away) are few in every team: a scan of that small table is the planner's fair choice.
  });

  it("reads the records of a batch's keys key by key, not the team's", async () => {
    const read = await generic(LOOKUPS.rows, 'text, text[], text[]', `${literal(teamId)}, ${tables}, ${textArray(some)}`);
    expect(read.get('records')).toBe(KEYS);
  });

  it("finds the natural keys of a batch's records key by key, not the team's", async () => {
    const read = await generic(LOOKUPS.dropKeys, 'text, text[], text[]', `${literal(teamId)}, ${tables}, ${textArray(some)}`);
    // One address each: found once by the lookup, once by the delete that goes to it by row address.
    expect(read.get('natural_keys')).toBeLessThanOrEqual(2 * KEYS);
    expect(read.get('natural_keys')).toBeGreaterThanOrEqual(KEYS);
  });
});
