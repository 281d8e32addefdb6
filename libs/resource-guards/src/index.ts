// How a resource server validates an access token (step 6): the module to import (it validates
// by JWT through @nestjs/passport and passport-jwt, or by asking the issuer, RFC 7662, as
// configured), the route decorators, the caller's Principal, the errors it answers with, the
// events it raises, and the key provider (for a health check: is the issuer's key set loaded?).
// The checks one by one: '@oauth-flow-lab/resource-guards/checks'; the demo's reports built on
// them: libs/token-reports.
export { AccessTokenGuard } from './access-token.guard';
export { Authenticated, type AuthenticatedOptions } from './authenticated.decorator';
export {
  InsufficientScope,
  IntrospectionUnavailable,
  InvalidRequest,
  InvalidToken,
  KeySetUnavailable,
  MissingAccessToken,
  ResourceAccessError,
  TemporarilyUnavailable,
} from './errors/resource-access.errors';
export { JwksKeyProvider } from './keys/jwks-key-provider';
export { CurrentPrincipal } from './principal/current-principal.decorator';
export type { Principal } from './principal/principal';
export { ResourceGuardsModule } from './resource-guards.module';
export {
  StepSixEvents,
  type AccessTokenAccepted,
  type AccessTokenChecked,
  type AccessTokenRefused,
  type TokenFacts,
} from './step-six.events';
export type { IntrospectionOptions, ResourceGuardsOptions } from './resource-guards.options';
export { RequireScopes } from './scopes/require-scopes.decorator';
export { checkBearerRequest } from './token/check-bearer-request';
export type { HttpRequest } from './http/http-request';
export { TOKEN_VALIDATION, type TokenValidation } from './validation/token-validation';
