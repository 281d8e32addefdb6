import { z } from 'zod';
import {
  envDatabaseUrl,
  envPort,
  envPositiveInt,
  envRedisUrl,
  envSecret,
  envUrl,
  envWholeNumber,
} from './env';
import { InvalidEnvironmentError, loadConfig } from './load-config';

const schema = z.object({
  PORT: envPort(3000),
  ISSUER: envUrl('http://localhost:3000'),
  TTL_SECONDS: envPositiveInt(600),
  SECRET: envSecret('a-demo-secret-of-some-length'),
});

describe(loadConfig.name, () => {
  it('applies every default when nothing is set', () => {
    expect(loadConfig(schema, {})).toEqual({
      PORT: 3000,
      ISSUER: 'http://localhost:3000',
      TTL_SECONDS: 600,
      SECRET: 'a-demo-secret-of-some-length',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { PORT: '' }).PORT).toBe(3000);
  });

  it('reads and converts set values', () => {
    const config = loadConfig(schema, {
      PORT: '8080',
      ISSUER: 'https://as.example.com',
      TTL_SECONDS: '60',
    });
    expect(config.PORT).toBe(8080);
    expect(config.ISSUER).toBe('https://as.example.com');
    expect(config.TTL_SECONDS).toBe(60);
  });

  it('lists every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig(schema, {
        PORT: 'eighty',
        ISSUER: 'http://localhost:3000/',
        TTL_SECONDS: '-1',
        SECRET: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const message = (error as InvalidEnvironmentError).message;
    expect(message).toContain('Invalid environment variables:');
    expect(message).toContain('PORT: expected a port number (1-65535), got "eighty"');
    expect(message).toContain('ISSUER: expected an http(s) URL without a trailing slash');
    expect(message).toContain('TTL_SECONDS: expected a positive whole number, got "-1"');
    expect(message).toContain(
      'SECRET: expected at least 16 characters, got a value of 5 characters (not shown: it is a secret)',
    );
    expect(message).not.toContain('short');
    expect((error as InvalidEnvironmentError).problems).toHaveLength(4);
  });

  it.each([
    'localhost:3000',
    'ftp://host',
    'http://host?x=1',
    'http://user:pw@host',
    'http://host#f',
  ])('refuses %s as a base URL', (value) => {
    expect(() => loadConfig(schema, { ISSUER: value })).toThrow(/ISSUER/);
  });

  it.each(['0', '65536', '3000x', '1e3'])('refuses port %s', (value) => {
    expect(() => loadConfig(schema, { PORT: value })).toThrow(/PORT/);
  });

  describe('DATABASE_URL', () => {
    const database = z.object({ DATABASE_URL: envDatabaseUrl() });

    it('stays unset when not set (the app keeps its sqlite file)', () => {
      expect(loadConfig(database, {}).DATABASE_URL).toBeUndefined();
      expect(loadConfig(database, { DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    });

    it.each(['postgres://app:pw@127.0.0.1:5432/auth', 'postgresql://db.internal/auth_server'])(
      'reads %s',
      (value) => {
        expect(loadConfig(database, { DATABASE_URL: value }).DATABASE_URL).toBe(value);
      },
    );

    it.each([
      'mysql://app:pw@host/auth',
      'postgres://app:pw@host',
      'postgres://app:pw@host/',
      'data/auth-server.sqlite',
    ])('refuses %s without printing it (it may hold a password)', (value) => {
      let message = '';
      try {
        loadConfig(database, { DATABASE_URL: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(
        'DATABASE_URL: expected a postgres:// or postgresql:// URL with a host and a database name',
      );
      expect(message).toContain('not shown: it is a secret');
      expect(message).not.toContain(value);
    });
  });

  describe('REDIS_URL', () => {
    const redis = z.object({ REDIS_URL: envRedisUrl() });

    it('stays unset when not set (the counters stay in the process)', () => {
      expect(loadConfig(redis, {}).REDIS_URL).toBeUndefined();
      expect(loadConfig(redis, { REDIS_URL: '' }).REDIS_URL).toBeUndefined();
    });

    it.each(['redis://127.0.0.1:6379', 'redis://:pw@redis:6379/2', 'rediss://cache.internal'])(
      'reads %s',
      (value) => {
        expect(loadConfig(redis, { REDIS_URL: value }).REDIS_URL).toBe(value);
      },
    );

    it.each(['http://redis:6379', 'redis:6379', 'redis://:pw@', '127.0.0.1:6379'])(
      'refuses %s without printing it (it may hold a password)',
      (value) => {
        let message = '';
        try {
          loadConfig(redis, { REDIS_URL: value });
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toContain('REDIS_URL: expected a redis:// or rediss:// URL with a host');
        expect(message).toContain('not shown: it is a secret');
        expect(message).not.toContain(value);
      },
    );
  });

  it('reads a whole number up to its maximum, 0 included', () => {
    const cache = z.object({ CACHE_SECONDS: envWholeNumber(5, 60) });
    expect(loadConfig(cache, {}).CACHE_SECONDS).toBe(5);
    expect(loadConfig(cache, { CACHE_SECONDS: '0' }).CACHE_SECONDS).toBe(0);
    expect(loadConfig(cache, { CACHE_SECONDS: '60' }).CACHE_SECONDS).toBe(60);
    for (const value of ['61', '-1', '1.5', 'five']) {
      expect(() => loadConfig(cache, { CACHE_SECONDS: value })).toThrow(
        'CACHE_SECONDS: expected a whole number from 0 to 60',
      );
    }
  });
});
