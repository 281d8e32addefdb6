import type { KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy as JwtStrategy } from 'passport-jwt';
import type { Principal } from './principal/principal';
import { continueTokenChecks, madeBy, type TokenCheckRun } from './token/token-check';
import { tokenChecksOf } from './token/token-check-trail';
import { SIGNATURE_ONLY } from './token/verify-signature';

/** The name passport knows the strategy by: `AuthGuard(ACCESS_TOKEN_STRATEGY)`. */
export const ACCESS_TOKEN_STRATEGY = 'access-token';

/**
 * Step 6 through passport-jwt (`jwt` mode): it makes the checks of access-token-checks.ts that
 * AccessTokenGuard started, in their order, at the three points passport-jwt offers:
 *
 *   jwtFromRequest       the token checkBearerRequest took from `Authorization: Bearer` (RFC 6750 §2.1)
 *   secretOrKeyProvider  phase `header`: format, alg, typ, kid; hands over the key kid names,
 *                        or the first failure's RFC 6750 §3.1 answer
 *   (jsonwebtoken)       phase `signature`: passport-jwt verifies it, RS256 only, with SIGNATURE_ONLY
 *                        (the report asks jsonwebtoken with the same options): exp and nbf are left
 *                        to the list
 *   validate()           phase `claims`: iss, aud, exp, nbf, claims, scope; the Principal
 *
 * A signature jsonwebtoken refuses never reaches validate(): JwtValidation makes it the
 * `signature` check's failure.
 *
 * passport keeps its strategies process-wide, by name (passport.use): with two apps in a process
 * (a test file), the last one registered serves both. So this strategy holds nothing of an app:
 * the run the guard keeps beside the request (token-check-trail.ts) carries its own list, with
 * that app's issuer, audience and key set.
 */
@Injectable()
export class AccessTokenStrategy extends PassportStrategy(JwtStrategy, ACCESS_TOKEN_STRATEGY) {
  constructor() {
    super({
      jwtFromRequest: (request: object) => runOf(request).subject.token,
      secretOrKeyProvider: (request: object, _rawJwt: unknown, done) => {
        keyFor(runOf(request)).then(
          // passport-jwt hands the key unchanged to jsonwebtoken's verify, which takes a parsed
          // KeyObject (no PEM parsing per request); @types/passport-jwt only names string | Buffer.
          (publicKey) => done(null, publicKey as unknown as string),
          (refusal: unknown) => done(refusal),
        );
      },
      algorithms: SIGNATURE_ONLY.algorithms,
      ignoreExpiration: SIGNATURE_ONLY.ignoreExpiration,
      jsonWebTokenOptions: SIGNATURE_ONLY,
      passReqToCallback: true,
    });
  }

  /**
   * jsonwebtoken verified the signature of `_payload`, the very part `format` decoded into the
   * run: the claim checks read it there. The first failure's answer is thrown (passport hands it
   * to JwtValidation's AuthGuard as is); otherwise the Principal `claims` made.
   */
  async validate(request: object, _payload: unknown): Promise<Principal> {
    const run = runOf(request);
    run.subject.signatureVerdict = { verified: true };
    await continueTokenChecks(run);
    if (run.failure !== undefined) {
      throw run.failure.answer;
    }
    return madeBy(run.subject.principal, 'claims');
  }
}

/** The header checks, then the key; after a failure the rest of the list is only skipped. */
async function keyFor(run: TokenCheckRun): Promise<KeyObject> {
  await continueTokenChecks(run, 'header');
  if (run.failure !== undefined) {
    await continueTokenChecks(run);
    throw run.failure.answer;
  }
  return madeBy(run.subject.publicKey, 'kid');
}

function runOf(request: object): TokenCheckRun {
  const run = tokenChecksOf(request);
  if (run === undefined) {
    throw new Error(`the ${ACCESS_TOKEN_STRATEGY} strategy runs behind AccessTokenGuard only`);
  }
  return run;
}
