import type { ExecutionContext } from '@nestjs/common';
import { AuthGuard, type IAuthGuard } from '@nestjs/passport';
import { ACCESS_TOKEN_ALGORITHMS } from '@oauth-flow-lab/contracts';
import type { HttpRequest } from '../http/http-request';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy, type VerifiedCallback } from 'passport-jwt';
import type { KeyObject } from 'node:crypto';
import type { Principal } from '../principal/principal';
import type { ResourceGuardsOptions } from '../resource-guards.options';
import type { TokenFacts } from '../step-six.events';
import { checkClaims } from '../token/check-claims';
import {
  checkAlg,
  checkTyp,
  decodeCompactJws,
  type JoseHeader,
  kidOf,
} from '../token/check-jose-header';
import { checkKey, type KeyLookup } from '../token/check-key';
import { CLOCK_TOLERANCE_SECONDS, TokenCheckFailure } from '../token/token-check';
import { checked, TokenRefused } from '../token/token-refused';
import { refusalFromJsonwebtoken } from './jsonwebtoken-refusal';

/** What passport-jwt hands to the verify callback with jsonwebtoken's `complete: true`. */
interface CompleteJwt {
  header: JoseHeader;
  payload: Record<string, unknown>;
}

/** A token passport-jwt let through: whose it is, and what the log may say of it. */
export interface VerifiedAccessToken {
  principal: Principal;
  facts: TokenFacts;
}

/**
 * Step 6 through @nestjs/passport and passport-jwt, used the standard way: the key from the
 * issuer's JWK Set by `kid`, and jsonwebtoken verifying `algorithms` (RS256), the signature, `nbf`
 * and `exp` (60 s of leeway), `aud` and `iss`. The verify callback reads the claims into the
 * Principal. Around that, three work-arounds, each for something the libraries lack:
 *
 * 1. The header is checked before any key is looked up (format and crit, alg, typ, kid:
 *    check-jose-header.ts), in secretOrKeyProvider: passport-jwt has no hook before it, and a
 *    token with `alg: none` or an id_token's `typ` must not cost a JWKS fetch.
 * 2. One strategy name per app: passport keeps its strategies process-wide, by name, so two apps
 *    in one process (a test file) would otherwise share the last one's issuer and keys.
 * 3. @nestjs/passport's AuthGuard answers any refusal with a bare 401. RFC 6750 §3 wants the
 *    exact error: handleRequest keeps passport's reason, as the check that failed (TokenRefused;
 *    jsonwebtoken's errors through jsonwebtoken-refusal.ts).
 *
 * And one for the types: the key handed to jsonwebtoken is a KeyObject, parsed once per JWKS
 * fetch (a PEM parsed per request was a sixth of a verified GET, bench/README.md), where
 * @types/passport-jwt names only string | Buffer.
 */
export class PassportJwtAccessTokens {
  private static registered = 0;
  private readonly guard: IAuthGuard;

  constructor(options: ResourceGuardsOptions, keys: KeyLookup) {
    const name = `access-token-${++PassportJwtAccessTokens.registered}`;
    const strategy = new JwtStrategy(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKeyProvider: (_request: unknown, rawJwt: string, done) => {
          let header: CheckedHeader;
          try {
            header = checkedHeader(rawJwt);
          } catch (refusal: unknown) {
            done(refusal);
            return;
          }
          // The usual case, a kid of the set in hand, is answered at once: no promise a request.
          const inHand = keys.keyInHand(header.kid);
          if (inHand !== undefined) {
            done(null, inHand.publicKey as unknown as string);
            return;
          }
          lookedUp(header, keys).then(
            (publicKey) => done(null, publicKey as unknown as string),
            (refusal: unknown) => done(refusal),
          );
        },
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...ACCESS_TOKEN_ALGORITHMS],
        jsonWebTokenOptions: { clockTolerance: CLOCK_TOLERANCE_SECONDS, complete: true },
      },
      (jwt: CompleteJwt, done: VerifiedCallback) => {
        const facts = factsOf(jwt);
        try {
          const principal = checked('claims', facts, () => checkClaims(jwt.payload));
          done(null, { principal, facts: { ...facts, clientId: principal.clientId } });
        } catch (refusal: unknown) {
          done(refusal);
        }
      },
    );
    passport.use(name, strategy);

    class ExactRefusals extends AuthGuard(name) {
      override handleRequest<TUser>(
        err: unknown,
        user: TUser | false,
        info: unknown,
        context: ExecutionContext,
      ): TUser {
        if ((err === null || err === undefined) && user) {
          return user;
        }
        const reason = err ?? info;
        if (reason instanceof TokenRefused) {
          throw reason;
        }
        // jsonwebtoken's error: the header passed already, so the token decodes.
        const token = ExtractJwt.fromAuthHeaderAsBearerToken()(
          context.switchToHttp().getRequest<HttpRequest>(),
        );
        const decoded = token === null ? undefined : decodeCompactJws(token);
        if (decoded === undefined) {
          throw reason;
        }
        throw refusalFromJsonwebtoken(reason, decoded, factsOf(decoded), options);
      }
    }
    this.guard = new ExactRefusals();
  }

  /** Verifies the request's Bearer token; throws TokenRefused naming the first check it fails. */
  async verify(context: ExecutionContext): Promise<VerifiedAccessToken> {
    await this.guard.canActivate(context);
    return context.switchToHttp().getRequest<{ user: VerifiedAccessToken }>().user;
  }
}

/** A header that passed its checks: the kid to look up, and what the log may say of the token. */
interface CheckedHeader {
  kid: string;
  facts: TokenFacts;
}

/** The header checks, in order (format, alg, typ, kid); each failure names its check. */
function checkedHeader(rawJwt: string): CheckedHeader {
  const decoded = checked('format', {}, () => decodeCompactJws(rawJwt));
  const facts = factsOf(decoded);
  const { header } = decoded;
  checked('alg', facts, () => checkAlg(header));
  checked('typ', facts, () => checkTyp(header));
  return { kid: checked('kid', facts, () => kidOf(header)), facts };
}

/** The key a kid outside the set in hand names, the key set fetched again (check-key.ts). */
async function lookedUp({ kid, facts }: CheckedHeader, keys: KeyLookup): Promise<KeyObject> {
  try {
    return (await checkKey(keys, kid)).publicKey;
  } catch (failure: unknown) {
    throw failure instanceof TokenCheckFailure ? new TokenRefused('kid', failure, facts) : failure;
  }
}

/** What the log may say of a token: kid, jti, exp and nbf as they are in it (never the token). */
function factsOf({ header, payload }: CompleteJwt): TokenFacts {
  return { kid: header['kid'], jti: payload['jti'], exp: payload['exp'], nbf: payload['nbf'] };
}
