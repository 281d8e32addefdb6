import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * The user whose username and password match, or null. An unknown username costs the same
   * scrypt work as a wrong password (docs/security-cases.md, case 12), and the caller cannot tell
   * the two apart. The username is only ever a bound query parameter (case 13).
   */
  async verifyCredentials(username: string, password: string): Promise<User | null> {
    const user = isStorable(username) ? await this.users.findOneBy({ username }) : null;
    if (!user) {
      await this.hasher.verifyAgainstDummy(password);
      return null;
    }
    return (await this.hasher.verify(password, user.passwordHash)) ? user : null;
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
