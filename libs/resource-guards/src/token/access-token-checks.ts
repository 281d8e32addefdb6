import { Inject, Injectable } from '@nestjs/common';
import { ResourceAccessError } from '../errors/resource-access.errors';
import { type FoundKey, JwksKeyProvider } from '../keys/jwks-key-provider';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import { checkScope } from '../scopes/check-scope';
import { principalFromClaims } from './check-claims';
import { checkAlg, checkTyp, decodeCompactJws, kidOf } from './check-jose-header';
import { checkAudience, checkExpiry, checkIssuer, checkNotBefore } from './check-registered-claims';
import {
  madeBy,
  runTokenChecks,
  startTokenChecks,
  TokenCheckFailure,
  type TokenCheckRun,
  type TokenCheckStep,
  type TokenUnderCheck,
} from './token-check';
import { checkSignature, verifyWithJsonwebtoken } from './verify-signature';

/**
 * Step 6 (RFC 9068 §4, RFC 8725): how a resource server validates a JWT access token, in order.
 * AccessTokenGuard runs this list on every guarded request (after checkBearerRequest: the token
 * comes from `Authorization: Bearer` only) and answers with the first failure; the demo's report
 * (token-checks-report.ts) runs the very same list and shows every outcome.
 *
 *   phase      check      what passes                                        where
 *   header     format     three base64url parts, JSON header and payload,    check-jose-header.ts
 *                         no crit
 *              alg        RS256 only: none and HS256 refused                 check-jose-header.ts
 *              typ        at+jwt: an id_token is not an access token         check-jose-header.ts
 *              kid        names a key of the issuer's JWK Set (ours)         JwksKeyProvider
 *   signature  signature  verifies with that key (jsonwebtoken)              verify-signature.ts
 *   claims     iss, aud   exactly the issuer; names this resource server     check-registered-claims.ts
 *              exp, nbf   the token's lifetime, with 60 s of leeway          check-registered-claims.ts
 *              claims     every RFC 9068 §2.2 claim, well typed: Principal   check-claims.ts
 *              scope      every scope the endpoint requires                  check-scope.ts
 *
 * The phases are where the guard makes them around passport-jwt (AccessTokenStrategy): the header
 * checks in its secretOrKeyProvider, the signature by jsonwebtoken inside passport-jwt, the claims
 * in validate(). The claims are only believed once the signature verified: every claim check
 * needs it.
 */
/** Finds the issuer's key a kid names (JwksKeyProvider). */
export interface KeyLookup {
  publicKeyFor(kid: string): Promise<FoundKey>;
}

@Injectable()
export class AccessTokenChecks {
  readonly steps: readonly TokenCheckStep[];

  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) private readonly options: ResourceGuardsOptions,
    @Inject(JwksKeyProvider) private readonly keys: KeyLookup,
  ) {
    this.steps = [
      {
        name: 'format',
        rfc: 'RFC 7515 §7.1',
        phase: 'header',
        needs: [],
        run: (subject) => {
          Object.assign(subject, decodeCompactJws(subject.token));
          return 'a JWS in compact serialization: three base64url parts, JSON header and payload';
        },
      },
      {
        name: 'alg',
        rfc: 'RFC 8725 §3.1',
        phase: 'header',
        needs: ['format'],
        run: (subject) => `alg ${checkAlg(madeBy(subject.header, 'format'))} is on the allow-list`,
      },
      {
        name: 'typ',
        rfc: 'RFC 9068 §4',
        phase: 'header',
        needs: ['format'],
        run: (subject) => `typ ${checkTyp(madeBy(subject.header, 'format'))}: an access token`,
      },
      {
        name: 'kid',
        rfc: 'RFC 7517 §4.5',
        phase: 'header',
        // The key is only looked up for a header that passed: no fetch for an alg none token.
        needs: ['format', 'alg', 'typ'],
        run: (subject) => this.findKey(subject),
      },
      {
        name: 'signature',
        rfc: 'RFC 7515 §5.2',
        phase: 'signature',
        needs: ['kid'],
        run: (subject) => {
          // On the guard's path, passport-jwt has asked jsonwebtoken already: its answer is kept.
          subject.signatureVerdict ??= verifyWithJsonwebtoken(
            subject.token,
            madeBy(subject.publicKey, 'kid'),
          );
          return checkSignature(subject.signatureVerdict, kidOf(madeBy(subject.header, 'format')));
        },
      },
      {
        name: 'iss',
        rfc: 'RFC 9068 §4',
        phase: 'claims',
        needs: ['signature'],
        run: (subject) => checkIssuer(madeBy(subject.payload, 'format'), this.options.issuer),
      },
      {
        name: 'aud',
        rfc: 'RFC 9068 §4',
        phase: 'claims',
        needs: ['signature'],
        run: (subject) => checkAudience(madeBy(subject.payload, 'format'), this.options.audience),
      },
      {
        name: 'exp',
        rfc: 'RFC 7519 §4.1.4',
        phase: 'claims',
        needs: ['signature'],
        run: (subject) => checkExpiry(madeBy(subject.payload, 'format'), subject.now),
      },
      {
        name: 'nbf',
        rfc: 'RFC 7519 §4.1.5',
        phase: 'claims',
        needs: ['signature'],
        run: (subject) => checkNotBefore(madeBy(subject.payload, 'format'), subject.now),
      },
      {
        name: 'claims',
        rfc: 'RFC 9068 §2.2',
        phase: 'claims',
        needs: ['signature'],
        run: (subject) => {
          subject.principal = asCheck(() => principalFromClaims(subject.payload));
          return `sub, client_id ${JSON.stringify(subject.principal.clientId)}, scope, iat, jti present`;
        },
      },
      {
        name: 'scope',
        rfc: 'RFC 6750 §3.1',
        phase: 'claims',
        needs: ['claims'],
        run: (subject) =>
          checkScope(madeBy(subject.principal, 'claims').scopes, subject.requiredScopes),
      },
    ];
  }

  /** Every check of `token` for an endpoint requiring `requiredScopes`, at `now` (seconds). */
  run(
    token: string,
    requiredScopes: readonly string[],
    now = Math.floor(Date.now() / 1000),
  ): Promise<TokenCheckRun> {
    return runTokenChecks(this.steps, { token, now, requiredScopes });
  }

  /** The same, started with no check made: the guard continues it phase by phase. */
  start(
    token: string,
    requiredScopes: readonly string[],
    now = Math.floor(Date.now() / 1000),
  ): TokenCheckRun {
    return startTokenChecks(this.steps, { token, now, requiredScopes });
  }

  private async findKey(subject: TokenUnderCheck): Promise<string> {
    const kid = kidOf(madeBy(subject.header, 'format'));
    const found = await this.keys.publicKeyFor(kid).catch((error: unknown) => {
      if (!(error instanceof ResourceAccessError)) {
        throw error;
      }
      // 401 when the fresh key set lacks the kid; 503 when there is no key set to look in.
      throw new TokenCheckFailure(
        error.getStatus() === 503
          ? `kid ${JSON.stringify(kid)} cannot be looked up: the issuer's key set cannot be fetched`
          : `kid ${JSON.stringify(kid)} names no key of the issuer's key set, even refetched`,
        error,
      );
    });
    subject.publicKey = found.publicKey;
    return `kid ${JSON.stringify(kid)} is in the issuer's key set (${found.keySetSize} ${
      found.keySetSize === 1 ? 'key' : 'keys'
    })`;
  }
}

/** principalFromClaims answers with InvalidToken; as a check, its description is its detail. */
export function asCheck<T>(check: () => T): T {
  try {
    return check();
  } catch (error: unknown) {
    if (error instanceof ResourceAccessError) {
      throw new TokenCheckFailure(error.errorDescription, error);
    }
    throw error;
  }
}
