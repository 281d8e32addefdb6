import { z } from 'zod';
import {
  envDatabaseUrl,
  envEnum,
  envHost,
  envPath,
  envPort,
  envSecret,
  envUrl,
  envWholeNumber,
  loadConfig,
} from '@oauth-flow-lab/config';
import { TOKEN_VALIDATION_MODES } from '@oauth-flow-lab/contracts';
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
  /**
   * How step 6 validates a token: `jwt` verifies it here with the keys of JWKS_URL and never asks
   * auth-server about it (a revoked token stays valid until it expires); `introspection` asks
   * auth-server's INTROSPECTION_URL about every token (RFC 7662), and sees a revocation within
   * INTROSPECTION_CACHE_SECONDS.
   */
  TOKEN_VALIDATION: envEnum(TOKEN_VALIDATION_MODES, 'jwt'),
  /** auth-server's introspection endpoint, on the back channel (Docker: http://auth-server:3000/introspect). */
  INTROSPECTION_URL: envUrl('http://localhost:3000/introspect'),
  /** resource-api's own client registration at auth-server: RFC 7662 §2.1 requires it to authenticate. */
  INTROSPECTION_CLIENT_ID: z
    .string()
    .default('resource-api')
    .refine((v) => /^[\x20-\x7E]+$/.test(v), {
      message: 'expected printable ASCII (RFC 6749 A.1)',
    }),
  /** Its secret (auth-server seeds it as RESOURCE_API_CLIENT_SECRET). Change it outside the demo. */
  INTROSPECTION_CLIENT_SECRET: envSecret('resource-api-secret', 8),
  /**
   * How long a positive introspection answer is reused (0: never). It is the revocation delay of
   * introspection mode: a token revoked at auth-server is still served for up to this long.
   */
  INTROSPECTION_CACHE_SECONDS: envWholeNumber(5, 60),
  /**
   * How long GET /notes/stats's answer is reused (0: never). A note written through this process is
   * counted at once; one written by another replica on the same PostgreSQL, within this time.
   */
  NOTES_STATS_CACHE_SECONDS: envWholeNumber(5, 300),
  DATABASE_PATH: envPath('data/resource-api.sqlite'),
  /** Set: PostgreSQL instead of the DATABASE_PATH file (README, \"Running beyond one machine\"). */
  DATABASE_URL: envDatabaseUrl(),
  /**
   * `true` adds POST /debug/token-checks, the validation report client-web's flow view shows, and
   * POST /debug/token-validation, the comparison of both modes for its "JWT or introspection?"
   * page (npm start and docker-compose.yml turn it on), both to a caller that authenticates with the
   * token it asks about (src/debug/report-caller.guard.ts). Off, the routes do not exist: a report
   * says more of a token, check by check, than a refusal does.
   */
  DEMO_MODE: envEnum(['true', 'false'], 'false'),
  ...logEnvironment,
});

export function loadResourceApiConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(ResourceApiEnvSchema, env);
  return {
    listener: { port: e.PORT, host: e.HOST },
    accessTokens: {
      issuer: e.ISSUER,
      audience: e.AUDIENCE,
      jwksUri: e.JWKS_URL,
      tokenValidation: e.TOKEN_VALIDATION,
      introspection: {
        url: e.INTROSPECTION_URL,
        clientId: e.INTROSPECTION_CLIENT_ID,
        clientSecret: e.INTROSPECTION_CLIENT_SECRET,
        cacheSeconds: e.INTROSPECTION_CACHE_SECONDS,
      },
      // The step lines of steps 5 and 6 are teaching: in demo mode only, naming the lab's client.
      stepLog: e.DEMO_MODE === 'true' ? { caller: 'client-web' as const } : undefined,
    },
    notes: { statsCacheSeconds: e.NOTES_STATS_CACHE_SECONDS },
    database: { url: e.DATABASE_URL, sqlitePath: e.DATABASE_PATH },
    demoMode: e.DEMO_MODE === 'true',
    log: logConfigOf(e),
  };
}

export type ResourceApiConfig = ReturnType<typeof loadResourceApiConfig>;

/** Injection token for the typed config: `@Inject(RESOURCE_API_CONFIG) config: ResourceApiConfig`. */
export const RESOURCE_API_CONFIG = Symbol('RESOURCE_API_CONFIG');
