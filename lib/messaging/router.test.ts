import { useBrowserURL } from '@/test/unit/browser-url';
import fc from 'fast-check';
import { CStoBG, UItoBG } from './protocol';
import { createRouter, type RouterDeps, type SenderInfo } from './router';

useBrowserURL();

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;

const gmailTab: SenderInfo = { id: EXT_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 7 }, frameId: 0 };
const linkedinTab: SenderInfo = { id: EXT_ID, url: 'https://www.linkedin.com/in/dana/', tab: { id: 9 }, frameId: 0 };
const sidebarInTab: SenderInfo = { id: EXT_ID, url: `${EXT_ORIGIN}/sidebar.html`, tab: { id: 7 }, frameId: 3 };
const popup: SenderInfo = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html` };

function setup() {
  const cs = {
    'cs/context': vi.fn(async () => null),
    'cs/chips': vi.fn(async () => ({ 'dana@bigcorp.io': { label: 'Contact', color: '#000000' } })),
    'cs/compose-sent': vi.fn(async () => ({ logged: 1 })),
    'cs/linkedin-sent': vi.fn(async () => ({ logged: 0 })),
  };
  const ui = {
    'ui/nudge-done': vi.fn(async () => null),
    'ui/create-person': vi.fn(async () => ({ contactId: 'c1', created: true })),
    'ui/move-stage': vi.fn(async () => ({ ok: true as const })),
    'ui/log-activity': vi.fn(async () => ({ activityId: 'a1' })),
    'ui/delete-activity': vi.fn(async () => null),
    'ui/update-settings': vi.fn(async () => ({ ok: true as const })),
  };
  const onError = vi.fn();
  const handle = createRouter({
    extensionId: EXT_ID,
    extensionOrigin: new URL(`${EXT_ORIGIN}/`).origin,
    cs: cs as unknown as RouterDeps['cs'],
    ui: ui as unknown as RouterDeps['ui'],
    onError,
  });
  const calls = () => [...Object.values(cs), ...Object.values(ui)].reduce((n, f) => n + f.mock.calls.length, 0);
  return { handle, cs, ui, onError, calls };
}

const code = (r: Awaited<ReturnType<ReturnType<typeof setup>['handle']>>) => (r.ok ? 'ok' : r.error.code);

const chips = { type: 'cs/chips', emails: ['dana@bigcorp.io', 'sam@bigcorp.io'] };
const validContext = {
  type: 'cs/context',
  context: {
    site: 'gmail',
    url: 'https://mail.google.com/mail/u/0/#inbox/abc',
    account: 'rep@acme.com',
    thread: {
      threadId: 'abc',
      subject: 'Pricing',
      messages: [{ id: 'msg-f:1', from: { name: 'Dana', email: 'dana@bigcorp.io' }, recipients: [{ name: 'Rep', email: 'rep@acme.com' }], date: 1_790_000_000_000 }],
    },
  },
};

describe('createRouter: senders', () => {
  it('accepts a valid cs/chips from a Gmail tab and passes the tab id', async () => {
    const { handle, cs, calls } = setup();
    const r = await handle(chips, gmailTab);
    expect(r).toEqual({ ok: true, data: { 'dana@bigcorp.io': { label: 'Contact', color: '#000000' } } });
    expect(cs['cs/chips']).toHaveBeenCalledTimes(1);
    expect(cs['cs/chips']).toHaveBeenCalledWith(chips, 7, expect.objectContaining({ id: EXT_ID }));
    expect(calls()).toBe(1);
  });

  it('accepts a valid cs/context from LinkedIn and Gmail tabs', async () => {
    const { handle, cs } = setup();
    expect(code(await handle(validContext, gmailTab))).toBe('ok');
    expect(cs['cs/context']).toHaveBeenCalledWith(validContext, 7, expect.objectContaining({ id: EXT_ID }));
    const li = { type: 'cs/linkedin-sent', conversation: { profileUrl: 'https://www.linkedin.com/in/dana/', name: 'Dana' } };
    expect(await handle(li, linkedinTab)).toEqual({ ok: true, data: { logged: 0 } });
    expect(cs['cs/linkedin-sent']).toHaveBeenCalledWith(li, 9, expect.objectContaining({ id: EXT_ID }));
  });

  it.each<[string, SenderInfo]>([
    ['no id', { url: gmailTab.url, tab: { id: 7 } }],
    ['another extension', { ...gmailTab, id: 'otherextensionid' }],
  ])('rejects a sender with %s as forbidden', async (_l, sender) => {
    const { handle, calls } = setup();
    expect(code(await handle(chips, sender))).toBe('forbidden');
    expect(code(await handle({ type: 'ui/nudge-done', id: 'n1' }, { ...popup, id: sender.id }))).toBe('forbidden');
    expect(calls()).toBe(0);
  });

  it.each<[string, SenderInfo]>([
    ['no tab', { id: EXT_ID, url: 'https://mail.google.com/mail/u/0/' }],
    ['a tab without id', { id: EXT_ID, url: 'https://mail.google.com/mail/u/0/', tab: {} }],
    ['another site', { id: EXT_ID, url: 'https://evil.example/mail.google.com', tab: { id: 1 } }],
    ['a look-alike host', { id: EXT_ID, url: 'https://mail.google.com.evil.example/', tab: { id: 1 } }],
    ['plain http', { id: EXT_ID, url: 'http://mail.google.com/mail/', tab: { id: 1 } }],
    ['linkedin without www', { id: EXT_ID, url: 'https://linkedin.com/in/x/', tab: { id: 1 } }],
    ['no url', { id: EXT_ID, tab: { id: 1 } }],
    ['a garbage url', { id: EXT_ID, url: 'not a url', tab: { id: 1 } }],
    ['an extension page', sidebarInTab],
  ])('rejects a content message from %s as forbidden', async (_l, sender) => {
    const { handle, calls } = setup();
    const r = await handle(chips, sender);
    expect(r.ok).toBe(false);
    expect(code(r)).toBe('forbidden');
    expect(calls()).toBe(0);
  });

  it('accepts UI messages from extension pages, with or without a tab', async () => {
    const { handle, ui } = setup();
    const move = { type: 'ui/move-stage', dealId: 'd1', toStageId: 'meeting' };
    expect(await handle(move, popup)).toEqual({ ok: true, data: { ok: true } });
    expect(ui['ui/move-stage']).toHaveBeenCalledWith(move, null, expect.objectContaining({ id: EXT_ID }));
    expect(code(await handle({ type: 'ui/delete-activity', id: 'a1' }, sidebarInTab))).toBe('ok');
    expect(ui['ui/delete-activity']).toHaveBeenCalledWith({ type: 'ui/delete-activity', id: 'a1' }, 7, expect.objectContaining({ id: EXT_ID }));
  });

  it.each<[string, SenderInfo]>([
    ['a Gmail content script', gmailTab],
    ['a web page', { id: EXT_ID, url: 'https://evil.example/', tab: { id: 2 } }],
    ['another extension origin', { id: EXT_ID, url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html' }],
    ['no url', { id: EXT_ID }],
    ['a data: url', { id: EXT_ID, url: 'data:text/html,hi' }],
  ])('rejects a UI message from %s as forbidden', async (_l, sender) => {
    const { handle, calls } = setup();
    expect(code(await handle({ type: 'ui/update-settings', patch: { currency: 'EUR' } }, sender))).toBe('forbidden');
    expect(calls()).toBe(0);
  });
});

describe('createRouter: payloads', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'cs/chips'],
    ['an array', [chips]],
    ['no type', { emails: [] }],
    ['a numeric type', { type: 42 }],
    ['an unknown type', { type: 'bg/chips-stale' }],
    ['an unknown cs type', { type: 'cs/nope', emails: [] }],
    ['a missing field', { type: 'cs/chips' }],
    ['an invalid address', { type: 'cs/chips', emails: ['not an address'] }],
  ])('answers bad_request to %s from a Gmail tab, never calling a handler', async (_l, raw) => {
    const { handle, calls } = setup();
    const r = await handle(raw, gmailTab);
    expect(code(r)).toBe('bad_request');
    expect(r.ok || typeof r.error.message).toBe('string');
    expect(calls()).toBe(0);
  });

  it.each<[string, unknown]>([
    ['an unknown ui type', { type: 'ui/drop-database' }],
    ['an empty deal id', { type: 'ui/move-stage', dealId: '' }],
    ['a 65-char deal id', { type: 'ui/move-stage', dealId: 'x'.repeat(65) }],
    ['a kind the UI may not log', { type: 'ui/log-activity', contactId: 'c1', kind: 'email_in' }],
    ['a non-object patch', { type: 'ui/update-settings', patch: 'currency=EUR' }],
  ])('answers bad_request to %s from an extension page', async (_l, raw) => {
    const { handle, calls } = setup();
    expect(code(await handle(raw, popup))).toBe('bad_request');
    expect(calls()).toBe(0);
  });

  describe('hostile payloads', () => {
    const msg = validContext.context.thread.messages[0]!;
    it.each<[string, unknown, SenderInfo]>([
      ['1001 chip addresses', { type: 'cs/chips', emails: Array.from({ length: 1001 }, (_, i) => `p${i}@x.io`) }, gmailTab],
      [
        '1001 thread messages',
        { ...validContext, context: { ...validContext.context, thread: { ...validContext.context.thread, messages: Array(1001).fill(msg) } } },
        gmailTab,
      ],
      ['a 321-char address', { type: 'cs/chips', emails: [`${'a'.repeat(310)}@bigcorp.io`] }, gmailTab],
      ['a 2001-char subject', { ...validContext, context: { ...validContext.context, thread: { ...validContext.context.thread, subject: 's'.repeat(2001) } } }, gmailTab],
      ['a date as a string', { ...validContext, context: { ...validContext.context, thread: { ...validContext.context.thread, messages: [{ ...msg, date: '1790000000000' }] } } }, gmailTab],
      ['a fractional date', { ...validContext, context: { ...validContext.context, thread: { ...validContext.context.thread, messages: [{ ...msg, date: 1.5 }] } } }, gmailTab],
      ['a patch as a string', { type: 'ui/update-settings', patch: '{"currency":"EUR"}' }, popup],
      ['a number as an id', { type: 'ui/delete-activity', id: 123 }, popup],
      ['a __proto__ object in place of the address list', JSON.parse('{"type":"cs/chips","emails":{"__proto__":[]}}'), gmailTab],
      ['a __proto__ object in place of the context', JSON.parse('{"type":"cs/context","context":{"__proto__":{"site":"gmail"}}}'), gmailTab],
      ['a __proto__ type', JSON.parse('{"__proto__":{"type":"cs/chips"},"emails":[]}'), gmailTab],
    ])('answers bad_request to %s, never calling a handler', async (_l, raw, sender) => {
      const { handle, calls } = setup();
      expect(code(await handle(raw, sender))).toBe('bad_request');
      expect(calls()).toBe(0);
    });

    it('drops an extra __proto__ key: the handler gets only schema fields, and nothing is polluted', async () => {
      const { handle, cs, ui } = setup();
      const raw = JSON.parse('{"type":"cs/chips","emails":["dana@bigcorp.io"],"__proto__":{"polluted":true,"emails":["x@evil.io"]}}');
      expect(code(await handle(raw, gmailTab))).toBe('ok');
      const got = (cs['cs/chips'].mock.calls[0] as unknown[])[0] as Record<string, unknown>;
      expect(Object.getOwnPropertyNames(got).sort()).toEqual(['emails', 'type']);
      expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
      expect(got.polluted).toBeUndefined();
      expect(got.emails).toEqual(['dana@bigcorp.io']);

      const patchRaw = JSON.parse('{"type":"ui/update-settings","patch":{"__proto__":{"currency":"EUR"},"language":"id"}}');
      expect(code(await handle(patchRaw, popup))).toBe('ok');
      const patch = ((ui['ui/update-settings'].mock.calls[0] as unknown[])[0] as { patch: Record<string, unknown> }).patch;
      expect({ ...patch }).toEqual({ language: 'id' });
      expect(patch.currency).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).currency).toBeUndefined();
    });
  });

  it('answers internal when a handler throws, and reports the error', async () => {
    const { handle, cs, onError } = setup();
    const boom = new Error('db closed');
    cs['cs/chips'].mockRejectedValueOnce(boom);
    expect(await handle(chips, gmailTab)).toEqual({ ok: false, error: { code: 'internal', message: 'db closed' } });
    expect(onError).toHaveBeenCalledWith(boom);
    // the router keeps working afterwards
    expect(code(await handle(chips, gmailTab))).toBe('ok');
  });

  it('property: arbitrary JSON never reaches a handler unless it parses, and then exactly as parsed', async () => {
    const types = [
      'cs/context', 'cs/chips', 'cs/compose-sent', 'cs/linkedin-sent',
      'ui/nudge-done', 'ui/create-person', 'ui/move-stage', 'ui/log-activity', 'ui/delete-activity', 'ui/update-settings',
      'cs/x', 'ui/x', 'bg/layout', 'x',
    ];
    const fieldValue = fc.oneof(
      fc.jsonValue(),
      fc.array(fc.oneof(fc.emailAddress(), fc.string()), { maxLength: 4 }),
      fc.string({ maxLength: 70 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 }),
    );
    const keys = fc.constantFrom('emails', 'context', 'compose', 'account', 'conversation', 'person', 'dealId', 'toStageId', 'contactId', 'kind', 'text', 'id', 'patch', 'reason', '__proto__', 'constructor');
    const message = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom<unknown>(chips, validContext, { type: 'ui/nudge-done', id: 'n1' }, { type: 'ui/move-stage', dealId: 'd1' }),
      fc.tuple(fc.constantFrom(...types), fc.dictionary(keys, fieldValue, { maxKeys: 4 })).map(([type, rest]) => ({ ...rest, type })),
    );
    let reached = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(message, fc.boolean(), async (raw, fromPage) => {
        const { handle, cs, ui, calls } = setup();
        const r = await handle(raw, fromPage ? popup : gmailTab);
        const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
        const schema = fromPage ? UItoBG : CStoBG;
        const parsed = schema.safeParse(raw);
        const prefixOk = typeof type === 'string' && type.startsWith(fromPage ? 'ui/' : 'cs/');
        if (calls() > 0) {
          expect(calls()).toBe(1);
          expect(prefixOk && parsed.success).toBe(true);
          const handler = (fromPage ? ui : cs)[type as never] as ReturnType<typeof vi.fn>;
          expect(handler.mock.calls[0]![0]).toEqual(parsed.data);
          expect(r.ok).toBe(true);
        } else {
          expect(r.ok).toBe(false);
          if (prefixOk && !parsed.success) expect(code(r)).toBe('bad_request');
        }
        expect(calls() > 0).toBe(prefixOk && parsed.success);
        if (calls() > 0) reached++;
        else refused++;
      }),
      { numRuns: 400 },
    );
    // the property is not vacuous: both branches were exercised
    expect(reached).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });
});
