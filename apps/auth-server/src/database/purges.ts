import type { Purge } from '@oauth-flow-lab/database';
import { purgeAuthorizationRequests } from '../interaction/purge-authorization-requests';
import { purgeExpiredRevocations } from '../tokens/access-token-revocations';
import { purgeAuthorizationCodes } from '../tokens/purge-authorization-codes';
import { purgeRefreshTokens } from '../tokens/purge-refresh-tokens';

/**
 * What auth-server deletes by itself every PURGE_INTERVAL_SECONDS (docs/security-cases.md, case
 * 44; libs/database's PeriodicPurge), each with its retention beside it. Refresh tokens before codes:
 * a redeemed code goes once its family is gone. Clients, signing keys (keys/key-lifetime.ts) and
 * remembered consents do not expire.
 */
export const AUTH_SERVER_PURGES: readonly Purge[] = [
  purgeAuthorizationRequests,
  purgeRefreshTokens,
  purgeAuthorizationCodes,
  purgeExpiredRevocations,
];
