import { Inject, Injectable } from '@nestjs/common';
import {
  JwksKeyProvider,
  RESOURCE_GUARDS_OPTIONS,
  type ResourceGuardsOptions,
  checkScope,
  checkClaims,
  checkKey,
  type KeyLookup,
  checkAlg,
  checkTyp,
  decodeCompactJws,
  kidOf,
  checkAudience,
  checkExpiry,
  checkIssuer,
  checkNotBefore,
  madeBy,
  runTokenChecks,
  type TokenCheckRun,
  type TokenCheckStep,
  type TokenUnderCheck,
  checkSignature,
  verifyWithJsonwebtoken,
} from '@oauth-flow-lab/resource-guards/checks';

/**
 * Step 6 (RFC 9068 §4, RFC 8725) as the demo's report makes it: every check of a JWT access token,
 * each outcome with what it found (POST /debug/token-checks, token-checks-report.ts). The guard
 * makes the same checks with the same functions in one pass (validation/jwt-validation.ts) and
 * stops at the first failure; a property test proves both give the API's answer alike.
 *
 *   check      what passes                                        where
 *   format     three base64url parts, JSON header and payload,    check-jose-header.ts
 *              no crit
 *   alg        RS256 only: none and HS256 refused                 check-jose-header.ts
 *   typ        at+jwt: an id_token is not an access token         check-jose-header.ts
 *   kid        names a key of the issuer's JWK Set (ours)         JwksKeyProvider
 *   signature  verifies with that key (jsonwebtoken)              verify-signature.ts
 *   nbf, exp   the token's lifetime, with 60 s of leeway          check-registered-claims.ts
 *   aud, iss   names this resource server; exactly the issuer     check-registered-claims.ts
 *   claims     every RFC 9068 §2.2 claim, well typed: Principal   check-claims.ts
 *   scope      every scope the endpoint requires                  check-scope.ts
 *
 * nbf, exp, aud and iss come in the order jsonwebtoken compares them on the guard's path, so the
 * report's first failure is the guard's. The claims are only believed once the signature verified:
 * every claim check needs it.
 */
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
        needs: [],
        run: (subject) => {
          Object.assign(subject, decodeCompactJws(subject.token));
          return 'a JWS in compact serialization: three base64url parts, JSON header and payload';
        },
      },
      {
        name: 'alg',
        rfc: 'RFC 8725 §3.1',
        needs: ['format'],
        run: (subject) => `alg ${checkAlg(madeBy(subject.header, 'format'))} is on the allow-list`,
      },
      {
        name: 'typ',
        rfc: 'RFC 9068 §4',
        needs: ['format'],
        run: (subject) => `typ ${checkTyp(madeBy(subject.header, 'format'))}: an access token`,
      },
      {
        name: 'kid',
        rfc: 'RFC 7517 §4.5',
        // The key is only looked up for a header that passed: no fetch for an alg none token.
        needs: ['format', 'alg', 'typ'],
        run: (subject) => this.findKey(subject),
      },
      {
        name: 'signature',
        rfc: 'RFC 7515 §5.2',
        needs: ['kid'],
        run: (subject) => {
          const verdict = verifyWithJsonwebtoken(subject.token, madeBy(subject.publicKey, 'kid'));
          return checkSignature(verdict, kidOf(madeBy(subject.header, 'format')));
        },
      },
      {
        name: 'nbf',
        rfc: 'RFC 7519 §4.1.5',
        needs: ['signature'],
        run: (subject) => checkNotBefore(madeBy(subject.payload, 'format'), subject.now),
      },
      {
        name: 'exp',
        rfc: 'RFC 7519 §4.1.4',
        needs: ['signature'],
        run: (subject) => checkExpiry(madeBy(subject.payload, 'format'), subject.now),
      },
      {
        name: 'aud',
        rfc: 'RFC 9068 §4',
        needs: ['signature'],
        run: (subject) => checkAudience(madeBy(subject.payload, 'format'), this.options.audience),
      },
      {
        name: 'iss',
        rfc: 'RFC 9068 §4',
        needs: ['signature'],
        run: (subject) => checkIssuer(madeBy(subject.payload, 'format'), this.options.issuer),
      },
      {
        name: 'claims',
        rfc: 'RFC 9068 §2.2',
        needs: ['signature'],
        run: (subject) => {
          subject.principal = checkClaims(subject.payload);
          return `sub, client_id ${JSON.stringify(subject.principal.clientId)}, scope, iat, jti present`;
        },
      },
      {
        name: 'scope',
        rfc: 'RFC 6750 §3.1',
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

  private async findKey(subject: TokenUnderCheck): Promise<string> {
    const kid = kidOf(madeBy(subject.header, 'format'));
    const found = await checkKey(this.keys, kid);
    subject.publicKey = found.publicKey;
    return `kid ${JSON.stringify(kid)} is in the issuer's key set (${found.keySetSize} ${
      found.keySetSize === 1 ? 'key' : 'keys'
    })`;
  }
}
