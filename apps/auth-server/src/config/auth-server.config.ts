import { z } from 'zod';
import {
  envDatabaseUrl,
  envRedisUrl,
  envHost,
  envPath,
  envPort,
  envPositiveInt,
  envPurgeIntervalSeconds,
  envSecret,
  envTrustProxyHops,
  envUrl,
  envWholeNumber,
  loadConfig,
} from '@oauth-flow-lab/config';
import { logConfigOf, logEnvironment } from '@oauth-flow-lab/flow-log';

/**
 * auth-server's environment, validated once at boot (see main.ts). The defaults are the demo setup
 * of `npm start`; docker-compose.yml sets the same names.
 */
/**
 * The longest a token auth-server signs (an access token, an id_token) may live. What must outlast
 * every such token is kept this long, not for the lifetime configured today: a revocation of a grant
 * (tokens/access-token-revocations.ts), and a retired signing key in the JWKS (keys/key-lifetime.ts).
 * A token issued before ACCESS_TOKEN_TTL_SECONDS or ID_TOKEN_TTL_SECONDS was lowered then still
 * meets its grant's revocation, and still verifies, until it expires.
 */
export const MAX_SIGNED_TOKEN_TTL_SECONDS = 86_400;

const AuthServerEnvSchema = z.object({
  /** Public listener: /authorize, /token, metadata and JWKS. */
  PORT: envPort(3000),
  HOST: envHost('0.0.0.0'),
  /** Admin listener: the login/consent challenge API for login-ui. Never expose it publicly. */
  ADMIN_PORT: envPort(3100),
  ADMIN_HOST: envHost('127.0.0.1'),
  /** The issuer identifier (RFC 8414 §2): the public URL, used for `iss` and every advertised endpoint. */
  ISSUER: envUrl('http://localhost:3000'),
  /** Where the browser is sent to log in and consent (login-ui's public URL). */
  LOGIN_UI_URL: envUrl('http://localhost:3001'),
  /** The resource server's identifier: the `aud` of every access token (RFC 9068 §3). */
  ACCESS_TOKEN_AUDIENCE: envUrl('http://localhost:3003'),
  /** Access-token lifetime, at most a day (MAX_SIGNED_TOKEN_TTL_SECONDS). */
  ACCESS_TOKEN_TTL_SECONDS: envPositiveInt(600, MAX_SIGNED_TOKEN_TTL_SECONDS),
  /**
   * OpenID Connect id_token lifetime (OIDC Core §2 `exp`): read once by the client at login; at most
   * a day (MAX_SIGNED_TOKEN_TTL_SECONDS).
   */
  ID_TOKEN_TTL_SECONDS: envPositiveInt(600, MAX_SIGNED_TOKEN_TTL_SECONDS),
  AUTHORIZATION_CODE_TTL_SECONDS: envPositiveInt(60),
  /** Absolute lifetime of a refresh-token family: rotation never extends it (14 days). */
  REFRESH_TOKEN_TTL_SECONDS: envPositiveInt(1209600),
  INTERACTION_TTL_SECONDS: envPositiveInt(600),
  /** Bearer secret login-ui presents to the admin API. Change it outside the demo. */
  ADMIN_API_SECRET: envSecret('demo-admin-api-secret-change-me', 24),
  /** Key of the HMAC-SHA-256 digest under which client secrets are stored. Change it outside the demo. */
  CLIENT_SECRET_PEPPER: envSecret('demo-client-secret-pepper-change-me', 24),
  /**
   * Client-secret guessing (docs/security-cases.md, case 21): failed client authentications at
   * /token, /introspect and /revoke allowed per client id from one address, and per address over
   * all client ids, within the window; past either, 429 with Retry-After until the window ends.
   */
  CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP: envPositiveInt(10),
  CLIENT_AUTH_MAX_FAILURES_PER_IP: envPositiveInt(30),
  CLIENT_AUTH_FAILURE_WINDOW_SECONDS: envPositiveInt(300),
  /**
   * Anonymous /authorize requests (docs/security-cases.md, case 44): each stores an authorization
   * request, so at most this many per address within the window; past it, 429 with Retry-After.
   */
  AUTHORIZE_MAX_REQUESTS_PER_IP: envPositiveInt(300),
  AUTHORIZE_RATE_WINDOW_SECONDS: envPositiveInt(60),
  /**
   * How long a registered client, once read, is served from memory (clients/clients.service.ts): a
   * client changed or deleted in the database reaches every replica within this time. 0: no cache.
   */
  CLIENT_CACHE_TTL_SECONDS: envWholeNumber(30, 3600),
  /**
   * How often expired authorization requests, codes, refresh tokens and revocations are deleted
   * (database/purges.ts, each with its retention); 0: never (envPurgeIntervalSeconds).
   */
  PURGE_INTERVAL_SECONDS: envPurgeIntervalSeconds(),
  DATABASE_PATH: envPath('data/auth-server.sqlite'),
  /** Set: PostgreSQL (shared by several auth-server replicas) instead of the DATABASE_PATH file. */
  DATABASE_URL: envDatabaseUrl(),
  /** Set: the client-authentication failure counters in Redis, shared by every replica. */
  REDIS_URL: envRedisUrl(),
  /**
   * How many reverse proxies stand in front (docker-compose.postgres.yml: 1, nginx): the client
   * address the per-address limits count is read from X-Forwarded-For (envTrustProxyHops says how,
   * and why never more hops than there are proxies). 0 (default): the socket's address.
   */
  TRUST_PROXY_HOPS: envTrustProxyHops(),
  /** The seeded demo client (seeds/clients.seed.ts): where client-web runs and its secret. */
  CLIENT_WEB_URL: envUrl('http://localhost:3002'),
  CLIENT_WEB_SECRET: envSecret('client-web-secret', 8),
  /** The seeded machine client (client_credentials grant) and its secret. */
  REPORTING_SERVICE_SECRET: envSecret('reporting-service-secret', 8),
  /**
   * The seeded resource server client `resource-api`: no grant at all, it may only introspect the
   * access tokens for ACCESS_TOKEN_AUDIENCE (resource-api's TOKEN_VALIDATION=introspection mode).
   */
  RESOURCE_API_CLIENT_SECRET: envSecret('resource-api-secret', 8),
  /** LOG_FORMAT (pretty | json) and LOG_LEVEL (info: one line per hop of steps 1-4; debug: every request). */
  ...logEnvironment,
});

export function loadAuthServerConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(AuthServerEnvSchema, env);
  return {
    publicListener: { port: e.PORT, host: e.HOST },
    adminListener: { port: e.ADMIN_PORT, host: e.ADMIN_HOST },
    issuer: e.ISSUER,
    /** Cookies carry `Secure` whenever the issuer is https (the scheme as URL reads it, in whatever case). */
    secureCookies: new URL(e.ISSUER).protocol === 'https:',
    loginUiUrl: e.LOGIN_UI_URL,
    accessToken: { audience: e.ACCESS_TOKEN_AUDIENCE, ttlSeconds: e.ACCESS_TOKEN_TTL_SECONDS },
    idTokenTtlSeconds: e.ID_TOKEN_TTL_SECONDS,
    authorizationCodeTtlSeconds: e.AUTHORIZATION_CODE_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    interactionTtlSeconds: e.INTERACTION_TTL_SECONDS,
    adminApiSecret: e.ADMIN_API_SECRET,
    clientSecretPepper: e.CLIENT_SECRET_PEPPER,
    clientAuthenticationLimits: {
      perClientAndIp: {
        name: 'client-auth:client+ip',
        maxFailures: e.CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP,
        windowSeconds: e.CLIENT_AUTH_FAILURE_WINDOW_SECONDS,
      },
      perIp: {
        name: 'client-auth:ip',
        maxFailures: e.CLIENT_AUTH_MAX_FAILURES_PER_IP,
        windowSeconds: e.CLIENT_AUTH_FAILURE_WINDOW_SECONDS,
      },
    },
    authorizeRateLimit: {
      name: 'authorize:ip',
      maxRequests: e.AUTHORIZE_MAX_REQUESTS_PER_IP,
      windowSeconds: e.AUTHORIZE_RATE_WINDOW_SECONDS,
    },
    clientCacheTtlSeconds: e.CLIENT_CACHE_TTL_SECONDS,
    purgeIntervalSeconds: e.PURGE_INTERVAL_SECONDS,
    database: { url: e.DATABASE_URL, sqlitePath: e.DATABASE_PATH },
    redisUrl: e.REDIS_URL,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    seed: {
      clientWebUrl: e.CLIENT_WEB_URL,
      clientWebSecret: e.CLIENT_WEB_SECRET,
      reportingServiceSecret: e.REPORTING_SERVICE_SECRET,
      resourceApiSecret: e.RESOURCE_API_CLIENT_SECRET,
    },
    log: logConfigOf(e),
  };
}

export type AuthServerConfig = ReturnType<typeof loadAuthServerConfig>;

/** Injection token for the typed config: `@Inject(AUTH_SERVER_CONFIG) config: AuthServerConfig`. */
export const AUTH_SERVER_CONFIG = Symbol('AUTH_SERVER_CONFIG');
