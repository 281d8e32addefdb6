import { z } from 'zod';
import {
  envDatabaseUrl,
  envHost,
  envPath,
  envPort,
  envPositiveInt,
  envPurgeIntervalSeconds,
  envRedisUrl,
  envSecret,
  envTrustProxyHops,
  envUrl,
  loadConfig,
} from '@oauth-flow-lab/config';
import { logConfigOf, logEnvironment } from '@oauth-flow-lab/flow-log';

/**
 * login-ui's environment, validated once at boot (see main.ts). The defaults are the demo setup of
 * `npm start`; an invalid value stops the app with one message listing every bad variable.
 */
const LoginUiEnvSchema = z.object({
  PORT: envPort(3001),
  HOST: envHost('0.0.0.0'),
  /** Where browsers reach login-ui; https makes every cookie `Secure` and `__Host-` (case 54). */
  PUBLIC_URL: envUrl('http://localhost:3001'),
  /** auth-server's admin listener: the login/consent challenge API (never exposed publicly). */
  AUTH_SERVER_ADMIN_URL: envUrl('http://127.0.0.1:3100'),
  /** Bearer secret presented to the admin API; auth-server holds the same value. Change it outside the demo. */
  ADMIN_API_SECRET: envSecret('demo-admin-api-secret-change-me', 24),
  /** How long a call to the admin API may take before the page says auth-server is unavailable. */
  ADMIN_API_TIMEOUT_MS: envPositiveInt(5000),
  /** HMAC key of the CSRF tokens on the login and consent forms. Change it outside the demo. */
  CSRF_SECRET: envSecret('demo-login-ui-csrf-secret-change-me', 24),
  /** HMAC key signing the `login_ui.session` cookie ("Keep me signed in"). Change it outside the demo. */
  SESSION_SECRET: envSecret('demo-login-ui-session-secret-change-me', 24),
  /** How long a login-ui session lasts (absolute, from sign-in): 14 days. */
  SESSION_TTL_SECONDS: envPositiveInt(1209600),
  /**
   * How often expired login sessions are deleted (sessions/purge-expired-login-sessions.ts); 0: only
   * at each sign-in (envPurgeIntervalSeconds).
   */
  PURGE_INTERVAL_SECONDS: envPurgeIntervalSeconds(),
  DATABASE_PATH: envPath('data/login-ui.sqlite'),
  /** Set: PostgreSQL instead of the DATABASE_PATH file (README, \"Running beyond one machine\"). */
  DATABASE_URL: envDatabaseUrl(),
  /** Set: the failed sign-in counters in Redis, shared by every login-ui replica. */
  REDIS_URL: envRedisUrl(),
  /**
   * Password guessing (docs/security-cases.md, cases 11 and 47): failed sign-ins allowed per window,
   * per account from one address (or from one browser signed in as that account), and per address.
   */
  LOGIN_MAX_FAILURES_PER_USERNAME_AND_IP: envPositiveInt(5),
  LOGIN_MAX_FAILURES_PER_IP: envPositiveInt(20),
  LOGIN_FAILURE_WINDOW_SECONDS: envPositiveInt(900),
  /**
   * How many password hashes may run at once (docs/security-cases.md, case 56): scrypt at N=2^17
   * takes one of libuv's threads (4 by default) and 128 MiB for about 0.4 s; others wait in turn.
   */
  PASSWORD_HASH_CONCURRENCY: envPositiveInt(2, 16),
  /**
   * How many reverse proxies stand in front: the address those limits count is read from
   * X-Forwarded-For (envTrustProxyHops says how, and why never more hops than there are proxies).
   * 0 (default): the socket's address, as when browsers reach login-ui directly.
   */
  TRUST_PROXY_HOPS: envTrustProxyHops(),
  /** LOG_FORMAT (pretty | json) and LOG_LEVEL (info: one line per step 2 hop; debug: every request). */
  ...logEnvironment,
});

export function loadLoginUiConfig(env: Record<string, string | undefined> = process.env) {
  const e = loadConfig(LoginUiEnvSchema, env);
  return {
    listener: { port: e.PORT, host: e.HOST },
    publicUrl: e.PUBLIC_URL,
    /**
     * Cookies carry `Secure`, and a `__Host-` name (cookieName), whenever the app is served over
     * https. `URL` lower-cases the scheme, so `HTTPS://…` counts too.
     */
    secureCookies: new URL(e.PUBLIC_URL).protocol === 'https:',
    adminApi: {
      baseUrl: e.AUTH_SERVER_ADMIN_URL,
      secret: e.ADMIN_API_SECRET,
      timeoutMs: e.ADMIN_API_TIMEOUT_MS,
    },
    csrfSecret: e.CSRF_SECRET,
    session: { secret: e.SESSION_SECRET, ttlSeconds: e.SESSION_TTL_SECONDS },
    purgeIntervalSeconds: e.PURGE_INTERVAL_SECONDS,
    database: { url: e.DATABASE_URL, sqlitePath: e.DATABASE_PATH },
    redisUrl: e.REDIS_URL,
    loginThrottle: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_USERNAME_AND_IP,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
    },
    trustProxyHops: e.TRUST_PROXY_HOPS,
    passwordHashConcurrency: e.PASSWORD_HASH_CONCURRENCY,
    log: logConfigOf(e),
  };
}

export type LoginUiConfig = ReturnType<typeof loadLoginUiConfig>;

/** Injection token for the typed config: `@Inject(LOGIN_UI_CONFIG) config: LoginUiConfig`. */
export const LOGIN_UI_CONFIG = Symbol('LOGIN_UI_CONFIG');
