import type { Purge } from '@oauth-flow-lab/database';
import { LessThan } from 'typeorm';
import { AuthorizationRequestEntity } from './authorization-request.entity';

/**
 * How long an authorization request stays past its expiry (INTERACTION_TTL_SECONDS after /authorize),
 * whatever its phase: an hour. Long enough for the answers about an expired request to stay what
 * they say: a browser back from login-ui late gets "Request expired" (410, find-by-verifier.ts) and
 * login-ui's admin call gets `expired` (410, find-pending.ts), not "unknown request". Nothing else
 * reads a request after its expiry: a finished one (`done`) already handed its code to the client.
 */
export const EXPIRED_AUTHORIZATION_REQUEST_RETENTION_SECONDS = 3600;

/** Deletes the authorization requests that expired more than the retention above ago. */
export const purgeAuthorizationRequests: Purge = {
  what: 'expired authorization requests',
  async run(manager, now) {
    const deleted = await manager.getRepository(AuthorizationRequestEntity).delete({
      expiresAt: LessThan(now - EXPIRED_AUTHORIZATION_REQUEST_RETENTION_SECONDS),
    });
    return deleted.affected ?? 0;
  },
};
