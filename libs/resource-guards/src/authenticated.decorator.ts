import { applyDecorators, UseGuards, UseInterceptors } from '@nestjs/common';
import type { ScopeName } from '@oauth-flow-lab/contracts';
import { AccessTokenGuard } from './access-token.guard';
import { Lists } from './logging/lists.decorator';
import { ServedRequestInterceptor } from './logging/served-request.interceptor';
import { RequireScopes } from './scopes/require-scopes.decorator';

export interface AuthenticatedOptions {
  /** Scopes the access token must carry, all of them. */
  scopes?: ScopeName[];
  /** What the route's array answer holds, for its step 5 log line: `200 (3 notes)`. */
  lists?: string;
}

/**
 * `@Authenticated({ scopes: ['notes:read'] })`: the route needs a valid access token carrying these
 * scopes (AccessTokenGuard makes every check of step 6, by JWT or by introspection), and its steps
 * 5 and 6 are logged (ServedRequestInterceptor; a refusal is logged by ResourceAccessErrorFilter).
 */
export function Authenticated(options: AuthenticatedOptions = {}) {
  return applyDecorators(
    RequireScopes(...(options.scopes ?? [])),
    ...(options.lists === undefined ? [] : [Lists(options.lists)]),
    UseGuards(AccessTokenGuard),
    UseInterceptors(ServedRequestInterceptor),
  );
}
