// @vitest-environment happy-dom
import { linkedinFixture as loadFixture } from '../../../test/fixtures/linkedin/load';
import { readConversation } from './read-messaging';
import { readPartnerMessages } from './read-messages';

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
});
