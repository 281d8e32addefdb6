import { Controller, Get, UseFilters } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { HealthCheckFailedFilter } from '@oauth-flow-lab/health';
import { SigningKeyHealthIndicator } from './signing-key.health';

/**
 * GET /health, on the public listener: terminus's report, 200 when the sqlite database answers and
 * a signing key is loaded, 503 otherwise. docker-compose's healthcheck polls it, and login-ui,
 * resource-api and client-web start only once it says healthy. It is no part of the six steps: no
 * hop is logged for it (pino-http still logs the request at debug, like any other), and it shows
 * no secret, only the public kid of the signing key.
 */
@Controller('health')
@UseFilters(HealthCheckFailedFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly signingKey: SigningKeyHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database'),
      () => this.signingKey.isLoaded('signing_key'),
    ]);
  }
}
