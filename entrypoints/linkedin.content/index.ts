import { listenToBackground } from '@/lib/platform/listen-to-background';
import { sendToBackground } from '@/lib/platform/messaging';
import { mountSidebarFrame } from '@/lib/platform/sidebar-frame';
import { observeInFrames } from '@/lib/sites/frame-batch';
import { watchMessageSends } from './message-sends';
import { createPersonContext } from './person-context';

// LinkedIn: read only the page the rep is looking at. No LinkedIn API calls,
// no clicks or typing for the rep, no crawling (docs/sites.md).
export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_end',
  main(ctx) {
    const frame = mountSidebarFrame(ctx);
    const person = createPersonContext((context, hasPerson, bodies) => {
      frame.setActive(hasPerson);
      void sendToBackground({ type: 'cs/context', context, bodies }).catch(() => {});
    });
    watchMessageSends(ctx.signal);
    const requestFrame = observeInFrames(document.body, person.onFrame, ctx.signal);
    listenToBackground(
      {
        'bg/resend': () => {
          person.forget();
          requestFrame();
        },
      },
      ctx.signal,
    );
  },
});
