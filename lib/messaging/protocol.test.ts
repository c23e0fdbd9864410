import { expectTypeOf } from 'vitest';
import type { Stage } from '../domain/stages';
import type { NudgeItem, ViewOf } from '../services/views';
import { CS_TO_BG, CStoBG, UI_TO_BG, UItoBG, type ReplyTo, type Request, type UItoBGMessage } from './protocol';
import type { Handlers } from './router';
import { ask, parseRow, parsedByService, unionOf, type MessageOf } from './table';
import { BG_TO_CS } from './to-content';
import * as z from 'zod/mini';

// The compile-time half of these tests runs in `npm run typecheck`: each line
// marked as an expected error must stay an error, or tsc fails.

describe('message tables: types', () => {
  it('holds a handler to its row’s reply', () => {
    type LogActivity = Handlers<typeof UI_TO_BG>['ui/log-activity'];
    const right: LogActivity = async () => ({ activityId: 'a1' });
    // @ts-expect-error ui/log-activity answers { activityId }, not { id }
    const wrong: LogActivity = async () => ({ id: 'a1' });
    // @ts-expect-error a refusal must carry a reason the page can word
    const vague: Handlers<typeof UI_TO_BG>['ui/close-deal'] = async () => ({ ok: false });
    expect([right, wrong, vague]).toHaveLength(3);
  });

  it('requires a handler for every row', () => {
    // @ts-expect-error cs/linkedin-sent has no handler
    const partial: Handlers<typeof CS_TO_BG> = {
      'cs/context': async () => null,
      'cs/chips': async () => ({}),
      'cs/compose-sent': async () => ({ logged: 0 }),
    };
    expect(partial).toBeDefined();
  });

  it('gives the page the reply of the message it sent', () => {
    expectTypeOf<ReplyTo<'ui/log-activity'>>().toEqualTypeOf<{ activityId: string }>();
    expectTypeOf<ReplyTo<'cs/chips'>>().toEqualTypeOf<Record<string, { label: string; color: string }>>();
    const read = (r: ReplyTo<'ui/move-stage'>) => {
      if (r.ok) return null;
      // Narrowed by the reason: a gate refusal carries the stage and the missing answers.
      if (r.reason === 'gated') return [r.stageId, r.missing] as const;
      // @ts-expect-error only a gate refusal has missing answers
      return r.missing;
    };
    expect(read({ ok: true })).toBeNull();
  });

  it('holds senders to the real type of a payload the router checks only loosely, and handlers to the loose one', () => {
    expectTypeOf<Request<'ui/save-stages'>['stages']>().toEqualTypeOf<Stage[]>();
    expectTypeOf<Extract<UItoBGMessage, { type: 'ui/save-stages' }>['stages']>().toEqualTypeOf<unknown>();
    expectTypeOf<Extract<UItoBGMessage, { type: 'ui/update-settings' }>['patch']>().toEqualTypeOf<Record<string, unknown>>();
    // @ts-expect-error a settings patch has no such field
    const bad: Request<'ui/update-settings'> = { type: 'ui/update-settings', patch: { currencyCode: 'EUR' } };
    // @ts-expect-error a BANT answer's state is one of four words
    const badBant: Request<'ui/update-bant'> = { type: 'ui/update-bant', dealId: 'd1', patch: { budget: { state: 'maybe' } } };
    expect([bad, badBant]).toHaveLength(2);
  });

  it('types each live view by its query name', () => {
    expectTypeOf<ViewOf<{ name: 'nudges' }>>().toEqualTypeOf<NudgeItem[]>();
    const items = [] as ViewOf<{ name: 'nudges' }>;
    // @ts-expect-error the nudges view is a list, not the contact view
    expect(items.contact).toBeUndefined();
  });
});

describe('message tables: runtime', () => {
  const table = {
    'x/plain': ask({ n: z.number() }).answers<number>(),
    'x/empty': ask({}).answers<void>(),
    'x/loose': ask({ p: parsedByService<{ a: string }>()(z.record(z.string(), z.unknown())) }).answers<null>(),
  };
  const schema = unionOf(table);

  it('parses each row by its fields, and refuses other types', () => {
    expect(schema.safeParse({ type: 'x/plain', n: 1 }).data).toEqual({ type: 'x/plain', n: 1 });
    expect(schema.safeParse({ type: 'x/plain', n: '1' }).success).toBe(false);
    expect(schema.safeParse({ type: 'x/empty', extra: 1 }).data).toEqual({ type: 'x/empty' });
    expect(schema.safeParse({ type: 'x/loose', p: { b: 2 } }).data).toEqual({ type: 'x/loose', p: { b: 2 } });
    expect(schema.safeParse({ type: 'x/loose', p: 'a' }).success).toBe(false);
    expect(schema.safeParse({ type: 'x/other' }).success).toBe(false);
    expectTypeOf<MessageOf<typeof table, 'x/empty'>>().toEqualTypeOf<{ type: 'x/empty' }>();
  });

  it('parseRow agrees with the union, message by message', () => {
    for (const raw of [{ type: 'x/plain', n: 1 }, { type: 'x/plain' }, { type: 'x/empty' }, { type: 'toString' }, { type: '__proto__' }, null, 'x/empty', {}]) {
      const r = schema.safeParse(raw);
      expect(parseRow(table, raw), JSON.stringify(raw)).toEqual(r.success ? r.data : null);
    }
  });

  it('builds the router’s unions from every row of the tables', () => {
    for (const [table, union] of [
      [CS_TO_BG, CStoBG],
      [UI_TO_BG, UItoBG],
    ] as const) {
      for (const type of Object.keys(table)) {
        // A missing row would fail on `type`; a present one fails only on its own fields.
        const r = union.safeParse({ type });
        const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
        expect(paths, type).not.toContain('type');
      }
    }
    expect(Object.keys(BG_TO_CS)).toEqual(['bg/chips-stale', 'bg/resend', 'bg/focus-sidebar']);
  });
});
