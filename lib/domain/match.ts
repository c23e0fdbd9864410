/**
 * Matching a LinkedIn profile to the contacts that have no LinkedIn URL yet.
 * Pure: no DOM, no storage. Suggests; the user confirms.
 */

/** Titles and degrees around a person's name, compared without dots. */
const PERSON_AFFIXES = new Set(['dr', 'drs', 'dra', 'mr', 'mrs', 'ms', 'miss', 'ir', 'jr', 'sr', 'phd', 'mba']);
/** Indonesian-style degrees ("S.Kom", "S.E.", "M.M."): dropped only when
 *  written with a dot, since "Se" or "Mm" may be a name. */
const DOTTED_DEGREES = new Set([
  'se', 'st', 'sh', 'sp', 'spd', 'skom', 'ssos', 'sip', 'sked', 'spsi', 'sfarm', 'ssi', 'ak',
  'mm', 'mt', 'mh', 'mkom', 'msi', 'msc', 'bsc', 'ba', 'ma', 'md',
]);
/** Legal forms around a company name. */
const LEGAL_FORMS = new Set([
  'pt', 'tbk', 'cv', 'inc', 'llc', 'ltd', 'limited', 'gmbh', 'corp', 'corporation', 'co', 'sa', 'bv', 'pty', 'plc', 'persero',
]);

/**
 * Lower-case, compatibility-decomposed, without combining marks (accents,
 * harakat). Repeated until stable: decomposing can uncover capitals ("ᴬ" → "A").
 */
function foldText(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return s.toLowerCase();
  let folded = s;
  for (let i = 0; i < 4; i++) {
    const next = folded.normalize('NFKD').toLowerCase().replace(/\p{M}+/gu, '');
    if (next === folded) break;
    folded = next;
  }
  return folded;
}

/**
 * Tokens of `s` without the words in `drop` (tested with and without the
 * punctuation inside a word: "B.V." and "Inc."; `dotted` only when the word
 * had a dot). All of them are kept if that would
 * leave nothing ("Ms", "PT").
 */
function tokens(s: string, drop: ReadonlySet<string>, dotted: ReadonlySet<string>): string[] {
  if (typeof s !== 'string') return [];
  const kept: string[] = [];
  const all: string[] = [];
  for (const word of foldText(s).split(/[\s,;()[\]{}/|]+/u)) {
    const bare = word.replace(/[^\p{L}\p{N}]+/gu, '');
    if (!bare) continue;
    const parts = word.replace(/['’`]+/gu, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    all.push(...parts);
    if (drop.has(bare) || (word.includes('.') && dotted.has(bare))) continue;
    kept.push(...parts.filter((part) => !drop.has(part)));
  }
  return kept.length > 0 ? kept : all;
}

const NONE: ReadonlySet<string> = new Set();

/** A person's name folded for comparison: "Dr. José Álvarez, S.Kom" → "jose alvarez". */
export function normalizePersonName(s: string): string {
  return tokens(s, PERSON_AFFIXES, DOTTED_DEGREES).join(' ');
}

/** A company name folded for comparison: "PT Toko Maju Tbk" → "toko maju". */
export function normalizeCompanyName(s: string): string {
  return tokens(s, LEGAL_FORMS, NONE).join(' ');
}

interface MatchCandidate {
  id: string;
  score: number;
  reasons: string[];
}

interface ContactLike {
  id: string;
  name: string;
  company: string | null;
  linkedinUrl: string | null;
}

const SCORE = {
  fullName: 0.9,
  firstLast: 0.8,
  nameSubset: 0.7,
  singleName: 0.6,
  companyMatch: 0.1,
  companyMismatch: -0.2,
  /** Below this a match is too weak to suggest. */
  threshold: 0.55,
};

/** Same company: equal, or one is the other plus trailing words ("BigCorp" ~ "BigCorp Indonesia"). */
function sameCompany(a: string, b: string): boolean {
  return a === b || a.startsWith(b + ' ') || b.startsWith(a + ' ');
}

function nameScore(p: string[], pSet: ReadonlySet<string>, c: string[]): [number, string] | null {
  if (p.join(' ') === c.join(' ')) return p.length >= 2 ? [SCORE.fullName, 'full-name'] : [SCORE.singleName, 'single-name'];
  if (p.length < 2 || c.length < 2) return null;
  if (p[0] === c[0] && p[p.length - 1] === c[c.length - 1]) return [SCORE.firstLast, 'first-last'];
  const cSet = new Set(c);
  let shared = 0;
  for (const t of cSet) if (pSet.has(t)) shared++;
  const subset = shared === cSet.size || shared === pSet.size;
  return subset && shared >= 2 ? [SCORE.nameSubset, 'name-subset'] : null;
}

/**
 * Cheap test before normalising: a plain-ASCII name without apostrophes holds
 * each of its tokens as a substring of its lower-case form, so it cannot match
 * when it contains none of the profile's tokens. Other names pass.
 */
function mayShareToken(name: string, profileTokens: readonly string[]): boolean {
  if (!/^[\x20-\x26\x28-\x5f\x61-\x7e]*$/.test(name)) return true;
  const lower = name.toLowerCase();
  return profileTokens.some((t) => lower.includes(t));
}

/**
 * Contacts without a LinkedIn URL that may be the person on `profile`, best
 * first, at most `limit`. Tolerates middle names and initials, accents and
 * case; a matching company raises the score, a different one lowers it (an
 * exact full name still stays); a shared first name alone never matches.
 */
export function matchCandidates(
  profile: { name: string; company: string | null },
  contacts: Iterable<ContactLike>,
  limit = 3,
): MatchCandidate[] {
  const max = Math.floor(limit);
  const p = normalizePersonName(profile.name).split(' ').filter(Boolean);
  if (!(max > 0) || p.length === 0) return [];
  const pSet = new Set(p);
  const pLast = p[p.length - 1] ?? '';
  const pCompany = profile.company ? normalizeCompanyName(profile.company) : '';
  const found: MatchCandidate[] = [];

  for (const contact of contacts) {
    if (contact.linkedinUrl?.trim() || typeof contact.name !== 'string') continue;
    if (!mayShareToken(contact.name, p)) continue;
    const c = normalizePersonName(contact.name).split(' ');
    // Early out on the last-name token: in every kind of match either the
    // contact's last token is one of the profile's, or the profile's last is
    // one of the contact's.
    if (!pSet.has(c[c.length - 1] ?? '') && !c.includes(pLast)) continue;
    const byName = nameScore(p, pSet, c);
    if (!byName) continue;
    let [score] = byName;
    const reasons = [byName[1]];
    const cCompany = contact.company ? normalizeCompanyName(contact.company) : '';
    if (pCompany && cCompany) {
      const same = sameCompany(pCompany, cCompany);
      score += same ? SCORE.companyMatch : SCORE.companyMismatch;
      reasons.push(same ? 'company' : 'company-mismatch');
    }
    // A single shared name is someone else unless the company says otherwise.
    if (byName[1] === 'single-name' && !reasons.includes('company')) continue;
    if (score < SCORE.threshold) continue;
    found.push({ id: contact.id, score: Math.round(Math.min(score, 1) * 100) / 100, reasons });
  }
  return found.sort((a, b) => b.score - a.score).slice(0, max);
}
