import { Module } from '@nestjs/common';
import {
  RESOURCE_GUARDS_OPTIONS,
  type ResourceGuardsOptions,
} from '@oauth-flow-lab/resource-guards/checks';
import { AccessTokenChecks } from './access-token-checks';
import { IntrospectionReport, JwtReport, TOKEN_REPORT, type TokenReport } from './token-report';

/**
 * The demo's look at step 6, for a resource server's /debug routes (resource-api imports it in
 * DEMO_MODE only): JwtReport and IntrospectionReport, and TOKEN_REPORT, the report of the mode the
 * API uses. It needs ResourceGuardsModule (global) for the options, the key set and the
 * introspection list; it adds nothing to a guarded request.
 */
@Module({
  providers: [
    AccessTokenChecks,
    JwtReport,
    IntrospectionReport,
    {
      provide: TOKEN_REPORT,
      useFactory: (
        options: ResourceGuardsOptions,
        jwt: JwtReport,
        introspection: IntrospectionReport,
      ): TokenReport => (options.tokenValidation === 'introspection' ? introspection : jwt),
      inject: [RESOURCE_GUARDS_OPTIONS, JwtReport, IntrospectionReport],
    },
  ],
  exports: [JwtReport, IntrospectionReport, TOKEN_REPORT],
})
export class TokenReportsModule {}
