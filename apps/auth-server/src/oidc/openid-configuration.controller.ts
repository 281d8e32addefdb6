import { Controller, Get, Inject } from '@nestjs/common';
import type { OpenIdProviderMetadata } from '@oauth-flow-lab/contracts';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { openIdProviderMetadata } from './openid-provider-metadata';

/**
 * GET /.well-known/openid-configuration (OIDC Discovery §4): where OpenID Connect clients (e.g.
 * openid-client's Issuer.discover) learn the endpoints, the JWKS and what id_tokens look like.
 */
@Controller('.well-known/openid-configuration')
export class OpenIdConfigurationController {
  constructor(@Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig) {}

  @Get()
  metadata(): OpenIdProviderMetadata {
    return openIdProviderMetadata(this.config);
  }
}
