import { z } from 'zod';

/**
 * Reads an app's environment once, at boot, into a typed config object. Every problem is collected
 * and reported together, so a misconfigured deployment is fixed in one go:
 *
 *   Invalid environment variables:
 *     - PORT: expected a port number (1-65535), got "eighty"
 *     - ISSUER: expected an http(s) URL without a trailing slash, got "localhost:3000"
 */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(['Invalid environment variables:', ...problems.map((p) => `  - ${p}`)].join('\n'));
    this.name = 'InvalidEnvironmentError';
  }
}

export type EnvSchema = z.ZodObject<Record<string, z.ZodType<unknown, string | undefined>>>;

export function loadConfig<S extends EnvSchema>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    // An empty variable is treated as unset, so `FOO=` falls back to the default.
    const value = env[key];
    input[key] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    return `${name}: ${issue.message}${describeValue(name, input[name])}`;
  });
  throw new InvalidEnvironmentError(problems);
}

/**
 * Names of variables whose values are secrets: the error message never prints them. A database or
 * Redis URL may carry a password (`postgres://user:password@host/db`).
 */
const SECRET_NAME = /(SECRET|PEPPER|PASSWORD|TOKEN|KEY)$|^(DATABASE|REDIS)_URL$/;

function describeValue(name: string, value: string | undefined): string {
  if (value === undefined) {
    return ' (not set)';
  }
  if (SECRET_NAME.test(name)) {
    return `, got a value of ${value.length} characters (not shown: it is a secret)`;
  }
  return `, got ${JSON.stringify(value)}`;
}
