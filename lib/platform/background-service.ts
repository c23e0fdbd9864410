import { getDb } from '../db';
import { resolveLanguage } from '../i18n';
import { contextKey, type BGtoCSMessage } from '../messaging/protocol';
import { createRouter } from '../messaging/router';
import { logComposeSent, logThreadMessages } from '../services/activities';
import { stageChipsFor } from '../services/chips';
import { loadSettings, rememberMyAddress } from '../services/settings';

const locale = () => navigator.language || 'en';

/** Tabs whose content script told us who is on screen: the ones to notify of changes. */
async function contentTabs(): Promise<number[]> {
  const all = await browser.storage.session.get(null);
  return Object.keys(all)
    .filter((k) => k.startsWith('ctx:'))
    .map((k) => Number(k.slice(4)))
    .filter(Number.isInteger);
}

async function notifyTabs(message: BGtoCSMessage): Promise<void> {
  for (const tabId of await contentTabs()) {
    browser.tabs.sendMessage(tabId, message).catch(() => {
      // The tab navigated away or closed: forget it.
      void browser.storage.session.remove(contextKey(tabId));
    });
  }
}

export function startBackground(): void {
  const db = getDb();
  const handle = createRouter({
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    onError: (e) => console.error('[sidecar]', e),
    cs: {
      'cs/context': async ({ context }, tabId) => {
        // The sidebar is waiting on this key: write it before any logging work.
        await browser.storage.session.set({ [contextKey(tabId!)]: context });
        if (context.site === 'gmail') {
          if (context.account) await rememberMyAddress(db, locale(), context.account, Date.now());
          if (context.thread) {
            const settings = await loadSettings(db, locale());
            const mine = new Set(settings.myAddresses);
            if (context.account) mine.add(context.account);
            await logThreadMessages(db, context.thread.messages, mine, Date.now(), context.thread.subject);
          }
        }
        return null;
      },
      'cs/chips': async ({ emails }) =>
        stageChipsFor(db, emails, { locale: locale(), language: (s) => resolveLanguage(s, navigator.languages ?? []) }),
      'cs/compose-sent': async ({ compose, account }) => {
        const settings = await loadSettings(db, locale());
        const mine = new Set(settings.myAddresses);
        if (account) mine.add(account);
        const now = Date.now();
        const composeKey = compose.composeId ?? `${now}`;
        const logged = await logComposeSent(db, { composeKey, recipients: compose.recipients.map((r) => r.email), subject: compose.subject }, mine, now);
        return { logged };
      },
      'cs/linkedin-sent': async () => ({ logged: 0 }),
    },
    ui: {
      'ui/whoami': async (_m, tabId) => ({ tabId }),
      'ui/changed': async () => {
        await notifyTabs({ type: 'bg/chips-stale' });
        return null;
      },
    },
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handle(message, sender).then(sendResponse);
    return true;
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(contextKey(tabId)));
}
