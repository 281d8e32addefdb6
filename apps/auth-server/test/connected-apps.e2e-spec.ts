import { RememberedConsentListSchema } from '@oauth-flow-lab/contracts';
import type request from 'supertest';
import { adminGet } from './fixtures/admin-api';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { registerClient, type TestClient } from './fixtures/clients';
import { expectJsonError } from './fixtures/expectations';
import { postForm } from './fixtures/form-requests';
import { clientWeb, refresh, tokensWithRefresh, type Credentials } from './fixtures/refresh-tokens';
import {
  authorizeWithConsent,
  consentRequestFor,
  revokeConnectedApp,
  subjectConsentsPath,
} from './fixtures/remembered-consent';

const ALICE = '3f8a6c2e-9d41-4b7a-8e15-6c0f2b9d7a14';
const BOB = 'b7e4d913-2c58-4f06-a3d9-51e8c7a2f630';

/** The user's connected apps on the admin API: listing remembered consents and revoking one. */
describe('admin API: /admin/subjects/:subject/consents', () => {
  let sut: TestAuthServer;
  let clientB: TestClient;

  beforeAll(async () => {
    sut = await startAuthServer();
    clientB = await registerClient(sut, {
      clientId: 'client-b',
      grantTypes: ['authorization_code', 'refresh_token'],
      allowedScopes: ['openid', 'offline_access', 'notes:read'],
    });
  });
  afterAll(() => sut.close());

  const list = async (subject: string) =>
    RememberedConsentListSchema.parse((await adminGet(sut, subjectConsentsPath(subject))).body);
  const introspect = (token: string, credentials: Credentials) =>
    postForm(sut, '/introspect', { token }, credentials);
  const expectActive = async (response: request.Test) =>
    expect(((await response.expect(200)).body as { active: boolean }).active).toBe(true);
  const expectInactive = async (response: request.Test) =>
    expect((await response.expect(200)).text).toBe('{"active":false}');

  it('lists the remembered consents, with the client name, scopes and date', async () => {
    const subject = 'list-user';
    expect(await list(subject)).toEqual([]);
    await authorizeWithConsent(sut, { subject, scope: 'openid notes:read', remember: true });
    await authorizeWithConsent(sut, { subject, scope: 'notes:write', remember: false });

    const apps = await list(subject);
    expect(apps).toEqual([
      {
        client_id: 'client-web',
        client_name: 'Notes Reader',
        scope: ['openid', 'notes:read'],
        remembered_at: expect.any(String) as unknown,
      },
    ]);
    expect(Math.abs(Date.parse(apps[0].remembered_at) - Date.now())).toBeLessThan(10_000);
  });

  it('requires the admin secret', async () => {
    const response = await adminGet(sut, subjectConsentsPath(ALICE)).set(
      'Authorization',
      'Bearer wrong',
    );
    expectJsonError(response, 401, 'unauthorized');
  });

  it("case 13: an injection-shaped subject is only a value: nobody's consents", async () => {
    await authorizeWithConsent(sut, { subject: 'injection-user', remember: true });
    expect(await list(`' OR '1'='1`)).toEqual([]);
    expect(await list('%')).toEqual([]);
    expect(await list('injection-user\u0000')).toEqual([]);
  });

  it("DELETE forgets the consent and revokes that client's tokens for that user only", async () => {
    const remembered = await authorizeWithConsent(sut, {
      subject: ALICE,
      scope: 'openid offline_access notes:read',
      remember: true,
    });
    expect(remembered.code).toEqual(expect.any(String));
    const alice = await tokensWithRefresh(sut, { subject: ALICE });
    const bob = await tokensWithRefresh(sut, { subject: BOB });
    const aliceAtB = await tokensWithRefresh(
      sut,
      { subject: ALICE, clientId: clientB.clientId, redirectUri: clientB.redirectUris[0] },
      clientB,
    );
    expect((await list(ALICE)).map((app) => app.client_id)).toEqual(['client-web']);

    await revokeConnectedApp(sut, ALICE, 'client-web').expect(204);

    expect(await list(ALICE)).toEqual([]);
    expectJsonError(await refresh(sut, alice.refresh_token), 400, 'invalid_grant');
    await expectInactive(introspect(alice.refresh_token, clientWeb(sut)));
    await expectInactive(introspect(alice.access_token, clientWeb(sut)));
    await expectActive(introspect(bob.refresh_token, clientWeb(sut)));
    await expectActive(introspect(bob.access_token, clientWeb(sut)));
    await expectActive(introspect(aliceAtB.refresh_token, clientB));
    await refresh(sut, aliceAtB.refresh_token, {}, clientB).expect(200);
  });

  it('DELETE is idempotent: an app never connected, or already revoked -> 204', async () => {
    await revokeConnectedApp(sut, 'nobody', 'client-web').expect(204);
    await revokeConnectedApp(sut, 'nobody', 'no-such-client').expect(204);
  });

  it('after a revoke, the next consent request is not skipped', async () => {
    const subject = 'revoke-then-ask';
    await authorizeWithConsent(sut, { subject, remember: true });
    expect((await consentRequestFor(sut, { subject })).skip).toBe(true);
    await revokeConnectedApp(sut, subject, 'client-web').expect(204);
    expect((await consentRequestFor(sut, { subject })).skip).toBe(false);
  });
});
