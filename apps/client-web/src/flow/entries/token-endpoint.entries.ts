import type { TokenResponse } from '@oauth-flow-lab/contracts';
import { logSafe } from '@oauth-flow-lab/flow-log';
import type { TokenEndpointAnswer, TokenResponseVerdict } from '../../client-flow.events';
import type { RevocationResult } from '../../tokens/revoke-token';
import type { FlowEntry, FlowHttpRequest, FlowHttpResponse } from '../flow-record';
import { decodedForFlow, shownParameters, tokenReference, withoutQuery } from './shown-values';

/** Every back-channel request to auth-server authenticates the client the same way (RFC 6749 §2.3.1). */
const CLIENT_AUTHENTICATION = { Authorization: 'Basic [client_id:client_secret, redacted]' };

/** Step 3: the code exchange (RFC 6749 §4.1.3), made by passport-oauth2 at /callback. */
export function codeExchangeEntry(
  request: { tokenEndpoint: string; clientId: string; code: string; redirectUri: string },
  answer: TokenEndpointAnswer,
): FlowEntry {
  return {
    step: 3,
    from: 'client-web',
    to: 'auth-server',
    hop: 'code-exchange',
    ...answerParts(
      answer,
      'auth-server accepted the code, the code_verifier and the client credentials: its token ' +
        'response is step 4.',
    ),
    requestLine: 'POST /token grant_type=authorization_code',
    request: tokenRequest(request.tokenEndpoint, {
      grant_type: 'authorization_code',
      code: request.code,
      redirect_uri: request.redirectUri,
      // RFC 7636 §4.5: the verifier whose S256 hash was step 1's code_challenge. Never shown.
      code_verifier: '',
      client_id: request.clientId,
    }),
  };
}

/** Step 3 again, without the user (RFC 6749 §6): the refresh token spent for a new access token. */
export function refreshRequestEntry(
  tokenEndpoint: string,
  why: string,
  answer: TokenEndpointAnswer,
): FlowEntry {
  return {
    step: 3,
    from: 'client-web',
    to: 'auth-server',
    hop: 'refresh',
    why,
    ...answerParts(answer, 'auth-server accepted the refresh token: its token response is step 4.'),
    requestLine: 'POST /token grant_type=refresh_token',
    request: tokenRequest(tokenEndpoint, { grant_type: 'refresh_token', refresh_token: '' }),
  };
}

/**
 * Step 4: the token response, its tokens decoded for the view (header and claims only, the token
 * itself never kept). `grantType` says which step 3 it answers.
 */
export function tokenResponseEntry(
  tokenEndpoint: string,
  grantType: 'authorization_code' | 'refresh_token',
  tokens: TokenResponse,
  verdict: TokenResponseVerdict,
): FlowEntry {
  const received = [
    tokenReference(tokens.access_token),
    `expires in ${tokens.expires_in} s`,
    ...(tokens.refresh_token === undefined ? [] : ['refresh token']),
    ...(tokens.id_token === undefined
      ? []
      : [
          verdict.kind === 'accepted' && verdict.idToken === 'verified'
            ? 'id_token verified'
            : 'id_token',
        ]),
  ].join(', ');
  return {
    step: 4,
    from: 'auth-server',
    to: 'client-web',
    hop: grantType === 'authorization_code' ? 'token-response' : 'refresh',
    ok: verdict.kind === 'accepted',
    requestLine: `token response (grant_type=${grantType})`,
    outcome:
      verdict.kind === 'accepted' ? received : `${received} → ${verdict.code} (nothing stored)`,
    request: {
      method: 'POST',
      url: withoutQuery(tokenEndpoint),
      parameters: { grant_type: grantType },
      headers: {},
    },
    response: {
      status: 200,
      summary:
        verdict.kind === 'accepted'
          ? `A token response (RFC 6749 §5.1): ${received}. Kept in the session, server-side.`
          : `${verdict.code}: ${verdict.description}`,
      parameters: {
        token_type: tokens.token_type,
        expires_in: String(tokens.expires_in),
        scope: tokens.scope,
        access_token: `[redacted] (${tokenReference(tokens.access_token)})`,
        ...(tokens.refresh_token === undefined ? {} : { refresh_token: '[redacted]' }),
        ...(tokens.id_token === undefined ? {} : { id_token: '[redacted] (decoded below)' }),
      },
    },
    detail: {
      kind: 'tokens',
      accessToken: decodedForFlow(tokens.access_token),
      idToken: decodedForFlow(tokens.id_token),
    },
  };
}

/** Disconnect (RFC 7009 §2.1): client-web asks auth-server to revoke its token. */
export function revocationEntry(
  revocationEndpoint: string,
  tokenTypeHint: 'refresh_token' | 'access_token',
  answer: TokenEndpointAnswer,
): FlowEntry {
  const parts = answerParts(
    answer,
    'auth-server revoked the token; revoking a refresh token ends its grant (RFC 7009 §2.1).',
  );
  return {
    step: 3,
    from: 'client-web',
    to: 'auth-server',
    hop: 'revocation',
    ...parts,
    // RFC 7009 §2.2: 200 whether or not the token was still known.
    outcome: parts.ok ? '200 (revoked)' : parts.outcome,
    requestLine: `POST /revoke token_type_hint=${tokenTypeHint}`,
    request: tokenRequest(revocationEndpoint, { token: '', token_type_hint: tokenTypeHint }),
  };
}

function tokenRequest(url: string, form: Record<string, string>): FlowHttpRequest {
  return {
    method: 'POST',
    url: withoutQuery(url),
    parameters: shownParameters(form),
    headers: {
      ...CLIENT_AUTHENTICATION,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
  };
}

function answerParts(
  answer: TokenEndpointAnswer,
  accepted: string,
): Pick<FlowEntry, 'ok' | 'outcome'> & { response: FlowHttpResponse } {
  if (answer.kind === 'unreachable') {
    return {
      ok: false,
      outcome: `no answer (${answer.reason})`,
      response: { status: null, summary: answer.reason, parameters: {} },
    };
  }
  if (answer.status === 200 && answer.error === undefined) {
    return {
      ok: true,
      outcome: '200',
      response: { status: 200, summary: accepted, parameters: {} },
    };
  }
  const error = answer.error ?? 'no OAuth error in the body';
  return {
    ok: false,
    outcome: `${answer.status} ${logSafe(error)}`,
    response: {
      status: answer.status,
      summary: answer.description ? `${error}: ${shortText(answer.description)}` : error,
      parameters: answer.error === undefined ? {} : { error: answer.error },
    },
  };
}

/** An error_description is text from another service: shown, but bounded. */
function shortText(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The revocation as the flow view shows auth-server's answer. */
export function revocationAnswer(revocation: RevocationResult): TokenEndpointAnswer {
  if (revocation.kind === 'revoked') {
    return { kind: 'answered', status: 200 };
  }
  return revocation.status === undefined
    ? { kind: 'unreachable', reason: revocation.reason }
    : { kind: 'answered', status: revocation.status };
}
