// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readAccount } from './read-account';
import { gmailFixture, parseHtml, realFixture } from './test-fixtures';

const page = (title: string, body = '') => parseHtml(`<html><head><title>${title}</title></head><body>${body}</body></html>`);

describe('readAccount', () => {
  it.each(['thread-en.html', 'thread-id.html', 'thread-hostile.html', 'thread-freemail.html', 'inbox-modern.html', 'compose-peoplekit.html'])(
    '%s → rep@acme-sales.com',
    (name) => expect(readAccount(gmailFixture(name))).toBe('rep@acme-sales.com'),
  );

  it('falls back to the account button when the title has no address (thread-broken.html)', () => {
    const doc = gmailFixture('thread-broken.html');
    expect(doc.title).toBe('Gmail');
    expect(readAccount(doc)).toBe('rep@acme-sales.com');
  });

  it.each([
    ['Inbox (3) - name@example.com - Gmail', 'name@example.com'],
    ['Kotak Masuk (3) - Name@Example.com - Gmail', 'name@example.com'],
    ['Re: contact dana@bigcorp.io - rep@acme-sales.com - Gmail', 'rep@acme-sales.com'],
    ['dana@bigcorp.io - rep@acme-sales.com - Acme Sales Mail', 'rep@acme-sales.com'],
  ])('title %j → %s', (title, email) => expect(readAccount(page(title))).toBe(email));

  it('reads the address in parentheses of a localised account label, whatever the words', () => {
    const link = (label: string) =>
      `<a href="https://accounts.google.com/SignOutOptions?hl=xx" aria-label="${label}"></a>`;
    expect(readAccount(page('Gmail', link('Akun Google: Budi (Paren) Santoso (Budi@TokoMaju.co.id)')))).toBe('budi@tokomaju.co.id');
    expect(readAccount(page('Gmail', link('Compte Google : Rep Name  (rep@acme-sales.com)')))).toBe('rep@acme-sales.com');
    expect(readAccount(page('Gmail', `<div aria-label="Google Account: Rep (rep@acme-sales.com)"></div>`))).toBe('rep@acme-sales.com');
  });

  it('ignores a look-alike account link inside an email (sender-controlled HTML)', () => {
    const doc = gmailFixture('thread-broken.html');
    const body = doc.querySelector('div.a3s')!;
    const fake = doc.createElement('a');
    fake.setAttribute('href', 'https://accounts.google.com/SignOutOptions');
    fake.setAttribute('aria-label', 'Google Account: Evil (evil@attacker.example)');
    body.prepend(fake);
    expect(readAccount(doc)).toBe('rep@acme-sales.com');
    // Even when it comes first in the document and the real button is gone.
    for (const el of doc.querySelectorAll('[aria-label^="Google Account"]')) if (!body.contains(el)) el.remove();
    for (const el of doc.querySelectorAll('a[href*="accounts.google.com"]')) if (!body.contains(el)) el.remove();
    expect(readAccount(doc)).not.toBe('evil@attacker.example');
  });

  it('is null when neither title nor button carries an address', () => {
    expect(readAccount(page('Gmail', '<a href="https://accounts.google.com/" aria-label="Google Account: Rep Name"></a>'))).toBeNull();
    expect(readAccount(page('Inbox - not-an-address - Gmail'))).toBeNull();
    expect(readAccount(realFixture('gmail-inbox-list-inboxsdk-2014.html'))).toBeNull();
    expect(readAccount(realFixture('gmail-compose-js-min.html'))).toBeNull();
  });
});

describe('readAccount: the "me" label fallback', () => {
  it('finds the rep from the localised "me" recipient when title and account button say nothing', () => {
    for (const [name, me] of [['thread-en.html', 'rep@acme-sales.com'], ['thread-id.html', 'rep@acme-sales.com']] as const) {
      const doc = gmailFixture(name);
      doc.title = 'Gmail';
      doc.querySelectorAll('[aria-label*="@"]').forEach((el) => el.removeAttribute('aria-label'));
      expect(readAccount(doc)).toBe(me);
    }
  });

  it('is not fooled by "me" written inside a message body', () => {
    const doc = gmailFixture('thread-freemail.html');
    doc.title = 'Gmail';
    doc.querySelectorAll('[aria-label*="@"]').forEach((el) => el.removeAttribute('aria-label'));
    doc.querySelectorAll('span.g2[email]').forEach((el) => el.remove());
    const body = doc.querySelector('div.a3s')!;
    const fake = doc.createElement('span');
    fake.className = 'g2';
    fake.setAttribute('email', 'evil@attacker.test');
    fake.textContent = 'me';
    body.append(fake);
    expect(readAccount(doc)).toBeNull();
  });
});
