import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const WORKSPACE_ROOT = join(__dirname, '../../../..');

/**
 * The environment docker-compose.yml gives a service, as compose would with no .env file:
 * `${NAME:-default}` becomes its default. Each app's config spec loads its own service's environment
 * with its config loader, so the compose file cannot drift from what the apps accept.
 */
export function composeEnvironment(
  service: string,
  composeFile = join(WORKSPACE_ROOT, 'docker-compose.yml'),
): Record<string, string> {
  // As docker-compose reads it: aliases (`*admin-api-secret`) resolved, `<<` merge keys merged.
  const compose: unknown = parse(readFileSync(composeFile, 'utf8'), { merge: true });
  const environment = serviceEnvironment(compose, service);
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, withDefaults(String(value))]),
  );
}

function serviceEnvironment(compose: unknown, service: string): Record<string, unknown> {
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
  throw new Error(`docker-compose.yml has no environment map for service "${service}"`);
}

function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, (_match, fallback: string) => fallback);
}
