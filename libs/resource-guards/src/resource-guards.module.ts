import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccessTokenStrategy } from './access-token.strategy';
import { ResourceAccessErrorFilter } from './errors/resource-access-error.filter';
import { JwksKeyProvider } from './keys/jwks-key-provider';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from './resource-guards.options';
import { AccessTokenChecks } from './token/access-token-checks';

/**
 * Step 6 for any resource server: import `ResourceGuardsModule.register({ issuer, audience, jwksUri })`
 * once (it is global: the guards of every module share one key set), then mark routes with
 * `@Authenticated({ scopes: [...] })` and read the caller with `@CurrentPrincipal()`. The error
 * filter is registered app-wide; it handles only ResourceAccessError. Tokens are validated through
 * @nestjs/passport and passport-jwt (AccessTokenGuard, AccessTokenStrategy), by the list of checks
 * of access-token-checks.ts.
 *
 * The importing app provides FlowLog (FlowLogModule.forService): the guards tell steps 5 and 6
 * and the JWKS fetches through it.
 */
@Module({})
export class ResourceGuardsModule {
  static register(options: ResourceGuardsOptions): DynamicModule {
    return {
      module: ResourceGuardsModule,
      global: true,
      providers: [
        { provide: RESOURCE_GUARDS_OPTIONS, useValue: options },
        JwksKeyProvider,
        AccessTokenChecks,
        // Registers itself with passport as 'access-token', the name AccessTokenGuard uses.
        AccessTokenStrategy,
        { provide: APP_FILTER, useClass: ResourceAccessErrorFilter },
      ],
      // JwksKeyProvider: for the app's health check (is a key set loaded?).
      exports: [AccessTokenChecks, JwksKeyProvider],
    };
  }
}
