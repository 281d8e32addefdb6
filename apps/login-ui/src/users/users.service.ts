import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * The user whose username and password match, or null. An unknown username costs the same
   * scrypt work as a wrong password (docs/security-cases.md, case 12), and the caller cannot tell
   * the two apart. The username is only ever a bound query parameter (case 13). A right password
   * whose hash was made at a lower cost than today's is hashed again (case 56).
   */
  async verifyCredentials(username: string, password: string): Promise<User | null> {
    const user = isStorable(username) ? await this.users.findOneBy({ username }) : null;
    if (!user) {
      await this.hasher.verifyAgainstDummy(password);
      return null;
    }
    if (!(await this.hasher.verify(password, user.passwordHash))) {
      return null;
    }
    await this.upgradeHash(user, password);
    return user;
  }

  /**
   * docs/security-cases.md, case 56: the only moment the password is known again, so the moment to
   * replace a hash made at a lower cost (N=2^14 before) by one at today's. The sign-in waits for it
   * (one hash more, once per user) but never fails for it: a failure is logged, and the next sign-in
   * tries again. The row is updated only while it still holds the hash just checked, so a password
   * changed, or upgraded by a parallel sign-in, meanwhile is left as it is.
   */
  private async upgradeHash(user: User, password: string): Promise<void> {
    if (!this.hasher.needsRehash(user.passwordHash)) {
      return;
    }
    try {
      const passwordHash = await this.hasher.hash(password);
      await this.users.update({ id: user.id, passwordHash: user.passwordHash }, { passwordHash });
      this.logger.log(`Password hash of user ${user.id} upgraded to the current cost`);
    } catch (error) {
      // The message only: the error object of a failed UPDATE carries its parameters, the hashes.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Password hash of user ${user.id} not upgraded: ${reason}`);
    }
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }
}

/**
 * No stored username holds a NUL character, and PostgreSQL refuses one in a text parameter (sqlite
 * takes it): such a username is unknown without asking the database, so both stores answer the same
 * ordinary 401 (case 13).
 */
function isStorable(username: string): boolean {
  return !username.includes('\u0000');
}
