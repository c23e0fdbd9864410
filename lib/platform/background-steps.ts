import type { SidecarDb } from '../db';
import { currentDeal } from '../domain/lead-facts';
import { detectLeadSource } from '../domain/lead-source';
import { contactUrl, isSiteUrl } from '../domain/contact-url';
import { resolveLanguage } from '../i18n';
import type { CStoBGMessage, PageContext, UItoBGMessage } from '../messaging/protocol';
import { logComposeSent, logManualActivity, logThreadMessages } from '../services/activities';
import { createPerson, personTables } from '../services/contacts';
import { loadSample, removeSample } from '../services/sample-data';
import { loadSettings, rememberMyAddress, updateSettings } from '../services/settings';
import { matchProfile } from '../services/linkedin';
import { expireSuggestions, scanForTriggers, scanLinkedInTriggers } from '../services/triggers';
import { sendToTab } from './messaging';
import { mirrorPageFlags } from './side-panel';
import { ACTIVE_TAB_KEY, contextKey } from './storage-keys';

type Msg<K extends UItoBGMessage['type'] | CStoBGMessage['type']> = Extract<UItoBGMessage | CStoBGMessage, { type: K }>;

/** Settings whose change can change what is due: scoring (sales-ready), stages and the nudge rules. */
const NUDGE_INPUTS = new Set(['scoring', 'stages', 'nudges']);

/** What the steps act on besides the database: the background's engines and the "something changed" signal. */
export interface StepDeps {
  db: SidecarDb;
  locale: () => string;
  /** Chips and open pages must follow a change of contacts, deals or settings. */
  changed: () => void;
  nudges: { full: () => Promise<void>; scheduleDaily: () => Promise<void> };
  velocity: { run: () => Promise<unknown> };
  autoBackups: { schedule: () => Promise<unknown> };
  /** Open sidebars of a tab get who is on screen there at once (lib/platform/live-server.ts). */
  pageChanged?: (tabId: number, context: PageContext, active: boolean) => void;
}

/**
 * The background's business steps: each composes the services a message needs,
 * with the side effects only the background can make (tabs, engines). The
 * router's handlers (background-routes.ts) only pick the step.
 */
export function createSteps({ db, locale, changed, nudges, velocity, autoBackups, pageChanged }: StepDeps) {
  const env = () => ({ now: Date.now(), locale: locale() });

  /** The rep's own addresses: never "the person" of a thread, never logged as a contact. */
  const myAddresses = async (account: string | null | undefined): Promise<Set<string>> => {
    const mine = new Set((await loadSettings(db, locale())).myAddresses);
    if (account) mine.add(account);
    return mine;
  };

  /**
   * After a deal moved (stage, close, an accepted suggestion): its open
   * suggestions that no longer make sense expire, then chips and pages follow.
   * The one place this sequence lives.
   */
  const dealMoved = async (dealId: string) => {
    await expireSuggestions(db, dealId, Date.now(), locale());
    changed();
  };

  /**
   * What follows a change of the rep's settings: the engines and the pages'
   * mirrors (side panel, language) follow the keys that changed, or every
   * key after a restore, which may have replaced them all.
   */
  const settingsChanged = async (keys: readonly string[] | 'all') => {
    const has = (k: string) => keys === 'all' || keys.includes(k);
    // Only rules that nudges depend on warrant a pass over every contact.
    if ([...NUDGE_INPUTS].some(has)) void nudges.full();
    if (has('notifications')) void nudges.scheduleDaily();
    if (has('backups')) void autoBackups.schedule();
    await mirrorPageFlags(db);
    changed();
  };

  return {
    dealMoved,

    /** A content script says who is on screen: stored for the sidebar first, then the thread is logged and scanned. */
    async pageSeen({ context, bodies }: Msg<'cs/context'>, tabId: number, tabActive: boolean): Promise<null> {
      // The sidebar is waiting: told straight away, and the key it reads after a restart written before any logging work.
      pageChanged?.(tabId, context, tabActive);
      await browser.storage.session.set({ [contextKey(tabId)]: context, ...(tabActive ? { [ACTIVE_TAB_KEY]: tabId } : {}) });
      await logPage(context, bodies);
      return null;
    },

    async composeSent({ compose, account }: Msg<'cs/compose-sent'>) {
      const now = Date.now();
      // Gmail's composeid is a per-page counter, so the send time makes the key unique.
      const composeKey = `${compose.composeId ?? '-'}@${now}`;
      const recipients = compose.recipients.map((r) => r.email);
      return { logged: await logComposeSent(db, { composeKey, recipients, subject: compose.subject }, await myAddresses(account), now) };
    },

    async linkedInSent({ conversation }: Msg<'cs/linkedin-sent'>) {
      const settings = await loadSettings(db, locale());
      if (!settings.autoLogLinkedInMessages || !conversation.profileUrl) return { logged: 0 };
      // Only a contact linked by profile URL: a name alone is not proof of who this is.
      const match = await matchProfile(db, { profileUrl: conversation.profileUrl, name: conversation.name });
      if (!match.contactId) return { logged: 0 };
      await logManualActivity(db, { contactId: match.contactId, kind: 'linkedin_message', text: null }, Date.now());
      return { logged: 1 };
    },

    async createPerson({ person, thread, account }: Msg<'ui/create-person'>, tabId: number | null) {
      const now = Date.now();
      const mine = await myAddresses(account);
      const leadSource = detectLeadSource({
        messages: thread?.messages.map((m) => ({ from: m.from.email, date: m.date })),
        myAddresses: mine,
        linkedin: !!person.linkedinUrl,
      });
      // One transaction (logging the thread writes a subset of the person's tables): a worker stopped half-way leaves
      // either nothing or the person with the thread logged, and both steps are idempotent (the address finds the
      // person, message ids the activities), so a retry adds nothing twice.
      const created = await db.transaction('rw', personTables(db), async () => {
        const c = await createPerson(db, person, { now, locale: locale(), owner: account ?? null, leadSource });
        // Messages that were in the thread before the contact existed are logged now.
        if (thread) await logThreadMessages(db, thread.messages, mine, now, thread.subject);
        return c;
      });
      // Bodies are never kept here: the page reads them again for the trigger scan.
      if (tabId !== null) sendToTab(tabId, { type: 'bg/resend' });
      changed();
      return { contactId: created.contact.id, created: created.created };
    },

    async openContact({ contactId }: Msg<'ui/open-contact'>) {
      const contact = await db.contacts.get(contactId);
      const deal = currentDeal(await db.deals.where('contactId').equals(contactId).toArray());
      const account = deal?.owner ?? (await loadSettings(db, locale())).myAddresses[0] ?? null;
      const url = contact ? contactUrl(contact, account) : null;
      if (url && isSiteUrl(url)) await browser.tabs.create({ url });
      return { url };
    },

    async saveSettings({ patch }: Msg<'ui/update-settings'>) {
      const r = await updateSettings(db, locale(), () => patch, Date.now());
      if (!r.ok) return r;
      await settingsChanged(Object.keys(patch));
      return { ok: true as const };
    },

    /** A backup was restored: its settings take effect now, not at the next start. */
    settingsRestored: () => settingsChanged('all'),

    async loadSample() {
      const settings = await loadSettings(db, locale());
      const r = await loadSample(db, { ...env(), language: resolveLanguage(settings.language, navigator.languages ?? []) });
      void velocity.run();
      changed();
      return r;
    },

    async removeSample(): Promise<null> {
      await removeSample(db);
      void velocity.run();
      void nudges.full();
      changed();
      return null;
    },
  };

  /** A Gmail thread's messages are logged and scanned for triggers; a LinkedIn conversation's partner messages are scanned. */
  async function logPage(context: PageContext, bodies: Record<string, string> | undefined) {
    if (context.site === 'gmail') {
      if (context.account) await rememberMyAddress(db, locale(), context.account, Date.now());
      if (context.thread) {
        const mine = await myAddresses(context.account);
        await logThreadMessages(db, context.thread.messages, mine, Date.now(), context.thread.subject);
        await scanForTriggers(db, context.thread.messages, bodies ?? {}, mine, env());
      }
    } else if (context.conversation?.profileUrl && bodies) {
      await scanLinkedInTriggers(db, context.conversation.profileUrl, bodies, env());
    }
  }
}
export type Steps = ReturnType<typeof createSteps>;
