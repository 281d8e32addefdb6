import { Module } from '@nestjs/common';
import { TokenChecksController } from './token-checks.controller';
import { TokenChecksReporter } from './token-checks.reporter';

/**
 * Demo mode only (DEMO_MODE=true, see AppModule): POST /debug/token-checks. Without this module
 * the route does not exist and answers 404 like any unknown path.
 */
@Module({
  controllers: [TokenChecksController],
  providers: [TokenChecksReporter],
})
export class TokenChecksModule {}
