import type { SidecarDb } from '../db';
import { resolveLanguage } from '../i18n';
import type { CS_TO_BG, UI_TO_BG } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import { deleteActivity, logManualActivity } from '../services/activities';
import { ChipCache, stageChipsFor } from '../services/chips';
import { addContactDetails } from '../services/contact-details';
import { closeDeal, moveDealStage, reopenDeal, updateBant, updateCompany, updateDeal } from '../services/deals';
import { linkProfile, unlinkProfile } from '../services/linkedin';
import { deleteCompany, deleteContact, deleteDeal, mergeContacts, undoChange } from '../services/merge';
import { forgetContact } from '../services/forget';
import { markNudge } from '../services/nudges';
import { saveStages } from '../services/stages';
import { moveDeals } from '../services/bulk-stage';
import { updateContact } from '../services/contact-edit';
import { loadSettings } from '../services/settings';
import { frameTokenKey } from './storage-keys';
import { acceptSuggestion, dismissSuggestion } from '../services/triggers';
import type { Steps } from './background-steps';
import type { SyncRunner } from './sync-runner';

export interface RouteDeps {
  db: SidecarDb;
  locale: () => string;
  steps: Steps;
  chipCache: ChipCache;
  changed: () => void;
  nudges: { full: () => Promise<void>; refreshBadge: () => Promise<void> };
  sync: SyncRunner;
}

/**
 * Which step answers which message: one service call or one step each, and the
 * reply shaped for the page. The business steps themselves are in
 * background-steps.ts; the wiring (engines, listeners) in background-service.ts.
 */
export function backgroundRoutes({ db, locale, steps, chipCache, changed, nudges, sync }: RouteDeps): {
  cs: Handlers<typeof CS_TO_BG>;
  ui: Handlers<typeof UI_TO_BG>;
} {
  const env = () => ({ now: Date.now(), locale: locale() });
  /** A write that changes chips and pages when it went through. */
  const ifOk = <R extends { ok: boolean }>(r: R): R => {
    if (r.ok) changed();
    return r;
  };
  return {
    cs: {
      // The router admits cs/… only from a tab, so tabId is set.
      'cs/context': (message, tabId, sender) => steps.pageSeen(message, tabId!, !!sender.tab?.active),
      'cs/chips': async ({ emails }) => {
        // Chips off: the page is told nothing (and drops the chips it has).
        if (!(await loadSettings(db, locale())).inboxChips) return {};
        return chipCache.get(emails, (missing) => stageChipsFor(db, missing, { locale: locale(), language: (s) => resolveLanguage(s, navigator.languages ?? []) }));
      },
      // A fresh secret for the sidebar frame this content script placed (lib/platform/frame-token.ts).
      'cs/frame-token': async (_m, tabId) => {
        const token = crypto.randomUUID();
        await browser.storage.session.set({ [frameTokenKey(tabId!)]: token });
        return token;
      },
      'cs/compose-sent': (message) => steps.composeSent(message),
      'cs/linkedin-sent': (message) => steps.linkedInSent(message),
    },
    ui: {
      'ui/create-person': (message, tabId) => steps.createPerson(message, tabId),
      'ui/move-stage': async ({ dealId, toStageId, reason }) => {
        const r = await moveDealStage(db, dealId, { ...env(), toStageId, reason });
        if (!r.ok) return r;
        await steps.dealMoved(dealId);
        return { ok: true as const };
      },
      'ui/close-deal': async ({ dealId, outcome, reason }) => {
        const r = await closeDeal(db, dealId, outcome, reason ?? null, Date.now());
        if (r.ok) await steps.dealMoved(dealId);
        return r;
      },
      'ui/accept-suggestion': async ({ id, lostReason }) => {
        const s = await db.suggestions.get(id);
        const r = await acceptSuggestion(db, id, { ...env(), lostReason });
        if (!r.ok) return r;
        if (s) await steps.dealMoved(s.dealId);
        return { ok: true as const };
      },
      'ui/reopen-deal': async ({ dealId }) => ifOk({ ok: await reopenDeal(db, dealId, Date.now()) }),
      'ui/update-bant': async ({ dealId, patch }) => {
        const r = await updateBant(db, dealId, patch, Date.now());
        return r.ok ? { ok: true as const } : r;
      },
      'ui/update-deal': async ({ dealId, patch }) => ({ ok: await updateDeal(db, dealId, patch, Date.now()) }),
      'ui/update-company': async ({ companyId, patch }) => ({ ok: await updateCompany(db, companyId, patch, Date.now()) }),
      'ui/dismiss-suggestion': async ({ id }) => {
        await dismissSuggestion(db, id, Date.now());
        return null;
      },
      'ui/load-sample': () => steps.loadSample(),
      'ui/remove-sample': () => steps.removeSample(),
      'ui/merge-contacts': async ({ keepId, mergeId }) => ifOk(await mergeContacts(db, keepId, mergeId, env())),
      'ui/delete-contact': async ({ contactId }) => ifOk(await deleteContact(db, contactId, Date.now())),
      'ui/delete-deal': async ({ dealId }) => ifOk(await deleteDeal(db, dealId, Date.now())),
      'ui/delete-company': async ({ companyId }) => ifOk(await deleteCompany(db, companyId, Date.now())),
      'ui/forget-contact': async ({ contactId }) => {
        const r = await forgetContact(db, contactId, Date.now());
        if (!r.ok) return r;
        // Nothing cached may still answer for them: chips by address, the badge's count of their nudges.
        chipCache.clear();
        changed();
        await nudges.refreshBadge();
        return r;
      },
      'ui/update-contact': async ({ contactId, patch }) => {
        const r = await updateContact(db, contactId, patch, Date.now());
        if (!r.ok) return r;
        changed();
        return { ok: true as const };
      },
      'ui/move-deals': async ({ dealIds, to, reason }) => {
        const r = await moveDeals(db, dealIds, to, { ...env(), reason: reason ?? null });
        if (r.moved.length) changed();
        return r;
      },
      'ui/undo': async ({ undoId }) => ifOk({ ok: await undoChange(db, undoId, env()) }),
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
        const r = await saveStages(db, stages, moves, env());
        if (r.ok) {
          // Stage order decides "past qualification" and the stuck limits: every deal may differ.
          void nudges.full();
          changed();
        }
        return r;
      },
      'ui/log-activity': async ({ contactId, kind, text }) => ({ activityId: (await logManualActivity(db, { contactId, kind, text }, Date.now())).id }),
      'ui/delete-activity': async ({ id }) => {
        await deleteActivity(db, id, Date.now());
        return null;
      },
      'ui/link-profile': async ({ contactId, facts }) => ifOk(await linkProfile(db, contactId, facts, Date.now())),
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
        await markNudge(db, id, { done: true }, env());
        await nudges.refreshBadge();
        return null;
      },
      'ui/nudge-snooze': async ({ id, until }) => {
        const at = await markNudge(db, id, { snooze: until }, env());
        await nudges.refreshBadge();
        return { until: at };
      },
      'ui/nudge-dismiss-deal': async ({ dealId }) => {
        await markNudge(db, dealId, { dismissDeal: dealId }, env());
        await nudges.refreshBadge();
        return null;
      },
      'ui/open-contact': (message) => steps.openContact(message),
      'ui/update-settings': (message) => steps.saveSettings(message),
    },
  };
}
