import { Controller, Get, UseFilters } from '@nestjs/common';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { HealthCheckFailedFilter } from '@oauth-flow-lab/health';

/**
 * GET /health: terminus's report, 200 when client-web's sqlite database (the sessions,
 * session/session.store.ts) answers, 503 otherwise (as JSON, HealthCheckFailedFilter); without it
 * no page can load or keep a session. docker-compose's healthcheck polls it.
 *
 * It does not check that auth-server or resource-api answer, on purpose: client-web calls them per
 * request (steps 1, 3 and 5) and shows their outage on that page; it keeps nothing from them at
 * start (its endpoints come from its config, not from discovery). A health tied to them would call
 * client-web unhealthy for an outage it cannot fix, and a supervisor that restarts unhealthy
 * containers would restart it for nothing (the sessions would survive, per
 * docs/security-cases.md, case 40, but every request during the restart would fail). Compose
 * starts client-web after both are healthy instead (depends_on).
 *
 * Not a hop of the flow (nothing is logged for it), and it creates no session: express-session
 * stores one only once something is written to it (saveUninitialized: false), and no CSRF guard
 * applies (CsrfGuard is on the forms only).
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
