import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { underStartUpLock } from '@oauth-flow-lab/database';
import type { Repository } from 'typeorm';
import { clientSecretDigest } from '../clients/client-secret';
import { ClientEntity } from '../clients/client.entity';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from '../config/auth-server.config';
import { nowInSeconds } from '../common/random';
import { clientSeeds } from './clients.seed';

/** Inserts the seeded clients that are missing. Idempotent: runs at every start. */
@Injectable()
export class Seeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(Seeder.name);

  constructor(
    @Inject(AUTH_SERVER_CONFIG) private readonly config: AuthServerConfig,
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Replicas starting together on one PostgreSQL database seed one after the other.
    await underStartUpLock(this.clients.manager.connection, () => this.seedMissingClients());
  }

  private async seedMissingClients(): Promise<void> {
    for (const seed of clientSeeds(this.config)) {
      if (await this.clients.existsBy({ clientId: seed.clientId })) {
        continue;
      }
      await this.clients.insert({
        clientId: seed.clientId,
        clientName: seed.clientName,
        secretDigest: clientSecretDigest(seed.secret, this.config.clientSecretPepper),
        redirectUris: seed.redirectUris,
        grantTypes: seed.grantTypes,
        allowedScopes: seed.allowedScopes,
        introspectsAudience: seed.introspectsAudience,
        createdAt: nowInSeconds(),
      });
      this.logger.log(`seeded client ${seed.clientId}`);
    }
  }
}
