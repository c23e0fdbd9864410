// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { chipSlot, readInboxRows, readRowSenders } from './read-inbox';
import { gmailFixture, parseHtml, realFixture } from './test-fixtures';

describe('readInboxRows: inbox-modern.html', () => {
  const doc = gmailFixture('inbox-modern.html');
  const rows = readInboxRows(doc);

  it('reads all 12 rows with thread-f ids and senders in order', () => {
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r.row.id)).toEqual([...doc.querySelectorAll('tr.zA')].map((tr) => tr.id));
    expect(rows[0]?.data).toEqual({ threadId: 'thread-f:1882757844173182659', senders: ['news@linkedin.example'] });
    // "Dana, me, Dana (3)": deduplicated, in row order.
    expect(rows[1]?.data).toEqual({ threadId: 'thread-f:1882639733620975553', senders: ['dana@bigcorp.io', 'rep@acme-sales.com'] });
    expect(rows[4]?.data).toEqual({ threadId: 'thread-f:1883885589758442773', senders: ['budi@tokomaju.co.id'] });
    expect(rows[6]?.data.senders).toEqual(['ana.costa@fornecedor.com.br', 'rep@acme-sales.com', 'kim@startup.dev']);
  });

  it('falls back to the legacy hex id when data-thread-id is absent (row 11)', () => {
    expect(rows[10]?.data).toEqual({ threadId: '1a1d9646dc0be171', senders: ['sam@bigcorp.io'] });
  });

  it('reads one freshly rendered row passed as the root', () => {
    const row = doc.querySelectorAll('tr.zA')[4] as HTMLElement;
    expect(readInboxRows(row)).toEqual([{ row, data: { threadId: 'thread-f:1883885589758442773', senders: ['budi@tokomaju.co.id'] } }]);
  });

  it('puts the chip slot before .y6 in the subject block', () => {
    for (const { row } of rows) {
      const slot = chipSlot(row);
      expect(slot?.parent.classList.contains('xT')).toBe(true);
      expect(slot?.before?.classList.contains('y6')).toBe(true);
    }
  });
});

describe('readInboxRows: real 2014 inbox (InboxSDK capture)', () => {
  const rows = readInboxRows(realFixture('gmail-inbox-list-inboxsdk-2014.html'));

  it('reads 16 rows, senders from span.zF / span.yP, no thread ids', () => {
    expect(rows).toHaveLength(16);
    expect(rows.every((r) => r.data.threadId === null)).toBe(true);
    expect(rows.map((r) => r.data.senders)).toEqual([
      ['streak.web.test.1@gmail.com'],
      ['streak.web.test.1@gmail.com'],
      ['news@twilio.com'],
      ['news@twilio.com'],
      ['news@twilio.com'],
      ['no-reply@accounts.google.com'],
      ['news@twilio.com'],
      ['no-reply@accounts.google.com'],
      ['no-reply@accounts.google.com'],
      ['noreply-94292212@plus.google.com'],
      ['news@twilio.com'],
      ['noreply-94292212@plus.google.com'],
      ['help@twilio.com'],
      ['notifications@mailfoogae.appspotmail.com'],
      ['cowan@streak.com'],
      ['cowan@streak.com'],
    ]);
  });

  it('finds the chip slot before div.y6 in every row', () => {
    for (const { row } of rows) {
      const slot = chipSlot(row);
      expect(slot?.before?.matches('div.y6')).toBe(true);
      expect(slot?.parent.matches('div.xT')).toBe(true);
    }
  });
});

describe('readInboxRows: other pages', () => {
  it.each(['thread-en.html', 'compose-peoplekit.html'])('%s has no rows', (name) => {
    expect(readInboxRows(gmailFixture(name))).toEqual([]);
  });

  it('ignores tr.zA outside [gh=tl] and rows without valid addresses keep empty senders', () => {
    const doc = parseHtml(`<table><tbody><tr class="zA"><td><span email="a@b.co"></span></td></tr></tbody></table>
      <div gh="tl"><table><tbody><tr class="zA" data-thread-id="undefined"><td><span email="not-an-address"></span></td></tr></tbody></table></div>`);
    expect(readInboxRows(doc).map((r) => r.data)).toEqual([{ threadId: null, senders: [] }]);
  });
});

describe('chipSlot fallbacks', () => {
  const row = (cells: string) => parseHtml(`<table><tbody><tr class="zA">${cells}</tr></tbody></table>`).querySelector('tr') as HTMLElement;

  it('before the container of span.bog when .y6 is gone', () => {
    const r = row('<td class="xY a4W"><div class="xS"><div class="Ht-x1"><div class="Ht-x2"><span class="bog">S</span></div></div></div></td>');
    const slot = chipSlot(r);
    expect(slot?.parent.className).toBe('Ht-x1');
    expect(slot?.before?.className).toBe('Ht-x2');
  });

  it('at the start of the subject cell when only td.a4W is left', () => {
    const r = row('<td class="xY a4W"><div class="Ht-x1">S</div></td>');
    const slot = chipSlot(r);
    expect(slot?.parent.matches('td.a4W')).toBe(true);
    expect(slot?.before?.className).toBe('Ht-x1');
  });

  it('null without any subject anchor', () => {
    expect(chipSlot(row('<td>nothing</td>'))).toBeNull();
  });
});

describe('readRowSenders', () => {
  it('gives each row the senders readInboxRows gives it, on modern and 2014 markup', () => {
    for (const doc of [gmailFixture('inbox-modern.html'), realFixture('gmail-inbox-list-inboxsdk-2014.html')]) {
      const rows = readInboxRows(doc);
      expect(rows.length).toBeGreaterThan(0);
      for (const { row, data } of rows) expect(readRowSenders(row)).toEqual(data.senders);
      expect(rows.some((r) => r.data.senders.length > 0)).toBe(true);
    }
  });
});
