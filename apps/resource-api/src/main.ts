import { Logger } from '@nestjs/common';
import { createResourceApi } from './app.setup';
import { loadResourceApiConfig } from './config/resource-api.config';

/** resource-api: the protected notes API (steps 5-6 of the flow). */
async function bootstrap(): Promise<void> {
  const config = loadResourceApiConfig();
  const app = await createResourceApi(config);
  app.enableShutdownHooks();
  await app.listen(config.listener.port, config.listener.host);
  const { audience, issuer, jwksUri, tokenValidation, introspection } = config.accessTokens;
  new Logger('resource-api').log(
    `resource server ${audience} (listening on port ${config.listener.port}): ` +
      `accepts access tokens from ${issuer}, ` +
      (tokenValidation === 'jwt'
        ? `verified as JWTs with the keys from ${jwksUri} (TOKEN_VALIDATION=jwt)`
        : `asking ${introspection.url} about each one as ${introspection.clientId}, ` +
          `positive answers kept ${introspection.cacheSeconds} s (TOKEN_VALIDATION=introspection)`),
  );
  if (config.demoMode) {
    new Logger('resource-api').warn(
      'DEMO_MODE: POST /debug/token-checks and /debug/token-validation report, check by check, on the access token a caller authenticates with; never in production',
    );
  }
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
