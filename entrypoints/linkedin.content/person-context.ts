import type { PageContext } from '@/lib/messaging/protocol';
import { messageEvents, readPartnerMessages } from '@/lib/sites/linkedin/read-messages';
import { conversationRoot, readConversation } from '@/lib/sites/linkedin/read-messaging';
import { readProfile } from '@/lib/sites/linkedin/read-profile';
import { isProfileUrl } from '@/lib/sites/linkedin/urls';

function guarded<T>(reader: string, read: () => T, fallback: T): T {
  try {
    return read();
  } catch (e) {
    console.debug('[sidecar]', reader, e);
    return fallback;
  }
}

/** Reads who is on screen each frame (profile, messaging partner) and reports it when it changed. */
export function createPersonContext(report: (context: PageContext, hasPerson: boolean, bodies: Record<string, string>) => void) {
  let last = '';
  const onFrame = () => {
    const url = location.href;
    // The profile and the messaging readers are apart: one tripping on new markup leaves the other's person.
    const profile = guarded('profile', () => (isProfileUrl(url) ? readProfile(document, url) : null), null);
    const conversation = guarded('messaging', () => readConversation(document, url), null);
    // A new message in the open conversation is news too (its text may be a trigger).
    const messages = conversation
      ? guarded('messaging', () => {
          const root = conversationRoot(document, url);
          return root ? messageEvents(root).length : 0;
        }, 0)
      : 0;
    const key = JSON.stringify([url, profile, conversation, messages]);
    if (key === last) return;
    last = key;
    // The partner's messages are read only when something changed, for trigger scanning in the background.
    const bodies = conversation ? guarded('messaging', () => readPartnerMessages(document, url, conversation), {}) : {};
    report({ site: 'linkedin', url, profile, conversation }, profile !== null || conversation !== null, bodies);
  };
  return {
    onFrame,
    /** The background asked: report again on the next frame even if nothing changed. */
    forget: () => {
      last = '';
    },
  };
}
