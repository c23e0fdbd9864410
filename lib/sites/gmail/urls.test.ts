import { describe, expect, it } from 'vitest';
import { threadIdFromUrl } from './urls';

const G = 'https://mail.google.com/mail/u/0/';

/** Thread views and the id each must yield. */
const THREAD_URLS: Array<[string, string]> = [
  [`${G}#inbox/FMfcgzQXJWxyz`, 'FMfcgzQXJWxyz'],
  [`${G}#label/Work/FMfcgzGpGTJgMlSzKWbWJBhwqNbrJXRk`, 'FMfcgzGpGTJgMlSzKWbWJBhwqNbrJXRk'],
  [`${G}#label/Clients%2FBigCorp/FMfcgzQXJWxyz`, 'FMfcgzQXJWxyz'],
  [`${G}#search/foo/FMfcgzQXJWxyz`, 'FMfcgzQXJWxyz'],
  [`${G}#search/from%3Adana%40bigcorp.io/FMfcgzQXJWxyz`, 'FMfcgzQXJWxyz'],
  [`${G}#sent/1a207adcf283a7c1`, '1a207adcf283a7c1'],
  [`${G}#all/FMfcgzQXJWxyz`, 'FMfcgzQXJWxyz'],
  [`${G}#imp/FMfcgzQXJWxyz`, 'FMfcgzQXJWxyz'],
  [`${G}#starred/FMfcgzQXJWxyz`, 'FMfcgzQXJWxyz'],
  [`${G}#category/promotions/FMfcgzQXJWxyz`, 'FMfcgzQXJWxyz'],
  ['https://mail.google.com/mail/u/3/#inbox/FMfcgzQXJWxyz?compose=new', 'FMfcgzQXJWxyz'],
];

/** Thread lists: no thread id. */
const LIST_URLS = [
  `${G}#inbox`,
  `${G}`,
  'https://mail.google.com/mail/',
  `${G}#inbox/p2`,
  `${G}#search/foo`,
  `${G}#search/foo/p3`,
  `${G}#label/Work`,
  `${G}#category/promotions`,
  `${G}#sent?compose=new`,
];

/** Gmail pages that are neither a list nor a thread. */
const OTHER_GMAIL_URLS = [`${G}#settings/general`, `${G}#settings/general/FMfcgzQXJWxyz`, `${G}#contacts`, `${G}#bogus/FMfcgzQXJWxyz`];

/** Not Gmail at all, however Gmail-like. */
const NOT_GMAIL = [
  'https://www.linkedin.com/in/someone/',
  'https://example.com/mail/u/0/#inbox/FMfcgzQXJWxyz',
  'http://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxyz',
  'https://mail.google.com.evil.test/mail/u/0/#inbox/FMfcgzQXJWxyz',
  'https://mail.google.com/chat/u/0/#inbox/FMfcgzQXJWxyz',
  'not a url',
  '',
];

describe('threadIdFromUrl', () => {
  it.each(THREAD_URLS)('%s → %s', (url, id) => expect(threadIdFromUrl(url)).toBe(id));

  it('is null for lists, settings and foreign pages', () => {
    for (const url of [...LIST_URLS, ...OTHER_GMAIL_URLS, ...NOT_GMAIL]) expect(threadIdFromUrl(url), url).toBeNull();
  });
});
