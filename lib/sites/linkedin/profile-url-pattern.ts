/**
 * The one form a LinkedIn profile URL takes in every message: `https://www.linkedin.com/in/<slug>/`. Apart, so the
 * schema (types.ts) and the content script's hand check (fits.ts) share it without the content script loading zod.
 */
export const PROFILE_URL_PATTERN = /^https:\/\/www\.linkedin\.com\/in\/[^/?#\s]+\/$/;
