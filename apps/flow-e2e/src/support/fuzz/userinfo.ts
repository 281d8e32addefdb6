import fc from 'fast-check';
import { authorizationHeader } from './authorization-header';
import { envelopes, FORM_TYPE } from './envelopes';
import { noiseHeaders } from './headers';
import { fuzzString, near } from './hostile-values';
import { type JwtMaterial } from './jwts';
import { fewParameters } from './parameters';
import { type ClientSecret, type FuzzRequest, type FuzzTargets, requestWith } from './requests';

/**
 * GET and POST /userinfo with every kind of Authorization header: OIDC Core §5.3 (a valid access
 * token, else 401 invalid_token, RFC 6750 §3.1), and tokens in the query or the body (RFC 6750
 * §2.2/§2.3), which this endpoint refuses.
 */

/**
 * GET and POST /userinfo (OIDC Core §5.3) with random Authorization headers (held tokens, tampered
 * and forged ones), and tokens in the query or the body (RFC 6750 §2.2/2.3, refused here).
 */
export function userinfoRequests(
  t: FuzzTargets,
  material: JwtMaterial,
  clients: readonly ClientSecret[],
  accepted: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const parameters = fewParameters({
    access_token: fc.oneof(fc.constantFrom(...material.heldTokens), fuzzString),
    scope: near(['openid']),
  });
  return fc
    .tuple(
      envelopes({ method: 'GET', shape: 'form', contentType: FORM_TYPE }),
      parameters,
      authorizationHeader(material, clients, accepted),
      noiseHeaders,
    )
    .chain(([envelope, params, authorization, headers]) =>
      requestWith({
        envelope,
        url: `${t.authServer}/userinfo`,
        parameters: params,
        headers,
        authorization,
      }),
    );
}
