import { Inject, Injectable } from '@nestjs/common';
import type { ClientEntity } from '../clients/client.entity';
import { DUMMY_SECRET_DIGEST, verifyClientSecret } from '../clients/client-secret';
import { ClientsService } from '../clients/clients.service';
import type { RequestParameters } from '../common/request-parameters';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { InvalidClient, InvalidRequest } from '../errors/oauth-errors';
import { parseBasicCredentials } from './basic-credentials';

/**
 * Step 3: the client proves who it is (RFC 6749 §2.3.1), by one of the two methods the metadata lists:
 * - client_secret_basic: `Authorization: Basic base64(urlencode(id) ":" urlencode(secret))`
 * - client_secret_post: `client_id` and `client_secret` in the form body.
 * "The client MUST NOT use more than one authentication method in each request": both is an
 * invalid_request. Any failure is a 401 invalid_client, and unknown clients cost the same time as
 * wrong secrets.
 */
@Injectable()
export class ClientAuthentication {
  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly clients: ClientsService,
  ) {}

  async authenticate(
    authorization: string | undefined,
    params: RequestParameters,
  ): Promise<ClientEntity> {
    const basic = parseBasicCredentials(authorization);
    const bodyClientId = params.optional('client_id');
    const bodySecret = params.optional('client_secret');

    if (basic && bodySecret !== undefined) {
      throw new InvalidRequest(
        'use one client authentication method: either HTTP Basic or client_secret in the body',
      );
    }
    if (basic && bodyClientId !== undefined && bodyClientId !== basic.clientId) {
      throw new InvalidRequest(
        'client_id in the body differs from the one in the Authorization header',
      );
    }
    const credentials =
      basic ??
      (bodyClientId !== undefined && bodySecret !== undefined
        ? { clientId: bodyClientId, secret: bodySecret }
        : null);
    if (!credentials) {
      throw new InvalidClient(
        'client authentication is required (client_secret_basic or client_secret_post)',
      );
    }

    const client = await this.clients.findById(credentials.clientId);
    const secretMatches = verifyClientSecret(
      credentials.secret,
      client?.secretDigest ?? DUMMY_SECRET_DIGEST,
      this.config.clientSecretPepper,
    );
    if (!client || !secretMatches) {
      throw new InvalidClient('client authentication failed');
    }
    return client;
  }
}
