// The checks of step 6, one by one, for code that makes them itself rather than guarding a route:
// the demo's reports (libs/token-reports), which list every check with what it found. A route is
// guarded through the main entry point (@Authenticated); nothing here is needed for that.
export { IntrospectionChecks } from './introspection/introspection-checks';
export { JwksKeyProvider } from './keys/jwks-key-provider';
export { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from './resource-guards.options';
export { checkScope } from './scopes/check-scope';
export { checkClaims } from './token/check-claims';
export { checkAlg, checkTyp, decodeCompactJws, kidOf } from './token/check-jose-header';
export { checkKey, type KeyLookup } from './token/check-key';
export {
  checkAudience,
  checkExpiry,
  checkIssuer,
  checkNotBefore,
} from './token/check-registered-claims';
export {
  madeBy,
  runTokenChecks,
  type TokenCheckRun,
  type TokenCheckStep,
  type TokenUnderCheck,
} from './token/token-check';
export { checkSignature, verifyWithJsonwebtoken } from './token/verify-signature';
export { JwtValidation } from './validation/jwt-validation';
