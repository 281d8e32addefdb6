import { InvalidToken } from '../errors/resource-access.errors';
import { CLOCK_TOLERANCE_SECONDS, quoted, TokenCheckFailure } from './token-check';

/**
 * Step 6, once the signature verified: the registered claims that say whose token it is, for whom
 * and when (RFC 9068 §4, RFC 7519 §4.1), compared as jsonwebtoken compares them, with the same
 * 60 s leeway on both times.
 */
type Claims = Readonly<Record<string, unknown>>;

/** iss equals the issuer identifier exactly: a trailing slash is another issuer (RFC 8414 §2). */
export function checkIssuer(claims: Claims, issuer: string): string {
  if (claims['iss'] !== issuer) {
    throw new TokenCheckFailure(
      `iss ${quoted(claims['iss'])} is not ${JSON.stringify(issuer)}`,
      new InvalidToken('The access token was not issued by the expected issuer (iss)'),
    );
  }
  return `iss is ${JSON.stringify(issuer)}`;
}

/** aud, a string or an array of them, names this resource server (RFC 7519 §4.1.3). */
export function checkAudience(claims: Claims, audience: string): string {
  const aud = claims['aud'];
  const audiences: unknown[] = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(audience)) {
    throw new TokenCheckFailure(
      `aud ${quoted(aud)} does not name ${JSON.stringify(audience)}`,
      new InvalidToken('The access token is not meant for this resource server (aud)'),
    );
  }
  return `aud names ${JSON.stringify(audience)}`;
}

/**
 * exp: the token is refused from exp + leeway on (RFC 7519 §4.1.4). Absent, it is the `claims`
 * check that refuses the token (RFC 9068 §2.2 requires exp), as on the guard's path, where
 * jsonwebtoken compares an exp only when there is one.
 */
export function checkExpiry(claims: Claims, now: number): string {
  const exp = claims['exp'];
  if (exp === undefined) {
    return 'no exp claim: the claims check requires one (RFC 9068 §2.2)';
  }
  if (typeof exp !== 'number') {
    throw new TokenCheckFailure(
      `exp ${quoted(exp)} is not a NumericDate: an access token must expire`,
      new InvalidToken('The token lacks or has malformed claims: exp'),
    );
  }
  if (now >= exp + CLOCK_TOLERANCE_SECONDS) {
    throw new TokenCheckFailure(
      `expired ${now - exp} s ago, beyond the ${CLOCK_TOLERANCE_SECONDS} s leeway`,
      new InvalidToken('The access token expired'),
    );
  }
  return exp > now
    ? `expires in ${exp - now} s`
    : `expired ${now - exp} s ago, within the ${CLOCK_TOLERANCE_SECONDS} s leeway`;
}

/** nbf, optional: the token is refused until nbf - leeway (RFC 7519 §4.1.5). */
export function checkNotBefore(claims: Claims, now: number): string {
  const nbf = claims['nbf'];
  if (nbf === undefined) {
    return 'no nbf claim: valid from issue';
  }
  if (typeof nbf !== 'number') {
    throw new TokenCheckFailure(
      `nbf ${quoted(nbf)} is not a NumericDate`,
      new InvalidToken('The token lacks or has malformed claims: nbf'),
    );
  }
  if (nbf > now + CLOCK_TOLERANCE_SECONDS) {
    throw new TokenCheckFailure(
      `not valid for another ${nbf - now} s, beyond the ${CLOCK_TOLERANCE_SECONDS} s leeway`,
      new InvalidToken('The access token is not valid yet (nbf)'),
    );
  }
  return nbf > now
    ? `valid in ${nbf - now} s, within the ${CLOCK_TOLERANCE_SECONDS} s leeway`
    : `valid since ${now - nbf} s`;
}
