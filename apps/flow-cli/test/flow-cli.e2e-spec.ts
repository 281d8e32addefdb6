import { type CliRun, runCli } from './fixtures/run-cli';
import { rememberConsent } from './fixtures/remember-consent';
import { freePorts, type RunningServices, startServices } from '@oauth-flow-lab/testing';

/** Three base64url segments joined by dots: a whole JWT, which must never be printed. */
const WHOLE_JWT = /[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;

/**
 * `npm run flow` against the four real services (built bundles, free ports, temporary databases):
 * the built CLI plays the six steps as a browser would and prints them.
 */
describe('npm run flow (dist/apps/flow-cli/main.js)', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices('flow-cli');
  }, 60000);

  afterAll(async () => {
    await services?.stop();
  });

  const flow = async (...args: string[]): Promise<CliRun> => {
    const run = await runCli(['--client-web-url', services.urls.clientWeb, ...args]);
    if (run.exitCode !== 0) {
      // Shown only when an assertion below fails.
      console.info(`${run.stdout}\n${run.stderr}\n${services.output()}`);
    }
    return run;
  };

  describe('alice (the default user)', () => {
    let run: CliRun;

    beforeAll(async () => {
      run = await flow();
    }, 30000);

    it('exits 0 after all six steps, each under its heading', () => {
      expect(run.exitCode).toBe(0);
      for (const step of [1, 2, 3, 4, 5, 6]) {
        expect(run.stdout).toMatch(new RegExp(`^Step ${step}: `, 'm'));
      }
      expect(run.stdout).toContain('All six steps passed.');
    });

    it('prints the authorization request parameters and the authorization response', () => {
      expect(run.stdout).toMatch(/response_type\s+code/);
      expect(run.stdout).toMatch(/client_id\s+client-web/);
      expect(run.stdout).toMatch(/code_challenge_method\s+S256/);
      expect(run.stdout).toMatch(/login_challenge=[A-Za-z0-9_-]{1,8}…/);
      expect(run.stdout).toMatch(/^\s+code\s+[A-Za-z0-9_-]{1,8}…$/m);
    });

    it('shows the access-token header and claims and the id_token claims', () => {
      expect(run.stdout).toContain('"typ": "at+jwt"');
      expect(run.stdout).toContain('"sub": "3f8a6c2e-9d41-4b7a-8e15-6c0f2b9d7a14"');
      expect(run.stdout).toContain('"client_id": "client-web"');
      expect(run.stdout).toContain('"name": "Alice Liddell"');
    });

    it("prints alice's notes, not bob's", () => {
      expect(run.stdout).toContain("Alice's note: down the rabbit hole");
      expect(run.stdout).toContain("Alice's note: tea at six");
      expect(run.stdout).not.toContain("Bob's note");
    });

    it('prints the flow id under which the four services logged the same six steps', () => {
      const flowId = /^\s+flow id\s+([0-9a-f]{32})$/m.exec(run.stdout)?.[1];
      expect(flowId).toBeDefined();
      const logged = services
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes(`"flow_id":"${flowId}"`))
        .map((line) => JSON.parse(line) as { step?: number });
      const steps = new Set(logged.map((record) => record.step));
      expect([1, 2, 3, 4, 5, 6].filter((step) => !steps.has(step))).toEqual([]);
    });

    it('never prints the password, a whole code or a whole JWT', () => {
      expect(run.stdout).not.toContain('wonderland');
      expect(run.stdout).toContain('password=••••');
      expect(run.stdout).not.toMatch(/code=[A-Za-z0-9_-]{9,}/);
      expect(run.stdout).not.toMatch(WHOLE_JWT);
    });
  });

  it('--user bob: shows bob his notes', async () => {
    const run = await flow('--user', 'bob');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Bob's note: can we fix it?");
    expect(run.stdout).not.toContain("Alice's note");
    expect(run.stdout).not.toContain('builder');
  });

  it("a wrong password: exits non-zero naming step 2 and login-ui's 401", async () => {
    const run = await runCli(['--client-web-url', services.urls.clientWeb, '--password', 'nope']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/✗ Step 2 failed: login-ui answered 401/);
    expect(run.stdout).not.toMatch(/^Step 3/m);
    expect(run.stdout).not.toContain('nope');
  });

  it('client-web down: exits non-zero naming step 1 and the address', async () => {
    const [port] = await freePorts(1);
    const run = await runCli(['--client-web-url', `http://localhost:${port}`]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `✗ Step 1 failed: client-web at http://localhost:${port} is not reachable`,
    );
  });

  // Last: it leaves alice's consent remembered at auth-server.
  it('a remembered consent: step 2 goes through without the consent page', async () => {
    await rememberConsent(services.urls.clientWeb, 'alice', 'wonderland');
    const run = await flow();
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('The consent was remembered');
    expect(run.stdout).not.toContain('The CLI clicks Allow.');
    expect(run.stdout).toContain("Alice's note: tea at six");
  });
});
