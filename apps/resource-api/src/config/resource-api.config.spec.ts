import {
  COMPOSE_FILE,
  COMPOSE_POSTGRES_FILE,
  composeEnvironment,
} from '@oauth-flow-lab/config/testing';
import { InvalidEnvironmentError } from '@oauth-flow-lab/config';
import { loadResourceApiConfig } from './resource-api.config';

describe(loadResourceApiConfig.name, () => {
  it('defaults to the npm start demo', () => {
    expect(loadResourceApiConfig({})).toEqual({
      listener: { port: 3003, host: '0.0.0.0' },
      accessTokens: {
        issuer: 'http://localhost:3000',
        audience: 'http://localhost:3003',
        jwksUri: 'http://localhost:3000/.well-known/jwks.json',
        tokenValidation: 'jwt',
        introspection: {
          url: 'http://localhost:3000/introspect',
          clientId: 'resource-api',
          clientSecret: 'resource-api-secret',
          cacheSeconds: 5,
        },
      },
      notes: { statsCacheSeconds: 5 },
      database: { url: undefined, sqlitePath: 'data/resource-api.sqlite' },
      demoMode: false,
      log: { format: 'pretty', level: 'info' },
    });
  });

  it('reuses GET /notes/stats for NOTES_STATS_CACHE_SECONDS, 0 to 300 (0: never)', () => {
    expect(loadResourceApiConfig({ NOTES_STATS_CACHE_SECONDS: '0' }).notes).toEqual({
      statsCacheSeconds: 0,
    });
    expect(() => loadResourceApiConfig({ NOTES_STATS_CACHE_SECONDS: '301' })).toThrow(
      /NOTES_STATS_CACHE_SECONDS: expected a whole number from 0 to 300/,
    );
  });

  it('turns the demo report on with DEMO_MODE=true, and only with true or false', () => {
    expect(loadResourceApiConfig({ DEMO_MODE: 'true' }).demoMode).toBe(true);
    expect(loadResourceApiConfig({ DEMO_MODE: 'false' }).demoMode).toBe(false);
    // The step lines of steps 5 and 6 are teaching too: demo mode only.
    expect(loadResourceApiConfig({ DEMO_MODE: 'true' }).accessTokens.stepLog).toEqual({
      caller: 'client-web',
    });
    expect(loadResourceApiConfig({ DEMO_MODE: 'false' }).accessTokens.stepLog).toBeUndefined();
    expect(() => loadResourceApiConfig({ DEMO_MODE: 'yes' })).toThrow(
      /DEMO_MODE: expected one of true, false/,
    );
  });

  it('reads LOG_FORMAT and LOG_LEVEL', () => {
    expect(loadResourceApiConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }).log).toEqual({
      format: 'json',
      level: 'debug',
    });
  });

  it('fetches keys over the back channel while the issuer stays the public URL (Docker)', () => {
    const sut = loadResourceApiConfig({
      JWKS_URL: 'http://auth-server:3000/.well-known/jwks.json',
    });
    expect(sut.accessTokens).toMatchObject({
      issuer: 'http://localhost:3000',
      audience: 'http://localhost:3003',
      jwksUri: 'http://auth-server:3000/.well-known/jwks.json',
    });
  });

  it('validates by introspection with TOKEN_VALIDATION=introspection, and only jwt or introspection', () => {
    const sut = loadResourceApiConfig({
      TOKEN_VALIDATION: 'introspection',
      INTROSPECTION_URL: 'http://auth-server:3000/introspect',
      INTROSPECTION_CLIENT_SECRET: 'another-secret',
      INTROSPECTION_CACHE_SECONDS: '0',
    });
    expect(sut.accessTokens.tokenValidation).toBe('introspection');
    expect(sut.accessTokens.introspection).toEqual({
      url: 'http://auth-server:3000/introspect',
      clientId: 'resource-api',
      clientSecret: 'another-secret',
      cacheSeconds: 0,
    });
    expect(() => loadResourceApiConfig({ TOKEN_VALIDATION: 'both' })).toThrow(
      /TOKEN_VALIDATION: expected one of jwt, introspection/,
    );
  });

  it('lists every bad introspection variable at once, the secret not shown', () => {
    expect(() =>
      loadResourceApiConfig({
        INTROSPECTION_URL: 'http://auth-server:3000/introspect/',
        INTROSPECTION_CLIENT_SECRET: 'short',
        INTROSPECTION_CACHE_SECONDS: '3600',
      }),
    ).toThrow(
      /INTROSPECTION_URL: .*\n.*INTROSPECTION_CLIENT_SECRET: expected at least 8 characters, got a value of 5 characters \(not shown[\s\S]*INTROSPECTION_CACHE_SECONDS: expected a whole number from 0 to 60/,
    );
  });

  it('lists every bad variable', () => {
    expect(() => loadResourceApiConfig({ PORT: 'x', ISSUER: 'http://localhost:3000/' })).toThrow(
      InvalidEnvironmentError,
    );
    expect(() => loadResourceApiConfig({ PORT: 'x', ISSUER: 'http://localhost:3000/' })).toThrow(
      /PORT: .*\n.*ISSUER: /,
    );
  });
  it("accepts docker-compose.yml's environment: public issuer, JWKS fetched by service name", () => {
    const sut = loadResourceApiConfig(composeEnvironment('resource-api'));
    expect(sut.accessTokens).toEqual({
      issuer: 'http://localhost:3000',
      audience: 'http://localhost:3003',
      jwksUri: 'http://auth-server:3000/.well-known/jwks.json',
      stepLog: { caller: 'client-web' },
      tokenValidation: 'jwt',
      introspection: {
        url: 'http://auth-server:3000/introspect',
        clientId: 'resource-api',
        clientSecret: 'resource-api-secret',
        cacheSeconds: 5,
      },
    });
    expect(sut.demoMode).toBe(true);
  });

  it("accepts docker-compose.postgres.yml's environment over docker-compose.yml's (resource-api)", () => {
    const sut = loadResourceApiConfig(
      composeEnvironment('resource-api', [COMPOSE_FILE, COMPOSE_POSTGRES_FILE]),
    );
    expect(sut.accessTokens.jwksUri).toBe('http://auth-server:3000/.well-known/jwks.json');
    expect(sut.database.url).toBe(
      'postgres://oauth:demo-postgres-password-change-me@postgres:5432/resource_api',
    );
  });
});
