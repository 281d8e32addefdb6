import { Inject, Injectable } from '@nestjs/common';
import { FailureLimiter } from '@oauth-flow-lab/rate-limits';
import { REDIS, type RedisConnection } from '@oauth-flow-lab/redis';
import type { HttpRequest } from '../http/http-request';
import type { ClientEntity } from '../clients/client.entity';
import { DUMMY_SECRET_DIGEST, verifyClientSecret } from '../clients/client-secret';
import { ClientsService } from '../clients/clients.service';
import type { RequestParameters } from '../common/request-parameters';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import {
  ClientAuthenticationThrottled,
  InvalidClient,
  InvalidRequest,
} from '../errors/oauth-errors';
import { parseBasicCredentials } from './basic-credentials';

/**
 * Step 3: the client proves who it is (RFC 6749 §2.3.1), by one of the two methods the metadata lists:
 * - client_secret_basic: `Authorization: Basic base64(urlencode(id) ":" urlencode(secret))`
 * - client_secret_post: `client_id` and `client_secret` in the form body.
 * "The client MUST NOT use more than one authentication method in each request": both is an
 * invalid_request. Any failure is a 401 invalid_client, and unknown clients cost the same time as
 * wrong secrets.
 *
 * Guessing a secret (docs/security-cases.md, case 21; RFC 6749 §10.10): wrong credentials are
 * counted per client id from one address and per address; past either limit the answer is 429 with
 * Retry-After, before the secret is looked at. Not per client id alone: anyone could then lock a
 * machine client such as reporting-service out of its tokens by guessing badly on purpose. Each
 * attempt is counted before its secret is checked and given back when the secret is right (case
 * 46), so secrets sent all at once get no more checks than secrets sent one after another.
 */
@Injectable()
export class ClientAuthentication {
  private readonly failures: FailureLimiter<'perClientAndIp' | 'perIp'>;

  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    private readonly clients: ClientsService,
    @Inject(REDIS) redis: RedisConnection | null,
  ) {
    this.failures = new FailureLimiter(config.clientAuthenticationLimits, redis);
  }

  async authenticate(
    req: Pick<HttpRequest, 'headers' | 'ip'>,
    params: RequestParameters,
  ): Promise<ClientEntity> {
    const basic = parseBasicCredentials(req.headers.authorization);
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

    const address = req.ip ?? 'unknown';
    const keys = { perIp: address, perClientAndIp: `${credentials.clientId} ${address}` };
    const reservation = await this.failures.reserve(keys);
    if (!reservation.reserved) {
      throw new ClientAuthenticationThrottled(reservation.retryAfterSeconds);
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
    await this.failures.succeeded(keys, ['perClientAndIp']);
    return client;
  }
}
