/** Asks for the optional notifications permission, from the rep's own click; false when the rep (or the browser) says no. */
export function requestNotifications(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['notifications'] }).catch(() => false);
}

/** Asks for the optional downloads permission (automatic backups), from the rep's own click. */
export function requestDownloads(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['downloads'] }).catch(() => false);
}

/** Whether this browser has granted the downloads permission (a restored backup can switch automatic backups on without it). */
export function hasDownloads(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['downloads'] }).catch(() => false);
}
