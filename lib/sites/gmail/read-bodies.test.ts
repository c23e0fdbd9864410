// @vitest-environment happy-dom
import { gmailFixture } from './test-fixtures';
import { readMessageBodies } from './read-bodies';

describe('readMessageBodies', () => {
  it('reads each expanded message body by id, without quoted history', () => {
    const bodies = readMessageBodies(gmailFixture('thread-en.html'));
    expect(Object.keys(bodies)).toEqual(['msg-f:1882639733620975553', 'msg-f:1882660772249935362', 'msg-f:1882752453443635620']);
    expect(bodies['msg-f:1882639733620975553']).toContain('We are looking at 50 seats');
    expect(bodies['msg-f:1882752453443635620']).toContain('can we get on a call on Thursday?');
    // The rep's reply quotes Dana's first message; the quote is not the rep's text.
    expect(bodies['msg-f:1882660772249935362']).not.toContain('We are looking at 50 seats');
  });

  it('reads markup as text and survives broken threads', () => {
    const hostile = readMessageBodies(gmailFixture('thread-hostile.html'));
    expect(Object.values(hostile).join(' ')).not.toContain('<script');
    expect(() => readMessageBodies(gmailFixture('thread-broken.html'))).not.toThrow();
  });

  it('finds the body after the header table when div.a3s is renamed', () => {
    const doc = gmailFixture('thread-id.html');
    const before = readMessageBodies(doc);
    expect(Object.keys(before)).toHaveLength(3);
    doc.querySelectorAll('.a3s').forEach((el) => el.classList.replace('a3s', 'Ht-3f0a'));
    expect(readMessageBodies(doc)).toEqual(before);
  });
});
