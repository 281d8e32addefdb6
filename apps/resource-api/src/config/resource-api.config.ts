import { z } from 'zod';
import { envEnum, envHost, envPath, envPort, envUrl, loadConfig } from '@oauth-flow-lab/config';
import { logConfigOf, logEnvironment } from '@oauth-flow-lab/flow-log';

/**
 * resource-api's environment, validated once at boot (see main.ts). The defaults are the demo setup
 * of `npm start`; docker-compose.yml sets the same names.
 */
const ResourceApiEnvSchema = z.object({
  PORT: envPort(3003),
  HOST: envHost('0.0.0.0'),
  /** The authorization server's issuer identifier: every token's `iss` must equal it exactly. */
  ISSUER: envUrl('http://localhost:3000'),
  /** This resource server's own identifier (RFC 9068 §3): every token's `aud` must contain it. */
  AUDIENCE: envUrl('http://localhost:3003'),
  /**
   * Where the issuer's public keys are fetched: the back channel between the two servers. In Docker it
   * is http://auth-server:3000/.well-known/jwks.json while ISSUER stays the public URL.
   */
  JWKS_URL: envUrl('http://localhost:3000/.well-known/jwks.json'),
  DATABASE_PATH: envPath('data/resource-api.sqlite'),
  /**
   * `true` adds POST /debug/token-checks, the validation report client-web's flow view shows
   * (npm start and docker-compose.yml turn it on). Off, the route does not exist: a report tells
   * an attacker exactly what is wrong with a forged token.
   */
  DEMO_MODE: envEnum(['true', 'false'], 'false'),
  ...logEnvironment,
});

export function loadResourceApiConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(ResourceApiEnvSchema, env);
  return {
    listener: { port: e.PORT, host: e.HOST },
    accessTokens: { issuer: e.ISSUER, audience: e.AUDIENCE, jwksUri: e.JWKS_URL },
    databasePath: e.DATABASE_PATH,
    demoMode: e.DEMO_MODE === 'true',
    log: logConfigOf(e),
  };
}

export type ResourceApiConfig = ReturnType<typeof loadResourceApiConfig>;

/** Injection token for the typed config: `@Inject(RESOURCE_API_CONFIG) config: ResourceApiConfig`. */
export const RESOURCE_API_CONFIG = Symbol('RESOURCE_API_CONFIG');
