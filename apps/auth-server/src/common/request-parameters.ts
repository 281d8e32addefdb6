import { InvalidRequest } from '../errors/oauth-errors';
import { hasNul } from './nul';

/**
 * The parameters of an OAuth request (the query of /authorize, the form body of /token), read the
 * way RFC 6749 §3.1 and §3.2 say:
 * - "Parameters sent without a value MUST be treated as if they were omitted from the request."
 * - "Request and response parameters MUST NOT be included more than once."
 * The parsers make a repeated parameter an array; reading it is an invalid_request. Only flat
 * string values exist: the parsers know no nested-object syntax (http/request-bodies.ts).
 */
export class RequestParameters {
  constructor(private readonly raw: Record<string, unknown>) {}

  /** The value of a parameter sent at most once, or undefined when absent or empty. */
  optional(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === '') {
      return undefined;
    }
    if (typeof value !== 'string') {
      throw new InvalidRequest(`${name} must be sent exactly once`);
    }
    if (hasNul(value)) {
      throw new InvalidRequest(`${name} contains a NUL character`);
    }
    return value;
  }

  /** The value of a required parameter: a missing one is an invalid_request naming it. */
  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) {
      throw new InvalidRequest(`${name} is required`);
    }
    return value;
  }

  /** Whether the parameter was sent at all (even empty or repeated). */
  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  /** Every parameter is single-valued (unknown extra parameters are otherwise ignored, §3.1). */
  assertNoRepeats(): void {
    for (const [name, value] of Object.entries(this.raw)) {
      if (typeof value !== 'string') {
        throw new InvalidRequest(`${name} must be sent exactly once`);
      }
    }
  }

  /**
   * For the form bodies of /token, /introspect and /revoke (docs/security-cases.md, case 23):
   * single-valued, and no parameter name in the bracket syntax (`code[$gt]=`, `scope[a]=b`) that
   * nested-object parsers turn into objects and arrays. Our parser keeps such a name a plain
   * string, but a body written that way is meant for a parser that would not: refused as
   * invalid_request, not ignored.
   */
  assertFlat(): void {
    this.assertNoRepeats();
    const bracketed = Object.keys(this.raw).find((name) => /[[\]]/.test(name));
    if (bracketed !== undefined) {
      throw new InvalidRequest(
        `parameter names with brackets are not accepted (${bracketed.slice(0, 40)}): send flat name=value pairs`,
      );
    }
  }
}
