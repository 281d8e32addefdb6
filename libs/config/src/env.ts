import { z } from 'zod';

/**
 * Building blocks for environment schemas. Each takes the default that makes `npm start` work
 * without any configuration, and explains what it expects when the value is wrong.
 */

export function envPort(defaultPort: number) {
  return z
    .string()
    .default(String(defaultPort))
    .refine((v) => /^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
      message: 'expected a port number (1-65535)',
    })
    .transform(Number);
}

export function envPositiveInt(defaultValue: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .default(String(defaultValue))
    .refine((v) => /^\d+$/.test(v) && Number(v) > 0 && Number(v) <= max, {
      message:
        max === Number.MAX_SAFE_INTEGER
          ? 'expected a positive whole number'
          : `expected a whole number from 1 to ${max}`,
    })
    .transform(Number);
}

/** A whole number from 0 to `max`, where 0 is meaningful (e.g. "no cache"). */
export function envWholeNumber(defaultValue: number, max: number) {
  return z
    .string()
    .default(String(defaultValue))
    .refine((v) => /^\d+$/.test(v) && Number(v) <= max, {
      message: `expected a whole number from 0 to ${max}`,
    })
    .transform(Number);
}

/** An absolute http(s) URL with no trailing slash, query or fragment, e.g. an issuer or a base URL. */
export function envUrl(defaultUrl: string) {
  return z.string().default(defaultUrl).refine(isBaseUrl, {
    message: 'expected an http(s) URL without a trailing slash, query or fragment',
  });
}

function isBaseUrl(value: string): boolean {
  if (!URL.canParse(value)) {
    return false;
  }
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    !value.endsWith('/') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** A secret shared between services or used as a key; long enough not to be guessed. */
export function envSecret(defaultValue: string, minLength = 16) {
  return z
    .string()
    .default(defaultValue)
    .refine((v) => v.length >= minLength, { message: `expected at least ${minLength} characters` });
}

/** A host or address to listen on. */
export function envHost(defaultHost: string) {
  return z
    .string()
    .default(defaultHost)
    .refine((v) => /^[A-Za-z0-9.:_-]+$/.test(v), { message: 'expected a host name or address' });
}

/**
 * DATABASE_URL: optional; when set, a PostgreSQL connection URL (`postgres://user:password@host:port/db`)
 * and the app uses PostgreSQL instead of its sqlite file (libs/database). Unset stays unset.
 */
export function envDatabaseUrl() {
  return envServiceUrl(
    (url) =>
      (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.pathname.length > 1,
    'expected a postgres:// or postgresql:// URL with a host and a database name',
  );
}

/**
 * REDIS_URL: optional; when set, a Redis connection URL (`redis://[:password@]host:port[/db]`, or
 * `rediss://` over TLS), and the failure counters replicas must share move there (libs/redis,
 * libs/rate-limits). Unset stays unset: in the process's memory, as with one instance.
 */
export function envRedisUrl() {
  return envServiceUrl(
    (url) => url.protocol === 'redis:' || url.protocol === 'rediss:',
    'expected a redis:// or rediss:// URL with a host',
  );
}

/** An optional URL of a server the app connects to: parseable, with a host, and `accepts` it. */
function envServiceUrl(accepts: (url: URL) => boolean, message: string) {
  return z
    .string()
    .optional()
    .refine(
      (value) =>
        value === undefined ||
        (URL.canParse(value) && new URL(value).hostname !== '' && accepts(new URL(value))),
      { message },
    );
}

/**
 * TRUST_PROXY_HOPS: how many reverse proxies stand in front of the app, the same number in every
 * app behind them (docker-compose.postgres.yml: 1, nginx, for auth-server). The client's address
 * is the key of the guessing limits (failed sign-ins, failed client authentications), so it must be
 * the client's: each proxy appends the address it received the request from to X-Forwarded-For,
 * and the app reads the entry that many hops from the right. 0 (the default): the socket's address,
 * and X-Forwarded-For is ignored. Too few hops, and every client shares the proxy's address: one
 * guesser locks everyone out. Too many, and the entries the client wrote itself are believed: a
 * guesser sends a new X-Forwarded-For with each attempt and is never counted twice.
 */
export function envTrustProxyHops() {
  return envWholeNumber(0, 10);
}

/**
 * PURGE_INTERVAL_SECONDS: how often the app deletes its own rows that are past their retention
 * (expired sessions, authorization requests, codes, tokens: libs/database's PeriodicPurge, and each
 * app's purges, docs/security-cases.md case 44). The first run is soon after start. Every 5 minutes
 * by default, at most once a day; 0 turns the purge off (the tables then only grow, except where a
 * write deletes what it meets).
 */
export function envPurgeIntervalSeconds() {
  return envWholeNumber(300, 86_400);
}

/** A file path (e.g. a sqlite database), or `:memory:`. */
export function envPath(defaultPath: string) {
  return z.string().default(defaultPath);
}

export function envEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  defaultValue: T[number],
) {
  return z
    .string()
    .default(defaultValue)
    .refine((v): v is T[number] => (values as readonly string[]).includes(v), {
      message: `expected one of ${values.join(', ')}`,
    });
}
