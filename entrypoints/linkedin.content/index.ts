import { startFeatures } from '@/lib/platform/content-features';
import { listenToBackground } from '@/lib/platform/listen-to-background';
import { sendToBackground } from '@/lib/platform/messaging';
import { mountSidebarFrame, type SidebarFrame } from '@/lib/platform/sidebar-frame';
import { observeInFrames } from '@/lib/sites/frame-batch';
import { watchMessageSends } from './message-sends';
import { createPersonContext } from './person-context';

// LinkedIn: read only the page the rep is looking at. No LinkedIn API calls,
// no clicks or typing for the rep, no crawling (docs/sites.md).
export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_end',
  main(ctx) {
    let frame: SidebarFrame | null = null;
    let requestFrame = () => {};
    // Each feature behind its own guard (lib/platform/content-features.ts).
    const features = startFeatures(
      [
        {
          name: 'sidebar',
          start: () => {
            frame = mountSidebarFrame(ctx);
            return { messages: { 'bg/focus-sidebar': () => frame?.focus() } };
          },
        },
        {
          // The profile or the messaging partner on screen (one reading: the sidebar shows one person).
          name: 'person',
          start: () => {
            const person = createPersonContext((context, hasPerson, bodies) => {
              frame?.setActive(hasPerson);
              // The bench splits a switch at this mark (BENCHMARKS.md); one kept, so a long session piles up none.
              performance.clearMarks('sidecar:context');
              performance.mark('sidecar:context');
              void sendToBackground({ type: 'cs/context', context, bodies }).catch(() => {});
            });
            return {
              onFrame: person.onFrame,
              messages: {
                'bg/resend': () => {
                  person.forget();
                  requestFrame();
                },
              },
            };
          },
        },
        { name: 'message sends', start: (signal) => watchMessageSends(signal) },
      ],
      ctx.signal,
    );
    requestFrame = observeInFrames(document.body, features.onFrame, ctx.signal);
    listenToBackground(features.messages, ctx.signal);
  },
});
