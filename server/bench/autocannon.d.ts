// autocannon ships no types; the bench uses a few fields of its result, typed where it reads them.
declare module 'autocannon';
