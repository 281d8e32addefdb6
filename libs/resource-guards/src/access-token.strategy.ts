import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ACCESS_TOKEN_ALGORITHMS } from '@oauth-flow-lab/contracts';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { JwksKeyProvider } from './keys/jwks-key-provider';
import type { Principal } from './principal/principal';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from './resource-guards.options';
import { checkJoseHeader } from './token/check-jose-header';
import { principalFromClaims } from './token/check-claims';

export const ACCESS_TOKEN_STRATEGY = 'access-token';

/** Leeway for `exp` and `nbf`: clocks of two servers are never exactly in step (RFC 7519 §4.1.4). */
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Step 6 (RFC 9068 §4, RFC 8725): how a resource server validates a JWT access token. In order:
 *
 *   1. the token comes from `Authorization: Bearer` only          checkBearerRequest (the guard)
 *   2. the JOSE header: alg RS256, typ at+jwt, a kid               checkJoseHeader
 *   3. the key named by kid, from the issuer's JWKS                JwksKeyProvider
 *   4. signature, iss (exact), aud, exp and nbf (60 s leeway)      jsonwebtoken, via passport-jwt
 *   5. every RFC 9068 §2.2 claim present -> the Principal          principalFromClaims
 *   6. the scopes the route requires                               ScopesGuard
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(Strategy, ACCESS_TOKEN_STRATEGY) {
  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) options: ResourceGuardsOptions,
    keys: JwksKeyProvider,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_request: unknown, rawJwtToken: unknown, done) => {
        verificationKeyFor(rawJwtToken, keys).then(
          (publicKey) => done(null, publicKey),
          (error: unknown) => done(error),
        );
      },
      algorithms: [...ACCESS_TOKEN_ALGORITHMS],
      issuer: options.issuer,
      audience: options.audience,
      jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_SECONDS },
    });
  }

  validate(payload: unknown): Principal {
    return principalFromClaims(payload);
  }
}

/** Steps 2 and 3: check the header before asking for the key it names. */
async function verificationKeyFor(token: unknown, keys: JwksKeyProvider): Promise<string> {
  const header = checkJoseHeader(token);
  return keys.publicKeyFor(header.kid);
}
