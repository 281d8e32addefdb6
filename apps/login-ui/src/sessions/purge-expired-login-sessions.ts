import type { Purge } from '@oauth-flow-lab/database';
import { LessThan } from 'typeorm';
import { LoginSession } from './login-session.entity';

/**
 * Login sessions past their absolute expiry (SESSION_TTL_SECONDS after sign-in), deleted at once:
 * an expired session is never read again (LoginSessions.find ignores it, and the browser is asked
 * to sign in anew), so nothing needs the row. LoginSessions.start deletes them too at each sign-in;
 * this catches the ones left when nobody signs in (docs/security-cases.md, case 44).
 */
export const purgeExpiredLoginSessions: Purge = {
  what: 'expired login sessions',
  async run(manager, now) {
    const deleted = await manager.getRepository(LoginSession).delete({ expiresAt: LessThan(now) });
    return deleted.affected ?? 0;
  },
};
