/**
 * The sync server's address as the rep typed it: HTTPS anywhere, plain HTTP
 * only to this computer (a server run locally for trying it out). Returns the
 * canonical base URL (no trailing slash) or null.
 */
export function normalizeServerUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
