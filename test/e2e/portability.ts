import { expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture } from './fixtures';

// Helpers for the Import & export section of dashboard.html, through its contract test ids only.

export const importFixture = (name: string) => fixture('import', name);

/** A scratch file for a generated input (hostile files, backups between profiles). */
export function scratch(name: string, data: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-data-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

/** Clicks an export button and returns the saved file's text. */
export async function download(page: Page, testId: string, table?: string): Promise<{ name: string; text: string }> {
  const button = table ? page.locator(`[data-testid="${testId}"][data-table="${table}"]`) : page.getByTestId(testId);
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const file = await d.path();
  return { name: d.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** The backup's text with its export time blanked: two backups of the same data are then the same bytes. */
export const sameBytes = (backupText: string) => backupText.replace(/"exportedAt":\d+/, '"exportedAt":0');

export async function chooseFile(page: Page, file: string): Promise<void> {
  await page.getByTestId('sidecar-import-file').setInputFiles(file);
}

export async function reportOf(page: Page): Promise<{ status: string; created: number; merged: number; skipped: number; errors: number; text: string }> {
  const report = page.getByTestId('sidecar-import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  const attr = async (n: string) => Number(await report.getAttribute(`data-${n}`));
  return {
    status: (await report.getAttribute('data-status')) ?? '',
    created: await attr('created'),
    merged: await attr('merged'),
    skipped: await attr('skipped'),
    errors: await attr('errors'),
    text: (await report.textContent()) ?? '',
  };
}

/** Actions of the previewed rows, in order. */
export async function rowActions(page: Page): Promise<string[]> {
  const rows = page.getByTestId('sidecar-import-row');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? ''));
}
