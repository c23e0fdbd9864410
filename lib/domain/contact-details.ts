/** "+62 812-3456-7890" and "+62 (812) 3456 7890" are one number: the same digits. */
export const samePhone = (a: string, b: string): boolean => a.replace(/\D/g, '') === b.replace(/\D/g, '');

/** "https://bigcorp.io" and "https://bigcorp.io/" are one site. */
export const sameSite = (a: string, b: string): boolean => a.replace(/\/$/, '') === b.replace(/\/$/, '');
