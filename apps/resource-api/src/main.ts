import { Logger } from '@nestjs/common';
import { createResourceApi } from './app.setup';
import { loadResourceApiConfig } from './config/resource-api.config';

/** resource-api: the protected notes API (steps 5-6 of the flow). */
async function bootstrap(): Promise<void> {
  const config = loadResourceApiConfig();
  const app = await createResourceApi(config);
  app.enableShutdownHooks();
  await app.listen(config.listener.port, config.listener.host);
  const { audience, issuer, jwksUri } = config.accessTokens;
  new Logger('resource-api').log(
    `resource server ${audience} (listening on port ${config.listener.port}): ` +
      `accepts access tokens from ${issuer}, keys from ${jwksUri}`,
  );
  if (config.demoMode) {
    new Logger('resource-api').warn(
      'DEMO_MODE: POST /debug/token-checks reports why any token is accepted or refused; never in production',
    );
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
