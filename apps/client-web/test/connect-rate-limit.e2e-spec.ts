import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { startClientWeb } from './fixtures/client-web-app';

/**
 * docs/security-cases.md, case 44: GET /connect is limited per address
 * (src/connect/connect-rate-limit.guard.ts), before a session is stored: past the limit a 429 page
 * with Retry-After and no session cookie.
 */
describe('GET /connect is limited per address (case 44)', () => {
  let sut: NestExpressApplication;

  afterEach(() => sut.close());

  const start = (env: Record<string, string> = {}) =>
    startClientWeb({
      // Never called: /connect only redirects to the authorization endpoint.
      AUTH_SERVER_INTERNAL_URL: 'http://127.0.0.1:9',
      RESOURCE_API_URL: 'http://127.0.0.1:9',
      CONNECT_MAX_REQUESTS_PER_IP: '3',
      CONNECT_RATE_WINDOW_SECONDS: '60',
      ...env,
    });

  function expectLimited(response: request.Response): void {
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(response.text).toContain('data-testid="error"');
    expect(response.headers['set-cookie']).toBeUndefined();
  }

  it('case 44: past the limit from one address -> 429 with Retry-After, no session stored', async () => {
    sut = await start();
    for (let started = 0; started < 3; started += 1) {
      const response = await request(sut.getHttpServer()).get('/connect');
      expect(response.status).toBe(302);
      expect(response.headers['set-cookie']).toBeDefined();
    }

    const limited = await request(sut.getHttpServer()).get('/connect');

    expectLimited(limited);
    expect(limited.text).toContain('too_many_requests');
  });

  it('case 44: behind a proxy (TRUST_PROXY_HOPS=1), each client address has its own count', async () => {
    sut = await start({ TRUST_PROXY_HOPS: '1' });
    const from = (address: string) =>
      request(sut.getHttpServer()).get('/connect').set('X-Forwarded-For', address);
    for (let started = 0; started < 3; started += 1) {
      expect((await from('203.0.113.7')).status).toBe(302);
    }
    expectLimited(await from('203.0.113.7'));

    expect((await from('198.51.100.9')).status).toBe(302);
  });
});
