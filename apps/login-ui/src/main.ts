import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp, LOGIN_UI_APP_OPTIONS } from './app.setup';
import { loadLoginUiConfig } from './config/login-ui.config';

async function bootstrap(): Promise<void> {
  const config = loadLoginUiConfig();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config),
    LOGIN_UI_APP_OPTIONS,
  );
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.listen(config.listener.port, config.listener.host);
  Logger.log(`login-ui listening on ${config.publicUrl}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // An invalid environment prints one message listing every bad variable.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
