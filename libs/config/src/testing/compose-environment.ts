import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** docker-compose.yml, and the override that adds PostgreSQL, Redis and two auth-server replicas. */
export const COMPOSE_FILE = join(WORKSPACE_ROOT, 'docker-compose.yml');
export const COMPOSE_POSTGRES_FILE = join(WORKSPACE_ROOT, 'docker-compose.postgres.yml');

/**
 * The environment docker-compose.yml gives a service, as compose would with no .env file:
 * `${NAME:-default}` becomes its default. Each app's config spec loads its own service's environment
 * with its config loader, so the compose file cannot drift from what the apps accept. With several
 * files (`-f docker-compose.yml -f docker-compose.postgres.yml`), each later file's variables are
 * merged over the earlier ones', as docker-compose merges an override; at least one must have the
 * service.
 */
export function composeEnvironment(
  service: string,
  composeFiles: string | string[] = COMPOSE_FILE,
): Record<string, string> {
  const files = Array.isArray(composeFiles) ? composeFiles : [composeFiles];
  const environments = files
    .map((file) => serviceEnvironment(readCompose(file), service))
    .filter((environment) => environment !== undefined);
  if (environments.length === 0) {
    throw new Error(`no environment map for service "${service}" in ${files.join(', ')}`);
  }
  const environment = environments.reduce<Record<string, unknown>>(
    (merged, next) => ({ ...merged, ...next }),
    {},
  );
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, withDefaults(String(value))]),
  );
}

/** A compose file as docker-compose reads it: aliases (`*admin-api-secret`) resolved, `<<` merged. */
function readCompose(file: string): unknown {
  return parse(readFileSync(file, 'utf8'), { merge: true });
}

function serviceEnvironment(
  compose: unknown,
  service: string,
): Record<string, unknown> | undefined {
  if (typeof compose === 'object' && compose !== null && 'services' in compose) {
    const services = compose.services;
    if (typeof services === 'object' && services !== null && service in services) {
      const definition: unknown = (services as Record<string, unknown>)[service];
      if (typeof definition === 'object' && definition !== null && 'environment' in definition) {
        const environment = definition.environment;
        if (
          typeof environment === 'object' &&
          environment !== null &&
          !Array.isArray(environment)
        ) {
          return environment as Record<string, unknown>;
        }
      }
    }
  }
  return undefined;
}

function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, (_match, fallback: string) => fallback);
}
