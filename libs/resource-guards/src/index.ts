// How a resource server validates an access token (step 6): the module to import, the route
// decorators, the caller's Principal and the errors it answers with.
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
export { CurrentPrincipal } from './principal/current-principal.decorator';
export type { Principal } from './principal/principal';
export { ResourceGuardsModule } from './resource-guards.module';
export type { ResourceGuardsOptions } from './resource-guards.options';
export { RequireScopes } from './scopes/require-scopes.decorator';
export { ScopesGuard } from './scopes/scopes.guard';
