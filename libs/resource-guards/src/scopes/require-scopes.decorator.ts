import { SetMetadata } from '@nestjs/common';
import type { ScopeName } from '@oauth-flow-lab/contracts';

export const REQUIRED_SCOPES = Symbol('REQUIRED_SCOPES');

/** `@RequireScopes('notes:read')`: the token must carry every listed scope (checked by AccessTokenGuard, last). */
export const RequireScopes = (...scopes: ScopeName[]) => SetMetadata(REQUIRED_SCOPES, scopes);
