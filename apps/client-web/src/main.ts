import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { loadClientWebConfig } from './config/client-web.config';

async function bootstrap(): Promise<void> {
  const config = loadClientWebConfig();
  // bufferLogs: boot messages wait for the pino logger that configureApp installs (flow-log).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
  });
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.listen(config.listener.port, config.listener.host);
  Logger.log(`client-web listening on ${config.publicUrl}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
