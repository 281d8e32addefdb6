import { Controller, Get, Inject } from '@nestjs/common';
import type { AuthorizationServerMetadata } from '@oauth-flow-lab/contracts';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { authorizationServerMetadata } from './authorization-server-metadata';

/** GET /.well-known/oauth-authorization-server (RFC 8414 §3): the discovery document. */
@Controller('.well-known/oauth-authorization-server')
export class MetadataController {
  constructor(@Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig) {}

  @Get()
  metadata(): AuthorizationServerMetadata {
    return authorizationServerMetadata(this.config);
  }
}
