import type { ClientEntity } from '../clients/client.entity';
import type { RequestParameters } from '../common/request-parameters';
import { InvalidRequest, UnauthorizedClient, UnsupportedGrantType } from '../errors/oauth-errors';

/** The grant types this server implements (each one a file in ./grants). */
export const SUPPORTED_GRANT_TYPES = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
] as const;
export type SupportedGrantType = (typeof SUPPORTED_GRANT_TYPES)[number];

/**
 * RFC 6749 §3.2: the token endpoint takes only `application/x-www-form-urlencoded` POST bodies; so do
 * the revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1) endpoints.
 */
export function checkContentType(
  contentType: string | undefined,
  request = 'the token request',
): void {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw new InvalidRequest(`${request} must be application/x-www-form-urlencoded`);
  }
}

/** grant_type is required; one this server does not implement (e.g. `password`) is unsupported_grant_type. */
export function checkSupportedGrantType(params: RequestParameters): SupportedGrantType {
  const grantType = params.required('grant_type');
  const supported = SUPPORTED_GRANT_TYPES.find((g) => g === grantType);
  if (!supported) {
    throw new UnsupportedGrantType(`grant_type "${grantType}" is not supported`);
  }
  return supported;
}

/** The client must be registered for the grant it uses (RFC 6749 §5.2 unauthorized_client). */
export function checkAllowedGrantType(client: ClientEntity, grantType: SupportedGrantType): void {
  if (!client.grantTypes.includes(grantType)) {
    throw new UnauthorizedClient(`the client is not allowed to use grant_type "${grantType}"`);
  }
}
