import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { underStartUpLock } from '@oauth-flow-lab/database';
import type { Repository } from 'typeorm';
import { PasswordHasher } from '../users/password-hasher';
import { User } from '../users/user.entity';
import { SEED_USERS, type SeedUser } from './users.seed';

/**
 * Inserts the demo users that are missing (idempotent: existing rows are left as they are, their
 * passwords too; a hash from an older cost is upgraded when the user signs in, in UsersService).
 */
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
    const missing: SeedUser[] = [];
    for (const seed of SEED_USERS) {
      if (!(await this.users.existsBy({ id: seed.id }))) {
        missing.push(seed);
      }
    }
    // The hashes side by side, as many at once as PASSWORD_HASH_CONCURRENCY lets (case 56): at
    // N=2^17 each takes about 0.4 s, and every start on a fresh database, each test app's too, waits.
    const hashes = await Promise.all(missing.map((seed) => this.hasher.hash(seed.password)));
    for (const [i, seed] of missing.entries()) {
      await this.users.insert({
        id: seed.id,
        username: seed.username,
        name: seed.name,
        passwordHash: hashes[i],
        createdAt: Math.floor(Date.now() / 1000),
      });
      this.logger.log(`Seeded user ${seed.username}`);
    }
  }
}
