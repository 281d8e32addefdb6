import type { AuthorizationErrorCode } from '@oauth-flow-lab/contracts';
import { AuthorizationResponseError, OAuthError } from '../errors/oauth-errors';
import type { AuthorizationRequestEntity } from './authorization-request.entity';

/** The error login-ui chose when it rejected a login or consent (usually access_denied). */
export class UserRejection extends OAuthError {
  constructor(
    readonly error: AuthorizationErrorCode,
    description: string,
  ) {
    super(description);
  }
}

/** The authorization response for a rejected request: the client gets `error`, `state` and `iss`. */
export function rejectionResponse(request: AuthorizationRequestEntity): AuthorizationResponseError {
  const rejection = new UserRejection(
    request.rejectionError ?? 'access_denied',
    request.rejectionDescription ?? 'The user denied the request',
  );
  return new AuthorizationResponseError(rejection, request.redirectUri, request.state ?? undefined);
}
