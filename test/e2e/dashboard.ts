import type { BrowserContext, Page } from '@playwright/test';

export const dashboardUrl = (extensionId: string) => `chrome-extension://${extensionId}/dashboard.html`;

export async function openDashboard(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(dashboardUrl(extensionId));
  return page;
}
