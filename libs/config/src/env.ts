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

export function envPositiveInt(defaultValue: number) {
  return z
    .string()
    .default(String(defaultValue))
    .refine((v) => /^\d+$/.test(v) && Number(v) > 0 && Number.isSafeInteger(Number(v)), {
      message: 'expected a positive whole number',
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
  return z
    .string()
    .optional()
    .refine((value) => value === undefined || isPostgresUrl(value), {
      message: 'expected a postgres:// or postgresql:// URL with a host and a database name',
    });
}

function isPostgresUrl(value: string): boolean {
  if (!URL.canParse(value)) {
    return false;
  }
  const url = new URL(value);
  return (
    (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
    url.hostname !== '' &&
    url.pathname.length > 1
  );
}

/**
 * REDIS_URL: optional; when set, a Redis connection URL (`redis://[:password@]host:port[/db]`, or
 * `rediss://` over TLS), and what replicas must share outside the database moves there (the failure
 * counters; client-web's sessions). Unset stays unset: in-process, as with one instance.
 */
export function envRedisUrl() {
  return z
    .string()
    .optional()
    .refine((value) => value === undefined || isRedisUrl(value), {
      message: 'expected a redis:// or rediss:// URL with a host',
    });
}

function isRedisUrl(value: string): boolean {
  if (!URL.canParse(value)) {
    return false;
  }
  const url = new URL(value);
  return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
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
