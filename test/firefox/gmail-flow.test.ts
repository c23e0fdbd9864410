import { expect, it } from 'vitest';
import { INBOX_URL, THREAD_URL } from '../gmail-urls';
import { addonTab, clickTestId, expectCount, expectTestId, expectTexts, gmailFixture, gmailTab, launchFirefox, sidebarFrame, step } from './firefox';

// The core Gmail flow of the Chromium tests (test/e2e/gmail-sidebar.spec.ts,
// gmail-inbox.spec.ts), through the same data-testids, in real Firefox ESR with
// the built MV2 add-on: the sidebar is the add-on's page in an iframe inside
// Gmail's page, driven in that frame.
it('Firefox runs the core Gmail flow: recognise, create, advance, the inbox chip, the dashboard, a strict page CSP', async () => {
  const firefox = await step('launch Firefox ESR and install the add-on', launchFirefox, 90_000);
  try {
    const thread = await gmailTab(firefox.browser, gmailFixture('thread-en.html'));
    const sb = await step('open a thread: the sidebar recognises an unknown sender', async () => {
      await thread.goto(THREAD_URL);
      const frame = await sidebarFrame(thread);
      await expectTestId(frame, 'sidecar-contact-name', 'Dana Prospect');
      await expectTestId(frame, 'sidecar-contact-email', 'dana@bigcorp.io');
      await expectCount(frame, '[data-testid=sidecar-create-contact]', 1);
      // The sidebar is the add-on's own origin: Gmail's page cannot reach into it.
      const seen = await thread.evaluate(() => {
        const iframe = document.querySelector<HTMLIFrameElement>('iframe[data-sidecar-sidebar]');
        return { src: iframe?.src ?? '', readable: iframe?.contentDocument != null };
      });
      expect(seen.src).toMatch(/^moz-extension:\/\/[^/]+\/sidebar\.html/);
      expect(seen.readable).toBe(false);
      return frame;
    });

    await step('create the contact: contact, company and a deal at the first stage', async () => {
      await clickTestId(sb, 'sidecar-create-contact');
      await expectTestId(sb, 'sidecar-stage', 'Contact');
      await expectTestId(sb, 'sidecar-contact-company', 'Bigcorp');
      // The thread's two messages from Dana and the rep's reply are logged once.
      await expectCount(sb, '[data-testid=sidecar-activity][data-kind=email_in]', 2);
      await expectCount(sb, '[data-testid=sidecar-activity][data-kind=email_out]', 1);
    });

    await step('advance the stage: the sidebar shows it', async () => {
      await expectTestId(sb, 'sidecar-advance-stage', 'Move to Qualification');
      await clickTestId(sb, 'sidecar-advance-stage');
      await expectTestId(sb, 'sidecar-stage', 'Qualification');
      await expectCount(sb, '[data-testid=sidecar-activity][data-kind=stage_change]', 1);
    });

    await step("open the inbox: the contact's rows carry the stage chip", async () => {
      const inbox = await gmailTab(firefox.browser, gmailFixture('inbox-modern.html'));
      await inbox.goto(INBOX_URL);
      const list = inbox.mainFrame();
      // Dana's two threads and nobody else's.
      await expectTexts(list, '[data-sidecar-chip]', ['Qualification', 'Qualification']);
      const rows = await list.$$eval('tr.zA:has([data-sidecar-chip])', (trs) => trs.map((tr) => tr.querySelector('[email]')?.getAttribute('email')));
      expect(rows).toEqual(['dana@bigcorp.io', 'dana@bigcorp.io']);
      // A stage move in the thread's sidebar shows in the list at once.
      await clickTestId(sb, 'sidecar-advance-stage');
      await expectTexts(list, '[data-sidecar-chip]', ['Meeting', 'Meeting']);
    });

    await step("the sidebar's header opens the dashboard in a tab of its own", async () => {
      await clickTestId(sb, 'sidecar-open-dashboard');
      const dashboard = (await addonTab(firefox.browser, 'dashboard.html')).mainFrame();
      await expectCount(dashboard, '[data-testid=sidecar-board-column]', 6);
    });

    await step('a strict page CSP does not stop the sidebar', async () => {
      const csp = "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'; frame-src 'none'; child-src 'none'";
      const strict = await gmailTab(firefox.browser, gmailFixture('thread-en.html'), { 'content-security-policy': csp });
      await strict.goto(THREAD_URL);
      const frame = await sidebarFrame(strict);
      await expectTestId(frame, 'sidecar-contact-name', 'Dana Prospect');
      await expectTestId(frame, 'sidecar-stage', 'Meeting');
      const width = await strict.$eval('iframe[data-sidecar-sidebar]', (el) => el.getBoundingClientRect().width);
      expect(width).toBeGreaterThan(300);
      // The policy is in force: a style attribute the page sets is refused (the sidebar styles itself through the CSSOM).
      const styled = await strict.evaluate(() => {
        const probe = document.createElement('div');
        probe.setAttribute('style', 'width: 123px');
        document.body.append(probe);
        return probe.getBoundingClientRect().width === 123;
      });
      expect(styled).toBe(false);
    });

    // Nothing of the add-on's own threw along the way (its pages, content script or background).
    expect(firefox.addonErrors.filter((l) => l.startsWith('JavaScript error'))).toEqual([]);
  } catch (e) {
    // What the add-on itself threw is usually the reason a step saw nothing.
    if (e instanceof Error && firefox.addonErrors.length) e.message += `\nThe add-on's script errors in Firefox:\n${firefox.addonErrors.join('\n')}`;
    throw e;
  } finally {
    await firefox.close();
  }
}, 180_000);
