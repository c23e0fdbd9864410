import { list, matching, nullable, record, text, url } from '../fits';
import { PROFILE_URL_PATTERN } from './profile-url-pattern';

/** The rules of linkedin/types.ts's schemas, by hand for the content script (see ../fits.ts). */
export const linkedInProfileUrl = matching(PROFILE_URL_PATTERN, 500);

export const linkedInProfile = record({
  profileUrl: linkedInProfileUrl,
  name: text(300, 1),
  headline: nullable(text(500)),
  company: nullable(text(300)),
  location: nullable(text(300)),
  photoUrl: nullable(url(2000)),
});

export const linkedInConversation = record({ profileUrl: nullable(linkedInProfileUrl), name: text(300, 1) });

export const linkedInContactInfo = record({ emails: list(text(320), 5), phones: list(text(40), 5), websites: list(url(500), 5) });
