import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { JwksHealthIndicator } from './jwks.health';

/** GET /health (terminus): the database and the key set of step 6. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [JwksHealthIndicator],
})
export class HealthModule {}
