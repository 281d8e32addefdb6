import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  CLIENT_WEB,
  connect,
  getNotes,
  jwtHeader,
  postForm,
  REPORTING_SERVICE,
} from './support/oauth-client';
import { type RunningServices, startServices } from '@oauth-flow-lab/testing';

const ALICE = { username: 'alice', password: 'wonderland' };
const SCOPE = 'offline_access notes:read';

/**
 * What happens to tokens after step 4, across the real services: refresh rotation, reuse detection,
 * revocation seen by introspection, the client-credentials grant, and signing-key rotation.
 */
describe('the token lifecycle across the four services', () => {
  let services: RunningServices;

  beforeAll(async () => {
    services = await startServices();
  }, 60000);

  afterAll(async () => {
    await services?.stop();
  });

  it("refresh (RFC 6749 §6) rotates: new access and refresh tokens, and the new access token reads alice's notes", async () => {
    const first = await connect(services, ALICE, SCOPE);
    expect(first.refresh_token).toEqual(expect.any(String));
    const refreshed = await postForm(
      services,
      '/token',
      { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);
    const notes = await getNotes(services, String(refreshed.body.access_token));
    expect(notes.status).toBe(200);
    expect(JSON.stringify(await notes.json())).toMatch(/Alice/);
  });

  it('reusing a rotated refresh token is refused and revokes the whole family (RFC 9700 §4.14)', async () => {
    const first = await connect(services, ALICE, SCOPE);
    const rotated = await postForm(
      services,
      '/token',
      { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' },
      CLIENT_WEB,
    );
    const reuse = await postForm(
      services,
      '/token',
      { grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    for (const token of [String(rotated.body.refresh_token), String(rotated.body.access_token)]) {
      const introspection = await postForm(services, '/introspect', { token }, CLIENT_WEB);
      expect(introspection.body).toEqual({ active: false });
    }
  });

  it('/revoke (RFC 7009) is seen by /introspect (RFC 7662)', async () => {
    const tokens = await connect(services, ALICE, SCOPE);
    const before = await postForm(
      services,
      '/introspect',
      { token: tokens.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(before.body).toMatchObject({
      active: true,
      client_id: 'client-web',
      token_type: 'refresh_token',
    });
    const revoked = await postForm(
      services,
      '/revoke',
      { token: tokens.refresh_token ?? '', token_type_hint: 'refresh_token' },
      CLIENT_WEB,
    );
    expect(revoked.status).toBe(200);
    const after = await postForm(
      services,
      '/introspect',
      { token: tokens.refresh_token ?? '' },
      CLIENT_WEB,
    );
    expect(after.body).toEqual({ active: false });
    const accessAfter = await postForm(
      services,
      '/introspect',
      { token: tokens.access_token },
      CLIENT_WEB,
    );
    expect(accessAfter.body).toEqual({ active: false });
  });

  it('client credentials (RFC 6749 §4.4): reporting-service reads /notes/stats, and its token is refused on /notes', async () => {
    const token = await postForm(
      services,
      '/token',
      { grant_type: 'client_credentials' },
      REPORTING_SERVICE,
    );
    expect(token.status).toBe(200);
    expect(token.body.refresh_token).toBeUndefined();
    const accessToken = String(token.body.access_token);
    const stats = await getNotes(services, accessToken, '/notes/stats');
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({ total: 4 });
    const notes = await getNotes(services, accessToken);
    expect(notes.status).toBe(403);
    expect(notes.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  it('case 38: signing-key rotation: tokens signed before and after both verify at resource-api', async () => {
    const before = await connect(services, ALICE, SCOPE);
    const workspaceRoot = resolve(__dirname, '../../..');
    await promisify(execFile)(
      process.execPath,
      [join(workspaceRoot, 'dist/apps/auth-server/main.js'), 'rotate-keys'],
      {
        cwd: workspaceRoot,
        env: { ...process.env, ...services.databaseEnv('auth-server') },
      },
    );
    // The running auth-server starts signing with the new key at its next key reload (every 5 s).
    await new Promise((wait) => setTimeout(wait, 5500));
    const after = await connect(services, ALICE, SCOPE);
    expect(jwtHeader(after.access_token).kid).not.toBe(jwtHeader(before.access_token).kid);
    expect((await getNotes(services, after.access_token)).status).toBe(200);
    expect((await getNotes(services, before.access_token)).status).toBe(200);
  }, 30000);
});
