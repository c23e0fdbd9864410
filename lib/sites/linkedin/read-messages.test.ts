// @vitest-environment happy-dom
import { linkedinFixture as loadFixture } from '../../../test/fixtures/linkedin/load';
import { readConversation } from './read-messaging';
import { MAX_PARTNER_MESSAGES, readPartnerMessages } from './read-messages';
import { CStoBG } from '../../messaging/protocol';

describe('readPartnerMessages', () => {
  it('returns only the partner’s messages, with stable ids', () => {
    const url = 'https://www.linkedin.com/messaging/thread/2-abc/';
    const doc = loadFixture('messaging-thread.html');
    const partner = readConversation(doc, url)!;
    const first = readPartnerMessages(doc, url, partner);
    expect(Object.values(first)).toEqual(['Sure, Tuesday works. Please send the deck first.']);
    expect(Object.keys(first)[0]).toMatch(/^li:[0-9a-z]+$/);
    expect(readPartnerMessages(doc, url, partner)).toEqual(first);
  });

  it('reads the open bubble on other pages and never throws', () => {
    const url = 'https://www.linkedin.com/in/rizky-pratama/';
    const doc = loadFixture('messaging-overlay.html');
    const partner = readConversation(doc, url)!;
    expect(partner.name).toBe('Budi Santoso');
    expect(() => readPartnerMessages(doc, url, partner)).not.toThrow();
    expect(readPartnerMessages(new DOMParser().parseFromString('<p>', 'text/html'), url, partner)).toEqual({});
  });

  it('a conversation longer than one report carries gives its latest 200 messages, and the report passes the protocol', () => {
    const url = 'https://www.linkedin.com/messaging/thread/2-abc/';
    const doc = loadFixture('messaging-thread.html');
    const partner = readConversation(doc, url)!;
    const walker = doc.createTreeWalker(doc.body, 4);
    let node: Node | null;
    while ((node = walker.nextNode()) && !node.textContent!.includes('Sure, Tuesday works'));
    let event = node!.parentElement!;
    while (event.parentElement && !event.parentElement.matches('ul')) event = event.parentElement;
    for (let i = 0; i < 250; i++) {
      const copy = event.cloneNode(true) as Element;
      const w = doc.createTreeWalker(copy, 4);
      let t: Node | null;
      while ((t = w.nextNode())) if (t.textContent!.includes('Sure, Tuesday works')) t.textContent = `Message number ${i}`;
      event.parentElement!.append(copy);
    }
    const bodies = readPartnerMessages(doc, url, partner);
    const texts = Object.values(bodies);
    expect(texts).toHaveLength(MAX_PARTNER_MESSAGES);
    expect(texts.at(-1)).toBe('Message number 249');
    expect(texts).not.toContain('Message number 0');
    const report = { type: 'cs/context', context: { site: 'linkedin', url, profile: null, conversation: partner }, bodies };
    expect(CStoBG.safeParse(report).success).toBe(true);
  });
});
