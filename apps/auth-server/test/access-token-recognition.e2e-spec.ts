import { sign } from 'node:crypto';
import { SigningKeysService } from '../src/keys/signing-keys.service';
import { claimsOf } from './fixtures/access-tokens';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { postForm } from './fixtures/form-requests';
import { isRevoked } from './fixtures/issued-tokens';
import { clientWeb, tokensWithRefresh } from './fixtures/refresh-tokens';

/**
 * /introspect and /revoke recognise an access token only if it is one: signed with our key AND
 * shaped like an RFC 9068 access token. Here the tokens are signed with auth-server's real key, so
 * only the other checks (typ, alg, iss, claims) can refuse them.
 */
describe('access-token recognition at /introspect and /revoke', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  /** A JWT signed RS256 with auth-server's active key, header and claims as given. */
  const signWithOurKey = (header: Record<string, unknown>, claims: Record<string, unknown>) => {
    const key = sut.publicApp.get(SigningKeysService).activeKey();
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${encode({ alg: 'RS256', kid: key.kid, ...header })}.${encode(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), key.privateKeyPem).toString('base64url')}`;
  };

  it.each([
    ['typ JWT (an id_token signed with the same key)', { typ: 'JWT' }, {}],
    ['no typ', { typ: undefined }, {}],
    ['another issuer', { typ: 'at+jwt' }, { iss: 'http://localhost:3000/' }],
    ['a required claim missing', { typ: 'at+jwt' }, { client_id: undefined }],
  ])('case 33: %s -> inactive and not revocable', async (_, header, claimOverrides) => {
    const tokens = await tokensWithRefresh(sut);
    const claims = { ...(await claimsOf(sut, tokens)), ...claimOverrides };
    const token = signWithOurKey(header, claims);

    const introspected = await postForm(sut, '/introspect', { token }, clientWeb(sut));
    expect(introspected.text).toBe('{"active":false}');
    await postForm(sut, '/revoke', { token }, clientWeb(sut)).expect(200);
    expect(await isRevoked(sut, claims)).toBe(false);
  });

  it('the same construction with typ at+jwt is recognised (the test signs correctly)', async () => {
    const tokens = await tokensWithRefresh(sut);
    const claims = await claimsOf(sut, tokens);
    const token = signWithOurKey({ typ: 'at+jwt' }, claims);
    const introspected = await postForm(sut, '/introspect', { token }, clientWeb(sut));
    expect(introspected.body).toMatchObject({ active: true, jti: claims.jti });
  });
});
