import { describe, expect, it } from 'vitest';
import { parseGmailDate, timeFromMessageId } from './dates';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('parseGmailDate', () => {
  it.each([
    ['Tue, Nov 24, 2026, 3:04 PM', local(2026, 11, 24, 15, 4)],
    ['Nov 24, 2026, 3:04 PM', local(2026, 11, 24, 15, 4)],
    ['Tue, Nov 24, 2026, 3:04\u202fPM', local(2026, 11, 24, 15, 4)],
    ['\u200eTue, Nov 24, 2026, 3:04\u202fPM\u200e', local(2026, 11, 24, 15, 4)],
    ['Mon, Nov 23, 2026, 12:15 AM', local(2026, 11, 23, 0, 15)],
    ['Mon, Nov 23, 2026, 12:15 PM', local(2026, 11, 23, 12, 15)],
    ['24 Nov 2026, 15:04', local(2026, 11, 24, 15, 4)],
    ['Tue, 24 Nov 2026, 15:04', local(2026, 11, 24, 15, 4)],
    ['Thu, Dec 18, 2014 at 12:35 PM', local(2014, 12, 18, 12, 35)],
    ['Sept. 3, 2026, 9:00 a.m.', local(2026, 9, 3, 9, 0)],
    ['Sel, 24 Nov 2026, 15.04', local(2026, 11, 24, 15, 4)],
    ['24 Nov 2026 15.04', local(2026, 11, 24, 15, 4)],
    ['Sen, 7 Des 2026, 10.15', local(2026, 12, 7, 10, 15)],
    ['Jum, 14 Agu 2026, 08.30', local(2026, 8, 14, 8, 30)],
    ['14 Agt 2026 08.30', local(2026, 8, 14, 8, 30)],
    ['Sabtu, 15 Agustus 2026 pukul 21.45', local(2026, 8, 15, 21, 45)],
    ['Kamis, 31 Desember 2026, 23.59', local(2026, 12, 31, 23, 59)],
    ['1 Mei 2026 07.05', local(2026, 5, 1, 7, 5)],
    ['3 Okt 2026 11.00', local(2026, 10, 3, 11, 0)],
    ['Nov 24, 2026', local(2026, 11, 24)],
  ])('%s', (text, expected) => expect(parseGmailDate(text)).toBe(expected));

  it.each([
    '',
    'Yesterday, 5:05 PM',
    '3:04 PM (2 hours ago)',
    '24/13/2026 15:04',
    '24.11.2026 15:04',
    'Nov 32, 2026, 3:04 PM',
    'Feb 30, 2026, 3:04 PM',
    'Nov 24, 2026, 25:04',
    'Nov 24, 2026, 13:04 PM',
    'Nov 24, 2026, 3:61 PM',
    'Nov Dec 24, 2026',
    'Smarch 24, 2026, 3:04 PM',
    'Nov 24, 26, 3:04 PM',
    'x'.repeat(500),
  ])('null for %j', (text) => expect(parseGmailDate(text)).toBeNull());

  it('never throws on non-strings', () => {
    expect(parseGmailDate(undefined as unknown as string)).toBeNull();
    expect(parseGmailDate(42 as unknown as string)).toBeNull();
  });
});

describe('timeFromMessageId', () => {
  const now = Date.UTC(2026, 11, 31);

  it('decodes msg-f decimal ids (with or without #)', () => {
    expect(timeFromMessageId('msg-f:1882752453443635620', now)).toBe(Date.UTC(2026, 10, 24, 15, 4, 19));
    expect(timeFromMessageId('#msg-f:1882639733620975553', now)).toBe(Date.UTC(2026, 10, 23, 9, 12, 41));
    expect(timeFromMessageId('thread-f:1883885589758442773', now)).toBe(Date.UTC(2026, 11, 7, 3, 15, 2));
  });

  it('decodes legacy hex ids, including the real 2014 capture', () => {
    expect(timeFromMessageId('1a20e1619380c9a4', now)).toBe(Date.UTC(2026, 10, 24, 15, 4, 19));
    // InboxSDK 2014 inbox: VIEW_DATA says 1418934907048 ms for thread 14a5f1c6f7aeeebc (Dec 18, 2014).
    const t = timeFromMessageId('14a5f1c6f7aeeebc', now);
    expect(new Date(t as number).toISOString().slice(0, 10)).toBe('2014-12-18');
    expect(Math.abs((t as number) - 1418934907048)).toBeLessThan(1000);
  });

  it.each([
    'msg-a:r-7673660351152959857',
    'msg-f:not-a-number',
    'msg-f:',
    'zzzz',
    '',
    'msg-f:12345',
    '0000000000000001',
    'ffffffffffffffff',
  ])('null for %j', (id) => expect(timeFromMessageId(id, now)).toBeNull());

  it('null when the time is later than now + 1 day', () => {
    expect(timeFromMessageId('msg-f:1882752453443635620', Date.UTC(2026, 10, 23))).toBeNull();
    expect(timeFromMessageId('msg-f:1882752453443635620', Date.UTC(2026, 10, 24))).not.toBeNull();
  });
});
