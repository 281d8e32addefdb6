import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { underStartUpLock } from '@oauth-flow-lab/database';
import type { Repository } from 'typeorm';
import { PasswordHasher } from '../users/password-hasher';
import { User } from '../users/user.entity';
import { SEED_USERS } from './users.seed';

/** Inserts the demo users that are missing (idempotent: existing rows are left as they are). */
@Injectable()
export class UsersSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersSeeder.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Replicas starting together on one PostgreSQL database seed one after the other.
    await underStartUpLock(this.users.manager.connection, () => this.seedMissingUsers());
  }

  private async seedMissingUsers(): Promise<void> {
    for (const seed of SEED_USERS) {
      if (await this.users.existsBy({ id: seed.id })) {
        continue;
      }
      await this.users.insert({
        id: seed.id,
        username: seed.username,
        name: seed.name,
        passwordHash: await this.hasher.hash(seed.password),
        createdAt: Math.floor(Date.now() / 1000),
      });
      this.logger.log(`Seeded user ${seed.username}`);
    }
  }
}
