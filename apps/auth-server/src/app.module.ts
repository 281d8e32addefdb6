import { type DynamicModule, Module } from '@nestjs/common';
import { AUTH_SERVER_CONFIG, type AuthServerConfig } from './config/auth-server.config';
import { MetadataController } from './metadata/metadata.controller';

@Module({})
export class AppModule {
  static register(config: AuthServerConfig): DynamicModule {
    return {
      module: AppModule,
      controllers: [MetadataController],
      providers: [{ provide: AUTH_SERVER_CONFIG, useValue: config }],
    };
  }
}
