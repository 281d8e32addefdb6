import { logSafe, shorten } from '@oauth-flow-lab/flow-log';
import type { AuthorizationRequestSent, RefusedResponse } from '../../client-flow.events';
import type { FlowEntry } from '../flow-record';
import { shownParameters, withoutQuery } from './shown-values';

/**
 * Step 1 (front channel): client-web answers GET /connect with a 302 to auth-server's /authorize;
 * the browser carries the request there.
 */
export function authorizationRequestEntry(sent: AuthorizationRequestSent): FlowEntry {
  const parameters = shownParameters({
    response_type: 'code',
    client_id: sent.clientId,
    redirect_uri: sent.redirectUri,
    scope: sent.scope,
    state: sent.state,
    code_challenge: sent.codeChallenge,
    code_challenge_method: 'S256',
    nonce: sent.nonce,
  });
  return {
    step: 1,
    from: 'client-web',
    to: 'auth-server',
    hop: 'authorization-request',
    ok: true,
    requestLine: 'GET /connect',
    outcome:
      `302 to /authorize (scope=${sent.scope}, state=${parameters['state']}, ` +
      `code_challenge=${parameters['code_challenge']} S256)`,
    request: {
      method: 'GET',
      url: withoutQuery(sent.authorizationEndpoint),
      parameters,
      headers: {},
    },
    response: {
      status: 302,
      summary:
        "client-web answered the browser's GET /connect with 302 Found to this authorization " +
        'request; the browser follows it to auth-server, which sends it on to login-ui.',
      parameters: {},
    },
  };
}

/** The query of the callback, as received (each parameter once, or the request was refused). */
export interface AuthorizationResponseReceived {
  callbackUrl: string;
  query: Readonly<Record<string, string | undefined>>;
}

/**
 * Step 2 (front channel), as client-web sees its end: auth-server's 303 brings the browser to
 * /callback with `code` (or `error`), `state` and `iss` (RFC 6749 §4.1.2, RFC 9207). `refused` is
 * set when a check failed or auth-server sent an error (access_denied: the user said no).
 */
export function authorizationResponseEntry(
  received: AuthorizationResponseReceived,
  refused: RefusedResponse | null,
): FlowEntry {
  const { code, state, iss, error, error_description: errorDescription } = received.query;
  const parameters = shownParameters({
    code,
    state,
    iss,
    error,
    error_description: errorDescription,
  });
  // `error` is whatever the URL said: anyone can send a browser to /callback?error=<a newline and
  // a forged line>. Cut and escaped (flow-log's logSafe, docs/security-cases.md case 50); so is a
  // refusal's code, which for an error response is that same `error`.
  const sent =
    code !== undefined
      ? `code=${shorten(code)}`
      : error !== undefined
        ? `error=${logSafe(error)}`
        : '';
  return {
    step: 2,
    from: 'auth-server',
    to: 'client-web',
    hop: 'authorization-response',
    ok: refused === null,
    requestLine: `GET /callback ${sent}`.trim(),
    outcome: refused === null ? 'state ok, iss ok' : logSafe(refused.code),
    request: { method: 'GET', url: withoutQuery(received.callbackUrl), parameters, headers: {} },
    response:
      refused === null
        ? {
            status: null,
            summary:
              'iss is our auth-server (RFC 9207) and state is the one this browser sent in step 1 ' +
              '(RFC 6749 §10.12): the code goes to the token endpoint (step 3).',
            parameters: {},
          }
        : {
            status: refused.status,
            summary: `${refused.code}: ${refused.description}`,
            parameters: { error: refused.code },
          },
  };
}
