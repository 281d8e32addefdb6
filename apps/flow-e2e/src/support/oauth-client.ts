import { type TokenResponse, TokenResponseSchema } from '@oauth-flow-lab/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { asStop, Browser } from './browser';
import type { RunningServices } from '@oauth-flow-lab/testing';

/**
 * A test client that uses client-web's registration (client id, secret, redirect URI) directly,
 * with its own state and PKCE verifier, so the test holds the tokens client-web would keep in its
 * session and can exercise what happens to them after step 4.
 */
export const CLIENT_WEB = { id: 'client-web', secret: 'client-web-secret' };
export const REPORTING_SERVICE = { id: 'reporting-service', secret: 'reporting-service-secret' };

export function basic(client: { id: string; secret: string }): string {
  return `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
}

/** POSTs a form to auth-server (the back channel of steps 3-4, /revoke, /introspect). */
export async function postForm(
  services: RunningServices,
  path: string,
  form: Record<string, string>,
  client: { id: string; secret: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${services.urls.authServer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client) },
    body: new URLSearchParams(form).toString(),
  });
  // /revoke answers 200 with an empty body (RFC 7009 §2.2); the others answer JSON.
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** Steps 1-4 for a user, as a browser and a client would: returns the token response. */
export async function connect(
  services: RunningServices,
  user: { username: string; password: string },
  scope: string,
): Promise<TokenResponse> {
  return (await connectHoldingSecrets(services, user, scope)).token;
}

/** Steps 1-2 for a user: the code at the callback, not redeemed yet, and what redeeming it needs. */
export interface ObtainedCode {
  code: string;
  verifier: string;
  redirectUri: string;
  /** Whether the consent page was shown (a remembered consent skips it). */
  consentShown: boolean;
}

/**
 * Steps 1-2 as a browser would walk them, with client-web's registration: /authorize, login,
 * consent (Allow; `remember` ticks "Remember this decision"), up to the callback carrying the code.
 */
export async function obtainCode(
  services: RunningServices,
  user: { username: string; password: string },
  scope: string,
  { remember = false }: { remember?: boolean } = {},
): Promise<ObtainedCode> {
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${services.urls.clientWeb}/callback`;
  const authorize = new URL(`${services.urls.authServer}/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_WEB.id,
    redirect_uri: redirectUri,
    scope,
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const browser = new Browser();
  const atCallback = (next: URL) => next.toString().startsWith(redirectUri);
  const loginPage = await browser.open(authorize.toString());
  const afterLogin = await browser.submit(loginPage, 'form[action="/login"]', user, atCallback);
  // A remembered consent skips the consent page: the browser is then already on its way back.
  const callback =
    'stoppedAt' in afterLogin
      ? afterLogin.stoppedAt
      : asStop(
          await browser.submit(
            afterLogin,
            'form[action="/consent"]',
            remember ? { decision: 'allow', remember: 'yes' } : { decision: 'allow' },
            atCallback,
          ),
        );
  const code = callback.searchParams.get('code');
  if (code === null) {
    throw new Error(`no code at the callback: ${callback.toString()}`);
  }
  return { code, verifier, redirectUri, consentShown: !('stoppedAt' in afterLogin) };
}

/** Step 3: client-web's credentials and the grant, as client-web sends them. */
export function redeem(
  services: RunningServices,
  obtained: ObtainedCode,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return postForm(
    services,
    '/token',
    {
      grant_type: 'authorization_code',
      code: obtained.code,
      redirect_uri: obtained.redirectUri,
      code_verifier: obtained.verifier,
    },
    CLIENT_WEB,
  );
}

/**
 * connect(), also returning the code and the PKCE verifier the client used, and whether the consent
 * page was shown.
 */
export async function connectHoldingSecrets(
  services: RunningServices,
  user: { username: string; password: string },
  scope: string,
  options: { remember?: boolean } = {},
): Promise<{ token: TokenResponse; code: string; verifier: string; consentShown: boolean }> {
  const obtained = await obtainCode(services, user, scope, options);
  const token = await redeem(services, obtained);
  if (token.status !== 200) {
    throw new Error(`token request failed: ${token.status} ${JSON.stringify(token.body)}`);
  }
  return {
    token: TokenResponseSchema.parse(token.body),
    code: obtained.code,
    verifier: obtained.verifier,
    consentShown: obtained.consentShown,
  };
}

/** Step 5 with a given access token. */
export function getNotes(
  services: RunningServices,
  accessToken: string,
  path = '/notes',
): Promise<Response> {
  return fetch(`${services.urls.resourceApi}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

export function jwtHeader(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<
    string,
    unknown
  >;
}
