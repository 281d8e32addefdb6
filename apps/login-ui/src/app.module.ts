import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FlowLogModule } from '@oauth-flow-lab/flow-log';
import { initializeDatabase, PeriodicPurge } from '@oauth-flow-lab/database';
import { RedisModule } from '@oauth-flow-lab/redis';
import { AppsController } from './apps/apps.controller';
import { AppsService } from './apps/apps.service';
import { AdminApiClient } from './auth-server/admin-api.client';
import { LOGIN_UI_CONFIG, type LoginUiConfig } from './config/login-ui.config';
import { ConsentController } from './consent/consent.controller';
import { ConsentHops } from './consent/consent.hops';
import { ConsentService } from './consent/consent.service';
import { CsrfTokenMiddleware } from './csrf/csrf-token.middleware';
import { CsrfGuard } from './csrf/csrf.guard';
import { CsrfService } from './csrf/csrf.service';
import { databaseOptions } from './database/database';
import { HealthController } from './health/health.controller';
import { HomeController } from './home/home.controller';
import { LoginThrottle } from './login/login-throttle';
import { LoginController } from './login/login.controller';
import { LoginHops } from './login/login.hops';
import { LoginService } from './login/login.service';
import { PasswordSignIn } from './login/password-sign-in';
import { LoginSession } from './sessions/login-session.entity';
import { LoginSessions } from './sessions/login-sessions.service';
import { purgeExpiredLoginSessions } from './sessions/purge-expired-login-sessions';
import { UsersModule } from './users/users.module';

/** Options of AppModule.register beyond the config, for tests. */
export interface AppModuleOptions {
  /** Where the logs go instead of stdout: a test reads them from a stream. */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class AppModule implements NestModule {
  static register(config: LoginUiConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // One line per step 2 hop (LoginHops, ConsentHops) and every request at debug, through pino.
        FlowLogModule.forService('login-ui', config.log, options.logDestination),
        TypeOrmModule.forRootAsync({
          useFactory: () => databaseOptions(config.database),
          dataSourceFactory: (options) =>
            initializeDatabase(options ?? databaseOptions(config.database)),
        }),
        TypeOrmModule.forFeature([LoginSession]),
        // REDIS_URL: the failed sign-in counters every replica shares (null without it).
        RedisModule.forRoot(config.redisUrl),
        UsersModule.register(config),
        TerminusModule,
      ],
      controllers: [
        HomeController,
        LoginController,
        ConsentController,
        AppsController,
        HealthController,
      ],
      providers: [
        { provide: LOGIN_UI_CONFIG, useValue: config },
        { provide: AdminApiClient, useValue: new AdminApiClient(config.adminApi) },
        CsrfService,
        CsrfGuard,
        LoginThrottle,
        PasswordSignIn,
        LoginSessions,
        LoginHops,
        LoginService,
        ConsentHops,
        ConsentService,
        AppsService,
        // Expired login sessions deleted every PURGE_INTERVAL_SECONDS (docs/security-cases.md, case 44).
        PeriodicPurge.provider(config.purgeIntervalSeconds, [purgeExpiredLoginSessions]),
      ],
    };
  }

  /** The pages get CSRF tokens; GET /health (HealthController) is no page and gets none. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(CsrfTokenMiddleware)
      .forRoutes(LoginController, ConsentController, AppsController, HomeController);
  }
}
