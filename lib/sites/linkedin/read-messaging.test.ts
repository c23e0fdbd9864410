// @vitest-environment happy-dom
import { findMessageComposers, isMessageSendControl, readConversation } from './read-messaging';
import { linkedinFixture, realFixture, REAL_2024, REAL_2026 } from '../../../test/fixtures/linkedin/load';

const THREAD_URL = 'https://www.linkedin.com/messaging/thread/2-ZGFuYS1wcm9zcGVjdA==/';
const PROFILE_URL = 'https://www.linkedin.com/in/rizky-pratama/';

describe('readConversation', () => {
  it('reads the partner of a thread page, not the conversation list or message senders', () => {
    expect(readConversation(linkedinFixture('messaging-thread.html'), THREAD_URL)).toEqual({
      name: 'Dana Prospect',
      profileUrl: 'https://www.linkedin.com/in/dana-prospect/',
    });
  });

  it('reads the open overlay bubble, not the minimised one or the list bubble', () => {
    expect(readConversation(linkedinFixture('messaging-overlay.html'), PROFILE_URL)).toEqual({
      name: 'Budi Santoso',
      profileUrl: 'https://www.linkedin.com/in/budi-santoso-7a1b2c/',
    });
  });

  it('prefers the open bubble that holds the focus', () => {
    const doc = linkedinFixture('messaging-overlay.html');
    const minimised = doc.querySelector('.msg-overlay-conversation-bubble--is-minimized')!;
    minimised.classList.remove('msg-overlay-conversation-bubble--is-minimized');
    expect(readConversation(doc, PROFILE_URL)?.name).toBe('Agus Wijaya');
    (doc.querySelectorAll<HTMLElement>('.msg-form__contenteditable')[1]!).focus();
    expect(readConversation(doc, PROFILE_URL)?.name).toBe('Budi Santoso');
  });

  it('gives a name without a URL when the thread does not link the partner (group thread)', () => {
    const doc = linkedinFixture('messaging-thread.html');
    const link = doc.querySelector('a.msg-thread__link-to-profile')!;
    link.replaceWith(...Array.from(link.childNodes));
    doc.querySelector('.msg-thread .msg-entity-lockup__entity-title')!.textContent = 'Dana Prospect, Budi Santoso';
    expect(readConversation(doc, THREAD_URL)).toEqual({ name: 'Dana Prospect, Budi Santoso', profileUrl: null });
  });

  it.each([
    ['the overlay page read as a thread page', () => linkedinFixture('messaging-overlay.html'), THREAD_URL],
    ['the thread page read as an overlay page', () => linkedinFixture('messaging-thread.html'), PROFILE_URL],
    ['a profile page without messaging', () => linkedinFixture('profile-2026-en.html'), 'https://www.linkedin.com/in/dana-prospect/'],
    ['the real 2024 capture (overlay closed)', () => realFixture(REAL_2024), 'https://www.linkedin.com/in/eduardo-alvarez-nowak/'],
    ['the 2026 liex capture', () => realFixture(REAL_2026), 'https://www.linkedin.com/in/janesmith/'],
    ['no document', () => null as unknown as Document, THREAD_URL],
  ])('is null on %s', (_label, load, url) => {
    expect(readConversation(load(), url)).toBeNull();
  });
});

describe('findMessageComposers and isMessageSendControl', () => {
  it('finds the thread composer and recognises its send button, also a click on its label', () => {
    const doc = linkedinFixture('messaging-thread.html');
    const forms = findMessageComposers(doc);
    expect(forms).toHaveLength(1);
    const form = forms[0]!;
    const send = form.querySelector('.msg-form__send-button')!;
    expect(isMessageSendControl(send, form)).toBe(true);
    expect(isMessageSendControl(send.querySelector('span')!, form)).toBe(true);
    expect(isMessageSendControl(form.querySelector('.msg-form__attachment-button span')!, form)).toBe(false);
    expect(isMessageSendControl(form.querySelector('.msg-form__send-toggle')!, form)).toBe(false);
    expect(isMessageSendControl(form.querySelector('[contenteditable]')!, form)).toBe(false);
  });

  it('finds only the open bubble composer, and a send button belongs to its own form', () => {
    const doc = linkedinFixture('messaging-overlay.html');
    const forms = findMessageComposers(doc);
    expect(forms).toHaveLength(1);
    const open = forms[0]!;
    expect(open.closest('.msg-overlay-conversation-bubble')?.textContent).toContain('Budi');
    const minimisedSend = doc.querySelector('.msg-overlay-conversation-bubble--is-minimized .msg-form__send-button')!;
    expect(isMessageSendControl(minimisedSend, open)).toBe(false);
    expect(isMessageSendControl(open.querySelector('button[type="submit"]')!, open)).toBe(true);
  });

  it('finds the composers as forms with a text box and a submit button when .msg-form is renamed', () => {
    for (const name of ['messaging-thread.html', 'messaging-overlay.html']) {
      const doc = linkedinFixture(name);
      const before = findMessageComposers(doc);
      expect(before).toHaveLength(1);
      doc.querySelectorAll('.msg-form').forEach((el) => el.classList.replace('msg-form', 'Ht-77aa'));
      expect(findMessageComposers(doc)).toEqual(before);
    }
  });

  it('finds nothing on pages without messaging', () => {
    expect(findMessageComposers(linkedinFixture('profile-2026-id.html'))).toEqual([]);
    expect(findMessageComposers(null as unknown as Document)).toEqual([]);
  });
});
