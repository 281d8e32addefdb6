import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/**
 * `npm start` as the README promises it: the four services on their default ports, a banner with
 * the URL to open and the seeded logins, and Ctrl-C stopping all four. Needs ports 3000-3003 and
 * 3100 free (stop your own `npm start` before `npm test`).
 */
describe('npm start', () => {
  let start: ChildProcess;
  let output = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'oauth-flow-lab-start-'));

  beforeAll(async () => {
    start = spawn(process.execPath, [join(WORKSPACE_ROOT, 'tools/start.mjs')], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, OAUTH_FLOW_LAB_DATA_DIR: dataDir, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 90000;
    while (!output.includes('Open http://localhost:3002') && Date.now() < deadline) {
      if (start.exitCode !== null) {
        throw new Error(`npm start exited early:\n${output}`);
      }
      await new Promise((wait) => setTimeout(wait, 250));
    }
  }, 100000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the URL to open and the seeded logins once all four services answer', () => {
    expect(output).toContain(
      'Open http://localhost:3002 and log in as alice / wonderland (or bob / builder)',
    );
  });

  it.each([
    ['auth-server', 'http://localhost:3000/.well-known/oauth-authorization-server', 200],
    ['login-ui', 'http://localhost:3001/', 200],
    ['client-web', 'http://localhost:3002/', 200],
    ['resource-api', 'http://localhost:3003/notes', 401],
  ])('runs %s on its default port', async (_name, url, status) => {
    expect((await fetch(url)).status).toBe(status);
  });

  it('seeds on first start: the client is registered at auth-server', async () => {
    const location = (
      await fetch(
        'http://localhost:3000/authorize?client_id=client-web&redirect_uri=http%3A%2F%2Flocalhost%3A3002%2Fcallback',
        { redirect: 'manual' },
      )
    ).headers.get('location');
    expect(location).toMatch(/^http:\/\/localhost:3002\/callback\?error=/);
  });

  it('stops all four on Ctrl-C (SIGINT)', async () => {
    const exited = new Promise<void>((done) => start.once('exit', () => done()));
    start.kill('SIGINT');
    await exited;
    for (const name of ['auth-server', 'login-ui', 'client-web', 'resource-api']) {
      expect(output).toMatch(new RegExp(`${name}.*exited with code (SIGINT|0)`));
    }
    await expect(fetch('http://localhost:3002/')).rejects.toThrow();
  }, 20000);
});
