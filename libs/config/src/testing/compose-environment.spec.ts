import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { COMPOSE_FILE, COMPOSE_POSTGRES_FILE, composeEnvironment } from './compose-environment';

describe(composeEnvironment.name, () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'compose-environment-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads a service environment as compose does with no .env: defaults, aliases, merge keys', () => {
    const file = join(directory, 'docker-compose.yml');
    writeFileSync(
      file,
      [
        'x-common: &common',
        '  HOST: 0.0.0.0',
        'services:',
        '  one:',
        '    environment:',
        '      SECRET: &secret ${SECRET:-demo-secret}',
        '      PORT: 3000',
        '  two:',
        '    environment:',
        '      <<: *common',
        '      SECRET: *secret',
      ].join('\n'),
    );
    expect(composeEnvironment('one', file)).toEqual({ SECRET: 'demo-secret', PORT: '3000' });
    expect(composeEnvironment('two', file)).toEqual({ HOST: '0.0.0.0', SECRET: 'demo-secret' });
    expect(() => composeEnvironment('three', file)).toThrow(
      'no environment map for service "three"',
    );
  });

  it('merges an override file over the base, variable by variable, as `-f base -f override` does', () => {
    const base = join(directory, 'base.yml');
    const override = join(directory, 'override.yml');
    writeFileSync(base, 'services:\n  one:\n    environment:\n      A: "1"\n      B: "2"\n');
    writeFileSync(
      override,
      'services:\n  one:\n    environment:\n      B: "3"\n      C: ${C:-4}\n  two:\n    environment:\n      D: "5"\n',
    );
    expect(composeEnvironment('one', [base, override])).toEqual({ A: '1', B: '3', C: '4' });
    expect(composeEnvironment('two', [base, override])).toEqual({ D: '5' });
  });
});

interface Service {
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}

/** The services of compose files merged as docker-compose merges an override (maps key by key). */
function mergedServices(files: string[]): Record<string, Service> {
  const merged: Record<string, Service> = {};
  for (const file of files) {
    const { services } = parse(readFileSync(file, 'utf8'), { merge: true }) as {
      services: Record<string, Service>;
    };
    for (const [name, service] of Object.entries(services)) {
      const before = merged[name] ?? {};
      merged[name] = {
        environment: { ...before.environment, ...service.environment },
        healthcheck: { ...before.healthcheck, ...service.healthcheck },
        depends_on: { ...before.depends_on, ...service.depends_on },
      };
    }
  }
  return merged;
}

/** The other services whose names a service's variables call (`http://auth-server:3100`, `@postgres:`). */
function calledServices(services: Record<string, Service>, name: string): string[] {
  const values = Object.values(services[name].environment ?? {}).map(String);
  return Object.keys(services).filter((other) =>
    values.some((value) => value.includes(`//${other}:`) || value.includes(`@${other}:`)),
  );
}

/** The shape of docker-compose.yml that `docker-compose up` relies on to start in the right order. */
describe('docker-compose.yml', () => {
  interface Service {
    environment: Record<string, string>;
    healthcheck?: { test?: string[] };
    depends_on?: Record<string, { condition?: string }>;
  }
  const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as {
    version?: unknown;
    services: Record<string, Service>;
  };
  const names = Object.keys(compose.services);

  it('has no version key (docker-compose 1.29 then accepts depends_on conditions)', () => {
    expect(compose.version).toBeUndefined();
  });

  it.each(names)('%s is health-checked through its GET /health', (name) => {
    expect(compose.services[name].healthcheck?.test?.join(' ')).toContain('/health');
  });

  it.each(names)('%s starts after every service it calls by name is healthy', (name) => {
    const { environment, depends_on: dependsOn = {} } = compose.services[name];
    const called = names.filter((other) =>
      Object.values(environment).some((value) => String(value).includes(`http://${other}:`)),
    );
    for (const other of called) {
      expect([other, dependsOn[other]?.condition]).toEqual([other, 'service_healthy']);
    }
  });
});

/**
 * docker-compose.postgres.yml over docker-compose.yml (issue 8): PostgreSQL, Redis, two auth-server
 * replicas behind nginx under the name `auth-server`. npm run test:compose starts it for real; these
 * checks keep the file consistent between runs.
 */
describe('docker-compose.postgres.yml', () => {
  const files = [COMPOSE_FILE, COMPOSE_POSTGRES_FILE];
  const services = mergedServices(files);
  const names = Object.keys(services);
  const replicas = names.filter((name) => /^auth-server-\d+$/.test(name));
  const createdDatabases = [
    ...readFileSync(join(COMPOSE_FILE, '../docker/postgres/entrypoint.sh'), 'utf8').matchAll(
      /for database in ([a-z_ ]+); do/g,
    ),
  ].flatMap((match) => match[1].trim().split(' '));

  it('adds postgres, redis and two auth-server replicas to the four', () => {
    expect(names.sort()).toEqual(
      [
        'auth-server',
        'auth-server-1',
        'auth-server-2',
        'client-web',
        'login-ui',
        'postgres',
        'redis',
        'resource-api',
      ].sort(),
    );
  });

  it.each([
    ['auth-server', /curl .*http:\/\/127\.0\.0\.1:3000\/health/],
    ['auth-server-1', /\/health/],
    ['auth-server-2', /\/health/],
    ['login-ui', /\/health/],
    ['client-web', /\/health/],
    ['resource-api', /\/health/],
    ['postgres', /^CMD pg_isready /],
    ['redis', /^CMD redis-cli ping$/],
  ])('%s has a healthcheck', (name, check) => {
    expect(services[name].healthcheck?.test?.join(' ')).toMatch(check);
  });

  it.each([
    'auth-server',
    'auth-server-1',
    'auth-server-2',
    'login-ui',
    'client-web',
    'resource-api',
  ])('%s starts after every service it calls by name is healthy', (name) => {
    const dependsOn = services[name].depends_on ?? {};
    for (const other of calledServices(services, name)) {
      expect([other, dependsOn[other]?.condition]).toEqual([other, 'service_healthy']);
    }
  });

  it('the load balancer starts once both replicas are healthy, and sends both ports to both', () => {
    expect(services['auth-server'].depends_on).toEqual(
      Object.fromEntries(replicas.map((replica) => [replica, { condition: 'service_healthy' }])),
    );
    const nginx = readFileSync(join(COMPOSE_FILE, '../docker/nginx/nginx.conf'), 'utf8');
    for (const port of [3000, 3100]) {
      for (const replica of replicas) {
        expect(nginx).toContain(`server ${replica}:${port} `);
      }
    }
  });

  it.each(['auth-server-1', 'auth-server-2'])(
    "%s has docker-compose.yml's auth-server variables, its store in PostgreSQL and Redis, behind one proxy",
    (replica) => {
      const single = composeEnvironment('auth-server');
      delete single['DATABASE_PATH'];
      const { DATABASE_URL, REDIS_URL, TRUST_PROXY_HOPS, ...rest } = composeEnvironment(
        replica,
        files,
      );
      expect(rest).toEqual(single);
      expect(DATABASE_URL).toMatch(/^postgres:\/\/oauth:[^@]+@postgres:5432\/auth_server$/);
      expect(REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
      expect(TRUST_PROXY_HOPS).toBe('1');
    },
  );

  // Only auth-server is behind nginx. An app that trusted a hop with no proxy in front would take
  // the client's own X-Forwarded-For for its address, and a guesser would pick a fresh one each try.
  it.each(['login-ui', 'client-web'])(
    'case 55: %s, reached directly and not through nginx, keeps TRUST_PROXY_HOPS at 0',
    (name) => {
      expect(composeEnvironment(name, files)['TRUST_PROXY_HOPS'] ?? '0').toBe('0');
    },
  );

  it.each(['auth-server-1', 'login-ui', 'client-web', 'resource-api'])(
    "%s's DATABASE_URL names a database postgres creates, with the server's user and password",
    (name) => {
      const url = new URL(composeEnvironment(name, files)['DATABASE_URL']);
      const { POSTGRES_PASSWORD } = composeEnvironment('postgres', files);
      expect(url.username).toBe('oauth');
      expect(decodeURIComponent(url.password)).toBe(POSTGRES_PASSWORD);
      expect(url.host).toBe('postgres:5432');
      expect(createdDatabases).toContain(url.pathname.slice(1));
      expect(url.pathname.slice(1)).toBe(name.replace(/-\d+$/, '').replace('-', '_'));
    },
  );
});
