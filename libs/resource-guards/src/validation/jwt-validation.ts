import { type ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ACCESS_TOKEN_STRATEGY } from '../access-token.strategy';
import type { Principal } from '../principal/principal';
import { AccessTokenChecks } from '../token/access-token-checks';
import { continueTokenChecks, nextTokenCheck, type TokenCheckRun } from '../token/token-check';
import type { TokenValidation } from './token-validation';

/**
 * Step 6 in `jwt` mode: @nestjs/passport's AuthGuard for AccessTokenStrategy (passport-jwt) makes
 * the checks of access-token-checks.ts that the run holds, in their three phases (header, the
 * signature by jsonwebtoken, claims; see AccessTokenStrategy). Nest's AuthGuard would answer a bare
 * 401 on any refusal: here the first failed check of the list is the answer (RFC 6750 §3).
 */
@Injectable()
export class JwtValidation implements TokenValidation {
  readonly mode = 'jwt';
  private readonly passport = new PassportJwtGuard();

  constructor(private readonly checks: AccessTokenChecks) {}

  start(token: string, requiredScopes: readonly string[]): TokenCheckRun {
    return this.checks.start(token, requiredScopes);
  }

  async complete(run: TokenCheckRun, context: ExecutionContext): Promise<void> {
    try {
      await this.passport.canActivate(context);
    } catch (refusal: unknown) {
      // Between the key and validate(), only jsonwebtoken stops passport-jwt: that is its
      // verdict on the signature, the next check of the list, and the rest is skipped.
      if (nextTokenCheck(run)?.phase === 'signature') {
        run.subject.signatureVerdict = { verified: false, error: refusal };
        await continueTokenChecks(run);
      }
      // A refusal the list does not explain is a bug: it stays what it is (a 500).
      if (run.failure === undefined) {
        throw refusal;
      }
    }
  }

  report(token: string, requiredScopes: readonly string[]): Promise<TokenCheckRun> {
    return this.checks.run(token, requiredScopes);
  }
}

/**
 * passport's verdict, as AuthGuard hands it over: `err` is what validate() threw (the list's
 * first failure, or a bug); without a principal, `info` is why passport-jwt stopped before it
 * (secretOrKeyProvider's answer, or jsonwebtoken's error). Both reach JwtValidation.complete.
 */
class PassportJwtGuard extends AuthGuard(ACCESS_TOKEN_STRATEGY) {
  override handleRequest<TUser = Principal>(
    err: unknown,
    principal: TUser | false,
    info: unknown,
  ): TUser {
    if ((err === null || err === undefined) && principal) {
      return principal;
    }
    throw err ?? info;
  }
}
