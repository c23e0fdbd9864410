import { email, int, list, nullable, record, text } from '../fits';

/** The rules of gmail/types.ts's schemas, by hand for the content script (see ../fits.ts). */
export const gmailPerson = record({ name: text(300), email: email(320) });

export const gmailMessage = record({
  id: text(200, 1),
  from: gmailPerson,
  recipients: list(gmailPerson, 500),
  date: nullable(int),
});

export const gmailThread = record({ threadId: text(200, 1), subject: text(2000), messages: list(gmailMessage, 1000) });

export const gmailCompose = record({
  composeId: nullable(text(200)),
  threadId: nullable(text(200)),
  subject: text(2000),
  recipients: list(gmailPerson, 500),
});
