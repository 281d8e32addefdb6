import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersSeeder } from '../seeds/users.seeder';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({})
export class UsersModule {
  /** `passwordHashConcurrency`: PASSWORD_HASH_CONCURRENCY (docs/security-cases.md, case 56). */
  static register({ passwordHashConcurrency }: { passwordHashConcurrency: number }): DynamicModule {
    return {
      module: UsersModule,
      imports: [TypeOrmModule.forFeature([User])],
      providers: [
        { provide: PasswordHasher, useValue: new PasswordHasher(passwordHashConcurrency) },
        UsersService,
        UsersSeeder,
      ],
      exports: [UsersService],
    };
  }
}
