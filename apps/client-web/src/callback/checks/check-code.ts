import { InvalidAuthorizationResponse } from '../../errors/client-web-errors';
import type { AuthorizationResponse } from './parse-authorization-response';

/** Step 3, RFC 6749 §4.1.2: a successful authorization response carries `code`. */
export function checkCode(response: AuthorizationResponse): void {
  if (response.code === undefined || response.code === '') {
    throw new InvalidAuthorizationResponse('The authorization response has no code parameter.');
  }
}
