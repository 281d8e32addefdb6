import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { expectJsonError } from './fixtures/expectations';
import { pkce } from './fixtures/pkce';
import { redeemCode } from './fixtures/token-request';

/**
 * The parameters of grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.5): the code must be
 * presented with the redirect_uri of its authorization request and the PKCE verifier of its challenge.
 * A refused request leaves the code unused.
 */
describe('POST /token: code, redirect_uri and code_verifier', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  async function expectRefusedThenRedeemable(
    overrides: Record<string, string | undefined>,
    status: number,
    error: string,
  ): Promise<void> {
    const issued = await authorizeAndGetCode(sut);
    expectJsonError(await redeemCode(sut, issued, overrides), status, error);
    await redeemCode(sut, issued).expect(200);
  }

  it('a missing code -> invalid_request', () =>
    expectRefusedThenRedeemable({ code: undefined }, 400, 'invalid_request'));

  describe('case 18: redirect_uri', () => {
    it.each([
      ['another registered-looking URI', 'http://localhost:3002/other'],
      ['a trailing slash', 'http://localhost:3002/callback/'],
      ['an added query', 'http://localhost:3002/callback?x=1'],
    ])('case 18: %s -> invalid_grant', (_label, redirectUri) =>
      expectRefusedThenRedeemable({ redirect_uri: redirectUri }, 400, 'invalid_grant'),
    );

    it('case 18: omitted when it had been sent -> invalid_request', () =>
      expectRefusedThenRedeemable({ redirect_uri: undefined }, 400, 'invalid_request'));

    it('case 18: sent empty counts as omitted -> invalid_request', () =>
      expectRefusedThenRedeemable({ redirect_uri: '' }, 400, 'invalid_request'));
  });

  describe('case 19: code_verifier', () => {
    it('case 19: missing -> invalid_grant', () =>
      expectRefusedThenRedeemable({ code_verifier: undefined }, 400, 'invalid_grant'));

    it('case 19: another well-formed verifier -> invalid_grant', () =>
      expectRefusedThenRedeemable({ code_verifier: pkce().verifier }, 400, 'invalid_grant'));

    it('case 19: the code_challenge itself sent as the verifier -> invalid_grant', async () => {
      const { verifier, challenge } = pkce();
      const issued = await authorizeAndGetCode(sut, { verifier });
      expectJsonError(
        await redeemCode(sut, issued, { code_verifier: challenge }),
        400,
        'invalid_grant',
      );
    });

    it.each([
      ['42 characters', 'a'.repeat(42)],
      ['129 characters', 'a'.repeat(129)],
      ['"+" and "/"', `${'a'.repeat(41)}+/`],
      ['padding "="', `${'a'.repeat(42)}=`],
      ['a space', `${'a'.repeat(21)} ${'a'.repeat(21)}`],
      ['non-ASCII', `${'a'.repeat(42)}é`],
    ])('case 19: malformed, %s -> invalid_request', (_label, verifier) =>
      expectRefusedThenRedeemable({ code_verifier: verifier }, 400, 'invalid_request'),
    );

    it('case 19: a 128-character verifier is well-formed', async () => {
      const issued = await authorizeAndGetCode(sut, { verifier: 'A'.repeat(128) });
      await redeemCode(sut, issued).expect(200);
    });
  });
});
