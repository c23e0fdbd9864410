// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { chipSlot, findListRows, readRowSenders } from './read-inbox';
import { gmailFixture, parseHtml, realFixture } from './test-fixtures';

describe('findListRows and readRowSenders: inbox-modern.html', () => {
  const doc = gmailFixture('inbox-modern.html');
  const rows = findListRows(doc);

  it('finds all 12 rows and reads their senders in order', () => {
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => r.id)).toEqual([...doc.querySelectorAll('tr.zA')].map((tr) => tr.id));
    expect(readRowSenders(rows[0]!)).toEqual(['news@linkedin.example']);
    // "Dana, me, Dana (3)": deduplicated, in row order.
    expect(readRowSenders(rows[1]!)).toEqual(['dana@bigcorp.io', 'rep@acme-sales.com']);
    expect(readRowSenders(rows[4]!)).toEqual(['budi@tokomaju.co.id']);
    expect(readRowSenders(rows[6]!)).toEqual(['ana.costa@fornecedor.com.br', 'rep@acme-sales.com', 'kim@startup.dev']);
    expect(readRowSenders(rows[10]!)).toEqual(['sam@bigcorp.io']);
  });

  it('finds the same rows by role=row when tr.zA is renamed, and by [gh=tl] alone when both are gone', () => {
    const d = gmailFixture('inbox-modern.html');
    const ids = findListRows(d).map((r) => r.id);
    d.querySelectorAll('tr.zA').forEach((tr) => tr.classList.replace('zA', 'Ht-9c1f'));
    expect(findListRows(d).map((r) => r.id)).toEqual(ids);
    d.querySelectorAll('tr[role=row]').forEach((tr) => tr.removeAttribute('role'));
    expect(findListRows(d).map((r) => r.id)).toEqual(ids);
  });

  it('puts the chip slot before .y6 in the subject block', () => {
    for (const row of rows) {
      const slot = chipSlot(row);
      expect(slot?.parent.classList.contains('xT')).toBe(true);
      expect(slot?.before?.classList.contains('y6')).toBe(true);
    }
  });

  it('finds that slot from the thread id on the subject when every class is hashed', () => {
    const d = gmailFixture('inbox-modern.html');
    const row = findListRows(d)[1]!;
    const y6 = row.querySelector('.y6')!;
    const xT = row.querySelector('.xT')!;
    row.querySelectorAll('[class]').forEach((el, i) => el.setAttribute('class', `Ht-${i}`));
    expect(chipSlot(row)).toEqual({ parent: xT, before: y6 });
  });
});

describe('findListRows: real 2014 inbox (InboxSDK capture)', () => {
  const doc = realFixture('gmail-inbox-list-inboxsdk-2014.html');
  const rows = findListRows(doc);

  it('finds 16 rows, senders from span.zF / span.yP', () => {
    expect(rows).toHaveLength(16);
    expect(rows.map(readRowSenders)).toEqual([
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

  it('finds the chip slot before div.y6 in every row, also inside the link when the classes are gone', () => {
    for (const row of rows) {
      const slot = chipSlot(row);
      expect(slot?.before?.matches('div.y6')).toBe(true);
      expect(slot?.parent.matches('div.xT')).toBe(true);
    }
    const row = rows[0]!;
    const expected = chipSlot(row);
    row.querySelectorAll('[class]').forEach((el, i) => el.setAttribute('class', `Ht-${i}`));
    expect(chipSlot(row)).toEqual(expected);
  });
});

describe('findListRows: other pages', () => {
  it.each(['thread-en.html', 'compose-peoplekit.html'])('%s has no rows', (name) => {
    expect(findListRows(gmailFixture(name))).toEqual([]);
  });

  it('ignores tr.zA outside [gh=tl]; a row without a valid address has no senders', () => {
    const doc = parseHtml(`<table><tbody><tr class="zA"><td><span email="a@b.co"></span></td></tr></tbody></table>
      <div gh="tl"><table><tbody><tr class="zA" id="in"><td><span email="not-an-address"></span></td></tr></tbody></table></div>`);
    expect(findListRows(doc).map((r) => [r.id, readRowSenders(r)])).toEqual([['in', []]]);
  });
});

describe('chipSlot fallbacks', () => {
  const row = (cells: string) => parseHtml(`<table><tbody><tr class="zA">${cells}</tr></tbody></table>`).querySelector('tr') as HTMLElement;

  it('before the outermost wrapper of the subject (the span with the thread id) when .y6 is gone', () => {
    const r = row('<td class="xY a4W"><div class="xS" role="link"><div class="Ht-x1"><div class="Ht-x2"><span class="Ht-x3"><span data-thread-id="#thread-f:1">S</span></span></div><span>snippet</span></div></div></td>');
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
