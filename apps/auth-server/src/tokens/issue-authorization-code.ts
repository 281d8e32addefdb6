import type { EntityManager } from 'typeorm';
import { nowInSeconds, randomToken, sha256Digest } from '../common/random';
import type { AuthorizationRequestEntity } from '../interaction/authorization-request.entity';
import { AuthorizationCodeEntity } from './authorization-code.entity';

/**
 * RFC 6749 §4.1.2: the code is random (256 bits), short-lived ("a maximum authorization code lifetime
 * of 10 minutes is RECOMMENDED"; 60 s here), single use, and bound to everything step 3 must match:
 * the client, the redirect_uri, the PKCE challenge, the user and the scopes consented to.
 */
export async function issueAuthorizationCode(
  manager: EntityManager,
  request: AuthorizationRequestEntity,
  ttlSeconds: number,
): Promise<string> {
  if (request.subject === null || request.authTime === null) {
    throw new Error(`authorization request ${request.id} has no authenticated user`);
  }
  const code = randomToken();
  const now = nowInSeconds();
  await manager.getRepository(AuthorizationCodeEntity).insert({
    codeDigest: sha256Digest(code),
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    subject: request.subject,
    scope: request.grantedScope ?? [],
    authTime: request.authTime,
    nonce: request.nonce,
    claims: request.claims,
    expiresAt: now + ttlSeconds,
    consumedAt: null,
    createdAt: now,
  });
  return code;
}
