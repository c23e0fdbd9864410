import { Dexie } from 'dexie';
import { getDb } from '../db';
import { resolveLanguage } from '../i18n';
import type { BGtoCSMessage } from '../messaging/to-content';
import { createRouter } from '../messaging/router';
import { deleteActivity, logComposeSent, logManualActivity, logThreadMessages } from '../services/activities';
import { ChipCache, stageChipsFor } from '../services/chips';
import { createPerson } from '../services/contacts';
import { addContactDetails } from '../services/contact-details';
import { closeDeal, moveDealStage, reopenDeal, updateBant, updateCompany, updateDeal } from '../services/deals';
import { saveStages } from '../services/stages';
import { acceptSuggestion, dismissSuggestion, expireSuggestions, scanForTriggers, scanLinkedInTriggers } from '../services/triggers';
import { loadSettings, rememberMyAddress, updateSettings } from '../services/settings';
import { linkProfile, matchProfile, unlinkProfile } from '../services/linkedin';
import { contactUrl, isSiteUrl } from '../domain/contact-url';
import { startAutoBackups } from './auto-backup';
import { serveDataPort } from './data-server';
import { serveLiveQueries } from './live-server';
import { startNudgeEngine } from './nudge-engine';
import { startVelocitySnapshots } from './velocity-snapshots';
import { loadSample, removeSample } from '../services/sample-data';
import { deleteContact, mergeContacts, undoChange } from '../services/merge';
import { moveDeals } from '../services/bulk-stage';
import { updateContact } from '../services/contact-edit';
import { markNudge } from '../services/nudges';
import { currentDeal } from '../domain/lead-facts';
import { detectLeadSource } from '../domain/lead-source';
import { ACTIVE_TAB_KEY, contextKey, tabOfContextKey, frameTokenKey } from './storage-keys';
import { mirrorPageFlags } from './side-panel';
import { startSyncRunner } from './sync-runner';
import { sendToTab } from './messaging';

const locale = () => navigator.language || 'en';

/** Settings whose change can change what is due: scoring (sales-ready), stages and the nudge rules. */
const NUDGE_INPUTS = new Set(['scoring', 'stages', 'nudges']);

/** Tabs whose content script told us who is on screen: the ones to notify of changes. */
async function contentTabs(): Promise<number[]> {
  const all = await browser.storage.session.get(null);
  return Object.keys(all).flatMap((k) => {
    const tabId = tabOfContextKey(k);
    return tabId === null ? [] : [tabId];
  });
}

async function notifyTabs(message: BGtoCSMessage): Promise<void> {
  for (const tabId of await contentTabs()) sendToTab(tabId, message);
}


/** The rep's own addresses: never "the person" of a thread, never logged as a contact. */
async function myAddresses(account: string | null | undefined): Promise<Set<string>> {
  const mine = new Set((await loadSettings(getDb(), locale())).myAddresses);
  if (account) mine.add(account);
  return mine;
}

export function startBackground(): void {
  const db = getDb();
  const chipCache = new ChipCache();
  // A chip follows contacts, deals and settings (stages, language): any write there forgets them all.
  const chipTables = ['contacts', 'deals', 'settings'].map((t) => `idb://${db.name}/${t}/`);
  Dexie.on('storagemutated', (parts) => {
    if (Object.keys(parts).some((p) => chipTables.some((t) => p.startsWith(t)))) chipCache.clear();
  });
  const changed = () => {
    chipCache.clear();
    void notifyTabs({ type: 'bg/chips-stale' });
  };
  const live = serveLiveQueries(db, locale);
  const nudges = startNudgeEngine(db, locale, live.refresh);
  // Backups, restores and CSV imports: an applied one may touch every contact.
  const autoBackups = startAutoBackups(db, locale);
  serveDataPort(db, locale, () => {
    changed();
    nudges.poke();
  });
  const velocity = startVelocitySnapshots(db, locale);
  // Optional sync: records pulled from the server change chips and nudges like local writes do.
  const sync = startSyncRunner(db, () => {
    changed();
    nudges.poke();
  });

  const handle = createRouter({
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    onError: (e) => console.error('[sidecar]', e),
    frameToken: async (tabId) => ((await browser.storage.session.get(frameTokenKey(tabId)))[frameTokenKey(tabId)] as string | undefined) ?? null,
    cs: {
      'cs/frame-token': async (_m, tabId) => {
        const token = crypto.randomUUID();
        await browser.storage.session.set({ [frameTokenKey(tabId!)]: token });
        return token;
      },
      'cs/context': async ({ context, bodies }, tabId, sender) => {
        // The sidebar is waiting on this key: write it before any logging work.
        await browser.storage.session.set({
          [contextKey(tabId!)]: context,
          ...(sender.tab?.active ? { [ACTIVE_TAB_KEY]: tabId } : {}),
        });
        if (context.site === 'gmail') {
          if (context.account) await rememberMyAddress(db, locale(), context.account, Date.now());
          if (context.thread) {
            const mine = await myAddresses(context.account);
            await logThreadMessages(db, context.thread.messages, mine, Date.now(), context.thread.subject);
            await scanForTriggers(db, context.thread.messages, bodies ?? {}, mine, { now: Date.now(), locale: locale() });
          }
        } else if (context.conversation?.profileUrl && bodies) {
          await scanLinkedInTriggers(db, context.conversation.profileUrl, bodies, { now: Date.now(), locale: locale() });
        }
        return null;
      },
      'cs/chips': async ({ emails }) => {
        // Chips off: the page is told nothing (and drops the chips it has).
        if (!(await loadSettings(db, locale())).inboxChips) return {};
        return chipCache.get(emails, (missing) => stageChipsFor(db, missing, { locale: locale(), language: (s) => resolveLanguage(s, navigator.languages ?? []) }));
      },
      'cs/compose-sent': async ({ compose, account }) => {
        const now = Date.now();
        // Gmail's composeid is a per-page counter, so the send time makes the key unique.
        const composeKey = `${compose.composeId ?? '-'}@${now}`;
        const recipients = compose.recipients.map((r) => r.email);
        const logged = await logComposeSent(db, { composeKey, recipients, subject: compose.subject }, await myAddresses(account), now);
        return { logged };
      },
      'cs/linkedin-sent': async ({ conversation }) => {
        const settings = await loadSettings(db, locale());
        if (!settings.autoLogLinkedInMessages || !conversation.profileUrl) return { logged: 0 };
        // Only a contact linked by profile URL: a name alone is not proof of who this is.
        const match = await matchProfile(db, { profileUrl: conversation.profileUrl, name: conversation.name });
        if (!match.contactId) return { logged: 0 };
        await logManualActivity(db, { contactId: match.contactId, kind: 'linkedin_message', text: null }, Date.now());
        return { logged: 1 };
      },
    },
    ui: {
      'ui/create-person': async ({ person, thread, account }, tabId) => {
        const now = Date.now();
        const mine = await myAddresses(account);
        const leadSource = detectLeadSource({
          messages: thread?.messages.map((m) => ({ from: m.from.email, date: m.date })),
          myAddresses: mine,
          linkedin: !!person.linkedinUrl,
        });
        const created = await createPerson(db, person, { now, locale: locale(), owner: account ?? null, leadSource });
        // Messages that were in the thread before the contact existed are logged now.
        if (thread) await logThreadMessages(db, thread.messages, mine, now, thread.subject);
        // Bodies are never kept here: the page reads them again for the trigger scan.
        if (tabId !== null) sendToTab(tabId, { type: 'bg/resend' });
        changed();
        return { contactId: created.contact.id, created: created.created };
      },
      'ui/move-stage': async ({ dealId, toStageId, reason }) => {
        const r = await moveDealStage(db, dealId, { now: Date.now(), locale: locale(), toStageId, reason });
        if (r.ok) {
          await expireSuggestions(db, dealId, Date.now(), locale());
          changed();
        }
        return r.ok ? { ok: true as const } : r;
      },
      'ui/close-deal': async ({ dealId, outcome, reason }) => {
        const r = await closeDeal(db, dealId, outcome, reason ?? null, Date.now());
        if (r.ok) {
          await expireSuggestions(db, dealId, Date.now(), locale());
          changed();
        }
        return r;
      },
      'ui/reopen-deal': async ({ dealId }) => {
        const ok = await reopenDeal(db, dealId, Date.now());
        if (ok) changed();
        return { ok };
      },
      'ui/update-bant': async ({ dealId, patch }) => {
        const r = await updateBant(db, dealId, patch, Date.now());
        return r.ok ? { ok: true as const } : r;
      },
      'ui/update-deal': async ({ dealId, patch }) => ({ ok: await updateDeal(db, dealId, patch, Date.now()) }),
      'ui/update-company': async ({ companyId, patch }) => ({ ok: await updateCompany(db, companyId, patch, Date.now()) }),
      'ui/accept-suggestion': async ({ id, lostReason }) => {
        const s = await db.suggestions.get(id);
        const r = await acceptSuggestion(db, id, { now: Date.now(), locale: locale(), lostReason });
        if (r.ok && s) {
          await expireSuggestions(db, s.dealId, Date.now(), locale());
          changed();
        }
        return r.ok ? { ok: true as const } : r;
      },
      'ui/dismiss-suggestion': async ({ id }) => {
        await dismissSuggestion(db, id, Date.now());
        return null;
      },
      'ui/load-sample': async () => {
        const settings = await loadSettings(db, locale());
        const r = await loadSample(db, { now: Date.now(), locale: locale(), language: resolveLanguage(settings.language, navigator.languages ?? []) });
        void velocity.run();
        changed();
        return r;
      },
      'ui/remove-sample': async () => {
        await removeSample(db);
        void velocity.run();
        void nudges.full();
        changed();
        return null;
      },
      'ui/merge-contacts': async ({ keepId, mergeId }) => {
        const r = await mergeContacts(db, keepId, mergeId, { now: Date.now(), locale: locale() });
        if (r.ok) changed();
        return r;
      },
      'ui/delete-contact': async ({ contactId }) => {
        const r = await deleteContact(db, contactId, Date.now());
        if (r.ok) changed();
        return r;
      },
      'ui/update-contact': async ({ contactId, patch }) => {
        const r = await updateContact(db, contactId, patch, Date.now());
        if (!r.ok) return r;
        changed();
        return { ok: true as const };
      },
      'ui/move-deals': async ({ dealIds, to, reason }) => {
        const r = await moveDeals(db, dealIds, to, { now: Date.now(), locale: locale(), reason: reason ?? null });
        if (r.moved.length) changed();
        return r;
      },
      'ui/undo': async ({ undoId }) => {
        const ok = await undoChange(db, undoId, { now: Date.now(), locale: locale() });
        if (ok) changed();
        return { ok };
      },
      'ui/sync-connect': async ({ url, code }) => {
        const r = await sync.connect(url, code);
        return r.ok ? { ok: true as const } : { ok: false as const, code: r.failure.code, message: r.failure.message };
      },
      'ui/sync-now': async () => {
        const r = await sync.now();
        return { ok: r.ok, code: r.failure?.code ?? null };
      },
      'ui/sync-disconnect': async () => {
        await sync.disconnect();
        return null;
      },
      'ui/save-stages': async ({ stages, moves }) => {
        const r = await saveStages(db, stages, moves, { now: Date.now(), locale: locale() });
        if (r.ok) {
          // Stage order decides "past qualification" and the stuck limits: every deal may differ.
          void nudges.full();
          changed();
        }
        return r;
      },
      'ui/log-activity': async ({ contactId, kind, text }) => {
        const a = await logManualActivity(db, { contactId, kind, text }, Date.now());
        return { activityId: a.id };
      },
      'ui/delete-activity': async ({ id }) => {
        await deleteActivity(db, id, Date.now());
        return null;
      },
      'ui/link-profile': async ({ contactId, facts }) => {
        const r = await linkProfile(db, contactId, facts, Date.now());
        if (r.ok) changed();
        return r;
      },
      'ui/unlink-profile': async ({ contactId }) => {
        await unlinkProfile(db, contactId, Date.now());
        return null;
      },
      'ui/add-contact-details': async ({ contactId, emails, phones, websites }) => {
        const r = await addContactDetails(db, contactId, { emails, phones, websites }, Date.now());
        // A new address: the inbox chips and the Gmail sidebar know the person by it now.
        if (r.ok && r.added > 0) changed();
        return r;
      },
      'ui/nudge-done': async ({ id }) => {
        await markNudge(db, id, { done: true }, { now: Date.now(), locale: locale() });
        await nudges.refreshBadge();
        return null;
      },
      'ui/nudge-snooze': async ({ id, until }) => {
        const at = await markNudge(db, id, { snooze: until }, { now: Date.now(), locale: locale() });
        await nudges.refreshBadge();
        return { until: at };
      },
      'ui/nudge-dismiss-deal': async ({ dealId }) => {
        await markNudge(db, dealId, { dismissDeal: dealId }, { now: Date.now(), locale: locale() });
        await nudges.refreshBadge();
        return null;
      },
      'ui/open-contact': async ({ contactId }) => {
        const contact = await db.contacts.get(contactId);
        const deal = currentDeal(await db.deals.where('contactId').equals(contactId).toArray());
        const account = deal?.owner ?? (await loadSettings(db, locale())).myAddresses[0] ?? null;
        const url = contact ? contactUrl(contact, account) : null;
        if (url && isSiteUrl(url)) await browser.tabs.create({ url });
        return { url };
      },
      'ui/update-settings': async ({ patch }) => {
        const r = await updateSettings(db, locale(), () => patch, Date.now());
        if (!r.ok) return r;
        // Only rules that nudges depend on warrant a pass over every contact.
        if (Object.keys(patch).some((k) => NUDGE_INPUTS.has(k))) void nudges.full();
        if ('notifications' in patch) void nudges.scheduleDaily();
        if ('backups' in patch) void autoBackups.schedule();
        await mirrorPageFlags(db);
        changed();
        return { ok: true as const };
      },
    },
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handle(message, sender).then((reply) => {
      sendResponse(reply);
      // Any write may change what is due: recompute the contacts it touched.
      const type = (message as { type?: string }).type;
      if (reply.ok && type !== 'cs/chips') nudges.poke();
      // ...and, with sync on, is pushed a moment later (a burst of writes goes in one batch).
      if (reply.ok && type !== 'cs/chips' && !type?.startsWith('ui/sync-')) sync.soon();
    });
    return true;
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove([contextKey(tabId), frameTokenKey(tabId)]));
  // A page load forgets what the tab showed; its content script reports anew once loaded.
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void browser.storage.session.remove(contextKey(tabId));
  });
  // The side panel follows the Gmail/LinkedIn tab the rep is looking at; other tabs leave it as it was.
  browser.tabs.onActivated.addListener(async ({ tabId }) => {
    const known = await browser.storage.session.get(contextKey(tabId));
    if (contextKey(tabId) in known) await browser.storage.session.set({ [ACTIVE_TAB_KEY]: tabId });
  });
  void mirrorPageFlags(db);
}
