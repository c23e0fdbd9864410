/**
 * Pure page detection and URL normalisation for LinkedIn. No DOM, no `location`:
 * callers pass the URL (LinkedIn is a single-page app, so re-run on URL change).
 */

const LINKEDIN_ORIGIN = 'https://www.linkedin.com';

/** `/in/<slug>` with an optional trailing slash and nothing after it. */
const PROFILE_PATH = /^\/in\/([^/]+)\/?$/;
/** `/in/<slug>/…`: any page that belongs to one profile (details, overlays). */
const PROFILE_SUBPATH = /^\/in\/([^/]+)(?:\/|$)/;
/** `/in/<slug>/overlay/contact-info/`: the profile with its contact-info dialog open. */
const CONTACT_INFO_PATH = /^\/in\/([^/]+)\/overlay\/contact-info\/?$/;
const MESSAGING_THREAD_PATH = /^\/messaging\/thread\/[^/]+\/?$/;

/**
 * Member ids (`/in/ACoAAB…`) are case-sensitive: lower-casing one breaks the
 * link, so they keep their case. Vanity slugs are case-insensitive.
 */
const MEMBER_ID_SLUG = /^ACo[A-Za-z0-9_-]{10,}$/;
/** What a decoded slug may not contain; otherwise it stays percent-encoded. */
const UNSAFE_DECODED = /[\s/?#%\\<>"'`\p{Cc}\p{Cf}]/u;

function isLinkedInHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'linkedin.com' || host.endsWith('.linkedin.com');
}

/** Absolute LinkedIn URLs, and root-relative paths read as www.linkedin.com ones. */
function parseLinkedIn(urlOrPath: string): URL | null {
  if (typeof urlOrPath !== 'string') return null;
  const input = urlOrPath.trim();
  if (input.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(input, LINKEDIN_ORIGIN);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return isLinkedInHost(url.hostname) ? url : null;
}

function pathMatch(urlOrPath: string, pattern: RegExp): RegExpExecArray | null {
  const url = parseLinkedIn(urlOrPath);
  return url ? pattern.exec(url.pathname) : null;
}

function normaliseSlug(rawSlug: string): string | null {
  let slug = rawSlug;
  try {
    const decoded = decodeURIComponent(rawSlug);
    if (!UNSAFE_DECODED.test(decoded)) slug = decoded;
  } catch {
    // Malformed percent-encoding: keep it encoded.
  }
  if (slug === '' || slug === '.' || slug === '..') return null;
  return MEMBER_ID_SLUG.test(slug) ? slug : slug.toLowerCase();
}

/** True for an absolute http(s) URL on linkedin.com or any of its subdomains. */
export function isLinkedInUrl(url: string): boolean {
  return /^https?:\/\//i.test(typeof url === 'string' ? url.trim() : '') && parseLinkedIn(url) !== null;
}

/** A profile's main page, e.g. `/in/dana-prospect/?miniProfileUrn=…`; not its subpages. */
export function isProfileUrl(url: string): boolean {
  return pathMatch(url, PROFILE_PATH) !== null;
}

/**
 * Any page of one profile: its main page, overlays (`/overlay/contact-info/`) and subpages
 * (`/details/experience/`, `/recent-activity/`). The sidebar stays on the same person across them.
 */
export function isProfilePageUrl(url: string): boolean {
  return pathMatch(url, PROFILE_SUBPATH) !== null && profileSlug(url) !== null;
}

/** The contact-info overlay of a profile. */
export function isContactInfoUrl(url: string): boolean {
  return pathMatch(url, CONTACT_INFO_PATH) !== null;
}

/** A messaging thread page, `/messaging/thread/<id>/`. */
export function isMessagingThreadUrl(url: string): boolean {
  return pathMatch(url, MESSAGING_THREAD_PATH) !== null;
}

/**
 * The slug of the profile a URL belongs to: the main page and its subpages
 * (`/in/x/overlay/contact-info/`), so a link from the page can stand in for the
 * page URL. Lower-cased and percent-decoded where safe; null when none.
 */
export function profileSlug(url: string): string | null {
  const match = pathMatch(url, PROFILE_SUBPATH);
  return match?.[1] ? normaliseSlug(match[1]) : null;
}

/**
 * `https://www.linkedin.com/in/<slug>/` for a profile's main page on any
 * LinkedIn host (`linkedin.com`, `id.linkedin.com`, `m.linkedin.com`) or a
 * root-relative path; null for anything else.
 */
export function canonicalProfileUrl(urlOrPath: string): string | null {
  if (!isProfileUrl(urlOrPath)) return null;
  const slug = profileSlug(urlOrPath);
  return slug ? `${LINKEDIN_ORIGIN}/in/${slug}/` : null;
}

/** The canonical profile URL of any `/in/<slug>/…` link (overlay, details, messaging). */
export function profileUrlFromLink(href: string): string | null {
  const slug = profileSlug(href);
  return slug ? `${LINKEDIN_ORIGIN}/in/${slug}/` : null;
}
