import { Module } from '@nestjs/common';
import { TokenReportsModule } from '@oauth-flow-lab/token-reports';
import { TokenChecksController } from './token-checks.controller';
import { TokenChecksReporter } from './token-checks.reporter';
import { TokenValidationController } from './token-validation.controller';
import { TokenValidationReporter } from './token-validation.reporter';

/**
 * Demo mode only (DEMO_MODE=true, see AppModule): POST /debug/token-checks (the flow view's
 * report of step 6) and POST /debug/token-validation (the same token validated by JWT and by
 * introspection, for client-web's "JWT or introspection?" page). Both answer only a caller that
 * authenticates with the token it asks about (ReportCallerGuard, case 53). Without this module the
 * routes do not exist and answer 404 like any unknown path.
 */
@Module({
  imports: [TokenReportsModule],
  controllers: [TokenChecksController, TokenValidationController],
  providers: [TokenChecksReporter, TokenValidationReporter],
})
export class TokenChecksModule {}
