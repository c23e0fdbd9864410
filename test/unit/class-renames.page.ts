// Bundled by lib/sites/class-renames.test.ts and run in Chromium: what the content scripts read
// on a page, as plain data, under every single class rename of the page.
import { readAccount } from '../../lib/sites/gmail/read-account';
import { readMessageBodies } from '../../lib/sites/gmail/read-bodies';
import { findComposeRoots, isSendControl, readCompose } from '../../lib/sites/gmail/read-compose';
import { chipSlot, findListRows, readRowSenders } from '../../lib/sites/gmail/read-inbox';
import { readThread } from '../../lib/sites/gmail/read-thread';
import { readPartnerMessages } from '../../lib/sites/linkedin/read-messages';
import { findMessageComposers, isMessageSendControl, readConversation } from '../../lib/sites/linkedin/read-messaging';
import { readProfile } from '../../lib/sites/linkedin/read-profile';
import { pathOf, renameAllClasses, renameEachClass, type RenameReport } from './rename-classes';

/** Everything the Gmail content script reads: account, thread, bodies, inbox rows and chip slots, composes and send buttons. */
function readGmailPage(doc: Document, url: string) {
  return {
    account: readAccount(doc),
    thread: readThread(doc, url),
    bodies: readMessageBodies(doc),
    rows: findListRows(doc).map((row) => {
      const slot = chipSlot(row);
      return { row: pathOf(row), senders: readRowSenders(row), slot: slot && [pathOf(slot.parent), pathOf(slot.before)] };
    }),
    composes: findComposeRoots(doc).map((root) => ({
      root: pathOf(root),
      compose: readCompose(root),
      send: [...root.querySelectorAll('[role="button"], [role="button"] *')].filter((el) => isSendControl(el, root)).map(pathOf),
    })),
  };
}

/** What the LinkedIn content script reads: the profile, the conversation, the partner's messages, composers and send buttons. */
function readLinkedInPage(doc: Document, url: string) {
  const conversation = readConversation(doc, url);
  return {
    profile: readProfile(doc, url),
    conversation,
    messages: conversation ? readPartnerMessages(doc, url, conversation) : null,
    composers: findMessageComposers(doc).map((form) => ({
      form: pathOf(form),
      send: [...form.querySelectorAll('button, button *')].filter((el) => isMessageSendControl(el, form)).map(pathOf),
    })),
  };
}

const READERS = { gmail: readGmailPage, linkedin: readLinkedInPage };
export type Site = keyof typeof READERS;

/** Parses the fixture inertly (no scripts, no loads) and renames each of its class tokens in turn. */
function renameTest(html: string, site: Site, url: string): RenameReport {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return renameEachClass(doc, (d) => READERS[site](d, url));
}

/** The same page with every class token renamed at once. */
function renameAllTest(html: string, site: Site, url: string) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return renameAllClasses(doc, (d) => READERS[site](d, url));
}

Object.assign(globalThis, { renameTest, renameAllTest });

/** The harness itself, on a reader that is nothing but one selector: shows what a class-bound reader loses. */
function renameProbe(html: string, selector: string): RenameReport {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return renameEachClass(doc, (d) => [...d.querySelectorAll(selector)].map(pathOf));
}

Object.assign(globalThis, { renameProbe });
