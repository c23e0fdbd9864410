import { gmailFixture } from './gmail';
import { linkedinFixture } from './linkedin';

/** A fixture with one passage changed: the variants a test needs, derived rather than copied. */
function variant(html: string, from: string, to: string): string {
  if (!html.includes(from)) throw new Error(`fixture text not found: ${from}`);
  return html.replace(from, to);
}

/** Dana's last message asks to schedule a demo (English demo-request trigger); her first asked for pricing. */
export const threadDemoEn = () =>
  variant(
    gmailFixture('thread-en.html'),
    'Thanks. Sam (cc) signs off on anything above $1,500 a month, can we get on a call on Thursday?',
    'Thanks. Could we schedule a demo next week? Sam (cc) signs off on anything above $1,500 a month.',
  );

/** Budi's last message: "Bisakah kita jadwalkan demo minggu depan?" (Indonesian demo request), no quote request. */
export const threadDemoId = () =>
  variant(
    variant(gmailFixture('thread-id.html'), 'Terima kasih, kami pelajari dulu.', 'Terima kasih. Bisakah kita jadwalkan demo minggu depan?'),
    'Selamat pagi, kami ingin minta penawaran harga untuk 20 lisensi…',
    'Selamat pagi, kami tertarik dengan 20 lisensi…',
  );

/** The free-mail thread dated 5 Jan 2099: a wrong clock or a forged header. */
export const threadFuture = () => variant(gmailFixture('thread-freemail.html'), 'Thu, Nov 19, 2026, 6:41\u202fAM', 'Mon, Jan 5, 2099, 9:00\u202fAM');

/** Dana asks in a LinkedIn message: "Could we book a demo next week?" */
export const messagingDemo = () =>
  variant(linkedinFixture('messaging-thread.html'), 'Sure, Tuesday works. Please send the deck first.', 'Sure. Could we book a demo next week? Tuesday works.');

/** FNV-1a of a class token, as a hashed class name ("Ht-1a2b3c4d"). */
function hashedToken(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return `Ht-${(h >>> 0).toString(16)}`;
}

/** Every class token of a page renamed to a hashed one, as Gmail's A/B test of hashed class names (2026) does. */
export const hashClasses = (html: string) =>
  html.replace(/(\sclass=")([^"]*)"/g, (_all, start: string, tokens: string) => `${start}${tokens.split(/\s+/).filter(Boolean).map(hashedToken).join(' ')}"`);

/** Dana's second message Cc's `n` more people (a mailing to a crowd): more than the people query carries. */
export const threadCrowd = (n: number) =>
  variant(
    gmailFixture('thread-en.html'),
    '<span email="dana@bigcorp.io" name="Dana Prospect" data-hovercard-id="dana@bigcorp.io" class="g2">Dana</span></span></div>',
    `<span email="dana@bigcorp.io" name="Dana Prospect" data-hovercard-id="dana@bigcorp.io" class="g2">Dana</span>${Array.from(
      { length: n },
      (_, i) => `, <span email="cc${i}@crowd.example" name="Cc ${i}" data-hovercard-id="cc${i}@crowd.example" class="g2">Cc ${i}</span>`,
    ).join('')}</span></div>`,
  );
