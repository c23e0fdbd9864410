import { sidebar, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';
test('debug', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await page.waitForTimeout(1500);
  const f = page.frames().find((f) => f.url().includes('sidebar'))!;
  console.log(await f.evaluate(() => new Promise((res) => { const r = indexedDB.open('x-test'); r.onsuccess = () => res('ok ' + r.result.name); r.onerror = () => res('err ' + r.error?.name + ' ' + r.error?.message); })));
  console.log(await f.evaluate(() => document.body.innerHTML.slice(0, 300)));
  console.log(await f.evaluate(() => navigator.storage.estimate().then(JSON.stringify)));
});
