import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ResourceAccessErrorFilter } from './errors/resource-access-error.filter';
import { IntrospectionChecks } from './introspection/introspection-checks';
import { TokenIntrospector } from './introspection/token-introspector';
import { JwksKeyProvider } from './keys/jwks-key-provider';
import { STEP_SIX_CALLER, StepSixLog } from './logging/step-six-log';
import { RESOURCE_GUARDS_OPTIONS, type ResourceGuardsOptions } from './resource-guards.options';
import { StepSixEvents } from './step-six.events';
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
 * @nestjs/passport and passport-jwt, validation/jwt-validation.ts) or `introspection`
 * (auth-server's /introspect, the checks of introspection/introspection-checks.ts, which needs
 * `introspection`). Only the chosen way is built. The demo's reports (libs/token-reports,
 * imported by resource-api's /debug routes in DEMO_MODE only) build on what this module exports.
 *
 * The importing app provides FlowLog (FlowLogModule.forService): with `stepLog` set, the step log
 * (StepSixLog, listening to the guard's StepSixEvents) tells steps 5 and 6 through it; without it,
 * nothing listens. The JWKS fetches and introspection requests are told there either way.
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
        TokenIntrospector,
        IntrospectionChecks,
        // The way AccessTokenGuard validates; JwtValidation registers its passport-jwt strategy.
        {
          provide: TOKEN_VALIDATION,
          useClass: mode === 'introspection' ? IntrospectionValidation : JwtValidation,
        },
        { provide: APP_FILTER, useClass: ResourceAccessErrorFilter },
        // The guard raises its outcome; the step log, when asked for, listens (steps 5 and 6).
        StepSixEvents,
        ...(options.stepLog === undefined
          ? []
          : [{ provide: STEP_SIX_CALLER, useValue: options.stepLog.caller }, StepSixLog]),
      ],
      exports: [
        // For AccessTokenGuard wherever a route is guarded, and for any other listener.
        StepSixEvents,
        TOKEN_VALIDATION,
        // For the app's health check: is a key set loaded?
        JwksKeyProvider,
        // For code that makes the checks itself: the demo's reports (libs/token-reports).
        RESOURCE_GUARDS_OPTIONS,
        IntrospectionChecks,
      ],
    };
  }
}
