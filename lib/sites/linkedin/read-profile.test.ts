// @vitest-environment happy-dom
import { readProfile } from './read-profile';
import { linkedinFixture, realFixture, REAL_2024, REAL_2026 } from '../../../test/fixtures/linkedin/load';

describe('readProfile on the real 2024 capture (scoutr)', () => {
  const url = 'https://www.linkedin.com/in/eduardo-alvarez-nowak/';

  it('reads every field', () => {
    expect(readProfile(realFixture(REAL_2024), url)).toEqual({
      profileUrl: 'https://www.linkedin.com/in/eduardo-alvarez-nowak/',
      name: 'Eduardo Alvarez Nowak',
      headline: 'Tech Education Lead, Tech Expert & Frontend Dev at Novare Potential',
      company: 'Novare Potential',
      location: 'Greater Stockholm Metropolitan Area',
      photoUrl: expect.stringMatching(
        /^https:\/\/media\.licdn\.com\/dms\/image\/C4E03AQHwKgpnjrXkZA\/profile-displayphoto-shrink_400_400\//,
      ),
    });
  });

  it('reads the company in the Indonesian UI and without any label', () => {
    const doc = realFixture(REAL_2024);
    const button = doc.querySelector('button[aria-label^="Current company: "]')!;
    button.setAttribute('aria-label', 'Perusahaan saat ini: Novare Potential. Klik untuk beralih ke kartu pengalaman');
    expect(readProfile(doc, url)?.company).toBe('Novare Potential');
    button.setAttribute('aria-label', 'Nuvarande företag: Novare Potential. Klicka för att gå till erfarenhet');
    expect(readProfile(doc, url)?.company).toBe('Novare Potential'); // from the experience card
  });

  it('takes the profile URL from the contact-info link when the page URL is not a profile', () => {
    const profile = readProfile(realFixture(REAL_2024), 'https://www.linkedin.com/feed/');
    expect(profile?.profileUrl).toBe('https://www.linkedin.com/in/eduardo-alvarez-nowak/');
  });

  it('refuses a stale top card of another person after an in-page navigation', () => {
    expect(readProfile(realFixture(REAL_2024), 'https://www.linkedin.com/in/someone-else/')).toBeNull();
  });

  it('falls back to the top card h1 and the text before "Contact info" without the utility classes', () => {
    const doc = realFixture(REAL_2024);
    for (const el of Array.from(doc.querySelectorAll('.text-heading-xlarge, .t-black--light'))) {
      el.classList.remove('text-heading-xlarge', 't-black--light');
    }
    expect(readProfile(doc, url)).toMatchObject({
      name: 'Eduardo Alvarez Nowak',
      location: 'Greater Stockholm Metropolitan Area',
    });
  });

  it('reads the headline as the first line after the name row when its classes are renamed', () => {
    const doc = realFixture(REAL_2024);
    for (const el of Array.from(doc.querySelectorAll('.text-body-medium'))) el.classList.replace('text-body-medium', 'Ht-51c2');
    expect(readProfile(doc, url)?.headline).toBe('Tech Education Lead, Tech Expert & Frontend Dev at Novare Potential');
  });
});

const none = { headline: null, company: null, location: null, photoUrl: null };

describe('readProfile on the 2025/26 class-free markup', () => {
  it.each([
    [REAL_2026, () => realFixture(REAL_2026), 'https://www.linkedin.com/in/janesmith/', {
      profileUrl: 'https://www.linkedin.com/in/janesmith/',
      name: 'Jane Smith', // in an h2, as before Feb 2026
      headline: 'Senior Software Engineer @ TechCorp | Cloud Architecture',
      company: 'TechCorp',
      location: 'San Francisco, California, United States',
      photoUrl: 'https://media.licdn.com/dms/image/v2/D5603AQ/profile-displayphoto-shrink_200_200/profile-photo.jpg',
    }],
    ['profile-2026-en.html', () => linkedinFixture('profile-2026-en.html'), 'https://www.linkedin.com/in/dana-prospect/', {
      profileUrl: 'https://www.linkedin.com/in/dana-prospect/',
      name: 'Dana Prospect',
      headline: 'VP Sales at BigCorp | Enterprise SaaS across Southeast Asia',
      company: 'BigCorp',
      location: 'Jakarta, Jakarta, Indonesia',
      photoUrl:
        'https://media.licdn.com/dms/image/v2/D5603AQdana/profile-displayphoto-shrink_400_400/profile-displayphoto-shrink_400_400/0/1712000000000?e=1790000000&v=beta&t=dAnA',
    }],
    ['profile-2026-id.html', () => linkedinFixture('profile-2026-id.html'), 'https://id.linkedin.com/in/budi-santoso-7a1b2c/', {
      profileUrl: 'https://www.linkedin.com/in/budi-santoso-7a1b2c/',
      name: 'Budi Santoso',
      headline: 'Kepala Pengadaan di PT Toko Maju Tbk',
      company: 'PT Toko Maju Tbk',
      location: 'Jakarta Selatan, Jakarta Raya, Indonesia',
      photoUrl:
        'https://media.licdn.com/dms/image/v2/D5635AQbudi/profile-framedphoto-shrink_400_400/profile-framedphoto-shrink_400_400/0/1715000000000?e=1790000000&v=beta&t=bUdI',
    }],
    ['profile-private.html', () => linkedinFixture('profile-private.html'), 'https://www.linkedin.com/in/sari-dewi-55/', {
      ...none,
      profileUrl: 'https://www.linkedin.com/in/sari-dewi-55/',
      name: 'Sari Dewi',
    }],
    ['profile-hostile.html', () => linkedinFixture('profile-hostile.html'), 'https://www.linkedin.com/in/hostile-name/', {
      ...none,
      profileUrl: 'https://www.linkedin.com/in/hostile-name/',
      name: '<img src=x onerror="window.__pwned=1">', // text, not markup
      headline: '🚀 Growth 🔥 hacker | مدير المبيعات | محمد بن سلمان 👨‍👩‍👧', // direction overrides dropped
      location: 'Dubai, United Arab Emirates',
    }],
  ])('reads %s', (_file, load, url, expected) => {
    expect(readProfile(load(), url)).toEqual(expected);
  });

  it('leaves hostile markup inert', () => {
    const doc = linkedinFixture('profile-hostile.html');
    readProfile(doc, 'https://www.linkedin.com/in/hostile-name/');
    expect(doc.querySelector('h1 img')).toBeNull();
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('reads the profile under a messaging overlay', () => {
    expect(readProfile(linkedinFixture('messaging-overlay.html'), 'https://www.linkedin.com/in/rizky-pratama/')).toMatchObject({
      name: 'Rizky Pratama',
      headline: 'Founder at Kopi Kita',
      company: 'Kopi Kita',
      location: 'Yogyakarta, Indonesia',
    });
  });

  it('prefers the candidate that agrees with the title, and falls back to the title', () => {
    const doc = linkedinFixture('profile-2026-en.html');
    const card = doc.querySelector('[data-view-name="profile-top-card"] section')!;
    const decoy = doc.createElement('h1');
    decoy.textContent = 'Notifications';
    card.prepend(decoy);
    doc.title = '(12) Dana Prospect | LinkedIn';
    expect(readProfile(doc, 'https://www.linkedin.com/in/dana-prospect/')?.name).toBe('Dana Prospect');
    for (const h of Array.from(card.querySelectorAll('h1'))) h.remove();
    expect(readProfile(doc, 'https://www.linkedin.com/in/dana-prospect/')?.name).toBe('Dana Prospect');
  });

  it('reads the company from the experience card when the top card has no "Company · School" line', () => {
    const doc = linkedinFixture('profile-2026-en.html');
    Array.from(doc.querySelectorAll('p')).find((p) => p.textContent === 'BigCorp · Universitas Indonesia')!.remove();
    expect(readProfile(doc, 'https://www.linkedin.com/in/dana-prospect/')).toMatchObject({
      company: 'BigCorp',
      headline: 'VP Sales at BigCorp | Enterprise SaaS across Southeast Asia',
      location: 'Jakarta, Jakarta, Indonesia',
    });
  });

  it('does not take the company line or the headline for a missing location', () => {
    const doc = linkedinFixture('profile-2026-en.html');
    Array.from(doc.querySelectorAll('p')).find((p) => p.textContent === 'Jakarta, Jakarta, Indonesia')!.remove();
    expect(readProfile(doc, 'https://www.linkedin.com/in/dana-prospect/')).toMatchObject({ location: null, company: 'BigCorp' });
    Array.from(doc.querySelectorAll('p')).find((p) => p.textContent === 'BigCorp · Universitas Indonesia')!.remove();
    expect(readProfile(doc, 'https://www.linkedin.com/in/dana-prospect/')).toMatchObject({
      location: null,
      headline: 'VP Sales at BigCorp | Enterprise SaaS across Southeast Asia',
    });
  });
});

describe('readProfile returns null', () => {
  it.each([
    ['a messaging page', 'messaging-thread.html', 'https://www.linkedin.com/messaging/thread/2-ZGFuYS1wcm9zcGVjdA==/'],
    ['a profile without a name', 'profile-private.html', 'https://www.linkedin.com/in/sari-dewi-55/'],
  ])('on %s', (_label, file, url) => {
    const doc = linkedinFixture(file);
    for (const h of Array.from(doc.querySelectorAll('h1'))) h.remove();
    doc.title = '';
    expect(readProfile(doc, url)).toBeNull();
  });

  it('for "LinkedIn Member" and without any profile URL', () => {
    const doc = linkedinFixture('profile-private.html');
    expect(readProfile(doc, 'https://www.linkedin.com/feed/')).toBeNull();
    doc.querySelector('h1')!.textContent = 'LinkedIn Member';
    doc.title = 'LinkedIn Member | LinkedIn';
    expect(readProfile(doc, 'https://www.linkedin.com/in/sari-dewi-55/')).toBeNull();
  });

  it('on an empty document and without throwing on odd input', () => {
    const empty = new DOMParser().parseFromString('', 'text/html');
    expect(readProfile(empty, 'https://www.linkedin.com/in/x/')).toBeNull();
    expect(readProfile(null as unknown as Document, 'https://www.linkedin.com/in/x/')).toBeNull();
  });
});
