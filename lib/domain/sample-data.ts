import { currencyDigits } from './money';
import { ACTIVITY_DEFAULTS, type Activity, type ActivityKind, type Company, type Contact, type Deal, type StageChange } from './records';
import { DAY_MS } from './metrics';

// "Try with a sample pipeline": a made-up pipeline that makes every chart of
// the dashboard meaningful on an empty database. Every record's id starts with
// SAMPLE_PREFIX: that is how "Remove sample data" finds exactly these records
// (and whatever the rep later hung on them) and never touches the rep's own.
// Pure and deterministic: the same seed and `now` give the same records.

export const SAMPLE_PREFIX = 'sample-';
export const isSampleId = (id: string) => id.startsWith(SAMPLE_PREFIX);

export interface SampleData {
  contacts: Contact[];
  companies: Company[];
  deals: Deal[];
  stageChanges: StageChange[];
  activities: Activity[];
}

/** mulberry32: a tiny seeded generator, good enough for made-up data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Dana', 'Budi', 'Sari', 'Michael', 'Putri', 'Ahmad', 'Laura', 'Rizky', 'Dewi', 'James', 'Siti', 'Kevin', 'Ayu', 'Daniel', 'Rina', 'Hendra', 'Emily', 'Agus', 'Maya', 'Tom'];
const LAST = ['Wijaya', 'Santoso', 'Hartono', 'Chen', 'Lestari', 'Pratama', 'Nguyen', 'Kusuma', 'Miller', 'Halim', 'Suryadi', 'Walsh'];
const COMPANIES: [string, string, string, number][] = [
  ['Nusantara Logistik', 'nusantara-logistik.example', 'Logistics', 420],
  ['Kopi Kita', 'kopikita.example', 'Food & beverage', 85],
  ['Brightlane Software', 'brightlane.example', 'Software', 160],
  ['Sinar Retail', 'sinar-retail.example', 'Retail', 1200],
  ['Harbor Health', 'harborhealth.example', 'Healthcare', 640],
  ['Garuda Fintech', 'garuda-fintech.example', 'Financial services', 230],
  ['Maple & Stone', 'maplestone.example', 'Construction', 95],
  ['Cahaya Edu', 'cahaya-edu.example', 'Education', 60],
  ['Northwind Traders', 'northwind.example', 'Wholesale', 310],
  ['Tirta Energi', 'tirta-energi.example', 'Energy', 2100],
  ['Pixel Pantry', 'pixelpantry.example', 'Marketing', 40],
  ['Samudra Marine', 'samudra-marine.example', 'Shipping', 880],
];
const TITLES = ['Head of Operations', 'CTO', 'Procurement Manager', 'Founder', 'VP Sales', 'Finance Director', 'IT Manager', 'COO'];
/** Sources with the method's lesson built in: referrals and partners convert far better than cold outreach. */
const SOURCES: [string, number, number][] = [
  // source, share of leads, chance to be won when closed
  ['cold_email', 0.3, 0.25],
  ['linkedin', 0.22, 0.4],
  ['inbound', 0.18, 0.55],
  ['referral', 0.15, 0.8],
  ['event', 0.08, 0.45],
  ['partner', 0.07, 0.7],
];
const LOST = ['Price too high', 'Chose a competitor', 'No budget', 'No decision / went quiet', 'Bad timing'];
const LOST_ID = ['Harga terlalu mahal', 'Memilih pesaing', 'Tidak ada anggaran', 'Tidak ada keputusan / menghilang', 'Waktu tidak tepat'];

const pad = (n: number) => String(n).padStart(3, '0');

export interface SampleOptions {
  seed?: number;
  now: number;
  /** The rep's currency: values are drawn in it (USD 800-24,000 or the equivalent). */
  currency: string;
  /** Stage ids in pipeline order. */
  stageOrder: readonly string[];
  /** Lost reasons in the rep's language. */
  language?: 'en' | 'id';
  people?: number;
}

/** A few dozen people, one deal each, over about eight months: won, lost and open at every stage. */
export function generateSample(opts: SampleOptions): SampleData {
  // Seed 20 shows the method's lesson plainly: referrals close far more often than cold email.
  const r = rng(opts.seed ?? 20);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const { now, currency, stageOrder } = opts;
  const people = opts.people ?? 40;
  // Rough dollar equivalents, so IDR values look like IDR deals (no live exchange rates here).
  const perDollar = currency === 'IDR' ? 16_000 : currency === 'JPY' ? 150 : 1;
  const scale = 10 ** currencyDigits(currency);
  const lostReasons = opts.language === 'id' ? LOST_ID : LOST;
  const last = stageOrder.length - 1;
  // Where a deal closes: the decision stage (Closing) when there is one past the start, else the last.
  const closeAt = Math.max(0, stageOrder.indexOf('closing') >= 0 ? stageOrder.indexOf('closing') : last);

  const companies: Company[] = COMPANIES.map(([name, domain, industry, employees], i) => {
    const t = now - (250 - i) * DAY_MS;
    return { id: `${SAMPLE_PREFIX}co-${pad(i)}`, createdAt: t, updatedAt: t, deletedAt: null, name, domain, industry, employees };
  });
  const out: SampleData = { contacts: [], companies, deals: [], stageChanges: [], activities: [] };

  for (let i = 0; i < people; i++) {
    const first = FIRST[i % FIRST.length]!;
    const lastName = LAST[(i * 7) % LAST.length]!;
    const company = companies[i % companies.length]!;
    const created = Math.round(now - (5 + r() * 235) * DAY_MS);
    const cid = `${SAMPLE_PREFIX}c-${pad(i)}`;
    const did = `${SAMPLE_PREFIX}d-${pad(i)}`;
    const email = `${first}.${lastName}`.toLowerCase() + `@${company.domain}`;
    out.contacts.push({
      id: cid,
      createdAt: created,
      updatedAt: created,
      deletedAt: null,
      name: `${first} ${lastName}`,
      emails: [email],
      title: pick(TITLES),
      headline: null,
      location: pick(['Jakarta', 'Surabaya', 'Bandung', 'Singapore', 'Sydney', 'London']),
      companyId: company.id,
      linkedinUrl: null,
      photoUrl: null,
    });

    let x = r();
    let src = SOURCES[0]!;
    for (const s of SOURCES) {
      if (x < s[1]) {
        src = s;
        break;
      }
      x -= s[1];
    }
    const age = (now - created) / DAY_MS;
    // Older deals have mostly closed; recent ones are mostly still open.
    const closed = r() < Math.min(0.85, age / 150);
    const won = closed && r() < src[2];
    const target = closed ? (won ? closeAt : Math.floor(r() * (closeAt + 1))) : Math.floor(r() * Math.min(last, closeAt + 1));
    const value = Math.round((800 + r() * r() * 23_200) / 50) * 50 * perDollar * scale;

    // Walk the stages with stays of 2-20 days, never past now.
    let t = created;
    let from: string | null = null;
    let seq = 0;
    const change = (to: string, status: Deal['status'], at: number, reason: string | null) => {
      out.stageChanges.push({ id: `${SAMPLE_PREFIX}sc-${pad(i)}-${seq++}`, dealId: did, fromStageId: from, toStageId: to, status, at, reason, createdAt: at });
      if (from !== null || status !== 'open') {
        out.activities.push(activity(`${SAMPLE_PREFIX}a-${pad(i)}-s${seq}`, 'stage_change', cid, did, at, status === 'open' ? `${from}→${to}` : `${from}→${status}`));
      }
    };
    change(stageOrder[0]!, 'open', t, null);
    from = stageOrder[0]!;
    for (let k = 1; k <= target; k++) {
      const next = t + Math.round((2 + r() * 18) * DAY_MS);
      if (next >= now - DAY_MS) break;
      t = next;
      change(stageOrder[k]!, 'open', t, null);
      from = stageOrder[k]!;
    }
    let status: Deal['status'] = 'open';
    let closedAt: number | null = null;
    let lostReason: string | null = null;
    const stageEnteredAt = t;
    const closeTime = t + Math.round((1 + r() * 12) * DAY_MS);
    // A close that would fall in the future has not happened yet: the deal is still open.
    if (closed && closeTime < now - DAY_MS / 2) {
      const at = closeTime;
      status = won ? 'won' : 'lost';
      closedAt = at;
      lostReason = won ? null : pick(lostReasons);
      change(from!, status, at, lostReason);
    }
    out.deals.push({
      id: did,
      createdAt: created,
      updatedAt: closedAt ?? stageEnteredAt,
      deletedAt: null,
      contactId: cid,
      companyId: company.id,
      title: company.name,
      stageId: from!,
      stageEnteredAt,
      status,
      valueMinor: value,
      currency,
      owner: null,
      expectedCloseAt: status === 'open' ? now + Math.round((7 + r() * 60) * DAY_MS) : null,
      closedAt,
      lostReason,
      bant: null,
      leadSource: src[0],
    });

    // A short conversation: who wrote first follows the source.
    const inboundFirst = src[0] === 'inbound' || src[0] === 'referral';
    const touches = 2 + Math.floor(r() * 4);
    let at = created;
    for (let k = 0; k < touches; k++) {
      at += Math.round((0.5 + r() * 6) * DAY_MS);
      if (at >= now) break;
      const theirs = k % 2 === (inboundFirst ? 0 : 1);
      const kind: ActivityKind = src[0] === 'linkedin' && k === 0 ? 'linkedin_connect' : theirs ? 'email_in' : 'email_out';
      out.activities.push(activity(`${SAMPLE_PREFIX}a-${pad(i)}-${k}`, kind, cid, did, at, kind === 'linkedin_connect' ? null : `${company.name}: ${pick(['pricing', 'demo', 'follow-up', 'proposal', 'intro'])}`));
    }
  }
  return out;
}

function activity(id: string, kind: ActivityKind, contactId: string, dealId: string, at: number, text: string | null): Activity {
  return { id, createdAt: at, updatedAt: at, deletedAt: null, kind, ...ACTIVITY_DEFAULTS[kind], at, sourceId: null, contactId, dealId, text };
}
