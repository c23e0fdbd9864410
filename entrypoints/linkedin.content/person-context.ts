import type { PageContext } from '@/lib/messaging/protocol';
import { readConversation } from '@/lib/sites/linkedin/read-messaging';
import { readProfile } from '@/lib/sites/linkedin/read-profile';
import { isProfileUrl } from '@/lib/sites/linkedin/urls';

/** Reads who is on screen each frame (profile, messaging partner) and reports it when it changed. */
export function createPersonContext(report: (context: PageContext, hasPerson: boolean) => void) {
  let last = '';
  return function onFrame() {
    const url = location.href;
    const profile = isProfileUrl(url) ? readProfile(document, url) : null;
    const conversation = readConversation(document, url);
    const key = JSON.stringify([url, profile, conversation]);
    if (key === last) return;
    last = key;
    report({ site: 'linkedin', url, profile, conversation }, profile !== null || conversation !== null);
  };
}
