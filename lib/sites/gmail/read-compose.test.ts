// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findComposeRoots, isSendControl, readCompose } from './read-compose';
import { gmailFixture, parseHtml, realFixture } from './test-fixtures';

describe('compose-peoplekit.html (2021+ pop-up)', () => {
  const doc = gmailFixture('compose-peoplekit.html');
  const roots = findComposeRoots(doc);
  const root = roots[0] as HTMLElement;

  it('finds the dialog once, not also its div.M9', () => {
    expect(roots).toHaveLength(1);
    expect(root.getAttribute('role')).toBe('dialog');
  });

  it('reads ids, subject and PeopleKit recipients', () => {
    expect(readCompose(root)).toEqual({
      composeId: '2',
      threadId: null, // rt="undefined"
      subject: 'Proposal for 50 seats',
      recipients: [
        { name: 'Dana Prospect', email: 'dana@bigcorp.io' },
        // data-name repeats the address for an unknown contact: no name.
        { name: '', email: 'new.person@elsewhere.org' },
      ],
    });
  });

  it('recognises the send button and what is inside it, nothing else', () => {
    const send = doc.getElementById(':pc') as HTMLElement;
    const inner = doc.createElement('span');
    send.appendChild(inner);
    expect(isSendControl(send, root)).toBe(true);
    expect(isSendControl(inner, root)).toBe(true);
    expect(isSendControl(doc.getElementById(':pd') as HTMLElement, root)).toBe(false);
    expect(isSendControl(doc.querySelector('[data-tooltip^="Discard"]') as HTMLElement, root)).toBe(false);
    expect(isSendControl(doc.querySelector('[role=textbox]') as HTMLElement, root)).toBe(false);
    expect(isSendControl(doc.querySelector('a[aria-label^="Google Account"]') as HTMLElement, root)).toBe(false);
  });

  it('still recognises send by its tooltip when the classes are hashed, in any language', () => {
    const d = gmailFixture('compose-peoplekit.html');
    const send = d.getElementById(':pc') as HTMLElement;
    send.className = 'Ht-a81c Ht-93fe';
    send.setAttribute('data-tooltip', 'Kirim \u202a(Ctrl-Enter)\u202c');
    expect(isSendControl(send, findComposeRoots(d)[0] as HTMLElement)).toBe(true);
  });

  it('does not treat a send button of another compose as this one', () => {
    const other = parseHtml('<div role="dialog"><form></form><div class="T-I aoO" role="button">Send</div></div>');
    expect(isSendControl(doc.getElementById(':pc') as HTMLElement, other.querySelector('[role=dialog]') as Element)).toBe(false);
  });
});

describe('real 2020 compose (js-min capture)', () => {
  it('finds one root and reads composeid, reply thread and the empty fields', () => {
    const doc = realFixture('gmail-compose-js-min.html');
    const roots = findComposeRoots(doc);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.getAttribute('role')).toBe('dialog');
    expect(readCompose(roots[0] as HTMLElement)).toEqual({
      composeId: '1',
      threadId: 'thread-a:r-7681922771531347793',
      subject: '',
      recipients: [],
    });
  });

  it('reads recipients typed into the classic textareas and the subject', () => {
    const doc = realFixture('gmail-compose-js-min.html');
    const root = findComposeRoots(doc)[0] as HTMLElement;
    (root.querySelector('textarea[name=to]') as HTMLTextAreaElement).value =
      'Dana Prospect <Dana@BigCorp.io>, "Buyer, Sam" <sam@bigcorp.io>; kim@startup.dev, not-an-address, ';
    (root.querySelector('textarea[name=cc]') as HTMLTextAreaElement).value = 'dana@bigcorp.io, Jo <jo.martin@partner.example>';
    (root.querySelector('input[name=subjectbox]') as HTMLInputElement).value = '  Re:  Pricing  ';
    expect(readCompose(root)).toEqual({
      composeId: '1',
      threadId: 'thread-a:r-7681922771531347793',
      subject: 'Re: Pricing',
      recipients: [
        { name: 'Dana Prospect', email: 'dana@bigcorp.io' },
        { name: 'Buyer, Sam', email: 'sam@bigcorp.io' },
        { name: '', email: 'kim@startup.dev' },
        { name: 'Jo', email: 'jo.martin@partner.example' },
      ],
    });
  });

  it('recognises the send button (class and tooltip) and not its neighbours', () => {
    const doc = realFixture('gmail-compose-js-min.html');
    const root = findComposeRoots(doc)[0] as HTMLElement;
    expect(isSendControl(doc.getElementById(':79') as HTMLElement, root)).toBe(true);
    expect(isSendControl(doc.getElementById(':75') as HTMLElement, root)).toBe(false);
    expect(isSendControl(doc.getElementById(':90') as HTMLElement, root)).toBe(false);
    expect(isSendControl(doc.getElementById(':4u') as HTMLElement, root)).toBe(false);
  });
});

describe('findComposeRoots / readCompose on other markup', () => {
  it('returns a pop-up and an inline reply, in document order, and skips dialogs without a form', () => {
    const doc = parseHtml(`<div role="main"><div class="M9" id="inline"><form><input name="rt" value="#thread-f:1882639733620975553"></form></div></div>
      <div role="dialog" id="settings"><p>Not a compose</p></div>
      <div role="dialog" id="popup"><div class="M9"><form></form></div></div>`);
    expect(findComposeRoots(doc).map((r) => r.id)).toEqual(['inline', 'popup']);
    expect(readCompose(doc.getElementById('inline') as HTMLElement)?.threadId).toBe('thread-f:1882639733620975553');
  });

  it('reads pre-2021 chips (.vR) and merges duplicates', () => {
    const doc = parseHtml(`<div class="M9"><form>
      <div class="vR"><span class="vN" email="dana@bigcorp.io" name="Dana Prospect">Dana</span><input type="hidden" name="to" value="Dana Prospect &lt;dana@bigcorp.io&gt;"></div>
      <div class="vR"><input type="hidden" name="cc" value="sam@bigcorp.io"></div>
      <div class="vR"><span class="vN" email="SAM@bigcorp.io" name="Sam Buyer">Sam</span></div>
      <input name="composeid" value="undefined"><input name="subjectbox" value="Hi">
    </form></div>`);
    expect(readCompose(doc.querySelector('.M9') as Element)).toEqual({
      composeId: null,
      threadId: null,
      subject: 'Hi',
      recipients: [
        { name: 'Dana Prospect', email: 'dana@bigcorp.io' },
        { name: 'Sam Buyer', email: 'sam@bigcorp.io' },
      ],
    });
  });

  it('no roots on thread and inbox pages', () => {
    expect(findComposeRoots(gmailFixture('thread-en.html'))).toEqual([]);
    expect(findComposeRoots(realFixture('gmail-inbox-list-inboxsdk-2014.html'))).toEqual([]);
  });

  it('never throws on odd input', () => {
    const root = parseHtml('<div></div>').body;
    expect(readCompose(root)).toEqual({ composeId: null, threadId: null, subject: '', recipients: [] });
    expect(isSendControl(null as unknown as Element, root)).toBe(false);
    expect(isSendControl({} as Element, root)).toBe(false);
  });
});
