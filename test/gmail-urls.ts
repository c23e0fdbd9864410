// The Gmail addresses the browser tests open, shared by the Chromium (Playwright)
// and Firefox (puppeteer-core) runs; plain constants, no test runner imported.
export const GMAIL = 'https://mail.google.com';
export const THREAD_URL = `${GMAIL}/mail/u/0/#inbox/FMfcgzQcqbVnHTPkWpXdMtbJsBNmqSxR`;
export const INBOX_URL = `${GMAIL}/mail/u/0/#inbox`;
