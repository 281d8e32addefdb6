import {
  COMPOSE_FILE,
  COMPOSE_POSTGRES_FILE,
  composeEnvironment,
} from '@oauth-flow-lab/config/testing';
import { InvalidEnvironmentError } from '@oauth-flow-lab/config';
import { loadClientWebConfig } from './client-web.config';

describe(loadClientWebConfig.name, () => {
  it('defaults to the local demo', () => {
    const sut = loadClientWebConfig({});
    expect(sut.listener).toEqual({ port: 3002, host: '0.0.0.0' });
    expect(sut.redirectUri).toBe('http://localhost:3002/callback');
    expect(sut.authServer).toEqual({
      issuer: 'http://localhost:3000',
      authorizationEndpoint: 'http://localhost:3000/authorize',
      tokenEndpoint: 'http://localhost:3000/token',
      revocationEndpoint: 'http://localhost:3000/revoke',
      jwksUri: 'http://localhost:3000/.well-known/jwks.json',
    });
    expect(sut.client).toEqual({
      id: 'client-web',
      secret: 'client-web-secret',
      scope: 'openid profile offline_access notes:read notes:write',
    });
    expect(sut.secureCookies).toBe(false);
    expect(sut.database).toEqual({ url: undefined, sqlitePath: 'data/client-web.sqlite' });
  });

  it('keeps the sessions in the sqlite file DATABASE_PATH names (SECURITY-CASES 40)', () => {
    expect(loadClientWebConfig({ DATABASE_PATH: '/data/client-web.sqlite' }).database).toEqual({
      url: undefined,
      sqlitePath: '/data/client-web.sqlite',
    });
  });

  it('keeps them in PostgreSQL when DATABASE_URL is set, shared by several client-web replicas', () => {
    const url = 'postgres://client_web:pw@127.0.0.1:5432/client_web';
    expect(loadClientWebConfig({ DATABASE_URL: url }).database.url).toBe(url);
  });

  it('sends the browser to the issuer and the token request to the internal URL', () => {
    const sut = loadClientWebConfig({ AUTH_SERVER_INTERNAL_URL: 'http://auth-server:3000' });
    expect(sut.authServer.authorizationEndpoint).toBe('http://localhost:3000/authorize');
    expect(sut.authServer.tokenEndpoint).toBe('http://auth-server:3000/token');
    expect(sut.authServer.revocationEndpoint).toBe('http://auth-server:3000/revoke');
    // OpenID Connect: the id_token's keys come over the back channel; its `iss` stays the public URL.
    expect(sut.authServer.jwksUri).toBe('http://auth-server:3000/.well-known/jwks.json');
  });

  it('uses Secure cookies when served over https', () => {
    expect(loadClientWebConfig({ PUBLIC_URL: 'https://notes.example' }).secureCookies).toBe(true);
  });

  it("case 55: reads TRUST_PROXY_HOPS, 0 by default (the socket's address)", () => {
    expect(loadClientWebConfig({}).trustProxyHops).toBe(0);
    expect(loadClientWebConfig({ TRUST_PROXY_HOPS: '1' }).trustProxyHops).toBe(1);
  });

  it.each(['-1', '11', 'two', '1.5'])(
    'case 55: refuses to start with TRUST_PROXY_HOPS=%s, naming the variable',
    (value) => {
      expect(() => loadClientWebConfig({ TRUST_PROXY_HOPS: value })).toThrow(
        `TRUST_PROXY_HOPS: expected a whole number from 0 to 10, got "${value}"`,
      );
    },
  );

  it('lists every bad variable', () => {
    expect(() =>
      loadClientWebConfig({
        PUBLIC_URL: 'http://localhost:3002/',
        SESSION_SECRET: 'short',
        OAUTH_SCOPE: 'bad"scope',
      }),
    ).toThrow(InvalidEnvironmentError);
  });
  it("accepts docker-compose.yml's environment: browser URLs public, back channel by service name", () => {
    const sut = loadClientWebConfig(composeEnvironment('client-web'));
    expect(sut.redirectUri).toBe('http://localhost:3002/callback');
    expect(sut.authServer).toEqual({
      issuer: 'http://localhost:3000',
      authorizationEndpoint: 'http://localhost:3000/authorize',
      tokenEndpoint: 'http://auth-server:3000/token',
      revocationEndpoint: 'http://auth-server:3000/revoke',
      jwksUri: 'http://auth-server:3000/.well-known/jwks.json',
    });
    expect(sut.resourceApiUrl).toBe('http://resource-api:3003');
    // On the named volume client-web-data, so the sessions survive a restart of the container.
    expect(sut.database.sqlitePath).toBe('/data/client-web.sqlite');
  });

  it("accepts docker-compose.postgres.yml's environment over docker-compose.yml's (client-web)", () => {
    const sut = loadClientWebConfig(
      composeEnvironment('client-web', [COMPOSE_FILE, COMPOSE_POSTGRES_FILE]),
    );
    expect(sut.authServer.tokenEndpoint).toBe('http://auth-server:3000/token');
    expect(sut.database.url).toBe(
      'postgres://oauth:demo-postgres-password-change-me@postgres:5432/client_web',
    );
  });
});
