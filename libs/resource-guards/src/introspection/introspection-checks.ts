import { Inject, Injectable } from '@nestjs/common';
import type { ActiveToken } from '@oauth-flow-lab/contracts';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import { checkScope } from '../scopes/check-scope';
import { checkClaims } from '../token/check-claims';
import { checkAudience, checkExpiry, checkIssuer } from '../token/check-registered-claims';
import {
  madeBy,
  runTokenChecks,
  type TokenCheckRun,
  type TokenCheckStep,
  type TokenUnderCheck,
} from '../token/token-check';
import { checkActive, checkTokenType } from './check-introspection-answer';
import { TokenIntrospector } from './token-introspector';

/**
 * Step 6 in introspection mode (TOKEN_VALIDATION=introspection): the token is opaque here, never
 * decoded; auth-server is asked about it (RFC 7662), and its answer is then checked the way the JWT
 * mode checks the claims it verified itself (validation/jwt-validation.ts), by the same functions.
 *
 *   check       what passes                                               where
 *   active      auth-server says active: true (asked now, or a positive   check-introspection-answer.ts
 *               answer kept at most INTROSPECTION_CACHE_SECONDS)
 *   token_type  access_token, not refresh_token                           check-introspection-answer.ts
 *   iss, aud    exactly the issuer; names this resource server            check-registered-claims.ts
 *   exp         not past, with the same 60 s leeway (a cached answer      check-registered-claims.ts
 *               can outlive nothing: the cache stops at exp)
 *   claims      every RFC 9068 §2.2 claim, well typed: the Principal      check-claims.ts
 *   scope       every scope the endpoint requires (403 otherwise)         check-scope.ts
 *
 * auth-server answers `{"active": false}` for a token of another audience already; `aud` is
 * checked here all the same, as a resource server checks what it relies on. What has no place in
 * this list: format, alg, typ, kid and signature (the issuer vouches for its own token), and nbf
 * (RFC 7662 §2.2: `active` already says the token is within its time window).
 */
@Injectable()
export class IntrospectionChecks {
  readonly steps: readonly TokenCheckStep[];

  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) private readonly options: ResourceGuardsOptions,
    private readonly introspector: TokenIntrospector,
  ) {
    const answerOf = (subject: TokenUnderCheck): ActiveToken => {
      const response = madeBy(subject.introspection, 'active').response;
      if (!response.active) {
        throw new Error('token check order: active must pass first');
      }
      return response;
    };
    this.steps = [
      {
        name: 'active',
        rfc: 'RFC 7662 §2.2',
        needs: [],
        run: async (subject) => {
          const outcome = await this.introspector.introspect(subject.token, {
            fresh: subject.askIssuerAfresh === true,
          });
          if (outcome.kind === 'answered') {
            subject.introspection = outcome;
          }
          return checkActive(outcome, this.introspector.cacheSeconds);
        },
      },
      {
        name: 'token_type',
        rfc: 'RFC 7662 §2.2',
        needs: ['active'],
        run: (subject) => checkTokenType(answerOf(subject)),
      },
      {
        name: 'iss',
        rfc: 'RFC 9068 §4',
        needs: ['active'],
        run: (subject) => checkIssuer(answerOf(subject), this.options.issuer),
      },
      {
        name: 'aud',
        rfc: 'RFC 9068 §4',
        needs: ['active'],
        run: (subject) => checkAudience(answerOf(subject), this.options.audience),
      },
      {
        name: 'exp',
        rfc: 'RFC 7519 §4.1.4',
        needs: ['active'],
        run: (subject) => checkExpiry(answerOf(subject), subject.now),
      },
      {
        name: 'claims',
        rfc: 'RFC 9068 §2.2',
        needs: ['active'],
        run: (subject) => {
          subject.principal = checkClaims(answerOf(subject));
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

  /** How long a positive answer is reused: INTROSPECTION_CACHE_SECONDS. */
  get cacheSeconds(): number {
    return this.introspector.cacheSeconds;
  }

  /**
   * Every check of `token` for an endpoint requiring `requiredScopes`, in one go. `fresh`: ask
   * auth-server even if an answer is cached (the demo's comparison).
   */
  run(
    token: string,
    requiredScopes: readonly string[],
    { fresh = false } = {},
    now = Math.floor(Date.now() / 1000),
  ): Promise<TokenCheckRun> {
    return runTokenChecks(this.steps, { token, now, requiredScopes, askIssuerAfresh: fresh });
  }
}
