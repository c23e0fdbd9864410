import { describe, expect, it } from 'vitest';
import type { PageContext } from '../messaging/protocol';
import { sidebarQuery } from './sidebar-query';

const person = (name: string, email: string) => ({ name, email });
const gmail = (account: string | null, messages: { from: ReturnType<typeof person>; recipients: ReturnType<typeof person>[] }[]): PageContext => ({
  site: 'gmail',
  url: 'https://mail.google.com/mail/u/0/#inbox/x',
  account,
  thread: { threadId: 'x', subject: 'Hi', messages: messages.map((m, i) => ({ id: `m${i}`, date: null, ...m })) },
});

describe('sidebarQuery', () => {
  it('asks for the thread’s people, latest outside sender first, never the rep (settings or this account)', () => {
    const ctx = gmail('me@sidecar.dev', [
      { from: person('Dana', 'dana@bigcorp.io'), recipients: [person('Me', 'me@sidecar.dev'), person('Sam', 'sam@bigcorp.io')] },
      { from: person('Budi', 'budi@contoh.co.id'), recipients: [person('Alias', 'alias@sidecar.dev')] },
    ]);
    expect(sidebarQuery(ctx, ['alias@sidecar.dev'])).toEqual({ name: 'people', emails: ['budi@contoh.co.id', 'dana@bigcorp.io', 'sam@bigcorp.io'] });
  });

  it('caps the addresses at what the people query allows', () => {
    const many = Array.from({ length: 600 }, (_, i) => person('', `p${i}@x.io`));
    const query = sidebarQuery(gmail(null, [{ from: person('Dana', 'dana@bigcorp.io'), recipients: many }]), []);
    expect(query?.name === 'people' && query.emails.length).toBe(500);
  });

  it('asks for a LinkedIn profile’s match, or the messaging partner’s', () => {
    const profile = { profileUrl: 'https://www.linkedin.com/in/dana/', name: 'Dana', headline: null, company: null, location: null, photoUrl: null };
    const base = { site: 'linkedin' as const, url: 'https://www.linkedin.com/in/dana/', contactInfo: null };
    expect(sidebarQuery({ ...base, profile, conversation: null }, [])).toEqual({ name: 'profile', facts: profile });
    expect(sidebarQuery({ ...base, profile: null, conversation: { profileUrl: null, name: 'Budi' } }, [])).toEqual({
      name: 'profile',
      facts: { profileUrl: null, name: 'Budi' },
    });
  });

  it('asks nothing for a page with nobody on it, or a thread of the rep alone', () => {
    expect(sidebarQuery(null, [])).toBeNull();
    expect(sidebarQuery({ site: 'linkedin', url: 'https://www.linkedin.com/feed/', profile: null, conversation: null }, [])).toBeNull();
    expect(sidebarQuery(gmail('me@sidecar.dev', [{ from: person('Me', 'me@sidecar.dev'), recipients: [] }]), [])).toBeNull();
    expect(sidebarQuery({ site: 'gmail', url: 'https://mail.google.com/mail/u/0/#inbox', account: null, thread: null }, [])).toBeNull();
  });
});
