import { filterMask, matchesFilter, NO_FILTER, sortedOrder, visibleRows, type PeopleFilter, type PeopleRow } from './people-filter';

const NOW = 1_790_000_000_000;
const DAY = 86_400_000;
const STAGES = ['contact', 'qualification', 'meeting'];
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function row(name: string, p: Partial<PeopleRow> = {}): PeopleRow {
  return { name, company: null, deal: null, score: 0, nudge: null, lastTouchAt: null, ...p };
}
const deal = (stageId: string, p: Partial<NonNullable<PeopleRow['deal']>> = {}) => ({ stageId, status: 'open' as const, valueMinor: 0, currency: 'USD', owner: null, ...p });

const rows: PeopleRow[] = [
  row('Carla', { company: 'Zeta', deal: deal('meeting', { valueMinor: 500_00, owner: 'me@acme.com' }), score: 70, lastTouchAt: NOW - 2 * DAY, nudge: { dueAt: NOW - 1 } }),
  row('anna', { company: 'Acme', deal: deal('contact', { valueMinor: 90_000_00, owner: 'rina@acme.com' }), score: 20, lastTouchAt: NOW - 40 * DAY, nudge: { dueAt: NOW + DAY } }),
  row('Bea', { deal: deal('meeting', { status: 'won', valueMinor: 1_000_000_00, currency: 'IDR' }), score: 45, lastTouchAt: NOW - 10 * DAY }),
  row('Dodi'),
  row('Émile', { company: 'acme', deal: deal('qualification', { valueMinor: 500_00, status: 'lost' }), score: 45 }),
];
const pick = (f: Partial<PeopleFilter>) => rows.flatMap((r) => (matchesFilter(r, { ...NO_FILTER, ...f }, NOW, ['me@acme.com']) ? [r.name] : []));

describe('People & deals filters', () => {
  it('by stage (open deals in it), won, lost, or no deal', () => {
    expect(pick({ stage: 'meeting' })).toEqual(['Carla']);
    expect(pick({ stage: 'won' })).toEqual(['Bea']);
    expect(pick({ stage: 'lost' })).toEqual(['Émile']);
    expect(pick({ stage: 'none' })).toEqual(['Dodi']);
    expect(pick({})).toHaveLength(5);
  });

  it('by score range, inclusive', () => {
    expect(pick({ scoreMin: 45 })).toEqual(['Carla', 'Bea', 'Émile']);
    expect(pick({ scoreMin: 21, scoreMax: 45 })).toEqual(['Bea', 'Émile']);
  });

  it('by last touch', () => {
    expect(pick({ touch: '7d' })).toEqual(['Carla']);
    expect(pick({ touch: '30d' })).toEqual(['Carla', 'Bea']);
    expect(pick({ touch: 'over30d' })).toEqual(['anna']);
    expect(pick({ touch: 'never' })).toEqual(['Dodi', 'Émile']);
  });

  it('by a nudge due now, and by owner (mine keeps the unowned)', () => {
    expect(pick({ nudge: 'due' })).toEqual(['Carla']);
    expect(pick({ nudge: 'none' })).toEqual(['anna', 'Bea', 'Dodi', 'Émile']);
    expect(pick({ owner: 'team' })).toEqual(['anna']);
    expect(pick({ owner: 'mine' })).toEqual(['Carla', 'Bea', 'Dodi', 'Émile']);
  });
});

describe('People & deals sort', () => {
  const names = (key: Parameters<typeof sortedOrder>[1]['key'], dir: 'asc' | 'desc' = 'asc') => [...sortedOrder(rows, { key, dir }, STAGES, collator)].map((i) => rows[i]!.name);

  it('by name, as people read it (case and accents aside)', () => {
    expect(names('name')).toEqual(['anna', 'Bea', 'Carla', 'Dodi', 'Émile']);
    expect(names('name', 'desc')).toEqual(['Émile', 'Dodi', 'Carla', 'Bea', 'anna']);
  });

  it('rows without the value go last in both directions; ties keep name order', () => {
    expect(names('company')).toEqual(['anna', 'Émile', 'Carla', 'Bea', 'Dodi']);
    expect(names('company', 'desc')).toEqual(['Carla', 'anna', 'Émile', 'Bea', 'Dodi']);
    expect(names('score', 'desc')).toEqual(['Carla', 'Bea', 'Émile', 'anna', 'Dodi']);
    expect(names('lastTouch', 'desc')).toEqual(['Carla', 'Bea', 'anna', 'Dodi', 'Émile']);
    expect(names('nudge')).toEqual(['Carla', 'anna', 'Bea', 'Dodi', 'Émile']);
  });

  it('by stage in pipeline order, then won, then lost; by value in major units', () => {
    expect(names('stage')).toEqual(['anna', 'Carla', 'Bea', 'Émile', 'Dodi']);
    expect(names('value', 'desc')).toEqual(['Bea', 'anna', 'Carla', 'Émile', 'Dodi']); // IDR 1,000,000 > USD 90,000 (no exchange rates)
  });

  it('shows the sorted rows that the search and the filter both keep', () => {
    const order = sortedOrder(rows, { key: 'name', dir: 'asc' }, STAGES, collator);
    const mask = filterMask(rows, { ...NO_FILTER, scoreMin: 40 }, NOW, []);
    expect([...visibleRows(order, null, mask)].map((i) => rows[i]!.name)).toEqual(['Bea', 'Carla', 'Émile']);
    expect([...visibleRows(order, Int32Array.from([4, 0, 1]), mask)].map((i) => rows[i]!.name)).toEqual(['Carla', 'Émile']);
  });
});
