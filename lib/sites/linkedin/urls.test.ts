import {
  canonicalProfileUrl,
  isLinkedInUrl,
  isMessagingThreadUrl,
  isContactInfoUrl,
  isProfilePageUrl,
  isProfileUrl,
  profileSlug,
  profileUrlFromLink,
} from './urls';

/** Each page detector with the URLs it must accept; it must reject every other row's. */
const DETECTORS: Record<string, { detect: (url: string) => boolean; urls: string[] }> = {
  isProfileUrl: {
    detect: isProfileUrl,
    urls: [
      'https://www.linkedin.com/in/dana-prospect/',
      'https://www.linkedin.com/in/dana-prospect',
      'https://www.linkedin.com/in/dana-prospect/?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAAB',
      'https://www.linkedin.com/in/dana-prospect/#experience',
      'https://id.linkedin.com/in/budi-santoso-7a1b2c/',
      'https://linkedin.com/in/Jos%C3%A9-%C3%81lvarez',
      'https://m.linkedin.com/in/sari-dewi-55/',
      '/in/eduardo-alvarez-nowak/',
    ],
  },
  isMessagingThreadUrl: {
    detect: isMessagingThreadUrl,
    urls: [
      'https://www.linkedin.com/messaging/thread/2-ZGFuYS1wcm9zcGVjdA==/',
      'https://www.linkedin.com/messaging/thread/2-ZGFuYS1wcm9zcGVjdA%3D%3D',
      'https://id.linkedin.com/messaging/thread/2-YnVkaQ==/?filter=unread',
      '/messaging/thread/2-abc/',
    ],
  },
};

/** LinkedIn pages that are neither a profile's main page nor a thread. */
const OTHER_LINKEDIN = [
  'https://www.linkedin.com/in/dana-prospect/details/experience/',
  'https://www.linkedin.com/in/dana-prospect/overlay/contact-info/',
  'https://www.linkedin.com/in/',
  'https://www.linkedin.com/feed/',
  'https://www.linkedin.com/messaging/',
  'https://www.linkedin.com/messaging/thread/2-abc/details/',
  'https://www.linkedin.com/company/bigcorp/',
  'https://www.linkedin.com/search/results/people/?keywords=dana',
];
/** Not LinkedIn at all. */
const NOT_LINKEDIN = [
  'https://evil.example/in/dana-prospect/',
  'https://linkedin.com.evil.example/in/dana-prospect/',
  'https://notlinkedin.com/in/dana-prospect/',
  'javascript:alert(1)//linkedin.com/in/x/',
  '//evil.example/in/x/',
  'not a url',
  '',
];

describe('page detectors', () => {
  const all = Object.values(DETECTORS).flatMap((d) => d.urls);
  for (const [name, { detect, urls }] of Object.entries(DETECTORS)) {
    it(`${name} is true on its own URLs only`, () => {
      for (const url of urls) expect(detect(url), url).toBe(true);
      for (const url of [...all.filter((u) => !urls.includes(u)), ...OTHER_LINKEDIN, ...NOT_LINKEDIN]) {
        expect(detect(url), url).toBe(false);
      }
    });
  }

  it('isLinkedInUrl accepts absolute LinkedIn URLs on any subdomain, nothing else', () => {
    for (const url of [...all, ...OTHER_LINKEDIN].filter((u) => u.startsWith('http'))) {
      expect(isLinkedInUrl(url), url).toBe(true);
    }
    for (const url of [...NOT_LINKEDIN, '/in/dana-prospect/', 'ftp://www.linkedin.com/in/x/']) {
      expect(isLinkedInUrl(url), url).toBe(false);
    }
  });
});

describe('canonicalProfileUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/dana-prospect/', 'https://www.linkedin.com/in/dana-prospect/'],
    ['https://linkedin.com/in/Dana-Prospect', 'https://www.linkedin.com/in/dana-prospect/'],
    ['https://id.linkedin.com/in/budi-santoso-7a1b2c/?locale=in_ID#top', 'https://www.linkedin.com/in/budi-santoso-7a1b2c/'],
    ['http://m.linkedin.com/in/sari-dewi-55/', 'https://www.linkedin.com/in/sari-dewi-55/'],
    ['/in/eduardo-alvarez-nowak/', 'https://www.linkedin.com/in/eduardo-alvarez-nowak/'],
    ['https://www.linkedin.com/in/Jos%C3%A9-%C3%81lvarez/', 'https://www.linkedin.com/in/josé-álvarez/'],
    ['https://www.linkedin.com/in/jos%E9/', 'https://www.linkedin.com/in/jos%e9/'],
    ['https://www.linkedin.com/in/a%2Fb/', 'https://www.linkedin.com/in/a%2fb/'],
    ['https://www.linkedin.com/in/x%3Cscript%3E/', 'https://www.linkedin.com/in/x%3cscript%3e/'],
    ['https://www.linkedin.com/in/ACoAABcdEFgh1234567/', 'https://www.linkedin.com/in/ACoAABcdEFgh1234567/'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalProfileUrl(input)).toBe(expected);
  });

  it.each([
    'https://www.linkedin.com/in/dana-prospect/details/experience/',
    'https://www.linkedin.com/in/dana-prospect/overlay/contact-info/',
    'https://www.linkedin.com/company/bigcorp/',
    'https://evil.example/in/dana-prospect/',
    'https://www.linkedin.com/in/%2E%2E/',
    '',
  ])('%s → null', (input) => {
    expect(canonicalProfileUrl(input)).toBeNull();
  });
});

describe('profileSlug and profileUrlFromLink', () => {
  it('read the profile of subpages too', () => {
    expect(profileSlug('https://www.linkedin.com/in/Dana-Prospect/overlay/contact-info/')).toBe('dana-prospect');
    expect(profileUrlFromLink('/in/eduardo-alvarez-nowak/overlay/contact-info/')).toBe(
      'https://www.linkedin.com/in/eduardo-alvarez-nowak/',
    );
  });

  it('are null off profiles', () => {
    expect(profileSlug('https://www.linkedin.com/feed/')).toBeNull();
    expect(profileUrlFromLink('https://evil.example/in/x/')).toBeNull();
    expect(profileUrlFromLink('')).toBeNull();
  });
});

describe('profile pages beyond the main one', () => {
  it.each([
    ['https://www.linkedin.com/in/dana-prospect/', true, false],
    ['https://www.linkedin.com/in/dana-prospect/overlay/contact-info/', true, true],
    ['https://id.linkedin.com/in/budi-santoso/overlay/contact-info', true, true],
    ['https://www.linkedin.com/in/dana-prospect/details/experience/', true, false],
    ['https://www.linkedin.com/in/dana-prospect/recent-activity/all/', true, false],
    ['https://www.linkedin.com/company/bigcorp/', false, false],
    ['https://www.linkedin.com/in/', false, false],
    ['https://evil.example/in/dana-prospect/overlay/contact-info/', false, false],
  ])('%s: a profile page %s, the contact-info overlay %s', (url, page, overlay) => {
    expect(isProfilePageUrl(url)).toBe(page);
    expect(isContactInfoUrl(url)).toBe(overlay);
  });
});
