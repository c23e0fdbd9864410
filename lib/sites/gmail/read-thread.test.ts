// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readThread } from './read-thread';
import { gmailFixture, parseHtml, realFixture } from './test-fixtures';

const URL_EN = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxyzPricing';
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).getTime();

const rep = { name: 'Rep Name', email: 'rep@acme-sales.com' };
const dana = { name: 'Dana Prospect', email: 'dana@bigcorp.io' };
const sam = { name: 'Sam Buyer', email: 'sam@bigcorp.io' };

describe('readThread: thread-en.html', () => {
  const thread = readThread(gmailFixture('thread-en.html'), URL_EN);

  it('reads subject and the hex thread id (not the URL id)', () => {
    expect(thread?.subject).toBe('Pricing for 50 seats');
    expect(thread?.threadId).toBe('1a207adcf283a7c1');
  });

  it('reads three messages in page order with ids, people and dates', () => {
    expect(thread?.messages).toEqual([
      { id: 'msg-f:1882639733620975553', from: dana, recipients: [rep, sam], date: local(2026, 11, 23, 9, 12) },
      { id: 'msg-f:1882660772249935362', from: rep, recipients: [dana], date: local(2026, 11, 23, 14, 47) },
      // Sender address "Dana@BigCorp.io " normalised; Sam listed twice and Dana herself are dropped.
      { id: 'msg-f:1882752453443635620', from: dana, recipients: [rep, sam], date: local(2026, 11, 24, 15, 4) },
    ]);
  });
});

describe('readThread: thread-id.html (Indonesian Gmail)', () => {
  const thread = readThread(gmailFixture('thread-id.html'), 'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXJWxyzBudi');
  const budi = { name: 'Budi Santoso', email: 'budi@tokomaju.co.id' };
  const sari = { name: 'Sari Lestari', email: 'sari@tokomaju.co.id' };

  it('reads subject, id and Indonesian dates; the collapsed first message has no recipients', () => {
    expect(thread).toEqual({
      threadId: '1a24e7f66f077d15',
      subject: 'Minta penawaran harga',
      messages: [
        { id: 'msg-f:1883885589758442773', from: budi, recipients: [], date: local(2026, 12, 7, 10, 15) },
        { id: 'msg-f:1883903701811311608', from: rep, recipients: [budi, sari], date: local(2026, 12, 7, 15, 2) },
        { id: 'msg-f:1883973353472311968', from: budi, recipients: [rep, sari], date: local(2026, 12, 8, 9, 30) },
      ],
    });
  });

  it('falls back to data-thread-perm-id, then to the URL', () => {
    const doc = gmailFixture('thread-id.html');
    const h2 = doc.querySelector('h2.hP') as Element;
    h2.removeAttribute('data-legacy-thread-id');
    expect(readThread(doc, URL_EN)?.threadId).toBe('thread-f:1883885589758442773');
    h2.setAttribute('data-thread-perm-id', 'undefined');
    expect(readThread(doc, URL_EN)?.threadId).toBe('FMfcgzQXJWxyzPricing');
    expect(readThread(doc, 'https://mail.google.com/mail/u/0/#inbox')).toBeNull();
  });
});

describe('readThread: thread-hostile.html', () => {
  it('returns markup as literal text and never runs it', () => {
    const doc = gmailFixture('thread-hostile.html');
    const thread = readThread(doc, URL_EN);
    expect(thread?.subject).toBe('Invoice <script>alert(1)</script>');
    expect(thread?.threadId).toBe('1a0f71f038000f11');
    expect(thread?.messages).toHaveLength(1);
    expect(thread?.messages[0]?.from).toEqual({ name: '<img src=x onerror="window.__pwned=1">', email: 'evil@attacker.test' });
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('ignores sender, recipient and date look-alikes inside the message body', () => {
    const message = readThread(gmailFixture('thread-hostile.html'), URL_EN)?.messages[0];
    expect(message?.recipients).toEqual([rep]);
    expect(message?.date).toBe(local(2026, 10, 1, 11, 0));
  });
});

describe('readThread: thread-broken.html', () => {
  it('does not throw and keeps the readable messages', () => {
    const doc = gmailFixture('thread-broken.html');
    const thread = readThread(doc, 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxyzBroken');
    expect(thread?.threadId).toBe('FMfcgzQXJWxyzBroken');
    expect(thread?.subject).toBe('');
    expect(thread?.messages).toEqual([
      // Garbage id kept as an id, no date to read anywhere.
      { id: 'msg-f:not-a-number', from: { name: 'Tono', email: 'tono@example.org' }, recipients: [], date: null },
      // "Yesterday, 5:05 PM" is unreadable: the date comes from the message id; the invalid recipient is dropped.
      { id: 'msg-f:1876327669957008446', from: { name: 'Tono', email: 'tono@example.org' }, recipients: [rep], date: Date.UTC(2026, 8, 14, 17, 5, 8) },
    ]);
  });

  it('is null without any thread id', () => {
    expect(readThread(gmailFixture('thread-broken.html'), 'https://mail.google.com/mail/u/0/#inbox')).toBeNull();
  });
});

describe('readThread: thread-freemail.html', () => {
  it('reads the gmail.com sender and the emoji subject', () => {
    expect(readThread(gmailFixture('thread-freemail.html'), URL_EN)).toEqual({
      threadId: '1a1f289e9d83d0f9',
      subject: 'Question about your product 👋',
      messages: [
        { id: 'msg-f:1882267830976762105', from: { name: 'Rina Wijaya', email: 'rina.wijaya@gmail.com' }, recipients: [rep], date: local(2026, 11, 19, 6, 41) },
      ],
    });
  });
});

describe('readThread: every class token hashed (Gmail A/B-tests `Ht-<hash>` classes)', () => {
  const hashAll = (doc: Document) => {
    doc.querySelectorAll('[class]').forEach((el, i) => el.setAttribute('class', `Ht-${i.toString(16)}`));
    return doc;
  };

  it.each([
    ['thread-en.html', URL_EN],
    ['thread-id.html', URL_EN],
    ['thread-broken.html', 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxyzBroken'],
    ['thread-freemail.html', URL_EN],
  ])('%s reads the same: ids, the sender in the header heading, recipients, date titles', (name, url) => {
    expect(readThread(hashAll(gmailFixture(name)), url)).toEqual(readThread(gmailFixture(name), url));
  });

  it('still ignores the look-alikes inside the body (thread-hostile.html): the header is the table around the sender', () => {
    const message = readThread(hashAll(gmailFixture('thread-hostile.html')), URL_EN)?.messages[0];
    expect(message?.from.email).toBe('evil@attacker.test');
    expect(message?.recipients).toEqual([rep]);
    expect(message?.date).toBe(local(2026, 10, 1, 11, 0));
  });
});

describe('readThread: no open thread', () => {
  it.each([
    ['inbox-modern.html', () => gmailFixture('inbox-modern.html')],
    ['compose-peoplekit.html', () => gmailFixture('compose-peoplekit.html')],
    ['real 2014 inbox', () => realFixture('gmail-inbox-list-inboxsdk-2014.html')],
    ['real 2020 compose', () => realFixture('gmail-compose-js-min.html')],
    ['empty page', () => parseHtml('<html><body></body></html>')],
  ])('%s → null', (_name, load) => expect(readThread(load(), URL_EN)).toBeNull());

  it('only reads inside div[role=main]', () => {
    const doc = parseHtml('<div><h2 class="hP" data-legacy-thread-id="1a207adcf283a7c1">Outside</h2></div>');
    expect(readThread(doc, URL_EN)).toBeNull();
  });

  it('uses the legacy id and decodes the date when data-message-id is missing', () => {
    const doc = parseHtml(`<div role="main"><h2 class="hP">S</h2>
      <div class="adn" data-legacy-message-id="1a20e1619380c9a4"><span class="gD" data-hovercard-id="Kim@Startup.dev">Kim Lee</span></div></div>`);
    expect(readThread(doc, URL_EN)?.messages).toEqual([
      { id: '1a20e1619380c9a4', from: { name: 'Kim Lee', email: 'kim@startup.dev' }, recipients: [], date: Date.UTC(2026, 10, 24, 15, 4, 19) },
    ]);
  });
});
