import {
  AccessTokenClaimsSchema,
  AccessTokenHeaderSchema,
  TokenResponseSchema,
} from '@oauth-flow-lab/contracts';
import { sha256Digest } from '../src/common/random';
import { AuthorizationCodeEntity } from '../src/tokens/authorization-code.entity';
import { claimsOf, fetchJwks, verifyAccessToken } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { ALICE, authorizeAndGetCode } from './fixtures/authorization-flow';
import { isRevoked } from './fixtures/issued-tokens';
import { postToken, redeemCode } from './fixtures/token-request';

/** POST /token, grant_type=authorization_code (RFC 6749 §4.1.3-4.1.4): steps 3 and 4 that succeed. */
describe('POST /token', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  it('answers the RFC 6749 §5.1 token response, not cacheable', async () => {
    const issued = await authorizeAndGetCode(sut, { scope: 'openid notes:read' });
    const response = await redeemCode(sut, issued)
      .expect(200)
      .expect('Content-Type', /application\/json/)
      .expect('Cache-Control', 'no-store')
      .expect('Pragma', 'no-cache');

    // `openid` granted: OpenID Connect adds the id_token (id-token.e2e-spec.ts).
    expect(Object.keys(response.body as object).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'scope',
      'token_type',
    ]);
    expect(TokenResponseSchema.parse(response.body)).toMatchObject({
      token_type: 'Bearer',
      expires_in: 600,
      scope: 'openid notes:read',
    });
  });

  it('issues an RFC 9068 JWT: typ at+jwt, RS256, a kid from the JWKS, every required claim', async () => {
    const issued = await authorizeAndGetCode(sut, { scope: 'openid notes:read notes:write' });
    const { access_token: token } = TokenResponseSchema.parse(
      (await redeemCode(sut, issued).expect(200)).body,
    );

    const jwks = await fetchJwks(sut);
    const verified = verifyAccessToken(token, jwks);
    expect(verified.header).toEqual({ alg: 'RS256', typ: 'at+jwt', kid: jwks.keys[0].kid });
    expect(AccessTokenHeaderSchema.safeParse(verified.header).success).toBe(true);
    const claims = AccessTokenClaimsSchema.parse(verified.payload);
    expect(claims).toEqual({
      iss: 'http://localhost:3000',
      sub: ALICE,
      aud: 'http://localhost:3003',
      client_id: 'client-web',
      scope: 'openid notes:read notes:write',
      iat: expect.any(Number) as unknown,
      exp: claims.iat + 600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      auth_time: expect.any(Number) as unknown,
      grant_id: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(5);
    expect(claims.auth_time).toBeLessThanOrEqual(claims.iat);
  });

  it('names the grant the token is issued under, and stores nothing for it', async () => {
    const issued = await authorizeAndGetCode(sut);
    const claims = await claimsOf(sut, (await redeemCode(sut, issued).expect(200)).body);

    // The grant is the code's family: its digest, from which the code cannot be recovered.
    expect(claims.grant_id).toBe(sha256Digest(issued.code));
    expect(await isRevoked(sut, claims)).toBe(false);
    const schema = sut.dataSource.createQueryRunner();
    try {
      expect(await schema.hasTable('issued_access_tokens')).toBe(false);
    } finally {
      await schema.release();
    }
  });

  it('grants only the scopes the user consented to', async () => {
    const issued = await authorizeAndGetCode(sut, {
      scope: 'openid notes:read notes:write',
      grantScope: ['notes:read'],
    });
    const response = await redeemCode(sut, issued).expect(200);
    expect(TokenResponseSchema.parse(response.body).scope).toBe('notes:read');
  });

  it('authenticates the client with client_secret_post too', async () => {
    const issued = await authorizeAndGetCode(sut);
    await postToken(sut, {
      grant_type: 'authorization_code',
      code: issued.code,
      redirect_uri: issued.redirectUri,
      code_verifier: issued.verifier,
      client_id: 'client-web',
      client_secret: sut.config.seed.clientWebSecret,
    }).expect(200);
  });

  it('accepts the form content type with a charset parameter', async () => {
    const issued = await authorizeAndGetCode(sut);
    await redeemCode(sut, issued)
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8')
      .expect(200);
  });

  it('case 39: 50 parallel redemptions of distinct codes all succeed, each code spent once', async () => {
    const codes = await Promise.all(Array.from({ length: 50 }, () => authorizeAndGetCode(sut)));
    const responses = await Promise.all(codes.map((issued) => redeemCode(sut, issued)));
    expect(responses.map((r) => r.status)).toEqual(Array<number>(50).fill(200));

    const claims = await Promise.all(responses.map((r) => claimsOf(sut, r.body)));
    expect(new Set(claims.map(({ jti }) => jti)).size).toBe(50);
    expect(new Set(claims.map(({ grant_id: grantId }) => grantId)).size).toBe(50);
    const spent = await sut.dataSource
      .getRepository(AuthorizationCodeEntity)
      .createQueryBuilder('c')
      .where('c.code_digest IN (:...digests)', { digests: codes.map((c) => sha256Digest(c.code)) })
      .andWhere('c.consumed_at IS NOT NULL')
      .getCount();
    expect(spent).toBe(50);
  });
});
