import type { TokenCheckName } from '@oauth-flow-lab/contracts';
import { JsonWebTokenError, NotBeforeError, TokenExpiredError } from 'jsonwebtoken';
import { InvalidToken } from '../errors/resource-access.errors';
import type { ResourceGuardsOptions } from '../resource-guards.options';
import type { TokenFacts } from '../step-six.events';
import { checkAlg, type DecodedJws, kidOf } from '../token/check-jose-header';
import {
  checkAudience,
  checkExpiry,
  checkIssuer,
  checkNotBefore,
} from '../token/check-registered-claims';
import { TokenCheckFailure } from '../token/token-check';
import { TokenRefused } from '../token/token-refused';
import { checkSignature } from '../token/verify-signature';

/**
 * Step 6 through passport-jwt: jsonwebtoken verifies the signature, then compares nbf, exp, aud
 * and iss (RFC 7515 §5.2, RFC 7519 §4.1), in that order, and stops at the first that fails. It
 * hands over only its error. This says which check of step 6 that error is, in the words the
 * demo's report uses for it: the same check function (check-registered-claims.ts,
 * verify-signature.ts) is asked about the same token. jsonwebtoken decides; the function explains.
 *
 * If the function finds nothing wrong where jsonwebtoken did (a clock tick between the two at the
 * very edge of exp), jsonwebtoken's verdict stands, in its own words: a token is never let
 * through because an explanation is missing. An error that is not jsonwebtoken's is a bug and is
 * thrown as it is (a 500).
 */
export function refusalFromJsonwebtoken(
  error: unknown,
  token: DecodedJws,
  facts: TokenFacts,
  { issuer, audience }: Pick<ResourceGuardsOptions, 'issuer' | 'audience'>,
): TokenRefused {
  const check = checkNamedBy(error);
  if (check === undefined || !(error instanceof JsonWebTokenError)) {
    throw error;
  }
  const now = Math.floor(Date.now() / 1000);
  const explanations: Record<typeof check, () => unknown> = {
    alg: () => checkAlg(token.header),
    signature: () => checkSignature({ verified: false, error }, kidOf(token.header)),
    nbf: () => checkNotBefore(token.payload, now),
    exp: () => checkExpiry(token.payload, now),
    aud: () => checkAudience(token.payload, audience),
    iss: () => checkIssuer(token.payload, issuer),
  };
  try {
    explanations[check]();
  } catch (failure: unknown) {
    if (failure instanceof TokenCheckFailure) {
      return new TokenRefused(check, failure, facts);
    }
    throw failure;
  }
  return new TokenRefused(
    check,
    new TokenCheckFailure(
      `jsonwebtoken: ${error.message}`,
      new InvalidToken('The access token is not valid'),
    ),
    facts,
  );
}

type JsonwebtokenCheck = Extract<
  TokenCheckName,
  'alg' | 'signature' | 'nbf' | 'exp' | 'aud' | 'iss'
>;

/** The check a jsonwebtoken error stands for; undefined when it is not jsonwebtoken's. */
function checkNamedBy(error: unknown): JsonwebtokenCheck | undefined {
  if (error instanceof TokenExpiredError) {
    return 'exp';
  }
  if (error instanceof NotBeforeError) {
    return 'nbf';
  }
  if (!(error instanceof JsonWebTokenError)) {
    return undefined;
  }
  if (error.message === 'invalid nbf value') {
    return 'nbf';
  }
  if (error.message === 'invalid exp value') {
    return 'exp';
  }
  if (error.message.startsWith('jwt audience invalid')) {
    return 'aud';
  }
  if (error.message.startsWith('jwt issuer invalid')) {
    return 'iss';
  }
  if (error.message === 'invalid algorithm') {
    return 'alg';
  }
  // 'invalid signature', 'jwt signature is required', a key of the wrong type...
  return 'signature';
}
