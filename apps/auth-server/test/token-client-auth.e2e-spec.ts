import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode, type IssuedCode } from './fixtures/authorization-flow';
import { registerClient } from './fixtures/clients';
import { expectJsonError } from './fixtures/expectations';
import { basicAuthorization, postToken } from './fixtures/token-request';

/**
 * Client authentication at the token endpoint (RFC 6749 §2.3.1, §5.2): client_secret_basic or
 * client_secret_post, never both; a failure is 401 invalid_client with `WWW-Authenticate: Basic`.
 */
describe('POST /token: client authentication', () => {
  let sut: TestAuthServer;
  let secret: string;

  beforeAll(async () => {
    sut = await startAuthServer();
    secret = sut.config.seed.clientWebSecret;
  });
  afterAll(() => sut.close());

  const grant = (issued: IssuedCode) => ({
    grant_type: 'authorization_code',
    code: issued.code,
    redirect_uri: issued.redirectUri,
    code_verifier: issued.verifier,
  });

  function expectInvalidClient(response: Awaited<ReturnType<typeof postToken>>): void {
    expectJsonError(response, 401, 'invalid_client');
    expect(response.headers['www-authenticate']).toMatch(/^Basic /);
  }

  it('case 20: wrong secret via Basic -> 401 invalid_client with WWW-Authenticate: Basic', async () => {
    const issued = await authorizeAndGetCode(sut);
    const authorization = basicAuthorization('client-web', `${secret}x`);
    expectInvalidClient(await postToken(sut, grant(issued), { Authorization: authorization }));
  });

  it('case 20: wrong secret in the body -> 401 invalid_client', async () => {
    const issued = await authorizeAndGetCode(sut);
    const body = { ...grant(issued), client_id: 'client-web', client_secret: 'wrong' };
    expectInvalidClient(await postToken(sut, body));
  });

  it('case 20: unknown client, via Basic or in the body -> 401 invalid_client', async () => {
    const issued = await authorizeAndGetCode(sut);
    const authorization = basicAuthorization('client-nobody', secret);
    expectInvalidClient(await postToken(sut, grant(issued), { Authorization: authorization }));
    const body = { ...grant(issued), client_id: 'client-nobody', client_secret: secret };
    expectInvalidClient(await postToken(sut, body));
  });

  it('case 20: no client authentication, or a client_id alone -> 401 invalid_client', async () => {
    const issued = await authorizeAndGetCode(sut);
    expectInvalidClient(await postToken(sut, grant(issued)));
    expectInvalidClient(await postToken(sut, { ...grant(issued), client_id: 'client-web' }));
  });

  it('case 20: Basic and client_secret in the body -> 400 invalid_request', async () => {
    const issued = await authorizeAndGetCode(sut);
    const response = await postToken(
      sut,
      { ...grant(issued), client_id: 'client-web', client_secret: secret },
      { Authorization: basicAuthorization('client-web', secret) },
    );
    expectJsonError(response, 400, 'invalid_request');
  });

  it('case 20: Basic and a different client_id in the body -> 400 invalid_request', async () => {
    const issued = await authorizeAndGetCode(sut);
    const response = await postToken(
      sut,
      { ...grant(issued), client_id: 'client-other' },
      { Authorization: basicAuthorization('client-web', secret) },
    );
    expectJsonError(response, 400, 'invalid_request');
  });

  it('case 20: Basic with the same client_id in the body is fine', async () => {
    const issued = await authorizeAndGetCode(sut);
    await postToken(
      sut,
      { ...grant(issued), client_id: 'client-web' },
      { Authorization: basicAuthorization('client-web', secret) },
    ).expect(200);
  });

  it('case 20: an empty client_secret beside Basic counts as omitted (RFC 6749 §3.2)', async () => {
    const issued = await authorizeAndGetCode(sut);
    await postToken(
      sut,
      { ...grant(issued), client_secret: '' },
      { Authorization: basicAuthorization('client-web', secret) },
    ).expect(200);
  });

  it.each([
    ['another scheme', () => 'Bearer abc'],
    ['not base64', () => 'Basic !!!not-base64!!!'],
    ['no colon', () => `Basic ${Buffer.from('client-web').toString('base64')}`],
    ['an empty client_id', (s: string) => `Basic ${Buffer.from(`:${s}`).toString('base64')}`],
    ['bad percent-encoding', () => `Basic ${Buffer.from('client-web:%ZZ').toString('base64')}`],
    ['the scheme alone', () => 'Basic'],
  ])('case 20: malformed Basic credentials, %s -> 401 invalid_client', async (_label, header) => {
    const issued = await authorizeAndGetCode(sut);
    expectInvalidClient(await postToken(sut, grant(issued), { Authorization: header(secret) }));
  });

  it('Basic credentials are form-encoded before base64 (RFC 6749 §2.3.1)', async () => {
    const special = await registerClient(sut, {
      clientId: 'client: special/ü',
      secret: 'p@ss:w+rd %/ü&=',
    });
    const issued = await authorizeAndGetCode(sut, {
      clientId: special.clientId,
      redirectUri: special.redirectUris[0],
      scope: 'openid',
    });
    await postToken(sut, grant(issued), {
      Authorization: basicAuthorization(special.clientId, special.secret),
    }).expect(200);
  });
});
