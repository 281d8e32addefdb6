import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { PassportJwtAccessTokens } from '../jwt/passport-jwt.adapter';
import { JwksKeyProvider } from '../keys/jwks-key-provider';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from '../resource-guards.options';
import { checkScope } from '../scopes/check-scope';
import type { KeyLookup } from '../token/check-key';
import { checked } from '../token/token-refused';
import type { AcceptedToken, TokenValidation } from './token-validation';

/**
 * Step 6 in `jwt` mode (RFC 9068 §4), in one pass, stopping at the first failure:
 *
 *   format, alg, typ, kid             the header, then the key by kid   passport-jwt.adapter.ts
 *   signature, nbf, exp, aud, iss     jsonwebtoken, inside passport-jwt  jsonwebtoken-refusal.ts
 *   claims                            the Principal (RFC 9068 §2.2)     check-claims.ts
 *   scope                             what the endpoint requires        check-scope.ts
 */
@Injectable()
export class JwtValidation implements TokenValidation {
  readonly mode = 'jwt';
  private readonly passportJwt: PassportJwtAccessTokens;

  constructor(
    @Inject(RESOURCE_GUARDS_OPTIONS) options: ResourceGuardsOptions,
    @Inject(JwksKeyProvider) keys: KeyLookup,
  ) {
    this.passportJwt = new PassportJwtAccessTokens(options, keys);
  }

  async validate(
    _token: string,
    requiredScopes: readonly string[],
    context: ExecutionContext,
  ): Promise<AcceptedToken> {
    const { principal, facts } = await this.passportJwt.verify(context);
    checked('scope', facts, () => checkScope(principal.scopes, requiredScopes));
    return { principal, facts };
  }
}
