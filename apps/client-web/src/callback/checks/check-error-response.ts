import { AuthorizationDeclined, AuthorizationServerError } from '../../errors/client-web-errors';
import type { AuthorizationResponse } from './parse-authorization-response';

/**
 * Step 2's outcome, RFC 6749 §4.1.2.1: instead of a code, auth-server may send the browser back
 * with `error` (and maybe `error_description`). `access_denied` means the user declined consent;
 * anything else is shown as an error. Both texts are shown escaped: they came in a URL anyone can
 * craft.
 */
export function checkErrorResponse(response: AuthorizationResponse): void {
  if (response.error === undefined) {
    return;
  }
  if (response.error === 'access_denied') {
    throw new AuthorizationDeclined(response.error_description ?? '');
  }
  throw new AuthorizationServerError(response.error, response.error_description ?? '');
}
