import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { useFlowLogging } from '@oauth-flow-lab/flow-log';
import { useSecurityHeaders } from '@oauth-flow-lab/security-headers';
import { AppModule } from './app.module';
import type { ResourceApiConfig } from './config/resource-api.config';
import { BODY_LIMIT_BYTES, useRequestBodies } from './http/request-bodies';

/**
 * Creates resource-api configured exactly as main.ts runs it (the e2e suite uses this too), ready
 * but not listening. It runs on Fastify (@nestjs/platform-fastify): the README's Performance
 * section measures why. It logs through pino (LOG_FORMAT, LOG_LEVEL) to stdout, or to
 * `logDestination` for a test that reads the lines.
 */
export async function createResourceApi(
  config: ResourceApiConfig,
  logDestination?: NodeJS.WritableStream,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, logDestination),
    // Fastify's query parser keeps `a[b]=c` a plain key instead of making it an object. A request
    // that arrives while the app shuts down is served (the database closes after the last one), as
    // on Express, not answered 503.
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: false }),
    { abortOnError: false, bufferLogs: true },
  );
  // Before anything else: every request gets its flow scope (the traceparent client-web sends).
  useFlowLogging(app);
  // helmet's default headers on every answer, computed once (libs/security-headers says why).
  useSecurityHeaders(app);
  await useRequestBodies(app);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await app.init();
  // Routes are registered on init; Fastify answers once it is ready (a test never listens).
  await app.getHttpAdapter().getInstance().ready();
  // Nest writes the boot messages it buffered on listen(); a test never listens, so write them now.
  app.flushLogs();
  return app;
}
