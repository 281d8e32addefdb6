// How a resource server validates an access token (step 6): the module to import (it validates
// through @nestjs/passport and passport-jwt), the route decorators, the caller's Principal, the
// errors it answers with, the demo's report made by the same checks, and the key provider (for a
// health check: is the issuer's key set loaded?).
export { AccessTokenGuard } from './access-token.guard';
export { Authenticated, type AuthenticatedOptions } from './authenticated.decorator';
export {
  InsufficientScope,
  InvalidRequest,
  InvalidToken,
  KeySetUnavailable,
  MissingAccessToken,
  ResourceAccessError,
} from './errors/resource-access.errors';
export { JwksKeyProvider } from './keys/jwks-key-provider';
export { CurrentPrincipal } from './principal/current-principal.decorator';
export type { Principal } from './principal/principal';
export { ResourceGuardsModule } from './resource-guards.module';
export type { ResourceGuardsOptions } from './resource-guards.options';
export { RequireScopes } from './scopes/require-scopes.decorator';
export { AccessTokenChecks } from './token/access-token-checks';
export { checkBearerRequest } from './token/check-bearer-request';
export { inspectAccessToken } from './token/token-checks-report';
