// Step 1, RFC 6749 §4.1.1 with PKCE (RFC 7636 §4.3): client-web sends the browser to auth-server's
// authorization endpoint; auth-server checks the request and hands the browser to login-ui.
import { flowIdFromState } from '@oauth-flow-lab/flow-log';
import { isRedirect } from '../browser';
import type { AuthorizationRequest, FlowContext } from '../flow-context';
import { redactParameter } from '../secrets';

/** The parameters of the authorization request, in the order RFC 6749 §4.1.1 lists them. */
const REQUEST_PARAMETERS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const;

export async function askForAuthorization(ctx: FlowContext): Promise<AuthorizationRequest> {
  const { browser, printer } = ctx;
  browser.knows('client-web', ctx.clientWeb);
  printer.explain('The user clicks Connect on Notes Reader (client-web).');
  const connect = await browser.send('GET', new URL('/connect', ctx.clientWeb));
  if (!isRedirect(connect) || !connect.location.pathname.endsWith('/authorize')) {
    throw new Error(
      `client-web answered ${connect.status} to /connect, not a redirect to /authorize`,
    );
  }
  const authorizeUrl = connect.location;
  browser.knows('auth-server', authorizeUrl);
  const params = authorizeUrl.searchParams;
  printer.explain('The authorization request, in the redirect:');
  printer.fields(
    REQUEST_PARAMETERS.map((name) => [
      name,
      redactParameter(name, params.get(name) ?? '(missing)'),
    ]),
  );
  const state = params.get('state');
  if (params.get('response_type') !== 'code' || params.get('code_challenge_method') !== 'S256') {
    throw new Error('client-web did not ask for response_type=code with an S256 PKCE challenge');
  }
  if (!state) {
    throw new Error('client-web sent no state');
  }
  printer.explain(
    'client-web keeps state and the PKCE code_verifier in its session; only the SHA-256 of the verifier (code_challenge) travels.',
  );
  // The four services log this flow under the same id, derived from state (libs/flow-log).
  printer.fields([['flow id', flowIdFromState(state)]]);
  printer.explain(
    "The four services' logs name this flow by that id: grep it in the npm start output.",
  );

  const authorize = await browser.send('GET', authorizeUrl);
  if (!isRedirect(authorize)) {
    throw new Error(`auth-server answered ${authorize.status} to /authorize instead of a redirect`);
  }
  const error = authorize.location.searchParams.get('error');
  if (error !== null) {
    throw new Error(`auth-server refused the authorization request: error=${error}`);
  }
  browser.knows('login-ui', authorize.location);
  printer.passed(
    'auth-server checked client, redirect_uri, response_type, scope and PKCE, and sends the browser to login-ui with a login challenge',
  );
  return { authServer: authorizeUrl.origin, state, next: authorize.location };
}
