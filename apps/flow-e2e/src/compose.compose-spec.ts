import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@oauth-flow-lab/testing';
import { dockerCompose, healthy, stack, untilHealthy } from './support/compose-stack';
import { CLIENT_WEB, connectHoldingSecrets, getNotes, postForm } from './support/oauth-client';

const BOB = { username: 'bob', password: 'builder' };

/**
 * The four services in Docker (run by `npm run test:compose`, which starts the stack first): the
 * six steps through the published ports, the story in `docker-compose logs`, and a refresh token
 * that outlives a restart of auth-server (its sqlite file is on a named volume).
 */
describe('docker-compose up: the four services in containers', () => {
  it('does not publish the admin API', async () => {
    expect(await healthy('http://localhost:3100/health')).toBe(false);
  });

  it('npm run flow passes all six steps against the published ports', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(WORKSPACE_ROOT, 'dist/apps/flow-cli/main.js'),
        '--client-web-url',
        stack.urls.clientWeb,
      ],
      { cwd: WORKSPACE_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect({ exitCode: run.status, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(run.stdout).toContain('All six steps passed.');

    // The same run, told by the four containers: grep its flow id in docker-compose logs.
    const flowId = /^\s+flow id\s+([0-9a-f]{32})$/m.exec(run.stdout)?.[1] ?? 'no flow id printed';
    const story = stack
      .output()
      .split('\n')
      .filter((line) => line.includes(flowId));
    for (const step of [1, 2, 3, 4, 5, 6]) {
      expect(story.some((line) => line.includes(`step ${step} · `))).toBe(true);
    }
    for (const service of ['auth-server', 'login-ui', 'client-web', 'resource-api']) {
      expect(story.some((line) => line.startsWith(service))).toBe(true);
    }
  });

  it('keeps a refresh token valid across a restart of auth-server (named volume)', async () => {
    const { token } = await connectHoldingSecrets(stack, BOB, 'offline_access notes:read');
    expect(token.refresh_token).toBeDefined();

    dockerCompose('restart', 'auth-server');
    await untilHealthy([stack.urls.authServer]);

    const refreshed = await postForm(
      stack,
      '/token',
      { grant_type: 'refresh_token', refresh_token: token.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(refreshed.status).toBe(200);
    // The new access token is signed with the key kept on the volume: resource-api accepts it.
    const notes = await getNotes(stack, String(refreshed.body.access_token));
    expect(notes.status).toBe(200);
  });

  it('docker-compose down, then up: users, consents, refresh tokens and the signing key are kept', async () => {
    const before = await connectHoldingSecrets(stack, BOB, 'offline_access notes:read', {
      remember: true,
    });

    // `down` removes the containers and the network, and keeps the named volumes (`-v` removes them).
    dockerCompose('down');
    dockerCompose('up', '-d');
    await untilHealthy(
      [...new Set(Object.values(stack.urls).flat())].filter((url) => url.includes('localhost')),
    );

    // The signing key is on auth-server's volume: a token signed before `down` still verifies at the
    // new resource-api, which fetched the JWKS afresh.
    expect((await getNotes(stack, before.token.access_token)).status).toBe(200);
    // The refresh token family and the client registration are in auth-server's database.
    const refreshed = await postForm(
      stack,
      '/token',
      { grant_type: 'refresh_token', refresh_token: before.token.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(refreshed.status).toBe(200);
    // bob's password (login-ui's database) still signs him in, and his remembered consent (auth-server's
    // database) skips the consent page.
    const after = await connectHoldingSecrets(stack, BOB, 'offline_access notes:read');
    expect(after.consentShown).toBe(false);
  }, 300_000);
});
