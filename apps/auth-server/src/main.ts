import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { loadAuthServerConfig } from './config/auth-server.config';

async function bootstrap(): Promise<void> {
  const config = loadAuthServerConfig();
  const app = await NestFactory.create(AppModule.register(config));
  app.enableShutdownHooks();
  await app.listen(config.publicListener.port, config.publicListener.host);
  Logger.log(`auth-server listening on ${config.issuer}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
