import { Inject, Injectable } from '@nestjs/common';
import { KeySetKeeper, KeySetUnreachable } from '@oauth-flow-lab/jwks';
import { decode, verify } from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { AuthServerKeysUnavailable, InvalidIdToken } from '../errors/client-web-errors';

/**
 * OIDC Core §3.1.3.7 steps 6-7 and §10.1.1: the id_token is a JWS signed RS256 by one of the keys
 * auth-server publishes at /.well-known/jwks.json. The JWKS is fetched over the back channel
 * (AUTH_SERVER_INTERNAL_URL) and kept as resource-api keeps it (libs/jwks KeySetKeeper: the last
 * good set through an outage, refetched at most a few times a minute when an unknown `kid` shows
 * up, a rotation). Only the header's `kid` is read to choose the key: `jku`, `x5u` and
 * `jwk` headers are ignored (RFC 8725 §3.10). The signature is verified by jsonwebtoken, as
 * resource-api verifies access tokens (RS256 only). Returns the payload, its claims left to
 * IdTokenVerifier's list (each failure with its own words). With no key set to look in (auth-server
 * down), the login fails as temporarily_unavailable: the outage is not the token's fault.
 * The fetch carries no `traceparent`: it is not one of the six hops, and auth-server logs a JWKS
 * fetch with a flow id as resource-api's step 6 (it cannot tell who fetches its public keys).
 */
@Injectable()
export class IdTokenSignature {
  private readonly keys: KeySetKeeper;

  constructor(@Inject(CLIENT_WEB_CONFIG) config: ClientWebConfig) {
    this.keys = new KeySetKeeper({ jwksUri: config.authServer.jwksUri });
  }

  async verify(token: string, expectedTyp: string): Promise<unknown> {
    const decoded = decode(token, { complete: true });
    if (decoded === null || typeof decoded.payload === 'string' || decoded.signature === '') {
      throw new InvalidIdToken('The id_token is not a signed JWT.');
    }
    const { header } = decoded;
    if (header.alg !== 'RS256' || typeof header.kid !== 'string') {
      throw new InvalidIdToken('The id_token is not signed RS256 with a key id (alg, kid).');
    }
    if (header.typ !== undefined && header.typ !== expectedTyp) {
      throw new InvalidIdToken('This JWT is not an id_token (typ).');
    }
    const publicKey = await this.publicKey(header.kid);
    try {
      // The signature only: exp, iat and the rest are IdTokenVerifier's checks, in OIDC's order.
      return verify(token, publicKey, {
        algorithms: ['RS256'],
        ignoreExpiration: true,
        ignoreNotBefore: true,
      });
    } catch {
      throw new InvalidIdToken('The id_token signature does not verify.');
    }
  }

  private async publicKey(kid: string): Promise<KeyObject> {
    const found = await this.keys.keyFor(kid).catch((error: unknown) => {
      throw error instanceof KeySetUnreachable
        ? new AuthServerKeysUnavailable(
            'auth-server’s public keys cannot be fetched to check the id_token. Try again in a moment.',
          )
        : error;
    });
    if (found === undefined) {
      throw new InvalidIdToken('No key of auth-server’s JWKS matches the id_token (kid).');
    }
    return found.publicKey;
  }
}
