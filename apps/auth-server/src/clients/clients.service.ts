import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { Repository } from 'typeorm';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { ClientEntity } from './client.entity';

/** The most clients held in memory at once; the least recently used go first. */
const MAX_CACHED_CLIENTS = 1000;

/**
 * Reads registered clients (RFC 6749 §2), through a short-lived cache.
 *
 * Every /token, /introspect and /revoke request authenticates its client, and every /authorize
 * checks one: reading the row was 12% of a token's CPU (bench/README.md, "Issue 17"). Clients are
 * written only by the seeder (which adds the missing ones) or by an operator in the database, so a
 * client read is kept for CLIENT_CACHE_TTL_SECONDS (default 30) and no longer: a changed secret, a
 * narrowed redirect URI or a deleted client reaches every replica within that time, with no message
 * between them. CLIENT_CACHE_TTL_SECONDS=0 reads the database every time.
 *
 * An unknown client_id is never cached: guessed ids cannot fill the cache, and a client added to the
 * database is found at once. A cached client is frozen, because every request shares it.
 */
@Injectable()
export class ClientsService {
  private readonly cache: LRUCache<string, ClientEntity> | undefined;

  constructor(
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    @Inject(AUTH_SERVER_CONFIG) config: AuthServerConfig,
  ) {
    this.cache =
      config.clientCacheTtlSeconds > 0
        ? new LRUCache({
            max: MAX_CACHED_CLIENTS,
            ttl: config.clientCacheTtlSeconds * 1000,
            // The clock as it is at each call (lru-cache would keep the one of its first load), so
            // that a test's fake timers move it.
            perf: { now: () => performance.now() },
          })
        : undefined;
  }

  /** Looks a client up by id, as a bound parameter: a hostile client_id is only ever a value. */
  async findById(clientId: string): Promise<ClientEntity | null> {
    const cached = this.cache?.get(clientId);
    if (cached) {
      return cached;
    }
    const client = await this.clients.findOneBy({ clientId });
    if (client && this.cache) {
      this.cache.set(clientId, frozen(client));
    }
    return client;
  }
}

function frozen(client: ClientEntity): ClientEntity {
  Object.freeze(client.redirectUris);
  Object.freeze(client.grantTypes);
  Object.freeze(client.allowedScopes);
  return Object.freeze(client);
}
