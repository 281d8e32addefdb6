import { execFileSync } from 'node:child_process';
import { dockerCompose, stack, untilHealthy, WITH_REPLICAS } from './support/compose-stack';
import {
  basic,
  CLIENT_WEB,
  connectHoldingSecrets,
  getNotes,
  postForm,
  REPORTING_SERVICE,
} from './support/oauth-client';

const BOB = { username: 'bob', password: 'builder' };
const SCOPE = 'offline_access notes:read';

/** How many token requests a replica's container has answered so far (its flow log lines). */
function tokenRequestsAt(replica: string): number {
  return dockerCompose('logs', '--no-color', replica)
    .split('\n')
    .filter((line) => line.includes('POST /token')).length;
}

/** Whether docker reports the container of a service healthy. */
function isHealthy(service: string): boolean {
  const id = dockerCompose('ps', '-q', service).trim();
  return (
    id !== '' &&
    execFileSync('docker', ['inspect', '--format', '{{.State.Health.Status}}', id], {
      encoding: 'utf8',
    }).trim() === 'healthy'
  );
}

/**
 * docker-compose.postgres.yml (issue 8), run by `npm run test:compose` with the stack it names: the
 * browser's and the back channels' `auth-server` is nginx in front of two replicas on one PostgreSQL
 * database, with their failure counters in Redis. Skipped with docker-compose.yml alone.
 */
(WITH_REPLICAS ? describe : describe.skip)(
  'docker-compose.postgres.yml: two auth-server replicas behind one address',
  () => {
    it('both replicas answer token requests, and a code issued through either is redeemed', async () => {
      const before = ['auth-server-1', 'auth-server-2'].map(tokenRequestsAt);
      for (let flow = 0; flow < 3; flow += 1) {
        const { token } = await connectHoldingSecrets(stack, BOB, SCOPE);
        expect((await getNotes(stack, token.access_token)).status).toBe(200);
      }
      // Token requests in a row: nginx's round robin sends them to each replica in turn. (A flow
      // alone is no proof: its four requests to auth-server would bring its token request to the
      // same replica every time.)
      for (let request = 0; request < 6; request += 1) {
        const answer = await postForm(
          stack,
          '/token',
          { grant_type: 'client_credentials' },
          REPORTING_SERVICE,
        );
        expect(answer.status).toBe(200);
      }
      const after = ['auth-server-1', 'auth-server-2'].map(tokenRequestsAt);
      expect(after[0]).toBeGreaterThan(before[0]);
      expect(after[1]).toBeGreaterThan(before[1]);
    });

    it('one replica stopped: flows go on through the other; started again, it serves what was issued meanwhile', async () => {
      dockerCompose('stop', 'auth-server-1');
      let refreshToken: string;
      try {
        const { token } = await connectHoldingSecrets(stack, BOB, SCOPE);
        expect((await getNotes(stack, token.access_token)).status).toBe(200);
        refreshToken = token.refresh_token ?? '';
      } finally {
        dockerCompose('start', 'auth-server-1');
      }
      const deadline = Date.now() + 120_000;
      while (!isHealthy('auth-server-1') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      await untilHealthy([stack.urls.authServer]);
      const requestsBefore = tokenRequestsAt('auth-server-1');
      // Round robin: of four refreshes in a row, some land on the replica that was stopped.
      for (let refresh = 0; refresh < 4; refresh += 1) {
        const answer = await postForm(
          stack,
          '/token',
          { grant_type: 'refresh_token', refresh_token: refreshToken },
          CLIENT_WEB,
        );
        expect(answer.status).toBe(200);
        refreshToken = String(answer.body.refresh_token);
      }
      expect(tokenRequestsAt('auth-server-1')).toBeGreaterThan(requestsBefore);
    }, 180_000);

    // Last: it leaves reporting-service's counter for this address at its limit.
    it('case 11 for clients: failures spread over both replicas count together (Redis), per client address (TRUST_PROXY_HOPS)', async () => {
      const wrong = { id: REPORTING_SERVICE.id, secret: 'not-the-secret' };
      // CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP is 10; nginx alternates the replicas.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const answer = await postForm(stack, '/token', { grant_type: 'client_credentials' }, wrong);
        expect({ attempt, status: answer.status }).toEqual({ attempt, status: 401 });
      }
      const response = await fetch(`${stack.urls.authServer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: basic(REPORTING_SERVICE),
        },
        body: 'grant_type=client_credentials',
      });
      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  },
);
