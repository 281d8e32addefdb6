import type { ClientEntity } from '../clients/client.entity';
import type { RequestParameters } from '../common/request-parameters';
import { AuthorizationResponseError, OAuthError } from '../errors/oauth-errors';
import { checkClient } from './checks/check-client';
import { checkClientGrant } from './checks/check-client-grant';
import { checkLengths } from './checks/check-lengths';
import { checkMaxAge } from './checks/check-max-age';
import { checkNonce } from './checks/check-nonce';
import { checkPkce } from './checks/check-pkce';
import { checkPrompt } from './checks/check-prompt';
import { checkRedirectUri } from './checks/check-redirect-uri';
import { checkResponseType } from './checks/check-response-type';
import { checkScope } from './checks/check-scope';
import { checkState } from './checks/check-state';

/** A validated authorization request (RFC 6749 §4.1.1 + RFC 7636 §4.3), ready for step 2. */
export interface ValidAuthorizationRequest {
  client: ClientEntity;
  redirectUri: string;
  state: string | undefined;
  scope: string[];
  codeChallenge: string;
  /** OIDC Core §3.1.2.1: optional, echoed in the id_token. */
  nonce: string | undefined;
  /** OIDC Core §3.1.2.1: the known `prompt` values (check-prompt.ts). */
  prompt: string[];
  /** OIDC Core §3.1.2.1: the oldest authentication the client accepts, in seconds (check-max-age.ts). */
  maxAge: number | undefined;
}

/**
 * The checks of GET /authorize, in order. The first three decide whether an error may be redirected
 * to the client (a known client, its registered redirect URI, a `state` short enough to send
 * back); after them every failure goes back to the client as `?error=` with `state`.
 */
export async function validateAuthorizationRequest(
  params: RequestParameters,
  findClient: (clientId: string) => Promise<ClientEntity | null>,
): Promise<ValidAuthorizationRequest> {
  const client = await checkClient(params, findClient);
  const redirectUri = checkRedirectUri(params, client);
  const state = checkState(params);
  try {
    params.assertNoRepeats();
    checkLengths(params);
    checkResponseType(params);
    checkClientGrant(client);
    const scope = checkScope(params, client);
    const codeChallenge = checkPkce(params);
    const nonce = checkNonce(params);
    const prompt = checkPrompt(params);
    const maxAge = checkMaxAge(params);
    return { client, redirectUri, state, scope, codeChallenge, nonce, prompt, maxAge };
  } catch (error) {
    if (error instanceof OAuthError) {
      throw new AuthorizationResponseError(error, redirectUri, state);
    }
    throw error;
  }
}
