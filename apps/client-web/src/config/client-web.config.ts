import { z } from 'zod';
import {
  envDatabaseUrl,
  envEnum,
  envHost,
  envPath,
  envPort,
  envPurgeIntervalSeconds,
  envPositiveInt,
  envSecret,
  envTrustProxyHops,
  envUrl,
  loadConfig,
} from '@oauth-flow-lab/config';
import { parseScope } from '@oauth-flow-lab/contracts';
import { logConfigOf, logEnvironment } from '@oauth-flow-lab/flow-log';

/**
 * client-web's environment, validated once at boot (see main.ts). The defaults are the demo setup
 * of `npm start`; docker-compose.yml sets the same names.
 */
const ClientWebEnvSchema = z.object({
  PORT: envPort(3002),
  HOST: envHost('0.0.0.0'),
  /** Where the browser reaches this app; the redirect URI is `${PUBLIC_URL}/callback`. */
  PUBLIC_URL: envUrl('http://localhost:3002'),
  /**
   * The authorization server's issuer identifier (RFC 8414 §2): the browser is sent to
   * `${AUTH_SERVER_URL}/authorize`, and every authorization response must carry it as `iss` (RFC 9207).
   */
  AUTH_SERVER_URL: envUrl('http://localhost:3000'),
  /**
   * Back channel to auth-server's token endpoint (steps 3-4 and refreshes), revocation endpoint
   * (Disconnect) and JWKS (the id_token's keys), in Docker http://auth-server:3000.
   */
  AUTH_SERVER_INTERNAL_URL: envUrl('http://localhost:3000'),
  /** Back channel to the protected notes API (step 5). */
  RESOURCE_API_URL: envUrl('http://localhost:3003'),
  /** RFC 6749 §2.2: the client identifier auth-server registered for this app. */
  OAUTH_CLIENT_ID: z
    .string()
    .default('client-web')
    .refine((v) => /^[\x20-\x7E]+$/.test(v), {
      message: 'expected printable ASCII (RFC 6749 A.1)',
    }),
  /** RFC 6749 §2.3.1: the client password. Change it outside the demo. */
  OAUTH_CLIENT_SECRET: envSecret('client-web-secret', 8),
  /**
   * RFC 6749 §3.3: the scopes asked for in step 1. `offline_access` asks for a refresh token
   * (RFC 6749 §1.5), so Notes Reader can get a new access token when the current one expires.
   */
  OAUTH_SCOPE: z
    .string()
    .default('openid profile offline_access notes:read notes:write')
    .refine((v) => (parseScope(v) ?? []).length > 0, {
      message: 'expected space-separated scope tokens (RFC 6749 §3.3)',
    }),
  /** Signs the session cookie; the CSRF key is derived from it. Change it outside the demo. */
  SESSION_SECRET: envSecret('demo-client-web-session-secret-change-me', 24),
  /**
   * client-web's sqlite file: the sessions, and so the tokens they hold (session/session.store.ts),
   * so a restart logs nobody out (docs/security-cases.md, case 40). `:memory:` in the e2e suites.
   */
  DATABASE_PATH: envPath('data/client-web.sqlite'),
  /** Set: PostgreSQL instead of the DATABASE_PATH file (README, \"Running beyond one machine\"). */
  DATABASE_URL: envDatabaseUrl(),
  /**
   * How often expired sessions (and the tokens they held) are deleted
   * (session/purge-expired-sessions.ts); 0: only when met (envPurgeIntervalSeconds).
   */
  PURGE_INTERVAL_SECONDS: envPurgeIntervalSeconds(),
  /**
   * `true`: the teaching listens to the protocol's events (client-flow.events.ts): one step line
   * per hop in the logs, the flow view (GET /flow, /jwt-or-introspection) and, after each call to
   * resource-api (step 5), its demo route `POST /debug/token-checks` asked for its step 6 report.
   * Off (the default; `npm start` and docker-compose.yml turn it on), none of them runs.
   */
  DEMO_MODE: envEnum(['true', 'false'], 'false'),
  /**
   * How many reverse proxies stand in front: the client's address (req.ip, the key of a per-address
   * limit) is read from X-Forwarded-For (envTrustProxyHops says how, and why never more hops than
   * there are proxies). 0 (default): the socket's address, as when browsers reach client-web
   * directly.
   */
  TRUST_PROXY_HOPS: envTrustProxyHops(),
  /**
   * Anonymous GET /connect (docs/security-cases.md, case 44): each stores a session holding a
   * pending authorization, so at most this many per address within the window; past it, 429 with
   * Retry-After. Counted in this process's memory (client-web has no Redis: its replicas keep a
   * browser on one replica, README "Running beyond one machine").
   */
  CONNECT_MAX_REQUESTS_PER_IP: envPositiveInt(300),
  CONNECT_RATE_WINDOW_SECONDS: envPositiveInt(60),
  /** LOG_FORMAT (pretty|json) and LOG_LEVEL: in demo mode, one line per protocol hop at info (flow/). */
  ...logEnvironment,
});

export function loadClientWebConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(ClientWebEnvSchema, env);
  return {
    listener: { port: e.PORT, host: e.HOST },
    publicUrl: e.PUBLIC_URL,
    /** RFC 6749 §3.1.2: the registered redirection endpoint, sent in steps 1 and 3. */
    redirectUri: `${e.PUBLIC_URL}/callback`,
    authServer: {
      issuer: e.AUTH_SERVER_URL,
      authorizationEndpoint: `${e.AUTH_SERVER_URL}/authorize`,
      tokenEndpoint: `${e.AUTH_SERVER_INTERNAL_URL}/token`,
      /** RFC 7009 §2: where Disconnect revokes the refresh token. */
      revocationEndpoint: `${e.AUTH_SERVER_INTERNAL_URL}/revoke`,
      /** OIDC Core §10.1.1: the keys the id_token is verified with, fetched over the back channel. */
      jwksUri: `${e.AUTH_SERVER_INTERNAL_URL}/.well-known/jwks.json`,
    },
    resourceApiUrl: e.RESOURCE_API_URL,
    client: { id: e.OAUTH_CLIENT_ID, secret: e.OAUTH_CLIENT_SECRET, scope: e.OAUTH_SCOPE },
    session: { secret: e.SESSION_SECRET },
    database: { url: e.DATABASE_URL, sqlitePath: e.DATABASE_PATH },
    purgeIntervalSeconds: e.PURGE_INTERVAL_SECONDS,
    /**
     * Cookies get the Secure attribute, and a `__Host-` name (cookieName), when the app is served
     * over https. `URL` lower-cases the scheme, so `HTTPS://…` counts too.
     */
    secureCookies: new URL(e.PUBLIC_URL).protocol === 'https:',
    demoMode: e.DEMO_MODE === 'true',
    trustProxyHops: e.TRUST_PROXY_HOPS,
    connectRateLimit: {
      name: 'connect:ip',
      maxRequests: e.CONNECT_MAX_REQUESTS_PER_IP,
      windowSeconds: e.CONNECT_RATE_WINDOW_SECONDS,
    },
    log: logConfigOf(e),
  };
}

export type ClientWebConfig = ReturnType<typeof loadClientWebConfig>;

/** Injection token for the typed config: `@Inject(CLIENT_WEB_CONFIG) config: ClientWebConfig`. */
export const CLIENT_WEB_CONFIG = Symbol('CLIENT_WEB_CONFIG');
