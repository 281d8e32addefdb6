import { claimsOf } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { registerClient, type TestClient } from './fixtures/clients';
import { expectJsonError } from './fixtures/expectations';
import { isRevoked } from './fixtures/issued-tokens';
import {
  isRefreshTokenRevoked,
  refresh,
  tokensWithRefresh,
  withRefreshToken,
} from './fixtures/refresh-tokens';

/**
 * Refresh-token rotation and reuse detection (RFC 9700 §4.14.2): each refresh token works once; a
 * rotated-out one coming back means it leaked, and the whole grant is revoked.
 */
describe('POST /token: refresh token rotation and reuse', () => {
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

  it('case 26: a rotated-out token reused -> invalid_grant, the whole family and its access tokens revoked', async () => {
    const first = await tokensWithRefresh(sut);
    const second = withRefreshToken(await refresh(sut, first.refresh_token));
    const third = withRefreshToken(await refresh(sut, second.refresh_token));

    expectJsonError(await refresh(sut, first.refresh_token), 400, 'invalid_grant');

    for (const tokens of [first, second, third]) {
      expect(await isRevoked(sut, await claimsOf(sut, tokens))).toBe(true);
      expect(await isRefreshTokenRevoked(sut, tokens.refresh_token)).toBe(true);
    }
    // The newest token, which the attacker or the client may hold, no longer works either.
    expectJsonError(await refresh(sut, third.refresh_token), 400, 'invalid_grant');
  });

  it('case 26: reuse revokes only its own family', async () => {
    const mine = await tokensWithRefresh(sut);
    const other = await tokensWithRefresh(sut);
    await refresh(sut, mine.refresh_token).expect(200);
    expectJsonError(await refresh(sut, mine.refresh_token), 400, 'invalid_grant');

    expect(await isRevoked(sut, await claimsOf(sut, other))).toBe(false);
    await refresh(sut, other.refresh_token).expect(200);
  });

  it('case 26: parallel refreshes with one token -> exactly one 200, the others invalid_grant', async () => {
    const tokens = await tokensWithRefresh(sut);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => refresh(sut, tokens.refresh_token)),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expectJsonError(response, 400, 'invalid_grant');
    }
    // The losers presented a rotated-out token: that is reuse, and the grant is revoked, the
    // winner's new refresh token included (a server cannot tell a race from a replay).
    const winner = withRefreshToken(responses.find((r) => r.status === 200) ?? responses[0]);
    expect(await isRefreshTokenRevoked(sut, winner.refresh_token)).toBe(true);
  });

  it("case 26: another client's refresh token -> invalid_grant, and nothing is revoked", async () => {
    const tokens = await tokensWithRefresh(sut);
    const body = expectJsonError(
      await refresh(sut, tokens.refresh_token, {}, clientB),
      400,
      'invalid_grant',
    );
    expect(body.error_description).toBe('the refresh token is invalid');
    expect(await isRefreshTokenRevoked(sut, tokens.refresh_token)).toBe(false);
    await refresh(sut, tokens.refresh_token).expect(200);
  });

  it('a refresh token of client B works for client B', async () => {
    const tokens = await tokensWithRefresh(
      sut,
      { clientId: clientB.clientId, redirectUri: clientB.redirectUris[0] },
      clientB,
    );
    await refresh(sut, tokens.refresh_token, {}, clientB).expect(200);
  });

  it('case 39: 50 parallel refreshes of distinct tokens all succeed', async () => {
    const all = await Promise.all(Array.from({ length: 50 }, () => tokensWithRefresh(sut)));
    const responses = await Promise.all(all.map((tokens) => refresh(sut, tokens.refresh_token)));
    expect(responses.map((r) => r.status)).toEqual(Array<number>(50).fill(200));
  });
});
