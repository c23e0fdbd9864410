import type { PageContext } from '@/lib/messaging/protocol';
import { messageEvents, readPartnerMessages } from '@/lib/sites/linkedin/read-messages';
import { conversationRoot, readConversation } from '@/lib/sites/linkedin/read-messaging';
import { readProfile } from '@/lib/sites/linkedin/read-profile';
import { readContactInfo } from '@/lib/sites/linkedin/read-contact-info';
import { isProfilePageUrl, profileUrlFromLink } from '@/lib/sites/linkedin/urls';
import type { LinkedInProfile } from '@/lib/sites/linkedin/types';

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
  // The person last read from a profile's main page: a subpage (/details/experience/) shows no top card, and the
  // sidebar stays on the same person there.
  let seen: LinkedInProfile | null = null;
  const onFrame = () => {
    const url = location.href;
    // The profile and the messaging readers are apart: one tripping on new markup leaves the other's person.
    // Every page of a profile keeps its person: the contact-info overlay, details and activity subpages.
    const onProfile = isProfilePageUrl(url);
    const read = guarded('profile', () => (onProfile ? readProfile(document, url) : null), null);
    if (read) seen = read;
    const profile = read ?? (onProfile && seen?.profileUrl === profileUrlFromLink(url) ? seen : null);
    const contactInfo = profile ? guarded('contact info', () => readContactInfo(document, url), null) : null;
    const conversation = guarded('messaging', () => readConversation(document, url), null);
    // A new message in the open conversation is news too (its text may be a trigger).
    const messages = conversation
      ? guarded('messaging', () => {
          const root = conversationRoot(document, url);
          return root ? messageEvents(root).length : 0;
        }, 0)
      : 0;
    const key = JSON.stringify([url, profile, contactInfo, conversation, messages]);
    if (key === last) return;
    last = key;
    // The partner's messages are read only when something changed, for trigger scanning in the background.
    const bodies = conversation ? guarded('messaging', () => readPartnerMessages(document, url, conversation), {}) : {};
    report({ site: 'linkedin', url: url.slice(0, 4000), profile, conversation, contactInfo }, profile !== null || conversation !== null, bodies);
  };
  return {
    onFrame,
    /** The background asked: report again on the next frame even if nothing changed. */
    forget: () => {
      last = '';
    },
  };
}
