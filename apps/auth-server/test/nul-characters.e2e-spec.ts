import request from 'supertest';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { expectJsonError } from './fixtures/expectations';
import { basicAuthorization, postToken, redeemCode } from './fixtures/token-request';

/**
 * docs/security-cases.md, case 13, with the one character the two stores treat differently: NUL.
 * sqlite takes it in a bound parameter; PostgreSQL refuses the whole query ("invalid byte
 * sequence"), which would be a 500. No OAuth parameter may hold one (RFC 6749 Appendix A), so it is
 * an ordinary refusal before any lookup. `npm run test:scale` runs this file on PostgreSQL too.
 */
describe('case 13: a NUL character in a parameter -> an ordinary refusal, never a 500', () => {
  let sut: TestAuthServer;
  const webSecret = () => sut.config.seed.clientWebSecret;

  beforeAll(async () => {
    sut = await startAuthServer();
  });

  afterAll(() => sut.close());

  it('case 13: client_id in the /token body', async () => {
    const response = await postToken(sut, {
      grant_type: 'client_credentials',
      client_id: 'reporting-service\u0000',
      client_secret: 'reporting-service-secret',
    });
    expectJsonError(response, 400, 'invalid_request');
  });

  it('case 13: client_id in the Basic credentials -> invalid_client', async () => {
    const response = await postToken(
      sut,
      { grant_type: 'client_credentials' },
      { Authorization: basicAuthorization('reporting-service\u0000', 'reporting-service-secret') },
    );
    expectJsonError(response, 401, 'invalid_client');
  });

  it('case 13: the code', async () => {
    const issued = await authorizeAndGetCode(sut);
    const response = await redeemCode(sut, { ...issued, code: `${issued.code}\u0000` });
    expectJsonError(response, 400, 'invalid_request');
    // The real code is untouched.
    expect((await redeemCode(sut, issued)).status).toBe(200);
  });

  it('case 13: the refresh token', async () => {
    const response = await postToken(
      sut,
      { grant_type: 'refresh_token', refresh_token: 'a\u0000b' },
      { Authorization: basicAuthorization('client-web', webSecret()) },
    );
    expectJsonError(response, 400, 'invalid_request');
  });

  it.each(['/introspect', '/revoke'])('case 13: the token at %s', async (path) => {
    const response = await request(sut.publicServer)
      .post(path)
      .set('Authorization', basicAuthorization('client-web', webSecret()))
      .type('form')
      .send({ token: 'a\u0000b' });
    expectJsonError(response, 400, 'invalid_request');
  });
});
