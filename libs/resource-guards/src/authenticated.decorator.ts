import { applyDecorators, UseGuards } from '@nestjs/common';
import type { ScopeName } from '@oauth-flow-lab/contracts';
import { AccessTokenGuard } from './access-token.guard';
import { RequireScopes } from './scopes/require-scopes.decorator';

export interface AuthenticatedOptions {
  /** Scopes the access token must carry, all of them. */
  scopes?: ScopeName[];
}

/**
 * `@Authenticated({ scopes: ['notes:read'] })`: the route needs a valid access token carrying these
 * scopes (AccessTokenGuard makes every check of step 6, by JWT or by introspection).
 */
export function Authenticated(options: AuthenticatedOptions = {}) {
  return applyDecorators(RequireScopes(...(options.scopes ?? [])), UseGuards(AccessTokenGuard));
}
