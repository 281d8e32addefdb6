import type { HttpRequest } from '../http/http-request';
import { readBindingCookie } from '../authorize/browser-binding';
import { nowInSeconds, sha256Digest } from '../common/random';
import { BrowserError } from '../errors/oauth-errors';
import { joinFlowOfState } from '../flow/flow-of-state';
import type { AuthorizationRequestEntity } from './authorization-request.entity';
import type { InteractionStore } from './interaction-store';

/**
 * The checks when the browser comes back from login-ui with a verifier, in order: the verifier is
 * known, this is the browser that started the request (browser-binding.ts), and it has not expired.
 * A known verifier names the flow (the stored request's `state`) before the other checks, so a
 * refusal is logged under it too.
 */
export async function findByVerifier(
  store: InteractionStore,
  column: 'loginVerifierDigest' | 'consentVerifierDigest',
  verifier: string | undefined,
  req: HttpRequest,
): Promise<AuthorizationRequestEntity> {
  if (verifier === undefined || verifier === '') {
    throw new BrowserError(400, 'Invalid request', 'The verifier parameter is missing.');
  }
  const request = await store.findBy(column, verifier);
  if (!request) {
    throw new BrowserError(
      400,
      'Unknown request',
      'This sign-in request is unknown. Start again from the application.',
    );
  }
  joinFlowOfState(request.state);
  const binding = readBindingCookie(req, request.id);
  if (binding === undefined || sha256Digest(binding) !== request.browserBindingDigest) {
    throw new BrowserError(
      403,
      'Different browser',
      'This sign-in request was started in another browser. Start again from the application.',
    );
  }
  if (request.expiresAt <= nowInSeconds()) {
    throw new BrowserError(
      410,
      'Request expired',
      'This sign-in request has expired. Start again from the application.',
    );
  }
  return request;
}

export function alreadyUsed(): BrowserError {
  return new BrowserError(
    410,
    'Request already used',
    'This sign-in request was already completed. Start again from the application.',
  );
}
