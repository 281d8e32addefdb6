import { describeWithRedis, emptyRedisDatabase } from '@oauth-flow-lab/testing';
import type request from 'supertest';
import { AuthorizationRequestEntity } from '../src/interaction/authorization-request.entity';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { getAuthorize } from './fixtures/authorization-steps';

/**
 * docs/security-cases.md, case 44: GET /authorize is limited per address
 * (src/authorize/authorize-rate-limit.guard.ts), before any check: past the limit a 429 page with
 * Retry-After, and nothing stored. With REDIS_URL the replicas share the count.
 */
describe('GET /authorize is limited per address (case 44)', () => {
  const LIMITS = { AUTHORIZE_MAX_REQUESTS_PER_IP: '3', AUTHORIZE_RATE_WINDOW_SECONDS: '60' };
  let sut: TestAuthServer;

  afterEach(() => sut.close());

  const storedRequests = (server: TestAuthServer) =>
    server.dataSource.getRepository(AuthorizationRequestEntity).count();

  function expectLimited(response: request.Response): void {
    expect(response.status).toBe(429);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['location']).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
  }

  it('case 44: past the limit from one address -> 429 with Retry-After, nothing stored', async () => {
    sut = await startAuthServer(LIMITS);
    for (let started = 0; started < 3; started += 1) {
      expect((await getAuthorize(sut)).status).toBe(303);
    }

    expectLimited(await getAuthorize(sut));
    // Malformed requests count too: the limit comes before every check.
    expectLimited(await getAuthorize(sut, { client_id: 'nobody' }));
    expect(await storedRequests(sut)).toBe(3);
  });

  it('case 44: a burst sent at once gets exactly the limit through', async () => {
    sut = await startAuthServer(LIMITS);

    const answers = await Promise.all(Array.from({ length: 20 }, () => getAuthorize(sut)));

    expect(answers.filter(({ status }) => status === 303)).toHaveLength(3);
    answers.filter(({ status }) => status !== 303).forEach(expectLimited);
    expect(await storedRequests(sut)).toBe(3);
  });

  it('case 44: behind a proxy (TRUST_PROXY_HOPS=1), each client address has its own count', async () => {
    sut = await startAuthServer({ ...LIMITS, TRUST_PROXY_HOPS: '1' });
    const from = (address: string) => getAuthorize(sut).set('X-Forwarded-For', address);
    for (let started = 0; started < 3; started += 1) {
      expect((await from('203.0.113.7')).status).toBe(303);
    }
    expectLimited(await from('203.0.113.7'));

    expect((await from('198.51.100.9')).status).toBe(303);
  });

  // Under `npm run test:scale` (TEST_REDIS_URL): two replicas counting in one Redis.
  describeWithRedis('with REDIS_URL, two replicas', () => {
    let other: TestAuthServer;

    afterEach(() => other.close());

    it('case 44: requests at either replica count against both', async () => {
      // Redis database 4: this file's own (emptied), apart from the other suites'.
      const env = { ...LIMITS, REDIS_URL: await emptyRedisDatabase(4) };
      sut = await startAuthServer(env);
      other = await startAuthServer(env);
      expect((await getAuthorize(sut)).status).toBe(303);
      expect((await getAuthorize(other)).status).toBe(303);
      expect((await getAuthorize(sut)).status).toBe(303);

      // Neither replica saw three requests itself.
      expectLimited(await getAuthorize(other));
    });
  });
});
