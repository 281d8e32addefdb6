import { claimsOf } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { registerClient, type TestClient } from './fixtures/clients';
import { expectJsonError } from './fixtures/expectations';
import { expireCode } from './fixtures/expire';
import { isRevoked } from './fixtures/issued-tokens';
import { pkce } from './fixtures/pkce';
import { isRefreshTokenRevoked, withRefreshToken } from './fixtures/refresh-tokens';
import { redeemCode } from './fixtures/token-request';

/**
 * An authorization code is single use, short-lived and bound to its client (RFC 6749 §4.1.2,
 * §10.5; RFC 9700 §4.1.1). A replay that passes every other check revokes what the code issued.
 */
describe('POST /token: the code is single use, short-lived, bound to its client', () => {
  let sut: TestAuthServer;
  let clientB: TestClient;

  beforeAll(async () => {
    sut = await startAuthServer();
    clientB = await registerClient(sut, {
      clientId: 'client-b',
      redirectUris: [`${sut.config.seed.clientWebUrl}/callback`],
    });
  });
  afterAll(() => sut.close());

  describe('case 14: a reused code', () => {
    it('case 14: with the valid client and verifier -> invalid_grant, and the first token is revoked', async () => {
      const issued = await authorizeAndGetCode(sut);
      const claims = await claimsOf(sut, (await redeemCode(sut, issued).expect(200)).body);

      expectJsonError(await redeemCode(sut, issued), 400, 'invalid_grant');
      expect(await isRevoked(sut, claims)).toBe(true);
    });

    it('case 14: with the valid client and verifier -> the refresh tokens of its family are revoked too', async () => {
      const issued = await authorizeAndGetCode(sut, { scope: 'openid offline_access notes:read' });
      const tokens = withRefreshToken(await redeemCode(sut, issued));

      expectJsonError(await redeemCode(sut, issued), 400, 'invalid_grant');
      expect(await isRefreshTokenRevoked(sut, tokens.refresh_token)).toBe(true);
      expect(await isRevoked(sut, await claimsOf(sut, tokens))).toBe(true);
    });

    /** A code redeemed once, for a grant with a refresh token: what a bad replay must not touch. */
    async function redeemedOnce() {
      const issued = await authorizeAndGetCode(sut, { scope: 'openid offline_access notes:read' });
      const tokens = withRefreshToken(await redeemCode(sut, issued).expect(200));
      const claims = await claimsOf(sut, tokens);
      return { issued, claims, refreshToken: tokens.refresh_token };
    }

    async function expectNothingRevoked(first: Awaited<ReturnType<typeof redeemedOnce>>) {
      expect({
        accessToken: await isRevoked(sut, first.claims),
        refreshToken: await isRefreshTokenRevoked(sut, first.refreshToken),
      }).toEqual({ accessToken: false, refreshToken: false });
    }

    it('case 14: with a wrong verifier -> invalid_grant, and nothing is revoked', async () => {
      const first = await redeemedOnce();

      const replay = redeemCode(sut, first.issued, { code_verifier: pkce().verifier });
      expectJsonError(await replay, 400, 'invalid_grant');
      await expectNothingRevoked(first);
    });

    it('case 14: with a wrong client secret -> invalid_client, and nothing is revoked', async () => {
      const first = await redeemedOnce();

      const replay = redeemCode(sut, first.issued, {}, { clientId: 'client-web', secret: 'wrong' });
      expectJsonError(await replay, 401, 'invalid_client');
      await expectNothingRevoked(first);
    });

    it('case 14: by another authenticated client -> invalid_grant, and nothing is revoked', async () => {
      const first = await redeemedOnce();

      expectJsonError(await redeemCode(sut, first.issued, {}, clientB), 400, 'invalid_grant');
      await expectNothingRevoked(first);
    });

    it('case 14: with another redirect_uri -> invalid_grant, and nothing is revoked', async () => {
      const first = await redeemedOnce();

      const replay = redeemCode(sut, first.issued, { redirect_uri: 'http://localhost:3002/other' });
      expectJsonError(await replay, 400, 'invalid_grant');
      await expectNothingRevoked(first);
    });
  });

  it('case 15: 20 parallel redemptions of one code -> exactly one 200, the others invalid_grant', async () => {
    const issued = await authorizeAndGetCode(sut);
    const responses = await Promise.all(Array.from({ length: 20 }, () => redeemCode(sut, issued)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expectJsonError(response, 400, 'invalid_grant');
    }
  });

  describe('case 16: an expired code -> invalid_grant', () => {
    it('case 16: a code past its expiry', async () => {
      const issued = await authorizeAndGetCode(sut);
      await expireCode(sut, issued.code);
      const body = expectJsonError(await redeemCode(sut, issued), 400, 'invalid_grant');
      expect(body.error_description).toContain('expired');
    });

    it('case 16: a code older than AUTHORIZATION_CODE_TTL_SECONDS', async () => {
      const shortLived = await startAuthServer({ AUTHORIZATION_CODE_TTL_SECONDS: '1' });
      try {
        const issued = await authorizeAndGetCode(shortLived);
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expectJsonError(await redeemCode(shortLived, issued), 400, 'invalid_grant');
      } finally {
        await shortLived.close();
      }
    });
  });

  it('case 17: a code issued to client A, redeemed by client B -> invalid_grant, A can still redeem it', async () => {
    const issued = await authorizeAndGetCode(sut);
    const body = expectJsonError(await redeemCode(sut, issued, {}, clientB), 400, 'invalid_grant');
    // Answered like an unknown code: client B learns nothing about client A's codes.
    expect(body.error_description).toBe('the authorization code is invalid');
    await redeemCode(sut, issued).expect(200);
  });

  it('case 17: a code of client B redeemed by client A -> invalid_grant', async () => {
    const issued = await authorizeAndGetCode(sut, {
      clientId: clientB.clientId,
      redirectUri: clientB.redirectUris[0],
      scope: 'openid',
    });
    expectJsonError(
      await redeemCode(sut, { ...issued, clientId: 'client-web' }),
      400,
      'invalid_grant',
    );
    await redeemCode(sut, issued, {}, clientB).expect(200);
  });

  it('an unknown code -> invalid_grant', async () => {
    const issued = await authorizeAndGetCode(sut);
    const unknown = { ...issued, code: pkce().verifier };
    expectJsonError(await redeemCode(sut, unknown), 400, 'invalid_grant');
  });
});
