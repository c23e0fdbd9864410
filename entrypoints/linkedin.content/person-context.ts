import type { PageContext } from '@/lib/messaging/protocol';
import { messageEvents, readPartnerMessages } from '@/lib/sites/linkedin/read-messages';
import { conversationRoot, readConversation } from '@/lib/sites/linkedin/read-messaging';
import { readProfile } from '@/lib/sites/linkedin/read-profile';
import { isProfileUrl } from '@/lib/sites/linkedin/urls';

/** Reads who is on screen each frame (profile, messaging partner) and reports it when it changed. */
export function createPersonContext(report: (context: PageContext, hasPerson: boolean, bodies: Record<string, string>) => void) {
  let last = '';
  const onFrame = () => {
    const url = location.href;
    const profile = isProfileUrl(url) ? readProfile(document, url) : null;
    const conversation = readConversation(document, url);
    // A new message in the open conversation is news too (its text may be a trigger).
    const root = conversation ? conversationRoot(document, url) : null;
    const messages = root ? messageEvents(root).length : 0;
    const key = JSON.stringify([url, profile, conversation, messages]);
    if (key === last) return;
    last = key;
    // The partner's messages are read only when something changed, for trigger scanning in the background.
    const bodies = conversation ? readPartnerMessages(document, url, conversation) : {};
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
