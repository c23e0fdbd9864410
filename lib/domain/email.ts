import { z } from 'zod';

export const EmailSchema = z.email().max(320);

/** Emails are normalised once, at the boundary: trimmed and lower-cased. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return EmailSchema.safeParse(email).success ? email : null;
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

// Webmail providers: an address here says nothing about the person's employer,
// so it never creates a company.
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.id', 'yahoo.co.uk', 'ymail.com', 'rocketmail.com',
  'hotmail.com', 'hotmail.co.uk', 'outlook.com', 'outlook.co.id', 'live.com', 'msn.com', 'aol.com',
  'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.de', 'gmx.net',
  'web.de', 'mail.com', 'zoho.com', 'zohomail.com', 'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com',
  '126.com', 'fastmail.com', 'hey.com', 'tutanota.com', 'tuta.io', 'rediffmail.com', 'naver.com', 'daum.net',
]);

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL.has(domain.toLowerCase());
}

// Second-level labels under which registrable names sit (tokomaju.co.id, acme.com.au).
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'go', 'or', 'web', 'my', 'biz', 'gov', 'edu', 'sch']);

/** "mail.tokomaju.co.id" → "Tokomaju": a readable default the rep can rename. */
export function companyNameFromDomain(domain: string): string {
  const labels = domain.toLowerCase().split('.').filter(Boolean);
  if (labels.length === 0) return domain;
  let i = labels.length - 2;
  if (i > 0 && SECOND_LEVEL.has(labels[i]!) && labels[labels.length - 1]!.length === 2) i -= 1;
  const core = labels[Math.max(0, i)]!;
  return core
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** "dana.prospect@x.io" → "Dana Prospect" when the sender gave no name. */
export function nameFromEmail(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  return local
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
