import type { RequestParameters } from '../../common/request-parameters';
import { InvalidRequest } from '../../errors/oauth-errors';

/**
 * The longest value accepted for each /authorize parameter that is stored with the request or sent
 * back in an answer (docs/security-cases.md, case 43). RFC 6749 sets no lengths; without bounds, an
 * anonymous request could make auth-server store and echo kilobytes per call. Each bound is far above
 * any real client's need. The others have theirs where they are checked: `state` (1024,
 * check-state.ts: too long to send back, so a 400 page), `nonce` (255, check-nonce.ts),
 * `code_challenge` (43 to 128, RFC 7636 §4.2, check-pkce.ts), `client_id` (CLIENT_ID_MAX_LENGTH
 * below, before the lookup), and `redirect_uri`, which must equal a registered URI. Parameters this
 * server does not know are ignored: never stored, never echoed.
 */
export const AUTHORIZE_PARAMETER_MAX_LENGTHS = {
  response_type: 64,
  scope: 1024,
  code_challenge_method: 16,
  prompt: 64,
} as const;

/** The longest client_id looked up; a longer one names no client (they are registered short). */
export const CLIENT_ID_MAX_LENGTH = 255;

/** Each bounded parameter within its length, or invalid_request naming it (sent to the client). */
export function checkLengths(params: RequestParameters): void {
  for (const [name, maxLength] of Object.entries(AUTHORIZE_PARAMETER_MAX_LENGTHS)) {
    if ((params.optional(name)?.length ?? 0) > maxLength) {
      throw new InvalidRequest(`${name} is longer than ${maxLength} characters`);
    }
  }
}
