import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { registerClient } from './fixtures/clients';
import { expectJsonError } from './fixtures/expectations';
import { basicAuthorization, postToken, redeemCode } from './fixtures/token-request';

/** grant_type (RFC 6749 §4.1.3, §5.2): supported by the server, and registered for the client. */
describe('POST /token: grant_type', () => {
  let sut: TestAuthServer;
  let authorization: string;

  beforeAll(async () => {
    sut = await startAuthServer();
    authorization = basicAuthorization('client-web', sut.config.seed.clientWebSecret);
  });
  afterAll(() => sut.close());

  it.each(['password', 'implicit', 'Refresh_Token', 'urn:example:unknown', 'AUTHORIZATION_CODE'])(
    'case 22: grant_type=%s -> unsupported_grant_type',
    async (grantType) => {
      const response = await postToken(
        sut,
        { grant_type: grantType, username: 'alice', password: 'wonderland' },
        { Authorization: authorization },
      );
      expectJsonError(response, 400, 'unsupported_grant_type');
    },
  );

  it('case 22: missing grant_type -> invalid_request', async () => {
    const issued = await authorizeAndGetCode(sut);
    expectJsonError(
      await redeemCode(sut, issued, { grant_type: undefined }),
      400,
      'invalid_request',
    );
  });

  it('case 22: a client not registered for authorization_code -> unauthorized_client', async () => {
    const other = await registerClient(sut, {
      clientId: 'client-machine',
      grantTypes: ['client_credentials'],
    });
    const response = await postToken(
      sut,
      {
        grant_type: 'authorization_code',
        code: 'any-code',
        redirect_uri: other.redirectUris[0],
        code_verifier: 'a'.repeat(43),
      },
      { Authorization: basicAuthorization(other.clientId, other.secret) },
    );
    expectJsonError(response, 400, 'unauthorized_client');
  });

  it('case 22: a client not registered for refresh_token -> unauthorized_client', async () => {
    const other = await registerClient(sut, { clientId: 'client-no-refresh' });
    const response = await postToken(
      sut,
      { grant_type: 'refresh_token', refresh_token: 'any-refresh-token' },
      { Authorization: basicAuthorization(other.clientId, other.secret) },
    );
    expectJsonError(response, 400, 'unauthorized_client');
  });

  it('case 22: unauthorized_client is only told to an authenticated client', async () => {
    await registerClient(sut, { clientId: 'client-machine-2', grantTypes: ['client_credentials'] });
    const response = await postToken(
      sut,
      { grant_type: 'authorization_code', code: 'any-code' },
      { Authorization: basicAuthorization('client-machine-2', 'wrong-secret') },
    );
    expectJsonError(response, 401, 'invalid_client');
  });
});
