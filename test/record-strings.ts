/**
 * Every string inside a stored row (object keys too), with where it is: what
 * the forgetting tests (unit and e2e) search for anything left of a person.
 * Typed arrays (the nudge engine's packed numbers) hold no text.
 */
export function* recordStrings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value)) {
      yield [`${path}.${k}#key`, k];
      yield* recordStrings(v, `${path}.${k}`);
    }
  }
}
