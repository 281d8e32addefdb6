import fc from 'fast-check';
import { authorizationHeader, basicOf } from './authorization-header';
import { envelopes, FORM_TYPE } from './envelopes';
import { headerValue, noiseHeaders } from './headers';
import { fuzzString, near } from './hostile-values';
import { type JwtMaterial } from './jwts';
import { parameter, type Parameter } from './parameters';
import { type ClientSecret, type FuzzRequest, type FuzzTargets, requestWith } from './requests';

/**
 * How back-channel requests authenticate their client (RFC 6749 §2.3.1), or fail to: real
 * credentials by Basic or in the body, Basic plus a body credential (RFC 6749 §2.3: one method
 * only, invalid_request), wrong secrets, unknown clients, random Authorization headers; and how
 * such a request is sent to /token, /introspect or /revoke.
 */

/** How a back-channel request authenticates its client (RFC 6749 §2.3.1), or fails to. */
export type Credentials =
  | { method: 'none' }
  | { method: 'basic' | 'post'; id: string; secret: string }
  /** Basic, plus a client_id or client_secret in the body (equal or not): invalid_request. */
  | { method: 'basic+body'; id: string; secret: string; body: Parameter }
  | { method: 'header'; authorization: string };

/** Real credentials only, by each method: no failed authentication is counted against the IP. */
export function realCredentials(clients: readonly ClientSecret[]): fc.Arbitrary<Credentials> {
  const client = fc.constantFrom(...clients);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(client, fc.constantFrom('basic' as const, 'post' as const))
        .map(([c, method]): Credentials => ({ method, id: c.id, secret: c.secret })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          client,
          parameter(fc.constantFrom('client_id', 'client_secret'), near(clients.map((c) => c.id))),
        )
        .map(
          ([c, body]): Credentials => ({ method: 'basic+body', id: c.id, secret: c.secret, body }),
        ),
    },
  );
}

/** Anything: no credentials, wrong secrets, unknown clients, random headers, and real ones. */
export function randomCredentials(
  clients: readonly ClientSecret[],
  material: JwtMaterial,
): fc.Arbitrary<Credentials> {
  const ids = near(
    clients.map((c) => c.id),
    ['unknown-client', 'CLIENT-WEB'],
  );
  const secrets = near(
    ['wrong-secret'],
    clients.map((c) => c.secret),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Credentials>({ method: 'none' }) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom('basic' as const, 'post' as const), ids, secrets)
        .map(([method, id, secret]): Credentials => ({ method, id, secret })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(ids, secrets, parameter(fc.constantFrom('client_id', 'client_secret'), fuzzString))
        .map(([id, secret, body]): Credentials => ({ method: 'basic+body', id, secret, body })),
    },
    {
      weight: 2,
      arbitrary: authorizationHeader(material, clients).map(
        (authorization): Credentials =>
          authorization === undefined ? { method: 'none' } : { method: 'header', authorization },
      ),
    },
    { weight: 1, arbitrary: realCredentials(clients) },
  );
}

function credentialParts(credentials: Credentials): {
  authorization?: string;
  parameters: Parameter[];
} {
  switch (credentials.method) {
    case 'none':
      return { parameters: [] };
    case 'basic':
      return {
        authorization: headerValue(basicOf(credentials.id, credentials.secret)),
        parameters: [],
      };
    case 'post':
      return {
        parameters: [
          { name: 'client_id', value: credentials.id, encoding: 'form' },
          { name: 'client_secret', value: credentials.secret, encoding: 'form' },
        ],
      };
    case 'basic+body':
      return {
        authorization: headerValue(basicOf(credentials.id, credentials.secret)),
        parameters: [credentials.body],
      };
    case 'header':
      return { authorization: credentials.authorization, parameters: [] };
  }
}

/**
 * A POST to one of auth-server's back-channel endpoints: the parameters, the client's credentials
 * (as a header or in the body), noise headers; `fixUp` may change the parameters once the
 * credentials are known.
 */
export function backChannel(
  t: FuzzTargets,
  path: string,
  parameters: fc.Arbitrary<Parameter[]>,
  credentials: fc.Arbitrary<Credentials>,
  fixUp: (authorization: string | undefined, parameters: Parameter[]) => fc.Arbitrary<Parameter[]>,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      envelopes({ method: 'POST', shape: 'form', contentType: FORM_TYPE }),
      parameters,
      credentials,
      noiseHeaders,
    )
    .chain(([envelope, params, creds, noise]) => {
      const parts = credentialParts(creds);
      return fixUp(parts.authorization, [...params, ...parts.parameters]).chain((all) =>
        requestWith({
          envelope,
          url: `${t.authServer}${path}`,
          parameters: all,
          headers: noise,
          authorization: parts.authorization,
        }),
      );
    });
}
