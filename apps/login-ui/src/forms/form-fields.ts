import { BadRequestPageError } from '../errors/page-errors';

/** A property of a parsed body, query or cookie jar: own properties only, never inherited ones. */
export function ownField(source: unknown, name: string): unknown {
  return typeof source === 'object' && source !== null && Object.hasOwn(source, name)
    ? (source as Record<string, unknown>)[name]
    : undefined;
}

/**
 * Reads the named fields of an urlencoded form. Each must be sent exactly once, as text: a field
 * sent twice arrives as an array and is refused with a 400 page, like a missing one.
 */
export function readFormFields<const K extends string>(
  body: unknown,
  names: readonly K[],
): Record<K, string> {
  const fields = {} as Record<K, string>;
  for (const name of names) {
    fields[name] = readTextParameter(ownField(body, name), name);
  }
  return fields;
}

/** A single text parameter, e.g. `login_challenge` from the query string; otherwise a 400 page. */
export function readTextParameter(value: unknown, name: string): string {
  if (value === undefined) {
    throw new BadRequestPageError(`The ${name} parameter is missing.`);
  }
  if (typeof value !== 'string') {
    throw new BadRequestPageError(`The ${name} parameter must be sent exactly once.`);
  }
  return value;
}

/** The challenge auth-server put in the URL (or the form carried along): present and non-empty. */
export function readChallenge(
  value: unknown,
  name: 'login_challenge' | 'consent_challenge',
): string {
  const challenge = readTextParameter(value, name);
  if (challenge.length === 0 || challenge.length > 512) {
    throw new BadRequestPageError(`The ${name} parameter is missing or malformed.`);
  }
  return challenge;
}

/** An optional checkbox (`<input type="checkbox" name=… value="yes">`): ticked when sent as `yes`. */
export function readCheckbox(body: unknown, name: string): boolean {
  const value = ownField(body, name);
  if (value === undefined) {
    return false;
  }
  return readTextParameter(value, name) === 'yes';
}
