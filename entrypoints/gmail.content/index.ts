import { listenToBackground } from '@/lib/platform/listen-to-background';
import { sendToBackground } from '@/lib/platform/messaging';
import { mountSidebarFrame } from '@/lib/platform/sidebar-frame';
import { observeInFrames } from '@/lib/sites/frame-batch';
import { readAccount } from '@/lib/sites/gmail/read-account';
import { watchComposeSends } from './compose-sends';
import { createInboxChips } from './inbox-chips';
import { createThreadContext } from './thread-context';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_end',
  main(ctx) {
    const frame = mountSidebarFrame(ctx);
    let account: string | null = null;
    const getAccount = () => account;
    let requestFrame = () => {};

    const thread = createThreadContext((context, hasPerson, bodies) => {
      frame.setActive(hasPerson);
      void sendToBackground({ type: 'cs/context', context, bodies }).catch(() => {});
    });
    const chips = createInboxChips(getAccount, () => requestFrame());
    const compose = watchComposeSends(getAccount, ctx.signal);

    requestFrame = observeInFrames(
      document.body,
      () => {
        account = readAccount(document);
        thread.onFrame(account);
        chips.onFrame();
        compose.onFrame();
      },
      ctx.signal,
    );

    listenToBackground(
      {
        'bg/chips-stale': () => chips.invalidate(),
        'bg/resend': () => {
          thread.forget();
          requestFrame();
        },
      },
      ctx.signal,
    );
  },
});
