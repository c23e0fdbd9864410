// @vitest-environment happy-dom
import { readContactInfo } from './read-contact-info';
import { readProfile } from './read-profile';
import { linkedinFixture } from '../../../test/fixtures/linkedin/load';

const DANA = 'https://www.linkedin.com/in/dana-prospect/overlay/contact-info/';
const BUDI = 'https://id.linkedin.com/in/budi-santoso-7a1b2c/overlay/contact-info/';

describe('readContactInfo', () => {
  it('reads the 2026 class-free overlay: the address lower-cased, the number shown as text, websites unwrapped from LinkedIn’s redirect', () => {
    expect(readContactInfo(linkedinFixture('profile-2026-en-contact-info.html'), DANA)).toEqual({
      emails: ['dana@bigcorp.io'],
      phones: ['+62 812-3456-7890'],
      websites: ['https://bigcorp.io/', 'https://dana.example.com/blog'],
    });
  });

  it('reads the 2024 overlay in the Indonesian UI by link kind (tel:, mailto:), whatever the headings say', () => {
    expect(readContactInfo(linkedinFixture('profile-2026-id-contact-info.html'), BUDI)).toEqual({
      emails: ['budi@tokomaju.co.id'],
      phones: ['0811-2233-4455'],
      websites: [],
    });
  });

  it('reads nothing unless the contact-info overlay is the page, and nothing from other dialogs’ dates', () => {
    const doc = linkedinFixture('profile-2026-en-contact-info.html');
    expect(readContactInfo(doc, 'https://www.linkedin.com/in/dana-prospect/')).toBeNull();
    expect(readContactInfo(linkedinFixture('profile-2026-en.html'), DANA)).toBeNull();
    // Birthday and "Connected" dates are not phone numbers.
    expect(readContactInfo(doc, DANA)?.phones).toEqual(['+62 812-3456-7890']);
  });

  it('refuses hostile links: javascript:, data:, credentials in a URL, a non-address mailto', () => {
    const doc = linkedinFixture('profile-2026-en-contact-info.html');
    const list = doc.querySelector('[role=dialog] ul')!;
    for (const href of ['javascript:alert(1)', 'data:text/html,hi', 'https://user:pw@evil.example/', 'mailto:not an address', 'https://www.linkedin.com/in/someone-else/']) {
      const li = doc.createElement('li');
      const a = doc.createElement('a');
      a.setAttribute('href', href);
      a.textContent = 'x';
      li.append(a);
      list.append(li);
    }
    expect(readContactInfo(doc, DANA)).toEqual({
      emails: ['dana@bigcorp.io'],
      phones: ['+62 812-3456-7890'],
      websites: ['https://bigcorp.io/', 'https://dana.example.com/blog'],
    });
  });

  it('keeps at most five of each', () => {
    const doc = linkedinFixture('profile-2026-en-contact-info.html');
    const section = doc.querySelector('[role=dialog] section')!;
    for (let i = 0; i < 20; i++) {
      const a = doc.createElement('a');
      a.setAttribute('href', `mailto:p${i}@example.com`);
      section.append(a);
    }
    expect(readContactInfo(doc, DANA)?.emails).toHaveLength(5);
  });

  it('the profile under the overlay is still read, as the same person', () => {
    expect(readProfile(linkedinFixture('profile-2026-en-contact-info.html'), DANA)).toMatchObject({
      profileUrl: 'https://www.linkedin.com/in/dana-prospect/',
      name: 'Dana Prospect',
    });
    expect(readProfile(linkedinFixture('profile-2026-en.html'), 'https://www.linkedin.com/in/dana-prospect/details/experience/')?.profileUrl).toBe(
      'https://www.linkedin.com/in/dana-prospect/',
    );
  });
});
