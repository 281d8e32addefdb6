import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResourceGuardsModule } from '@oauth-flow-lab/resource-guards';
import { RESOURCE_API_CONFIG, type ResourceApiConfig } from './config/resource-api.config';
import { databaseOptions } from './database/database';
import { NotesModule } from './notes/notes.module';

/**
 * resource-api: the protected notes API (steps 5-6). ResourceGuardsModule validates the access
 * token of every guarded request against auth-server's issuer, our audience and its JWKS.
 */
@Module({})
export class AppModule {
  static register(config: ResourceApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(databaseOptions(config.databasePath)),
        ResourceGuardsModule.register(config.accessTokens),
        NotesModule,
      ],
      providers: [{ provide: RESOURCE_API_CONFIG, useValue: config }],
    };
  }
}
