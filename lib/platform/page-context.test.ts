import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageContext } from '../messaging/protocol';
import { hostTabOf, pageContextFor } from './page-context';
import { ACTIVE_TAB_KEY, contextKey } from './storage-keys';

const gmail = (threadId: string): PageContext =>
  ({ site: 'gmail', account: 'rep@acme-sales.com', thread: { threadId, subject: 's', messages: [], participants: [] } }) as unknown as PageContext;

beforeEach(() => fakeBrowser.reset());

describe('hostTabOf', () => {
  it('names the tab of a sidebar framed in a site page', () => {
    expect(hostTabOf({ tab: { id: 7 }, frameId: 3 })).toBe(7);
  });
  it('names none for a top-level page in a tab, the side panel, or a sender without frame facts', () => {
    expect(hostTabOf({ tab: { id: 7 }, frameId: 0 })).toBeUndefined();
    expect(hostTabOf({})).toBeUndefined();
    expect(hostTabOf({ tab: { id: 7 } })).toBeUndefined();
    expect(hostTabOf(undefined)).toBeUndefined();
  });
});

describe('pageContextFor', () => {
  beforeEach(async () => {
    await browser.storage.session.set({ [contextKey(7)]: gmail('t7'), [contextKey(9)]: gmail('t9'), [ACTIVE_TAB_KEY]: 9 });
  });
  it("reads the host tab's context", async () => {
    expect(await pageContextFor(7)).toEqual(gmail('t7'));
  });
  it('follows the last site tab the rep looked at when there is no host tab', async () => {
    expect(await pageContextFor(undefined)).toEqual(gmail('t9'));
    await browser.storage.session.set({ [ACTIVE_TAB_KEY]: 7 });
    expect(await pageContextFor(undefined)).toEqual(gmail('t7'));
  });
  it('is null for a tab that showed nobody, and with no site tab seen yet', async () => {
    expect(await pageContextFor(8)).toBeNull();
    await browser.storage.session.remove(ACTIVE_TAB_KEY);
    expect(await pageContextFor(undefined)).toBeNull();
  });
});
