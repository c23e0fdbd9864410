import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Frame, FrameLocator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Runs axe-core (WCAG 2.1 A and AA) inside an extension page or frame and fails with a readable list of what
 * it found. Extension pages forbid inline scripts (script-src 'self'), so axe's source goes in through
 * Playwright's evaluate (the DevTools protocol, which page CSP does not govern) rather than a <script> tag.
 * Every new page or state gets a call here, so accessibility stays checked as the product grows.
 */

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** An accepted violation: which rule, optionally only on which elements, and why (required, shown in the code). */
export interface AxeException {
  rule: string;
  /** A CSS selector as axe reports the target; without it the rule is off for the whole check. */
  target?: string;
  reason: string;
}

export interface AxeOptions {
  /** Limits the check to part of the document (a CSS selector). */
  include?: string;
  exceptions?: AxeException[];
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html?: string; failureSummary?: string }[];
}

type Target = Page | Frame | FrameLocator;

async function frameOf(target: Target): Promise<Page | Frame> {
  if ('evaluate' in target) return target;
  // A FrameLocator (the sidebar iframe inside a site page): reach the frame it points at.
  const handle = await target.owner().elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error('axe: the frame has no document yet');
  return frame;
}

/** The violations axe finds, exceptions removed. */
export async function axeViolations(target: Target, opts: AxeOptions = {}): Promise<Violation[]> {
  const frame = await frameOf(target);
  // Colours still fading (a scheme just switched, `transition-colors` on buttons) read as mixes of old and new:
  // wait until no transition or animation runs, so axe sees the colours the rep ends up with.
  await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 5_000 });
  const loaded = await frame.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await frame.evaluate(axeSource);
  const exceptions = opts.exceptions ?? [];
  const wholeRulesOff = exceptions.filter((e) => !e.target).map((e) => e.rule);
  const violations: Violation[] = await frame.evaluate(
    async ({ include, tags, off }) => {
      const axe = (globalThis as any).axe;
      const rules = Object.fromEntries(off.map((id: string) => [id, { enabled: false }]));
      const result = await axe.run(include ? { include: [include] } : document, {
        runOnly: { type: 'tag', values: tags },
        rules,
        // Site pages around the sidebar are not ours; each frame is checked on its own.
        iframes: false,
        resultTypes: ['violations'],
      });
      return (result.violations as Violation[]).map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    { include: opts.include, tags: WCAG_21_AA, off: wholeRulesOff },
  );
  return violations
    .map((v) => ({
      ...v,
      nodes: v.nodes.filter((n) => !exceptions.some((e) => e.rule === v.id && e.target && n.target.join(' ') === e.target)),
    }))
    .filter((v) => v.nodes.length > 0);
}

export function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const summary = (n.failureSummary ?? '').split('\n').slice(1, 3).map((s) => s.trim()).filter(Boolean).join(' ');
        const html = (n.html ?? '').replace(/\s+/g, ' ').slice(0, 120);
        return `    - ${n.target.join(' ')}${summary ? `: ${summary}` : ''}${html ? `\n      ${html}` : ''}`;
      });
      return `  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Fails the test, naming every violating element, unless axe finds nothing (exceptions aside). */
export async function expectNoAxeViolations(target: Target, label: string, opts: AxeOptions = {}): Promise<void> {
  const violations = await axeViolations(target, opts);
  const count = violations.reduce((n, v) => n + v.nodes.length, 0);
  expect(count, `axe found ${count} WCAG 2.1 AA violation(s) in ${label}:\n${formatViolations(violations)}`).toBe(0);
}
