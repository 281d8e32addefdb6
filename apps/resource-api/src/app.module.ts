import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { initializeDatabase } from '@oauth-flow-lab/database';
import { FlowLogModule } from '@oauth-flow-lab/flow-log';
import { ResourceGuardsModule } from '@oauth-flow-lab/resource-guards';
import { RESOURCE_API_CONFIG, type ResourceApiConfig } from './config/resource-api.config';
import { databaseOptions } from './database/database';
import { TokenChecksModule } from './debug/token-checks.module';
import { HealthModule } from './health/health.module';
import { NotesModule } from './notes/notes.module';

/**
 * resource-api: the protected notes API (steps 5-6). ResourceGuardsModule validates the access
 * token of every guarded request against auth-server's issuer and our audience, by JWT with its
 * JWKS or by asking its /introspect (TOKEN_VALIDATION), and tells steps 5 and 6 through FlowLog.
 * In demo mode only, TokenChecksModule adds the validation report (POST /debug/token-checks) and
 * the comparison of both ways (POST /debug/token-validation). HealthModule answers GET /health:
 * the database, and whether the JWKS is loaded.
 *
 * `logDestination` (default stdout) lets a test read the log lines.
 */
@Module({})
export class AppModule {
  static register(
    config: ResourceApiConfig,
    logDestination?: NodeJS.WritableStream,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        FlowLogModule.forService('resource-api', config.log, logDestination, 'fastify'),
        TypeOrmModule.forRootAsync({
          useFactory: () => databaseOptions(config.database),
          dataSourceFactory: (options) =>
            initializeDatabase(options ?? databaseOptions(config.database)),
        }),
        ResourceGuardsModule.register(config.accessTokens),
        NotesModule.register(config.notes),
        HealthModule,
        ...(config.demoMode ? [TokenChecksModule] : []),
      ],
      providers: [{ provide: RESOURCE_API_CONFIG, useValue: config }],
    };
  }
}
