import fc from 'fast-check';
import { PKCE_VERIFIER, redirectUris } from './authorize';
import { backChannel, type Credentials } from './credentials';
import { base64url, fuzzString, near } from './hostile-values';
import { parameterList, type Parameter } from './parameters';
import { type ClientSecret, type FuzzRequest, type FuzzTargets } from './requests';

/**
 * POST /token with garbage grants: unknown and unsupported grant types, random codes and refresh
 * tokens, near-miss redirect URIs and PKCE verifiers (RFC 6749 §3.2, §4.1.3, §4.4, §6; RFC 7636
 * §4.6). The fuzzer holds no grant, so /token may never answer 200 (RFC 6749 §5.2).
 */

/** Scopes reporting-service may not have: with them, its client_credentials grant is invalid_scope. */
const SCOPES_NOT_ALLOWED = [
  'notes:read',
  'notes:write',
  'openid',
  'notes:stats notes:read',
  'admin',
  'NOTES:STATS',
  '*',
];

/**
 * Whether the request carries a secret that, with grant_type=client_credentials, legitimately
 * earns a token (reporting-service's, RFC 6749 §4.4): anywhere in a value or a Basic header.
 */
function revealsSecret(
  secret: string,
  authorization: string | undefined,
  parameters: readonly Parameter[],
): boolean {
  const basic = /^basic\s+(\S+)/i.exec(authorization ?? '');
  const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
  return (
    decoded.includes(secret) ||
    parameters.some((p) => p.value.includes(secret) || p.name.includes(secret))
  );
}

/**
 * POST /token (RFC 6749 §3.2, §4.1.3, §4.4, §6) with garbage grants. The fuzzer holds no code and
 * no refresh token, so no request can earn a token, with one exception it rules out: when the
 * request carries the secret of `tokenClient` (reporting-service, registered for
 * client_credentials), every scope parameter is replaced by one that client may not have.
 */
export function tokenRequests(
  t: FuzzTargets,
  credentials: fc.Arbitrary<Credentials>,
  tokenClient: ClientSecret,
): fc.Arbitrary<FuzzRequest> {
  const grant = parameterList(
    {
      grant_type: near(
        ['authorization_code', 'refresh_token', 'client_credentials'],
        [
          'password',
          'implicit',
          'urn:ietf:params:oauth:grant-type:jwt-bearer',
          'urn:ietf:params:oauth:grant-type:device_code',
          'urn:ietf:params:oauth:grant-type:token-exchange',
          'AUTHORIZATION_CODE',
        ],
      ),
      code: fc.oneof(base64url(43, 43), fuzzString),
      redirect_uri: redirectUris(t),
      code_verifier: near([PKCE_VERIFIER], ['short', `${PKCE_VERIFIER}=`]),
      refresh_token: fc.oneof(base64url(43, 43), fuzzString),
      scope: near(
        ['notes:stats', 'notes:read', 'openid profile offline_access notes:read notes:write'],
        ['admin', ''],
      ),
    },
    {
      client_assertion_type: near(['urn:ietf:params:oauth:client-assertion-type:jwt-bearer']),
      client_assertion: fuzzString,
      username: near(['alice']),
      password: near(['wonderland']),
    },
  );
  return backChannel(t, '/token', grant, credentials, (authorization, parameters) =>
    revealsSecret(tokenClient.secret, authorization, parameters)
      ? fc
          .constantFrom(...SCOPES_NOT_ALLOWED)
          .map((scope): Parameter[] => [
            ...parameters.filter((p) => p.name !== 'scope'),
            { name: 'scope', value: scope, encoding: 'form' },
          ])
      : fc.constant(parameters),
  );
}
