import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { flowIdFromState } from '@oauth-flow-lab/flow-log';
import {
  describeWithPostgres,
  type RunningServices,
  startServices,
  TEST_REDIS_URL,
  WORKSPACE_ROOT,
} from '@oauth-flow-lab/testing';
import { asPage, asStop, Browser } from './support/browser';
import {
  basic,
  CLIENT_WEB,
  connect,
  getNotes,
  jwtHeader,
  obtainCode,
  postForm,
  redeem,
  REPORTING_SERVICE,
} from './support/oauth-client';

const ALICE = { username: 'alice', password: 'wonderland' };
const SCOPE = 'offline_access notes:read';

/**
 * Issue 8, across the four real services: two auth-server processes with one issuer on one
 * PostgreSQL database (and one Redis, REDIS_URL), as two replicas behind a load balancer. The
 * browser reaches the first; login-ui's admin calls, client-web's back channel and resource-api's
 * JWKS reach the second (libs/testing/src/four-services.ts). Runs under `npm run test:scale`.
 */
describeWithPostgres('two auth-server replicas, one issuer, one database', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices('flow-e2e-replicas');
  }, 60000);

  afterAll(async () => {
    await services?.stop();
  });

  /** The same services, with auth-server's requests sent to one replica (0: the browser's). */
  function at(replica: number): RunningServices {
    return {
      ...services,
      urls: { ...services.urls, authServer: services.urls.authServerReplicas[replica] },
    };
  }

  function refresh(replica: number, refreshToken: string | undefined) {
    return postForm(
      at(replica),
      '/token',
      { grant_type: 'refresh_token', refresh_token: refreshToken ?? '' },
      CLIENT_WEB,
    );
  }

  it('runs two replicas with one issuer', async () => {
    expect(services.urls.authServerReplicas).toHaveLength(2);
    const issuers = await Promise.all(
      services.urls.authServerReplicas.map(async (url) => {
        const metadata = await fetch(`${url}/.well-known/oauth-authorization-server`);
        return ((await metadata.json()) as { issuer: string }).issuer;
      }),
    );
    expect(issuers).toEqual([services.urls.authServer, services.urls.authServer]);
  });

  it("alice's browser flow: steps 1-2 served by one replica, steps 3-4 by the other", async () => {
    const browser = new Browser();
    const authorize = asStop(
      await browser.navigate('GET', `${services.urls.clientWeb}/connect`, undefined, (next) =>
        next.toString().startsWith(`${services.urls.authServer}/authorize`),
      ),
    );
    const flowId = flowIdFromState(authorize.searchParams.get('state') ?? '');
    const loginPage = await browser.open(authorize.toString());
    const consentPage = asPage(await browser.submit(loginPage, 'form[action="/login"]', ALICE));
    const home = asPage(
      await browser.submit(consentPage, 'form[action="/consent"]', { decision: 'allow' }),
    );
    expect(home.$('[data-testid="note"]').length).toBe(2);
    await settleLogs();

    const stepsAt = (replica: number) => stepsOfFlow(services.replicaOutput(replica), flowId);
    expect(stepsAt(0)).toEqual(expect.arrayContaining([1, 2]));
    expect(stepsAt(0)).not.toEqual(expect.arrayContaining([3]));
    expect(stepsAt(1)).toEqual(expect.arrayContaining([3, 4]));
    expect(stepsAt(1)).not.toEqual(expect.arrayContaining([1]));
  });

  it('case 15 across replicas: 20 parallel redemptions of one code, spread over both -> exactly one 200, the others invalid_grant', async () => {
    const obtained = await obtainCode(services, ALICE, SCOPE);
    expectOneWinner(
      await Promise.all(Array.from({ length: 20 }, (_, index) => redeem(at(index % 2), obtained))),
    );
  });

  it('refresh at alternating replicas rotates; a spent token replayed at the other revokes the family (RFC 9700 §4.14.2)', async () => {
    const first = await connect(services, ALICE, SCOPE);
    const second = await refresh(1, first.refresh_token);
    const third = await refresh(0, String(second.body.refresh_token));
    const fourth = await refresh(1, String(third.body.refresh_token));
    expect([second.status, third.status, fourth.status]).toEqual([200, 200, 200]);

    // `second` was spent at replica 0: replayed at replica 1, it is a reuse.
    const replay = await refresh(1, String(second.body.refresh_token));
    expect({ status: replay.status, body: replay.body }).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    // The family is revoked for both: the newest token is refused at the other replica too.
    const newest = await refresh(0, String(fourth.body.refresh_token));
    expect({ status: newest.status, body: newest.body }).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('one refresh token spent at both replicas at once: one 200, the others invalid_grant', async () => {
    const tokens = await connect(services, ALICE, SCOPE);
    expectOneWinner(
      await Promise.all(
        Array.from({ length: 10 }, (_, index) => refresh(index % 2, tokens.refresh_token)),
      ),
    );
  });

  it('a signing-key rotation on the shared database is published by both replicas at once, and both sign with it after their reload', async () => {
    const kidsAt = async (replica: number): Promise<string[]> => {
      const jwks = await fetch(
        `${services.urls.authServerReplicas[replica]}/.well-known/jwks.json`,
      );
      return ((await jwks.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    };
    const before = await kidsAt(0);
    await promisify(execFile)(
      process.execPath,
      [join(WORKSPACE_ROOT, 'dist/apps/auth-server/main.js'), 'rotate-keys'],
      { cwd: WORKSPACE_ROOT, env: { ...process.env, ...services.databaseEnv('auth-server') } },
    );
    const added = (await kidsAt(0)).filter((kid) => !before.includes(kid));
    expect(added).toHaveLength(1);
    expect(await kidsAt(1)).toContain(added[0]);

    // Each replica re-reads the active key every 5 s (ACTIVE_KEY_RELOAD_SECONDS).
    await new Promise((wait) => setTimeout(wait, 5500));
    for (const replica of [0, 1]) {
      const token = await postForm(
        at(replica),
        '/token',
        { grant_type: 'client_credentials' },
        REPORTING_SERVICE,
      );
      const accessToken = String(token.body.access_token);
      expect({ replica, kid: jwtHeader(accessToken).kid }).toEqual({ replica, kid: added[0] });
      expect((await getNotes(services, accessToken, '/notes/stats')).status).toBe(200);
    }
  }, 30000);

  it('the browser replica restarted between showing the login form and its POST: the flow completes', async () => {
    const browser = new Browser();
    const loginPage = await browser.open(`${services.urls.clientWeb}/connect`);
    await services.stopReplica(0);
    await services.startReplica(0);
    const consentPage = asPage(await browser.submit(loginPage, 'form[action="/login"]', ALICE));
    const home = asPage(
      await browser.submit(consentPage, 'form[action="/consent"]', { decision: 'allow' }),
    );
    expect(home.$('[data-testid="note"]').length).toBe(2);
  });

  it('the back-channel replica stopped: the other redeems and refreshes; restarted, it serves what was issued meanwhile', async () => {
    const obtained = await obtainCode(services, ALICE, SCOPE);
    await services.stopReplica(1);
    let issued: { status: number; body: Record<string, unknown> };
    try {
      issued = await redeem(at(0), obtained);
      expect(issued.status).toBe(200);
    } finally {
      await services.startReplica(1);
    }
    const refreshed = await refresh(1, String(issued.body.refresh_token));
    expect(refreshed.status).toBe(200);
    expect((await getNotes(services, String(refreshed.body.access_token))).status).toBe(200);
  });

  // Last: it leaves reporting-service's counter for this address at its limit.
  (TEST_REDIS_URL ? it : it.skip)(
    'case 11 for clients across replicas (REDIS_URL): failures at either count against both',
    async () => {
      const wrong = { id: REPORTING_SERVICE.id, secret: 'not-the-secret' };
      // CLIENT_AUTH_MAX_FAILURES_PER_CLIENT_AND_IP is 10: five at each replica.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const answer = await postForm(
          at(attempt % 2),
          '/token',
          { grant_type: 'client_credentials' },
          wrong,
        );
        expect({ attempt, status: answer.status }).toEqual({ attempt, status: 401 });
      }
      // The right secret now gets 429 at both: neither replica saw ten failures itself.
      for (const url of services.urls.authServerReplicas) {
        const response = await fetch(`${url}/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            authorization: basic(REPORTING_SERVICE),
          },
          body: 'grant_type=client_credentials',
        });
        expect({
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
          body: await response.json(),
        }).toEqual({
          status: 429,
          retryAfter: expect.stringMatching(/^\d+$/) as string,
          body: expect.objectContaining({ error: 'invalid_client' }) as unknown,
        });
      }
    },
  );
});

/** Of answers to one grant spent at once: exactly one 200, every other one 400 invalid_grant. */
function expectOneWinner(answers: { status: number; body: Record<string, unknown> }[]): void {
  expect(answers.map((answer) => answer.status).sort()).toEqual([
    200,
    ...Array<number>(answers.length - 1).fill(400),
  ]);
  for (const answer of answers.filter((a) => a.status === 400)) {
    expect(answer.body).toMatchObject({ error: 'invalid_grant' });
  }
}

/** The steps a replica's JSON log lines name under one flow id. */
function stepsOfFlow(output: string, flowId: string): number[] {
  const steps = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { flow_id?: string; step?: number })
    .flatMap((record) =>
      record.flow_id === flowId && record.step !== undefined ? [record.step] : [],
    );
  return [...new Set(steps)].sort();
}

/** pino writes synchronously to a pipe; give the pipes a moment to drain into the test. */
function settleLogs(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}
