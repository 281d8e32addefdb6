import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccessTokenStrategy } from './access-token.strategy';
import { ResourceAccessErrorFilter } from './errors/resource-access-error.filter';
import { JwksKeyProvider } from './keys/jwks-key-provider';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from './resource-guards.options';

/**
 * Step 6 for any resource server: import `ResourceGuardsModule.register({ issuer, audience, jwksUri })`
 * once, then mark routes with `@Authenticated({ scopes: [...] })` and read the caller with
 * `@CurrentPrincipal()`. The error filter is registered app-wide; it handles only ResourceAccessError.
 */
@Module({})
export class ResourceGuardsModule {
  static register(options: ResourceGuardsOptions): DynamicModule {
    return {
      module: ResourceGuardsModule,
      providers: [
        { provide: RESOURCE_GUARDS_OPTIONS, useValue: options },
        JwksKeyProvider,
        AccessTokenStrategy,
        { provide: APP_FILTER, useClass: ResourceAccessErrorFilter },
      ],
    };
  }
}
