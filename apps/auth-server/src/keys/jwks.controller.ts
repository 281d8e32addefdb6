import { Controller, Get, Header } from '@nestjs/common';
import type { JsonWebKeySet } from '@oauth-flow-lab/contracts';
import { SigningKeysService } from './signing-keys.service';

/**
 * GET /.well-known/jwks.json (RFC 7517 §5, advertised as `jwks_uri` in the RFC 8414 metadata): the
 * public keys resource-api verifies access tokens with in step 6. Public halves only.
 */
@Controller('.well-known/jwks.json')
export class JwksController {
  constructor(private readonly signingKeys: SigningKeysService) {}

  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<JsonWebKeySet> {
    return this.signingKeys.publicKeySet();
  }
}
