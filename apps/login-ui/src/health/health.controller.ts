import { Controller, Get, UseFilters } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { HealthCheckFailedFilter } from '@oauth-flow-lab/health';

/**
 * GET /health: terminus's report, 200 when the sqlite database (users, login sessions) answers, 503
 * otherwise; docker-compose's healthcheck polls it. It is no part of step 2: no hop is logged, no
 * CSRF cookie is set (AppModule applies CsrfTokenMiddleware to the page controllers only), no
 * login throttle applies, and it shows nothing about users or sessions.
 *
 * auth-server's admin API is not checked: login-ui calls it only when a user signs in, and an
 * outage there is shown on that page; compose starts login-ui after auth-server is healthy.
 */
@Controller('health')
@UseFilters(HealthCheckFailedFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.database.pingCheck('database')]);
  }
}
