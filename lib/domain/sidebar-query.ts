import type { LiveQuery } from '../messaging/live';
import type { PageContext } from '../messaging/protocol';
import { threadPeople, type MailPerson } from './thread';

/** A people query carries at most 500 addresses (its schema's cap). */
export const MAX_THREAD_PEOPLE = 500;

/** The thread's people as the sidebar shows them: the rep (their addresses, this page's account) left out, the primary person first. */
export function sidebarThreadPeople(messages: Parameters<typeof threadPeople>[0], myAddresses: readonly string[], account: string | null): MailPerson[] {
  return threadPeople(messages, new Set([...myAddresses, ...(account ? [account] : [])]));
}

/**
 * The live query whose answer the sidebar draws first for a page: the thread's people (with their contacts' views)
 * on Gmail, the profile's match on LinkedIn; null when the page shows nobody. The sidebar's panels ask exactly this
 * query, and the background sends its answer ahead with the page context, so the person is drawn with the page.
 */
export function sidebarQuery(context: PageContext | null, myAddresses: readonly string[]): LiveQuery | null {
  if (context?.site === 'gmail' && context.thread) {
    const people = sidebarThreadPeople(context.thread.messages, myAddresses, context.account);
    if (people.length === 0) return null;
    return { name: 'people', emails: people.slice(0, MAX_THREAD_PEOPLE).map((p) => p.email) };
  }
  if (context?.site === 'linkedin' && (context.profile || context.conversation)) {
    const facts = context.profile ?? { profileUrl: context.conversation!.profileUrl, name: context.conversation!.name };
    return { name: 'profile', facts };
  }
  return null;
}
