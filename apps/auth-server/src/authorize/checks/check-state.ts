import type { RequestParameters } from '../../common/request-parameters';
import { BrowserError } from '../../errors/oauth-errors';

/**
 * The longest `state` accepted. RFC 6749 leaves its length open; a client needs a few dozen
 * characters (a random value, or the digest of its session), and it is echoed in a Location header.
 */
export const STATE_MAX_LENGTH = 1024;

/**
 * `state` is the client's own value, sent back unchanged in every answer to it, errors included
 * (RFC 6749 §4.1.2, §4.1.2.1): the client's defence against a forged callback (§10.12).
 * A repeated `state` cannot be sent back: it reads as absent here, and the repeat is refused with
 * the other checks (`assertNoRepeats`).
 */
export function readState(params: RequestParameters): string | undefined {
  try {
    return params.optional('state');
  } catch {
    return undefined;
  }
}

/**
 * The `state` to echo, checked before any error may be redirected: one longer than
 * STATE_MAX_LENGTH would make a redirect no browser or client reads, so it gets a 400 page instead,
 * and nothing is stored.
 */
export function checkState(params: RequestParameters): string | undefined {
  const state = readState(params);
  if (state !== undefined && state.length > STATE_MAX_LENGTH) {
    throw new BrowserError(
      400,
      'Invalid request',
      `The state parameter is longer than ${STATE_MAX_LENGTH} characters.`,
    );
  }
  return state;
}
