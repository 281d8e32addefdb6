import type request from 'supertest';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { postForm } from './fixtures/form-requests';
import { basicAuthorization, postToken } from './fixtures/token-request';

const CLIENT_CREDENTIALS = { grant_type: 'client_credentials', scope: 'notes:stats' };

/**
 * docs/security-cases.md, case 21: client secrets are stored hashed and compared in constant time
 * (unit tests: src/clients/client-secret.spec.ts), and guessing them is rate limited. Wrong
 * credentials at /token, /introspect and /revoke count per client id from one address and per
 * address; past either limit every attempt, even with the right secret, is 429 invalid_client with
 * Retry-After.
 */
describe('client authentication: secret guessing (case 21)', () => {
  let sut: TestAuthServer;
  let reportingSecret: string;

  // Small limits, so the test guesses a handful of times instead of the default 10 and 30.
  async function start(env: Record<string, string>): Promise<void> {
    sut = await startAuthServer({ CLIENT_AUTH_FAILURE_WINDOW_SECONDS: '120', ...env });
    reportingSecret = sut.config.seed.reportingServiceSecret;
  }
  afterEach(() => sut.close());

  const asReportingService = (secret: string) => ({
    Authorization: basicAuthorization('reporting-service', secret),
  });

  function expectThrottled(response: request.Response): void {
    expect({ status: response.status, body: response.body as unknown }).toEqual({
      status: 429,
      body: { error: 'invalid_client', error_description: expect.any(String) as string },
    });
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(100);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(120);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).not.toHaveProperty('access_token');
  }

  it('case 21: client secrets are stored as digests, never as given', async () => {
    await start({});
    const rows = await sut.dataSource.query<{ client_id: string; secret_digest: string }[]>(
      'SELECT client_id, secret_digest FROM clients',
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.secret_digest).toMatch(/^[0-9a-f]{64}$/);
    }
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(reportingSecret);
    expect(stored).not.toContain(sut.config.seed.clientWebSecret);
  });

  it('case 21: past the limit per client and address, even the right secret gets 429 with Retry-After', async () => {
    await start({ CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP: '3' });
    for (let guess = 0; guess < 3; guess += 1) {
      const wrong = await postToken(sut, CLIENT_CREDENTIALS, asReportingService(`guess-${guess}`));
      expect(wrong.status).toBe(401);
    }
    expectThrottled(await postToken(sut, CLIENT_CREDENTIALS, asReportingService(reportingSecret)));
    // Another client from the same address is not held up by reporting-service's guesser.
    const other = await postToken(
      sut,
      { grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token' },
      { Authorization: basicAuthorization('client-web', sut.config.seed.clientWebSecret) },
    );
    expect({ status: other.status, error: (other.body as { error?: string }).error }).toEqual({
      status: 400,
      error: 'invalid_grant',
    });
  });

  it('case 21: the limit per address spans client ids, unknown ones included', async () => {
    await start({ CLIENT_AUTH_MAX_FAILURES_PER_IP: '4' });
    for (const clientId of ['nobody-1', 'nobody-2', 'client-web', 'nobody-3']) {
      const wrong = await postToken(sut, CLIENT_CREDENTIALS, {
        Authorization: basicAuthorization(clientId, 'guess'),
      });
      expect(wrong.status).toBe(401);
    }
    expectThrottled(await postToken(sut, CLIENT_CREDENTIALS, asReportingService(reportingSecret)));
  });

  it('case 21: /introspect and /revoke count failures and refuse the same way', async () => {
    await start({ CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP: '2' });
    const wrong = { clientId: 'reporting-service', secret: 'guess' };
    expect((await postForm(sut, '/introspect', { token: 'x' }, wrong)).status).toBe(401);
    expect((await postForm(sut, '/revoke', { token: 'x' }, wrong)).status).toBe(401);
    const right = { clientId: 'reporting-service', secret: reportingSecret };
    expectThrottled(await postForm(sut, '/introspect', { token: 'x' }, right));
    expectThrottled(await postForm(sut, '/revoke', { token: 'x' }, right));
    expectThrottled(await postToken(sut, CLIENT_CREDENTIALS, asReportingService(reportingSecret)));
  });

  it('case 21: a successful authentication clears the client count, and no credentials count nothing', async () => {
    await start({ CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP: '3' });
    for (let round = 0; round < 3; round += 1) {
      for (let guess = 0; guess < 2; guess += 1) {
        expect((await postToken(sut, CLIENT_CREDENTIALS, asReportingService('guess'))).status).toBe(
          401,
        );
      }
      // No credentials at all guess nothing: still a 401, and not counted.
      expect((await postToken(sut, CLIENT_CREDENTIALS)).status).toBe(401);
      const right = await postToken(sut, CLIENT_CREDENTIALS, asReportingService(reportingSecret));
      expect(right.status).toBe(200);
    }
  });

  it('case 46: wrong secrets sent all at once get at most the limit checked, the rest 429', async () => {
    await start({ CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP: '5' });

    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, guess) =>
        postToken(sut, CLIENT_CREDENTIALS, asReportingService(`guess-${guess}`)),
      ),
    );

    const statuses = answers.map(({ status }) => status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    for (const throttled of answers.filter(({ status }) => status === 429)) {
      expectThrottled(throttled);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
  });

  describe('behind a reverse proxy (TRUST_PROXY_HOPS)', () => {
    /** reporting-service guessing from `address` as the proxy reports it in X-Forwarded-For. */
    const guessFrom = (address: string, secret = 'guess') =>
      postToken(sut, CLIENT_CREDENTIALS, {
        ...asReportingService(secret),
        'X-Forwarded-For': address,
      });

    it('case 55: TRUST_PROXY_HOPS=1: each client address the proxy forwards is counted apart', async () => {
      await start({ CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP: '2', TRUST_PROXY_HOPS: '1' });
      expect((await guessFrom('203.0.113.7')).status).toBe(401);
      expect((await guessFrom('203.0.113.7')).status).toBe(401);
      expectThrottled(await guessFrom('203.0.113.7', reportingSecret));
      // Another client behind the same proxy is not locked out by the guesser.
      expect((await guessFrom('198.51.100.9', reportingSecret)).status).toBe(200);
    });

    it('case 55: TRUST_PROXY_HOPS=1: only the entry the proxy added counts, not one the client sent', async () => {
      await start({ CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP: '2', TRUST_PROXY_HOPS: '1' });
      // A guesser rotating a forged first entry: the proxy appends the address it saw.
      expect((await guessFrom('10.0.0.1, 203.0.113.7')).status).toBe(401);
      expect((await guessFrom('10.0.0.2, 203.0.113.7')).status).toBe(401);
      expectThrottled(await guessFrom('10.0.0.3, 203.0.113.7', reportingSecret));
    });

    it('case 55: without it (default 0), X-Forwarded-For is ignored: a client cannot pick its own address', async () => {
      await start({ CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP: '2' });
      expect((await guessFrom('203.0.113.1')).status).toBe(401);
      expect((await guessFrom('203.0.113.2')).status).toBe(401);
      expectThrottled(await guessFrom('203.0.113.3', reportingSecret));
    });
  });
});
