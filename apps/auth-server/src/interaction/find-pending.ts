import { nowInSeconds } from '../common/random';
import { adminErrors } from '../admin/admin-errors';
import type { AuthorizationRequestEntity, InteractionPhase } from './authorization-request.entity';

/**
 * The admin API's checks on a challenge, in order: it exists (for this purpose: a login challenge is
 * never found among consent challenges), it has not expired, and it has not been answered yet.
 */
export function assertPending(
  request: AuthorizationRequestEntity | null,
  phase: InteractionPhase,
  what: string,
): AuthorizationRequestEntity {
  if (!request) {
    throw adminErrors.notFound(what);
  }
  if (request.expiresAt <= nowInSeconds()) {
    throw adminErrors.expired(what);
  }
  if (request.phase !== phase) {
    throw adminErrors.alreadyHandled(what);
  }
  return request;
}
