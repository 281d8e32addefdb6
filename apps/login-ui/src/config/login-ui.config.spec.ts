import {
  COMPOSE_FILE,
  COMPOSE_POSTGRES_FILE,
  composeEnvironment,
} from '@oauth-flow-lab/config/testing';
import { InvalidEnvironmentError } from '@oauth-flow-lab/config';
import { loadLoginUiConfig } from './login-ui.config';

describe(loadLoginUiConfig.name, () => {
  it('defaults to the demo setup', () => {
    const sut = loadLoginUiConfig({});

    expect(sut.listener).toEqual({ port: 3001, host: '0.0.0.0' });
    expect(sut.publicUrl).toBe('http://localhost:3001');
    expect(sut.secureCookies).toBe(false);
    expect(sut.adminApi).toEqual({
      baseUrl: 'http://127.0.0.1:3100',
      secret: 'demo-admin-api-secret-change-me',
      timeoutMs: 5000,
    });
    expect(sut.database).toEqual({ url: undefined, sqlitePath: 'data/login-ui.sqlite' });
    expect(sut.session).toEqual({
      secret: 'demo-login-ui-session-secret-change-me',
      ttlSeconds: 1209600,
    });
    expect(sut.log).toEqual({ format: 'pretty', level: 'info' });
  });

  it('reads the log format and level', () => {
    expect(loadLoginUiConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }).log).toEqual({
      format: 'json',
      level: 'debug',
    });
  });

  it('makes cookies Secure when the public URL is https', () => {
    expect(loadLoginUiConfig({ PUBLIC_URL: 'https://login.example.com' }).secureCookies).toBe(true);
  });

  it("case 55: reads TRUST_PROXY_HOPS, 0 by default (the socket's address)", () => {
    expect(loadLoginUiConfig({}).trustProxyHops).toBe(0);
    expect(loadLoginUiConfig({ TRUST_PROXY_HOPS: '1' }).trustProxyHops).toBe(1);
  });

  it.each(['-1', '11', 'two', '1.5'])(
    'case 55: refuses to start with TRUST_PROXY_HOPS=%s, naming the variable',
    (value) => {
      expect(() => loadLoginUiConfig({ TRUST_PROXY_HOPS: value })).toThrow(
        `TRUST_PROXY_HOPS: expected a whole number from 0 to 10, got "${value}"`,
      );
    },
  );

  it('case 56: reads PASSWORD_HASH_CONCURRENCY, 2 hashes at once by default', () => {
    expect(loadLoginUiConfig({}).passwordHashConcurrency).toBe(2);
    expect(loadLoginUiConfig({ PASSWORD_HASH_CONCURRENCY: '4' }).passwordHashConcurrency).toBe(4);
  });

  it.each(['0', '17', 'two', '1.5'])(
    'case 56: refuses to start with PASSWORD_HASH_CONCURRENCY=%s, naming the variable',
    (value) => {
      expect(() => loadLoginUiConfig({ PASSWORD_HASH_CONCURRENCY: value })).toThrow(
        `PASSWORD_HASH_CONCURRENCY: expected a whole number from 1 to 16, got "${value}"`,
      );
    },
  );

  it('lists every bad variable in one message', () => {
    const load = () =>
      loadLoginUiConfig({
        PORT: 'x',
        AUTH_SERVER_ADMIN_URL: '127.0.0.1:3100',
        ADMIN_API_SECRET: 'short',
        CSRF_SECRET: 'short',
        SESSION_SECRET: 'short',
        LOG_FORMAT: 'xml',
        LOG_LEVEL: 'loud',
      });

    expect(load).toThrow(InvalidEnvironmentError);
    expect(load).toThrow(
      /PORT[\s\S]*AUTH_SERVER_ADMIN_URL[\s\S]*ADMIN_API_SECRET[\s\S]*CSRF_SECRET[\s\S]*SESSION_SECRET[\s\S]*LOG_FORMAT[\s\S]*LOG_LEVEL/,
    );
  });

  it("accepts docker-compose.yml's environment: the admin API by service name", () => {
    const sut = loadLoginUiConfig(composeEnvironment('login-ui'));
    expect(sut.publicUrl).toBe('http://localhost:3001');
    expect(sut.adminApi.baseUrl).toBe('http://auth-server:3100');
    expect(sut.database).toEqual({ url: undefined, sqlitePath: '/data/login-ui.sqlite' });
  });

  it("accepts docker-compose.postgres.yml's environment over docker-compose.yml's (login-ui)", () => {
    const sut = loadLoginUiConfig(
      composeEnvironment('login-ui', [COMPOSE_FILE, COMPOSE_POSTGRES_FILE]),
    );
    expect(sut.adminApi.baseUrl).toBe('http://auth-server:3100');
    expect(sut.database.url).toBe(
      'postgres://oauth:demo-postgres-password-change-me@postgres:5432/login_ui',
    );
    expect(sut.redisUrl).toBe('redis://redis:6379/0');
  });
});
