import { startFeatures } from '@/lib/platform/content-features';
import { listenToBackground } from '@/lib/platform/listen-to-background';
import { sendToBackground } from '@/lib/platform/messaging';
import { mountSidebarFrame, type SidebarFrame } from '@/lib/platform/sidebar-frame';
import { observeInFrames } from '@/lib/sites/frame-batch';
import { readAccount } from '@/lib/sites/gmail/read-account';
import { watchComposeSends } from './compose-sends';
import { createInboxChips } from './inbox-chips';
import { createThreadContext } from './thread-context';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_end',
  main(ctx) {
    let frame: SidebarFrame | null = null;
    let account: string | null = null;
    const getAccount = () => account;
    let requestFrame = () => {};

    // Each feature behind its own guard (lib/platform/content-features.ts): one that throws on
    // markup it has never seen leaves the others working in this frame and the next.
    const features = startFeatures(
      [
        {
          name: 'sidebar',
          start: () => {
            frame = mountSidebarFrame(ctx);
            return { messages: { 'bg/focus-sidebar': () => frame?.focus() } };
          },
        },
        // First, so the features after it see this frame's account.
        { name: 'account', start: () => ({ onFrame: () => void (account = readAccount(document)) }) },
        {
          name: 'thread',
          start: () => {
            const thread = createThreadContext((context, hasPerson, bodies) => {
              frame?.setActive(hasPerson);
              // The bench splits a switch at this mark (BENCHMARKS.md); one kept, so a long session piles up none.
              performance.clearMarks('sidecar:context');
              performance.mark('sidecar:context');
              void sendToBackground({ type: 'cs/context', context, bodies }).catch(() => {});
            });
            return {
              onFrame: () => thread.onFrame(account),
              messages: {
                'bg/resend': () => {
                  thread.forget();
                  requestFrame();
                },
              },
            };
          },
        },
        {
          name: 'inbox chips',
          start: () => {
            const chips = createInboxChips(getAccount, () => requestFrame());
            return { onFrame: chips.onFrame, messages: { 'bg/chips-stale': () => chips.invalidate() } };
          },
        },
        { name: 'compose sends', start: (signal) => ({ onFrame: watchComposeSends(getAccount, signal).onFrame }) },
      ],
      ctx.signal,
    );
    requestFrame = observeInFrames(document.body, features.onFrame, ctx.signal);
    listenToBackground(features.messages, ctx.signal);
  },
});
