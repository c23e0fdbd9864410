/**
 * Triggers (docs/sales-method.md, "Triggers"): words in an incoming message that show a
 * lead is ready for the next stage ("can we schedule a demo", "minta
 * penawaran harga"): the kinds, the rep's editable rules and the defaults.
 * Finding them in a message is trigger-scan.ts.
 */
import { z } from 'zod';
import { normalizePhrase, WORD } from './text-fold';

export const TriggerKindSchema = z.enum([
  'demo_request',
  'quote_request',
  'trial_started',
  'trial_finished',
  'sample_order',
  'contract',
  'mailing_signup',
  'unsubscribe',
  'not_interested',
]);
export type TriggerKind = z.infer<typeof TriggerKindSchema>;

const hasWord = (s: string) => WORD.test(s);

export const TriggerRuleSchema = z.object({
  id: z.string().min(1, 'a rule needs an id').max(64, 'a rule id is at most 64 characters'),
  kind: TriggerKindSchema,
  phrases: z
    .array(
      z
        .string()
        .trim()
        .min(2, 'a phrase needs at least 2 characters')
        .max(80, 'a phrase is at most 80 characters')
        .refine(hasWord, 'a phrase needs a letter or a digit'),
    )
    .min(1, 'a rule needs at least one phrase')
    .max(50, 'a rule has at most 50 phrases')
    .superRefine((phrases, ctx) => {
      // Duplicates as the matcher sees them: case, accents and punctuation aside.
      const seen = new Map<string, number>();
      phrases.forEach((p, i) => {
        const key = normalizePhrase(p);
        const first = seen.get(key);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i], message: `"${p}" repeats phrase ${first + 1}` });
        else seen.set(key, i);
      });
    }),
  /** The stage to suggest, or 'lost' to suggest closing the deal as lost. */
  stageId: z.string().trim().min(1, 'a rule needs a stage').max(64),
  enabled: z.boolean(),
});
export type TriggerRule = z.infer<typeof TriggerRuleSchema>;

export const TriggerRulesSchema = z
  .array(TriggerRuleSchema)
  .max(50, 'at most 50 trigger rules')
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `rule id "${r.id}" is used twice` });
      seen.add(r.id);
    });
  });

export const DEFAULT_TRIGGERS: TriggerRule[] = [
  {
    id: 'demo_request',
    kind: 'demo_request',
    stageId: 'meeting',
    enabled: true,
    phrases: [
      'schedule a demo', 'book a demo', 'see a demo', 'demo next week', 'product demo', 'request a demo', 'arrange a demo',
      'bisakah kita jadwalkan demo', 'jadwalkan demo', 'minta demo', 'boleh demo',
    ],
  },
  {
    id: 'quote_request',
    kind: 'quote_request',
    stageId: 'proposal',
    enabled: true,
    phrases: [
      'send a quote', 'send pricing', 'price list', 'quotation', 'request a quote', 'send me a quote',
      'minta penawaran harga', 'penawaran harga', 'daftar harga', 'berapa harganya',
    ],
  },
  {
    id: 'trial_started',
    kind: 'trial_started',
    stageId: 'meeting',
    enabled: true,
    phrases: [
      'started the trial', 'started our trial', 'started a trial', 'signed up for the trial', 'signed up for a trial',
      'mulai trial', 'mulai uji coba', 'sudah daftar trial',
    ],
  },
  {
    id: 'trial_finished',
    kind: 'trial_finished',
    stageId: 'proposal',
    enabled: true,
    phrases: [
      'trial has ended', 'trial ended', 'trial is over', 'finished the trial', 'finished our trial', 'trial expired',
      'trial sudah selesai', 'uji coba selesai', 'selesai trial',
    ],
  },
  {
    id: 'sample_order',
    kind: 'sample_order',
    stageId: 'proposal',
    enabled: true,
    phrases: ['order a sample', 'request a sample', 'send a sample', 'send us a sample', 'pesan sampel', 'minta sampel', 'kirim sampel'],
  },
  {
    id: 'contract',
    kind: 'contract',
    stageId: 'closing',
    enabled: true,
    phrases: [
      'send the contract', 'ready to sign', 'signed the contract', 'send over the contract',
      'kirim kontrak', 'siap tanda tangan', 'sudah tanda tangan',
    ],
  },
  {
    id: 'mailing_signup',
    kind: 'mailing_signup',
    stageId: 'qualification',
    enabled: true,
    phrases: [
      'subscribe to your newsletter', 'signed up for your newsletter', 'join your mailing list', 'add me to your mailing list',
      'berlangganan newsletter', 'daftar newsletter',
    ],
  },
  {
    id: 'unsubscribe',
    kind: 'unsubscribe',
    stageId: 'lost',
    enabled: true,
    phrases: ['unsubscribe', 'remove me from', 'stop emailing me', 'berhenti berlangganan', 'hapus saya dari'],
  },
  {
    id: 'not_interested',
    kind: 'not_interested',
    stageId: 'lost',
    enabled: true,
    phrases: ['not interested', 'no longer interested', 'tidak tertarik', 'belum tertarik', 'tidak berminat'],
  },
];

/** Signals of interest (demo, quote, trial, sample): once the rep accepts one, it adds engagement points. */
export const ENGAGING_TRIGGERS: ReadonlySet<string> = new Set<TriggerKind>(['demo_request', 'quote_request', 'trial_started', 'trial_finished', 'sample_order']);
