import { Logger } from '@nestjs/common';
import { createAuthServer } from './app.setup';
import { loadAuthServerConfig } from './config/auth-server.config';

/** auth-server: the authorization server (steps 1-4 of the flow). */
async function bootstrap(): Promise<void> {
  const config = loadAuthServerConfig();
  const { publicApp, adminApp } = await createAuthServer(config);
  publicApp.enableShutdownHooks();
  adminApp.enableShutdownHooks();
  await publicApp.listen(config.publicListener.port, config.publicListener.host);
  await adminApp.listen(config.adminListener.port, config.adminListener.host);
  const logger = new Logger('auth-server');
  logger.log(
    `authorization server: issuer ${config.issuer} (listening on port ${config.publicListener.port})`,
  );
  logger.log(
    `admin API (login/consent challenges): http://${config.adminListener.host}:${config.adminListener.port}`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
