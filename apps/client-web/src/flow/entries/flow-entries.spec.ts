import { shorten } from '@oauth-flow-lab/flow-log';
import { loadClientWebConfig } from '../../config/client-web.config';
import type { FlowEntry } from '../flow-record';
import { authorizationRequestEntry, authorizationResponseEntry } from './front-channel.entries';
import { apiCallEntry, DEMO_MODE_OFF, tokenChecksEntry } from './resource-api.entries';
import {
  codeExchangeEntry,
  refreshRequestEntry,
  revocationEntry,
  tokenResponseEntry,
} from './token-endpoint.entries';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: object, claims: object) =>
  `${segment(header)}.${segment(claims)}.c2lnbmF0dXJlLXRoYXQtaXMtbm90LXNob3du`;

/** Made-up secrets of one flow: none of them may reach the flow view or the logs whole. */
const secrets = {
  state: 'st4te-Qm9vb3RzdHJhcHBpbmcgaXMgaGFyZA-xyz',
  codeChallenge: 'ch4llenge-E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  nonce: 'n0nce-ArpwdEQcXyZ0123456789abcdefghijkl',
  code: 'Yt3kq9ZrXw0pL2mN8vB4cD6eF1gH5jK7sQ9uA3xZ0yW',
  accessToken: jwt({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' }, { jti: 'jti-1', sub: 'alice' }),
  idToken: jwt(
    { alg: 'RS256', typ: 'JWT', kid: 'k1' },
    { sub: 'alice', nonce: 'n0nce-ArpwdEQcXyZ0123456789abcdefghijkl' },
  ),
  refreshToken: 'r3fresh-0d8a7f6e5d4c3b2a1-rotating',
  clientSecret: loadClientWebConfig({}).client.secret,
};

const tokens = {
  access_token: secrets.accessToken,
  token_type: 'Bearer' as const,
  expires_in: 600,
  scope: 'openid notes:read',
  refresh_token: secrets.refreshToken,
  id_token: secrets.idToken,
};

const entries: [string, FlowEntry][] = [
  [
    'step 1, the authorization request',
    authorizationRequestEntry({
      authorizationEndpoint: 'http://localhost:3000/authorize',
      clientId: 'client-web',
      redirectUri: 'http://localhost:3002/callback',
      scope: 'openid notes:read',
      state: secrets.state,
      codeChallenge: secrets.codeChallenge,
      nonce: secrets.nonce,
    }),
  ],
  [
    'step 2, the authorization response',
    authorizationResponseEntry(
      {
        callbackUrl: 'http://localhost:3002/callback',
        query: { code: secrets.code, state: secrets.state, iss: 'http://localhost:3000' },
      },
      null,
    ),
  ],
  [
    'step 3, the code exchange',
    codeExchangeEntry(
      {
        tokenEndpoint: 'http://auth-server:3000/token',
        clientId: 'client-web',
        code: secrets.code,
        redirectUri: 'http://localhost:3002/callback',
      },
      { kind: 'answered', status: 400, error: 'invalid_grant', description: 'code used' },
    ),
  ],
  [
    'step 4, the token response',
    tokenResponseEntry('http://auth-server:3000/token', 'authorization_code', tokens, {
      kind: 'accepted',
      idToken: 'verified',
    }),
  ],
  [
    'a refresh',
    refreshRequestEntry('http://auth-server:3000/token', 'expired', {
      kind: 'answered',
      status: 200,
    }),
  ],
  [
    'a revocation',
    revocationEntry('http://auth-server:3000/revoke', 'refresh_token', {
      kind: 'answered',
      status: 200,
    }),
  ],
  [
    'step 5, the API call',
    apiCallEntry(
      { method: 'GET', url: 'http://resource-api:3003/notes', accessToken: secrets.accessToken },
      { kind: 'answered', status: 401, challenge: 'Bearer error="invalid_token"' },
    ),
  ],
  [
    'step 6, the token checks',
    tokenChecksEntry(
      {
        url: 'http://resource-api:3003/debug/token-checks',
        accessToken: secrets.accessToken,
        requiredScope: 'notes:read',
      },
      { kind: 'demo-mode-off' },
    ),
  ],
];

describe('flow entries', () => {
  it.each(entries)('%s: no secret survives, in the view or the log line', (_label, sut) => {
    const shown = JSON.stringify(sut);
    for (const secret of Object.values(secrets)) {
      expect(shown).not.toContain(secret);
    }
    // Nor any of a token's three parts: a signature or a payload alone is still the token.
    for (const part of [...secrets.accessToken.split('.'), ...secrets.idToken.split('.')]) {
      expect(shown).not.toContain(part);
    }
  });

  it('step 1: state, code_challenge and nonce shortened, the rest as sent', () => {
    const [, sut] = entries[0];
    expect(sut.request.parameters).toEqual({
      response_type: 'code',
      client_id: 'client-web',
      redirect_uri: 'http://localhost:3002/callback',
      scope: 'openid notes:read',
      state: shorten(secrets.state),
      code_challenge: shorten(secrets.codeChallenge),
      code_challenge_method: 'S256',
      nonce: shorten(secrets.nonce),
    });
    expect(sut.outcome).toBe(
      `302 to /authorize (scope=openid notes:read, state=${shorten(secrets.state)}, ` +
        `code_challenge=${shorten(secrets.codeChallenge)} S256)`,
    );
  });

  it('step 3: the code shortened, the verifier never shown, a refusal with its exact error', () => {
    const [, sut] = entries[2];
    expect(sut.request.parameters).toMatchObject({
      code: shorten(secrets.code),
      code_verifier: '[redacted]',
    });
    expect(sut).toMatchObject({ ok: false, outcome: '400 invalid_grant' });
  });

  it('step 4: the tokens decoded, named by jti, the nonce claim shortened', () => {
    const [, sut] = entries[3];
    expect(sut.outcome).toBe(
      'access token jti=jti-1, expires in 600 s, refresh token, id_token verified',
    );
    expect(sut.detail).toEqual({
      kind: 'tokens',
      accessToken: {
        header: { alg: 'RS256', typ: 'at+jwt', kid: 'k1' },
        claims: { jti: 'jti-1', sub: 'alice' },
      },
      idToken: {
        header: { alg: 'RS256', typ: 'JWT', kid: 'k1' },
        claims: { sub: 'alice', nonce: shorten(secrets.nonce) },
      },
    });
  });

  it('step 5: a refusal names the RFC 6750 error', () => {
    const [, sut] = entries[6];
    expect(sut).toMatchObject({
      ok: false,
      requestLine: 'GET /notes (Bearer jti=jti-1)',
      outcome: '401 invalid_token',
    });
  });

  it('step 6: says when resource-api is not in demo mode', () => {
    const [, sut] = entries[7];
    expect(sut.detail).toEqual({ kind: 'no-token-checks', reason: DEMO_MODE_OFF });
    expect(sut.outcome).toBe(`404 (${DEMO_MODE_OFF})`);
  });
});
