import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useFlowLogging } from '@oauth-flow-lab/flow-log';
import helmet from 'helmet';
import { AppModule } from './app.module';
import type { ResourceApiConfig } from './config/resource-api.config';
import { rejectDeepBodies } from './http/body-depth';
import { bodyParserErrors } from './http/body-parser-errors';

/** Request bodies are small notes; anything larger is refused with 413. */
const BODY_LIMIT = '64kb';

/**
 * Creates resource-api configured exactly as main.ts runs it (the e2e suite uses this too), ready
 * but not listening. It logs through pino (LOG_FORMAT, LOG_LEVEL) to stdout, or to
 * `logDestination` for a test that reads the lines.
 */
export async function createResourceApi(
  config: ResourceApiConfig,
  logDestination?: NodeJS.WritableStream,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, logDestination),
    { bodyParser: false, abortOnError: false, bufferLogs: true },
  );
  // Before anything else: every request gets its flow scope (the traceparent client-web sends).
  useFlowLogging(app);
  app.use(helmet());
  // Flat query parameters: `a[b]=c` stays a plain key instead of becoming an object.
  app.set('query parser', 'simple');
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Parsed only so that a token sent as a form field (RFC 6750 §2.2) can be seen and refused.
  app.useBodyParser('urlencoded', { extended: false, limit: BODY_LIMIT });
  app.use(bodyParserErrors);
  app.use(rejectDeepBodies);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await app.init();
  // Nest writes the boot messages it buffered on listen(); a test never listens, so write them now.
  app.flushLogs();
  return app;
}
