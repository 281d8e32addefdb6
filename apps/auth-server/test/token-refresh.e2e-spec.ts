import { TokenResponseSchema } from '@oauth-flow-lab/contracts';
import { RefreshTokenEntity } from '../src/tokens/refresh-token.entity';
import { claimsOf } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, authorizeAndGetCode } from './fixtures/authorization-flow';
import { registerClient } from './fixtures/clients';
import { expectJsonError } from './fixtures/expectations';
import {
  expireRefreshToken,
  refresh,
  refreshTokenRecord,
  tokensWithRefresh,
  withRefreshToken,
} from './fixtures/refresh-tokens';
import { redeemCode } from './fixtures/token-request';

/** Refresh tokens (RFC 6749 §1.5, §6): when they are issued, and a refresh that succeeds. */
describe('POST /token: grant_type=refresh_token', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  describe('issuance with the authorization code', () => {
    it('with offline_access granted: a 256-bit opaque refresh token, stored only as a digest', async () => {
      const tokens = await tokensWithRefresh(sut);
      expect(tokens.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const record = await refreshTokenRecord(sut, tokens.refresh_token);
      expect(record).toMatchObject({ clientId: 'client-web', subject: ALICE, rotatedAt: null });
      expect(record.expiresAt - record.createdAt).toBe(1209600);
      const rows = await sut.dataSource.getRepository(RefreshTokenEntity).find();
      expect(JSON.stringify(rows)).not.toContain(tokens.refresh_token);
    });

    it('without offline_access: no refresh token', async () => {
      const issued = await authorizeAndGetCode(sut, { scope: 'openid notes:read' });
      const body = TokenResponseSchema.parse((await redeemCode(sut, issued).expect(200)).body);
      expect(body.refresh_token).toBeUndefined();
    });

    it('offline_access requested but not consented to: no refresh token', async () => {
      const issued = await authorizeAndGetCode(sut, {
        scope: 'openid offline_access notes:read',
        grantScope: ['openid', 'notes:read'],
      });
      const body = TokenResponseSchema.parse((await redeemCode(sut, issued).expect(200)).body);
      expect(body.refresh_token).toBeUndefined();
    });

    it('a client not registered for refresh_token: no refresh token, even with offline_access', async () => {
      const other = await registerClient(sut, {
        clientId: 'client-no-refresh',
        allowedScopes: ['openid', 'offline_access'],
      });
      const issued = await authorizeAndGetCode(sut, {
        clientId: other.clientId,
        redirectUri: other.redirectUris[0],
        scope: 'openid offline_access',
      });
      const body = TokenResponseSchema.parse((await redeemCode(sut, issued, {}, other)).body);
      expect(body.refresh_token).toBeUndefined();
    });
  });

  it('rotates: a new access token and a new refresh token, same user, scope and auth_time', async () => {
    const first = await tokensWithRefresh(sut);
    const response = await refresh(sut, first.refresh_token)
      .expect(200)
      .expect('Cache-Control', 'no-store');
    const second = withRefreshToken(response);

    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.scope).toBe('openid offline_access notes:read');
    const [before, after] = [await claimsOf(sut, first), await claimsOf(sut, second)];
    expect(after).toMatchObject({
      sub: ALICE,
      client_id: 'client-web',
      auth_time: before.auth_time,
    });
    expect(after.jti).not.toBe(before.jti);

    const [old, next] = [
      await refreshTokenRecord(sut, first.refresh_token),
      await refreshTokenRecord(sut, second.refresh_token),
    ];
    expect(old.rotatedAt).not.toBeNull();
    expect(next).toMatchObject({ familyId: old.familyId, expiresAt: old.expiresAt });
  });

  it('a narrower scope narrows the access token; the refresh token keeps its scope (§6)', async () => {
    const first = await tokensWithRefresh(sut);
    const narrowed = withRefreshToken(
      await refresh(sut, first.refresh_token, { scope: 'notes:read' }),
    );
    expect(narrowed.scope).toBe('notes:read');
    expect((await claimsOf(sut, narrowed)).scope).toBe('notes:read');

    const again = withRefreshToken(await refresh(sut, narrowed.refresh_token));
    expect(again.scope).toBe('openid offline_access notes:read');
  });

  it('case 26: a wider scope -> invalid_scope, and the token stays usable', async () => {
    const tokens = await tokensWithRefresh(sut);
    const wider = refresh(sut, tokens.refresh_token, { scope: 'notes:read notes:write' });
    expectJsonError(await wider, 400, 'invalid_scope');
    await refresh(sut, tokens.refresh_token).expect(200);
  });

  it('an expired refresh token -> invalid_grant', async () => {
    const tokens = await tokensWithRefresh(sut);
    await expireRefreshToken(sut, tokens.refresh_token);
    const body = expectJsonError(await refresh(sut, tokens.refresh_token), 400, 'invalid_grant');
    expect(body.error_description).toContain('expired');
  });

  it('an unknown refresh token -> invalid_grant', async () => {
    expectJsonError(await refresh(sut, 'x'.repeat(43)), 400, 'invalid_grant');
  });

  it('a missing refresh_token -> invalid_request', async () => {
    const body = expectJsonError(await refresh(sut, undefined), 400, 'invalid_request');
    expect(body.error_description).toBe('refresh_token is required');
  });
});
