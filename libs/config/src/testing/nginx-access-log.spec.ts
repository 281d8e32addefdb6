import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPOSE_FILE } from './compose-environment';

/**
 * docs/security-cases.md, case 50: the load balancer of docker-compose.postgres.yml
 * (docker/nginx/nginx.conf) logs no query string, where codes, states, verifiers and sometimes
 * tokens travel, and nothing a request can use to add a line. nginx itself is not run here (npm run
 * test:compose does): these checks read the file.
 */
describe('docker/nginx/nginx.conf access log', () => {
  const conf = readFileSync(join(COMPOSE_FILE, '../docker/nginx/nginx.conf'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join('\n');
  const formats = [...conf.matchAll(/\blog_format\s+(\S+)([^;]*);/g)].map(([, name, body]) => ({
    name,
    body,
  }));
  const maps = new Map(
    // A map's block ends at a `}` of its own line (a regex may hold `{0,200}`).
    [...conf.matchAll(/\bmap\s+(\$\w+)\s+\$(\w+)\s*\{([\s\S]*?)\n\s*\}/g)].map(
      ([, source, name, body]) => [name, { source, body }],
    ),
  );

  /** nginx variables that hold no part of the query, the body, a header or a cookie. */
  const REQUEST_FREE = new Set([
    'remote_addr',
    'time_local',
    'time_iso8601',
    'request_method',
    'status',
    'body_bytes_sent',
    'request_time',
    'upstream_addr',
    'upstream_status',
    'upstream_response_time',
  ]);

  it('case 50: its log_format uses no variable that carries a query string, a header or a cookie', () => {
    expect(formats.map((format) => format.name)).toEqual(['path_only']);
    for (const { body } of formats) {
      expect(body).not.toMatch(
        /\$(request|request_uri|args|arg_\w+|query_string|is_args|request_body|http_\w+|cookie_\w+|uri|document_uri)\b/,
      );
      expect(body).toMatch(/\bescape=default\b/);
      for (const [, variable] of body.matchAll(/\$(\w+)/g)) {
        if (REQUEST_FREE.has(variable)) {
          continue;
        }
        // Any other variable is a map of the request URI that keeps only what precedes its `?`.
        const map = maps.get(variable);
        expect([variable, map?.source]).toEqual([variable, '$request_uri']);
        const patterns = [...(map?.body ?? '').matchAll(/^\s*"(~[^"]*)"/gm)].map(([, p]) => p);
        expect(patterns.length).toBeGreaterThan(0);
        for (const pattern of patterns) {
          expect(pattern).toMatch(/^~\^(\(\?<\w+>)?\[\^\?\]\{\d+(,\d+)?\}\)?$/);
        }
      }
    }
  });

  it('case 50: every access log uses that format, or is off (the admin API: challenges in its paths)', () => {
    const accessLogs = [...conf.matchAll(/\baccess_log\s+([^;]*);/g)].map(([, args]) =>
      args.trim().split(/\s+/),
    );
    expect(accessLogs.length).toBeGreaterThan(0);
    for (const args of accessLogs) {
      expect(args[0] === 'off' || formats.some((format) => format.name === args[1])).toBe(true);
    }
    expect(accessLogs).toContainEqual(['off']);
  });
});
