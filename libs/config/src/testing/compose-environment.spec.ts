import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { composeEnvironment } from './compose-environment';

const COMPOSE_FILE = join(__dirname, '../../../../docker-compose.yml');

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
});

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
