import {
  COMPOSE_FILE,
  COMPOSE_POSTGRES_FILE,
  composeEnvironment,
} from '@oauth-flow-lab/config/testing';
import { loadAuthServerConfig, MAX_SIGNED_TOKEN_TTL_SECONDS } from './auth-server.config';

describe(loadAuthServerConfig.name, () => {
  it('needs no configuration for `npm start`: the issuer is http://localhost:3000', () => {
    const sut = loadAuthServerConfig({});
    expect(sut.issuer).toBe('http://localhost:3000');
    expect(sut.adminListener).toEqual({ port: 3100, host: '127.0.0.1' });
    expect(sut.accessToken).toEqual({ audience: 'http://localhost:3003', ttlSeconds: 600 });
    expect(sut.log).toEqual({ format: 'pretty', level: 'info' });
  });

  it("seeds resource-api's client secret from RESOURCE_API_CLIENT_SECRET, 8 characters at least", () => {
    expect(loadAuthServerConfig({}).seed.resourceApiSecret).toBe('resource-api-secret');
    expect(
      loadAuthServerConfig({ RESOURCE_API_CLIENT_SECRET: 'a-longer-secret' }).seed
        .resourceApiSecret,
    ).toBe('a-longer-secret');
    expect(() => loadAuthServerConfig({ RESOURCE_API_CLIENT_SECRET: 'short' })).toThrow(
      /RESOURCE_API_CLIENT_SECRET: expected at least 8 characters, got a value of 5 characters \(not shown/,
    );
  });

  it('accepts token lifetimes up to a day, which bounds how long a revoked grant and a retired key are kept', () => {
    const max = String(MAX_SIGNED_TOKEN_TTL_SECONDS);
    expect(loadAuthServerConfig({ ACCESS_TOKEN_TTL_SECONDS: max }).accessToken.ttlSeconds).toBe(
      MAX_SIGNED_TOKEN_TTL_SECONDS,
    );
    expect(() =>
      loadAuthServerConfig({ ACCESS_TOKEN_TTL_SECONDS: String(MAX_SIGNED_TOKEN_TTL_SECONDS + 1) }),
    ).toThrow(`ACCESS_TOKEN_TTL_SECONDS: expected a whole number from 1 to ${max}`);
    // The same bound for id_tokens: a retired signing key stays published that long.
    expect(() =>
      loadAuthServerConfig({ ID_TOKEN_TTL_SECONDS: String(MAX_SIGNED_TOKEN_TTL_SECONDS + 1) }),
    ).toThrow(`ID_TOKEN_TTL_SECONDS: expected a whole number from 1 to ${max}`);
  });

  it('caches a client 30 s by default, 0 to 3600 s by CLIENT_CACHE_TTL_SECONDS (0: no cache)', () => {
    expect(loadAuthServerConfig({}).clientCacheTtlSeconds).toBe(30);
    expect(loadAuthServerConfig({ CLIENT_CACHE_TTL_SECONDS: '0' }).clientCacheTtlSeconds).toBe(0);
    expect(() => loadAuthServerConfig({ CLIENT_CACHE_TTL_SECONDS: '3601' })).toThrow(
      'CLIENT_CACHE_TTL_SECONDS: expected a whole number from 0 to 3600',
    );
  });

  it("case 55: reads TRUST_PROXY_HOPS, 0 by default (the socket's address)", () => {
    expect(loadAuthServerConfig({}).trustProxyHops).toBe(0);
    expect(loadAuthServerConfig({ TRUST_PROXY_HOPS: '1' }).trustProxyHops).toBe(1);
  });

  it.each(['-1', '11', 'two', '1.5'])(
    'case 55: refuses to start with TRUST_PROXY_HOPS=%s, naming the variable',
    (value) => {
      expect(() => loadAuthServerConfig({ TRUST_PROXY_HOPS: value })).toThrow(
        `TRUST_PROXY_HOPS: expected a whole number from 0 to 10, got "${value}"`,
      );
    },
  );

  it('reads the log format and level (LOG_FORMAT, LOG_LEVEL)', () => {
    expect(loadAuthServerConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }).log).toEqual({
      format: 'json',
      level: 'debug',
    });
  });

  it('refuses a bad environment with one message naming every bad variable, secrets not shown', () => {
    expect(() =>
      loadAuthServerConfig({
        PORT: 'x',
        ISSUER: 'http://localhost:3000/',
        ADMIN_API_SECRET: 'short',
        LOG_FORMAT: 'xml',
        LOG_LEVEL: 'loud',
      }),
    ).toThrow(
      /PORT: .*\n.*ISSUER: .*\n.*ADMIN_API_SECRET: expected at least 24 characters, got a value of 5 characters \(not shown[\s\S]*LOG_FORMAT: [\s\S]*LOG_LEVEL: /,
    );
  });

  it("accepts docker-compose.yml's environment: public issuer, admin API on the compose network", () => {
    const sut = loadAuthServerConfig(composeEnvironment('auth-server'));
    expect(sut.issuer).toBe('http://localhost:3000');
    expect(sut.adminListener).toEqual({ port: 3100, host: '0.0.0.0' });
    expect(sut.loginUiUrl).toBe('http://localhost:3001');
    expect(sut.database).toEqual({ url: undefined, sqlitePath: '/data/auth-server.sqlite' });
    expect(sut.seed.resourceApiSecret).toBe('resource-api-secret');
  });

  it("accepts docker-compose.postgres.yml's environment over docker-compose.yml's (auth-server-1)", () => {
    const sut = loadAuthServerConfig(
      composeEnvironment('auth-server-1', [COMPOSE_FILE, COMPOSE_POSTGRES_FILE]),
    );
    expect(sut.issuer).toBe('http://localhost:3000');
    expect(sut.database).toEqual({
      url: 'postgres://oauth:demo-postgres-password-change-me@postgres:5432/auth_server',
      sqlitePath: 'data/auth-server.sqlite',
    });
    expect(sut.redisUrl).toBe('redis://redis:6379/0');
    expect(sut.trustProxyHops).toBe(1);
  });
});
