import type { Purge } from '@oauth-flow-lab/database';
import { LessThanOrEqual } from 'typeorm';
import { StoredSession } from './stored-session.entity';

/**
 * Sessions past their expiry (a day after their last request, or their cookie's maxAge), deleted at
 * once: the store never returns one again (typeorm-session.store.ts deletes it when met), and such a
 * row may still hold a user's access and refresh tokens, or be one of the anonymous sessions any
 * visitor's /connect creates. Without this, a session nobody comes back to would stay in the table
 * (docs/security-cases.md, case 44).
 */
export const purgeExpiredSessions: Purge = {
  what: 'expired sessions',
  async run(manager, now) {
    const deleted = await manager
      .getRepository(StoredSession)
      .delete({ expiresAt: LessThanOrEqual(now) });
    return deleted.affected ?? 0;
  },
};
