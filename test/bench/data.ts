// The bench's synthetic data: deterministic (a seeded PRNG), shaped like a
// real pipeline (Indonesian and international names, companies with and
// without domains, free-mail addresses, deals across the stages, a mix of
// activities), with the exact record shapes of lib/domain/records.ts. The bench
// page (entrypoints/bench/main.ts, built only with SIDECAR_BENCH=1) imports it
// and writes it through the product's own database code; test/bench/run.mjs
// drives that page and seeds its own smaller raw-IndexedDB sets.
import { newId } from '@/lib/domain/ids';
import { ACTIVITY_DEFAULTS, type Activity, type ActivityKind, type Company, type Contact, type Deal, type StageChange } from '@/lib/domain/records';
import { rng } from './rng';

const DAY = 86_400_000;

export const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const FIRST = [
  'Dana', 'Budi', 'Siti', 'Agus', 'Dewi', 'Putri', 'Rizky', 'Andi', 'Wahyu', 'Ayu', 'Fajar', 'Indra', 'Nur', 'Rina', 'Yusuf', 'Bayu',
  'Eko', 'Sri', 'Hendra', 'Lestari', 'Maria', 'John', 'Michael', 'Sarah', 'Emily', 'David', 'James', 'Laura', 'Anna', 'Peter', 'Thomas',
  'Jessica', 'Daniel', 'Olivia', 'Kevin', 'Rachel', 'Chris', 'Linda', 'Mark', 'Susan', 'Wei', 'Li', 'Hiroshi', 'Yuki', 'Priya', 'Arjun',
  'Fatima', 'Omar', 'José', 'Zoë', 'Renée', 'Jürgen', 'Søren', 'Nguyễn', 'Thanh', 'Kim', 'Min-jun', 'Ana', 'Lucas', 'Sofia', "D'Arcy",
];
const MIDDLE = ['', '', '', '', 'A.', 'J.', 'Maria', 'Lee', 'Putra', 'Dwi', 'Tri', 'van', 'de'];
const LAST = [
  'Prospect', 'Santoso', 'Wijaya', 'Pratama', 'Saputra', 'Hidayat', 'Kusuma', 'Nugroho', 'Setiawan', 'Susanto', 'Halim', 'Gunawan',
  'Siregar', 'Nasution', 'Simanjuntak', 'Lubis', 'Harahap', 'Tanoto', 'Salim', 'Lim', 'Tan', 'Wong', 'Chen', 'Wang', 'Zhang', 'Liu',
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernández', 'Lopez', 'Wilson',
  'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Dubois', 'Lefèvre', 'Rossi', 'Russo',
  'Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Patel', 'Sharma', 'Singh', 'Kumar', 'Nguyen', 'Tran', 'Park', 'Choi', "O'Brien", 'Kowalski',
  'Nowak', 'Andersen', 'Jensen', 'Silva', 'Santos', 'Oliveira',
];
export const CO_A = ['Maju', 'Sinar', 'Global', 'Nusantara', 'Big', 'Blue', 'Prima', 'Mitra', 'Karya', 'Cahaya', 'North', 'Bright', 'Acme', 'Delta', 'Omega', 'Java', 'Borneo', 'Pacific'];
export const CO_B = ['Jaya', 'Abadi', 'Corp', 'Logistics', 'Tech', 'Foods', 'Digital', 'Sejahtera', 'Solutions', 'Labs', 'Trading', 'Makmur', 'Systems', 'Retail', 'Energy', 'Media'];
const CO_PREFIX = ['', '', '', 'PT ', 'CV '];
const TITLES = [
  'VP Sales', 'Head of Procurement', 'Purchasing Manager', 'Marketing Director', 'CEO', 'Founder', 'Operations Manager', 'Software Engineer',
  'Kepala Pengadaan', 'Direktur Penjualan', 'Account Executive', 'CFO', 'Office Manager', 'Product Manager', 'Analyst', 'Pemilik',
];
const CITIES = ['Jakarta, Indonesia', 'Surabaya, Indonesia', 'Bandung, Indonesia', 'Singapore', 'Kuala Lumpur, Malaysia', 'Sydney, Australia', 'London, UK', 'Berlin, Germany', null];
const INDUSTRIES = ['Logistics', 'Retail', 'Manufacturing', 'Software', 'Food & Beverage', 'Finance', null, null];
const FREE = ['gmail.com', 'yahoo.co.id', 'outlook.com'];
const STAGES = ['contact', 'qualification', 'meeting', 'proposal', 'closing'];
const KINDS: readonly ActivityKind[] = ['email_in', 'email_out', 'email_out', 'email_in', 'linkedin_connect', 'linkedin_message', 'call', 'meeting', 'note', 'email_out'];

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function makeCompanies(n: number, now: number, r: () => number): Company[] {
  const out: Company[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${pick(r, CO_PREFIX)}${pick(r, CO_A)} ${pick(r, CO_B)}${i >= CO_A.length * CO_B.length ? ` ${i}` : ''}`;
    const t = now - Math.floor(r() * 400 * DAY);
    out.push({
      id: newId(t),
      createdAt: t,
      updatedAt: t,
      deletedAt: null,
      name,
      // unique domain (the index is &domain); one in five known by name only
      domain: i % 5 === 4 ? null : `${slug(name)}-${i}.example`,
      industry: pick(r, INDUSTRIES),
      employees: r() < 0.3 ? null : Math.floor(5 + r() * 5000),
    });
  }
  return out;
}

export function personName(r: () => number): string {
  const m = pick(r, MIDDLE);
  return [pick(r, FIRST), m, pick(r, LAST)].filter(Boolean).join(' ');
}

export function makeContact(i: number, now: number, r: () => number, companies: readonly Company[]): Contact {
  const name = personName(r);
  const company = r() < 0.85 && companies.length ? companies[Math.floor(r() * companies.length)]! : null;
  const local = slug(name).replace(/-/g, '.') || `c${i}`;
  const domain = company?.domain ?? pick(r, FREE);
  const t = now - Math.floor((1 + r() * 365) * DAY);
  const title = r() < 0.8 ? pick(r, TITLES) : null;
  return {
    id: newId(t),
    createdAt: t,
    updatedAt: t,
    deletedAt: null,
    name,
    emails: r() < 0.9 ? [`${local}.${i}@${domain}`] : [],
    title,
    headline: title && company ? `${title} at ${company.name}` : null,
    location: pick(r, CITIES),
    companyId: company?.id ?? null,
    linkedinUrl: r() < 0.2 ? `https://www.linkedin.com/in/${slug(name)}-${i.toString(36)}/` : null,
    photoUrl: null,
  };
}

export function makeDeal(contact: Contact, now: number, r: () => number): Deal {
  const stageIdx = Math.floor(r() * STAGES.length);
  const created = Math.max(contact.createdAt, now - Math.floor(r() * 200 * DAY));
  const entered = created + Math.floor(r() * Math.max(1, now - created));
  return {
    id: newId(created),
    createdAt: created,
    updatedAt: entered,
    deletedAt: null,
    contactId: contact.id,
    companyId: contact.companyId,
    title: `${contact.name} deal`,
    stageId: STAGES[stageIdx]!,
    stageEnteredAt: entered,
    status: 'open',
    valueMinor: Math.floor(r() * 100_000) * 100,
    currency: 'IDR',
    owner: null,
    expectedCloseAt: r() < 0.5 ? now + Math.floor(r() * 60 * DAY) : null,
    closedAt: null,
    lostReason: null,
    bant: null,
    leadSource: null,
  };
}

export function makeActivities(contact: Contact, dealId: string | null, n: number, now: number, r: () => number): Activity[] {
  const out: Activity[] = [];
  for (let k = 0; k < n; k++) {
    const kind = pick(r, KINDS);
    const at = Math.max(contact.createdAt, now - Math.floor(r() * 180 * DAY));
    const d = ACTIVITY_DEFAULTS[kind];
    out.push({
      id: newId(at),
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      kind,
      direction: d.direction,
      channel: d.channel,
      at,
      sourceId: d.channel === 'email' ? `msg-f:${Math.floor(r() * 1e15)}` : null,
      contactId: contact.id,
      dealId,
      text: kind === 'note' ? 'Talked about pricing for next quarter' : `Re: order ${Math.floor(r() * 1000)}`,
    });
  }
  return out;
}

/** A deal's stage history: created in "contact", then moved to its current stage (if another). */
export function makeStageHistory(deal: Deal): StageChange[] {
  const out: StageChange[] = [
    { id: newId(deal.createdAt), dealId: deal.id, fromStageId: null, toStageId: 'contact', status: 'open', at: deal.createdAt, reason: null, createdAt: deal.createdAt },
  ];
  if (deal.stageId !== 'contact') {
    out.push({ id: newId(deal.stageEnteredAt), dealId: deal.id, fromStageId: 'contact', toStageId: deal.stageId, status: 'open', at: deal.stageEnteredAt, reason: null, createdAt: deal.stageEnteredAt });
  }
  return out;
}

// ------------------------------------------------------ trigger-scan bodies

const PARAS_EN = [
  'Thanks for sending over the overview of the platform last week. I shared it with our operations team and they had a few questions about how the inventory sync works with our existing warehouse system.',
  'Our current process still relies on spreadsheets that the regional managers update every Friday, which means the head office only sees stock levels with a delay of several days.',
  'We have around 40 outlets across Java and Bali, and the plan for next year is to open another 15 in Sulawesi, so whatever we choose has to scale without a lot of manual work.',
  'Could you also clarify how user accounts are billed? Some of our staff only need read access to reports, and we would rather not pay a full seat for each of them.',
  'On the integration side, our ERP is a fairly old on-premise installation; our IT lead, Pak Hendra, mentioned that it can export CSV files on a schedule but has no modern API.',
  'I also wanted to mention that the finance department closes the books on the 25th of each month, so any rollout would ideally start right after that date.',
  'Separately, the marketing team asked whether the customer data can be segmented by city and by purchase history — they are planning a loyalty campaign for the “Ramadan” season.',
];
const PARAS_ID = [
  'Terima kasih atas penjelasannya kemarin. Tim kami sudah membahas proposal awal dan secara umum cukup tertarik dengan fitur laporan penjualan harian.',
  'Saat ini kami masih menggunakan sistem lama yang dibuat oleh vendor lokal, dan setiap bulan tim keuangan harus mencocokkan data secara manual dari beberapa cabang.',
  'Mohon informasinya juga mengenai biaya implementasi dan pelatihan untuk staf di gudang, karena sebagian besar dari mereka belum terbiasa dengan aplikasi berbasis web.',
  'Kami berencana untuk memulai di tiga cabang dulu (Jakarta Selatan, Bekasi, dan Tangerang) sebelum diterapkan ke seluruh jaringan toko pada kuartal berikutnya.',
  'Pak Budi dari bagian pengadaan akan ikut dalam diskusi berikutnya; beliau ingin memastikan bahwa data pemasok bisa diimpor tanpa harus diketik ulang satu per satu.',
  'Untuk keamanan data, apakah server Anda berada di Indonesia? Ini cukup penting bagi direksi kami karena ada beberapa ketentuan dari regulator.',
];

/** ~50 KB of English/Indonesian mail text (with some non-ASCII), one demo request near the end. */
export function makeBody(bytes: number): string {
  const r = rng(99);
  const parts: string[] = ['Hi Dana,', ''];
  let len = 0;
  const tail = [
    '',
    'Given all of the above, could we schedule a demo next week with the operations and finance leads? Tuesday or Wednesday afternoon would work best for us.',
    '',
    'Best regards,',
    'Siti Rahayu',
    'Head of Operations — PT Maju Jaya',
    '+62 812 3456 7890',
  ].join('\n');
  while (len < bytes - tail.length - 200) {
    const p = r() < 0.55 ? pick(r, PARAS_EN) : pick(r, PARAS_ID);
    parts.push(p, '');
    len += p.length + 2;
  }
  return `${parts.join('\n')}${tail}`;
}
