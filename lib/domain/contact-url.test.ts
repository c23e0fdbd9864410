import { LinkedInProfileUrlSchema } from '../sites/linkedin/types';
import { NewPersonSchema } from '../messaging/protocol';
import { contactUrl, isSiteUrl } from './contact-url';

describe('contactUrl', () => {
  it('opens the person’s Gmail conversations in the owner’s mailbox, else their canonical profile', () => {
    expect(contactUrl({ emails: ['dana@bigcorp.io'], linkedinUrl: null }, 'rep@acme.com')).toBe('https://mail.google.com/mail/u/rep@acme.com/#search/dana%40bigcorp.io');
    expect(contactUrl({ emails: ['dana@bigcorp.io'], linkedinUrl: null }, 'x/../evil')).toBe('https://mail.google.com/mail/u/0/#search/dana%40bigcorp.io');
    expect(contactUrl({ emails: [], linkedinUrl: 'https://id.linkedin.com/in/Dana-Prospect' }, null)).toBe('https://www.linkedin.com/in/dana-prospect/');
  });

  it.each(['data:text/html,<script>alert(1)</script>', 'javascript:alert(1)', 'https://evil.example/in/dana/', 'http://www.linkedin.com.evil.example/in/x/'])(
    'never opens a stored %s',
    (linkedinUrl) => {
      const url = contactUrl({ emails: [], linkedinUrl }, null);
      expect(url === null || isSiteUrl(url)).toBe(true);
    },
  );
});

describe('LinkedIn URLs at the message boundary', () => {
  it.each(['javascript:alert(1)', 'data:text/html,hi', 'https://www.linkedin.com/in/dana/overlay/contact-info/', 'https://evil.example/in/dana/', 'https://www.linkedin.com/in/da na/'])(
    'refuses %s',
    (url) => {
      expect(LinkedInProfileUrlSchema.safeParse(url).success).toBe(false);
      expect(NewPersonSchema.safeParse({ name: 'Dana', linkedinUrl: url }).success).toBe(false);
    },
  );
  it('takes the canonical form', () => {
    expect(NewPersonSchema.safeParse({ name: 'Dana', linkedinUrl: 'https://www.linkedin.com/in/dana-prospect/' }).success).toBe(true);
  });
});
