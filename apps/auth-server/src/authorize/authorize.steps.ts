import type { ClientEntity } from '../clients/client.entity';
import type { RequestParameters } from '../common/request-parameters';
import { AuthorizationResponseError, BrowserError, OAuthError } from '../errors/oauth-errors';
import { checkClient } from './checks/check-client';
import { checkClientGrant } from './checks/check-client-grant';
import { checkNonce } from './checks/check-nonce';
import { checkPkce } from './checks/check-pkce';
import { checkPrompt } from './checks/check-prompt';
import { checkRedirectUri } from './checks/check-redirect-uri';
import { checkResponseType } from './checks/check-response-type';
import { checkScope } from './checks/check-scope';

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
}

/**
 * The checks of GET /authorize, in order. The first two decide whether the client can be trusted
 * with a redirect; after them every failure goes back to the client as `?error=` with `state`.
 */
export async function validateAuthorizationRequest(
  params: RequestParameters,
  findClient: (clientId: string) => Promise<ClientEntity | null>,
): Promise<ValidAuthorizationRequest> {
  const client = await checkClient(params, findClient);
  const redirectUri = checkRedirectUri(params, client);
  const state = readState(params);
  if (state !== undefined && state.length > STATE_MAX_LENGTH) {
    // Every answer, errors included, carries the state back (RFC 6749 §4.1.2.1): one this long
    // would make a redirect no browser or client reads. A page, then, and nothing stored.
    throw new BrowserError(
      400,
      'Invalid request',
      `The state parameter is longer than ${STATE_MAX_LENGTH} characters.`,
    );
  }
  try {
    params.assertNoRepeats();
    checkResponseType(params);
    checkClientGrant(client);
    const scope = checkScope(params, client);
    const codeChallenge = checkPkce(params);
    const nonce = checkNonce(params);
    const prompt = checkPrompt(params);
    return { client, redirectUri, state, scope, codeChallenge, nonce, prompt };
  } catch (error) {
    if (error instanceof OAuthError) {
      throw new AuthorizationResponseError(error, redirectUri, state);
    }
    throw error;
  }
}

/**
 * The longest `state` accepted. RFC 6749 leaves its length open; a client needs a few dozen
 * characters (a random value, or the digest of its session), and it is echoed in a Location header.
 */
export const STATE_MAX_LENGTH = 1024;

/** `state` is echoed back in every response, errors included (RFC 6749 §4.1.2); a repeated one cannot be. */
export function readState(params: RequestParameters): string | undefined {
  try {
    return params.optional('state');
  } catch {
    return undefined;
  }
}
