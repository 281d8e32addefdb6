import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { JwksHealthIndicator } from './jwks.health';

/**
 * GET /health: terminus's report, 200 when the sqlite database (notes) answers and auth-server's key
 * set is loaded, 503 otherwise (Nest's own exception handling sends terminus's report as the body:
 * the guards' filter handles only their own errors). docker-compose's healthcheck polls it, so
 * resource-api turns healthy only once it can verify tokens. No access token is needed (no
 * @Authenticated), and it is no hop of steps 5-6 (a JWKS fetch it causes is logged as one).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly jwks: JwksHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database'),
      () => this.jwks.isLoaded('jwks'),
    ]);
  }
}
