import { Controller, Get, Header, Logger } from '@nestjs/common';
import type { JsonWebKeySet } from '@oauth-flow-lab/contracts';
import { currentFlowId, FlowLog } from '@oauth-flow-lab/flow-log';
import { SigningKeysService } from './signing-keys.service';

/**
 * GET /.well-known/jwks.json (RFC 7517 §5, advertised as `jwks_uri` in the RFC 8414 metadata): the
 * public keys resource-api verifies access tokens with in step 6. Public halves only.
 *
 * A fetch that carries a `traceparent` belongs to a flow: it is resource-api fetching the keys while
 * it checks a token in step 6, and is logged as that hop. A fetch without one (a cache refresh, a
 * curious browser) names no flow and no caller auth-server could vouch for: debug only.
 * (client-web also reads the JWKS, to verify id_tokens: a traceparent on its fetch would get the
 * same label. The line names the caller the six steps give this endpoint; auth-server cannot tell.)
 */
@Controller('.well-known/jwks.json')
export class JwksController {
  private readonly logger = new Logger(JwksController.name);

  constructor(
    private readonly signingKeys: SigningKeysService,
    private readonly flowLog: FlowLog,
  ) {}

  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  async jwks(): Promise<JsonWebKeySet> {
    const jwks = await this.signingKeys.publicKeySet();
    const served = `200 (${jwks.keys.length} ${jwks.keys.length === 1 ? 'key' : 'keys'}: ${jwks.keys.map((key) => key.kid).join(', ')})`;
    if (currentFlowId() === undefined) {
      this.logger.debug(`GET /.well-known/jwks.json → ${served}, no traceparent`);
    } else {
      this.flowLog.hop({
        step: 6,
        from: 'resource-api',
        to: 'auth-server',
        request: 'GET /.well-known/jwks.json',
        outcome: served,
        ok: true,
      });
    }
    return jwks;
  }
}
