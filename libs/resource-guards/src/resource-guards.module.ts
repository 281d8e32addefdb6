import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccessTokenStrategy } from './access-token.strategy';
import { ResourceAccessErrorFilter } from './errors/resource-access-error.filter';
import { IntrospectionChecks } from './introspection/introspection-checks';
import { TokenIntrospector } from './introspection/token-introspector';
import { JwksKeyProvider } from './keys/jwks-key-provider';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from './resource-guards.options';
import { AccessTokenChecks } from './token/access-token-checks';
import { IntrospectionValidation } from './validation/introspection-validation';
import { JwtValidation } from './validation/jwt-validation';
import { TOKEN_VALIDATION } from './validation/token-validation';

/**
 * Step 6 for any resource server: import `ResourceGuardsModule.register({ issuer, audience, jwksUri })`
 * once (it is global: the guards of every module share one key set and one introspection cache),
 * then mark routes with `@Authenticated({ scopes: [...] })` and read the caller with
 * `@CurrentPrincipal()`. The error filter is registered app-wide; it handles only
 * ResourceAccessError.
 *
 * `tokenValidation` picks how AccessTokenGuard validates (TOKEN_VALIDATION): `jwt` (the default,
 * @nestjs/passport and passport-jwt, the checks of access-token-checks.ts) or `introspection`
 * (auth-server's /introspect, the checks of introspection/introspection-checks.ts, which needs
 * `introspection`). Both ways are provided whichever is chosen, for the demo's comparison.
 *
 * The importing app provides FlowLog (FlowLogModule.forService): the guards tell steps 5 and 6,
 * the JWKS fetches and the introspection requests through it.
 */
@Module({})
export class ResourceGuardsModule {
  static register(options: ResourceGuardsOptions): DynamicModule {
    const mode = options.tokenValidation ?? 'jwt';
    if (mode === 'introspection' && options.introspection === undefined) {
      throw new Error('ResourceGuardsModule: introspection mode needs the introspection options');
    }
    return {
      module: ResourceGuardsModule,
      global: true,
      providers: [
        { provide: RESOURCE_GUARDS_OPTIONS, useValue: options },
        JwksKeyProvider,
        AccessTokenChecks,
        // Registers itself with passport as 'access-token', the name JwtValidation uses.
        AccessTokenStrategy,
        JwtValidation,
        TokenIntrospector,
        IntrospectionChecks,
        IntrospectionValidation,
        {
          provide: TOKEN_VALIDATION,
          useFactory: (jwt: JwtValidation, introspection: IntrospectionValidation) =>
            mode === 'introspection' ? introspection : jwt,
          inject: [JwtValidation, IntrospectionValidation],
        },
        { provide: APP_FILTER, useClass: ResourceAccessErrorFilter },
      ],
      // JwksKeyProvider: for the app's health check (is a key set loaded?); the rest for the
      // demo's reports.
      exports: [
        AccessTokenChecks,
        JwksKeyProvider,
        JwtValidation,
        IntrospectionValidation,
        TOKEN_VALIDATION,
      ],
    };
  }
}
