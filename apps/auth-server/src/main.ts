import { Logger } from '@nestjs/common';
import { createAuthServer } from './app.setup';
import { loadAuthServerConfig } from './config/auth-server.config';
import { ROTATE_KEYS_COMMAND, rotateKeys } from './keys/rotate-keys.command';
import { shutDownInOrderOn } from './shutdown';

/** auth-server: the authorization server (steps 1-4 of the flow). */
async function bootstrap(): Promise<void> {
  const config = loadAuthServerConfig();
  const { publicApp, adminApp } = await createAuthServer(config);
  shutDownInOrderOn(['SIGTERM', 'SIGINT'], [adminApp, publicApp]);
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

// `main.js rotate-keys` (npm run keys:rotate) rotates the signing key instead of serving.
const [command, ...args] = process.argv.slice(2);
const run = command === ROTATE_KEYS_COMMAND ? () => rotateKeys(args) : bootstrap;

run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
