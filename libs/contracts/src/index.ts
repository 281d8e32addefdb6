// The token contracts: every shape that crosses a service boundary, declared once with a runtime
// schema. Apps import from here and never declare these shapes again.
export {
  ACCESS_TOKEN_ALGORITHMS,
  ACCESS_TOKEN_TYP,
  ACCESS_TOKEN_TYP_VALUES,
  AccessTokenClaimsSchema,
  AccessTokenHeaderSchema,
  type AccessTokenAlgorithm,
  type AccessTokenClaims,
  type AccessTokenHeader,
} from './access-token';
export {
  AuthorizationServerMetadataSchema,
  JsonWebKeySetSchema,
  type AuthorizationServerMetadata,
  type JsonWebKeySet,
} from './authorization-server-metadata';
export {
  ADMIN_API_ERROR_CODES,
  ADMIN_API_PATHS,
  MAX_AGE_MAX_SECONDS,
  AcceptConsentRequestSchema,
  AcceptLoginRequestSchema,
  AdminApiErrorSchema,
  ConsentRequestSchema,
  LoginRequestSchema,
  RedirectToSchema,
  RejectRequestSchema,
  RememberedConsentListSchema,
  RememberedConsentSchema,
  UserClaimsSchema,
  type AcceptConsentRequest,
  type AcceptLoginRequest,
  type AdminApiError,
  type AdminApiErrorCode,
  type ConsentRequest,
  type LoginRequest,
  type RedirectTo,
  type RejectRequest,
  type RememberedConsent,
  type UserClaims,
} from './login-consent';
export {
  AUTHORIZATION_ERROR_CODES,
  BEARER_ERROR_CODES,
  OAuthErrorResponseSchema,
  TOKEN_ERROR_CODES,
  type AuthorizationErrorCode,
  type BearerErrorCode,
  type OAuthErrorCode,
  type OAuthErrorResponse,
  type TokenErrorCode,
  errorDescriptionOf,
} from './oauth-errors';
export {
  SCOPES_SUPPORTED,
  SCOPE_DESCRIPTIONS,
  formatScope,
  isKnownScope,
  parseScope,
  type ScopeName,
} from './scopes';
export { TokenResponseSchema, type TokenResponse } from './token-response';
export {
  ID_TOKEN_TYP,
  IdTokenClaimsSchema,
  OpenIdProviderMetadataSchema,
  UserInfoResponseSchema,
  type IdTokenClaims,
  type OpenIdProviderMetadata,
  type UserInfoResponse,
} from './id-token';
export {
  ActiveTokenSchema,
  InactiveTokenSchema,
  IntrospectionResponseSchema,
  type ActiveToken,
  type IntrospectionResponse,
} from './introspection';
export {
  NOTE_BODY_MAX_LENGTH,
  NOTE_TITLE_MAX_LENGTH,
  NewNoteSchema,
  NoteListSchema,
  NoteSchema,
  NoteStatsSchema,
  type NewNote,
  type Note,
  type NoteStats,
} from './notes';
export {
  ALL_TOKEN_CHECK_NAMES,
  INTROSPECTION_CHECK_NAMES,
  TOKEN_CHECK_NAMES,
  TokenCheckSchema,
  TokenChecksReportSchema,
  TokenChecksRequestSchema,
  type TokenCheck,
  type TokenCheckName,
  type TokenChecksReport,
  type TokenChecksRequest,
} from './token-checks';
export {
  TOKEN_VALIDATION_MODES,
  TokenValidationComparisonSchema,
  TokenValidationRequestSchema,
  ValidationVerdictSchema,
  type TokenValidationComparison,
  type TokenValidationMode,
  type TokenValidationRequest,
  type ValidationVerdict,
} from './token-validation';
