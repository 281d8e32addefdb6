// What the four apps' GET /health (@nestjs/terminus) share.
export { HealthCheckFailedFilter } from './health-check-failed.filter';
