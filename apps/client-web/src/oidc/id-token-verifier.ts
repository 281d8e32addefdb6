import { Inject, Injectable } from '@nestjs/common';
import {
  type IdTokenClaims,
  IdTokenClaimsSchema,
  ID_TOKEN_TYP,
  parseScope,
} from '@oauth-flow-lab/contracts';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ReceivedTokenResponse } from '../callback/received-tokens.decorator';
import { CLIENT_WEB_CONFIG, type ClientWebConfig } from '../config/client-web.config';
import { InvalidIdToken } from '../errors/client-web-errors';
import type { SignedInUser } from '../session/session-data';
import { IdTokenSignature } from './id-token-signature';

/** OIDC Core §3.1.3.7 step 9-10: small clock differences between servers are tolerated. */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Step 4 with OpenID Connect: before anything is stored, the id_token is validated the way OIDC Core
 * §3.1.3.7 lists it. Any failure refuses the login (an error page; nothing kept):
 *   openid granted -> an id_token is present (§3.1.3.3)
 *   signature: RS256 by a key of auth-server's JWKS, typ JWT, not at+jwt (§3.1.3.7 step 6-7)
 *   iss is exactly our authorization server (step 2)
 *   aud contains our client_id; with several audiences, azp is our client_id (steps 3-5)
 *   exp is in the future, iat not in the future (steps 9-10)
 *   nonce equals the one this browser sent in step 1 (step 11; §15.5.2: no replayed id_token)
 *   at_hash, when present, matches the access token received with it (§3.1.3.8)
 * Without `openid` granted there is no id_token to check: the flow is plain OAuth 2.0.
 */
@Injectable()
export class IdTokenVerifier {
  constructor(
    @Inject(CLIENT_WEB_CONFIG) private readonly config: ClientWebConfig,
    private readonly signature: IdTokenSignature,
  ) {}

  async verify(received: ReceivedTokenResponse): Promise<SignedInUser | null> {
    const { tokens, nonce } = received;
    if (tokens.id_token === undefined) {
      if ((parseScope(tokens.scope) ?? []).includes('openid')) {
        throw new InvalidIdToken('openid was granted but the token response has no id_token.');
      }
      return null;
    }
    const payload = await this.signature.verify(tokens.id_token, ID_TOKEN_TYP);
    const parsed = IdTokenClaimsSchema.safeParse(payload);
    if (!parsed.success) {
      throw new InvalidIdToken('The id_token lacks a required claim.');
    }
    const claims = parsed.data;
    this.checkClaims(claims, nonce, tokens.access_token);
    return { idToken: tokens.id_token, claims };
  }

  private checkClaims(claims: IdTokenClaims, nonce: string | undefined, accessToken: string): void {
    const clientId = this.config.client.id;
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== this.config.authServer.issuer) {
      throw new InvalidIdToken('The id_token was not issued by our authorization server (iss).');
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(clientId) || (audiences.length > 1 && claims.azp !== clientId)) {
      throw new InvalidIdToken('The id_token is not meant for this client (aud).');
    }
    if (claims.exp <= now - CLOCK_TOLERANCE_SECONDS) {
      throw new InvalidIdToken('The id_token has expired (exp).');
    }
    if (claims.iat > now + CLOCK_TOLERANCE_SECONDS) {
      throw new InvalidIdToken('The id_token was issued in the future (iat).');
    }
    if (nonce === undefined || claims.nonce === undefined || !sameValue(claims.nonce, nonce)) {
      throw new InvalidIdToken('The id_token does not carry the nonce of this login (nonce).');
    }
    if (claims.at_hash !== undefined && !sameValue(claims.at_hash, atHash(accessToken))) {
      throw new InvalidIdToken('The id_token belongs to another access token (at_hash).');
    }
  }
}

/** OIDC Core §3.1.3.6: left half of SHA-256 of the access token's ASCII, base64url (RS256). */
export function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

function sameValue(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
