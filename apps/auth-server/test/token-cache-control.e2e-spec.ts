import request from 'supertest';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { authorizeAndGetCode } from './fixtures/authorization-flow';
import { basicAuthorization, postToken, redeemCode } from './fixtures/token-request';

/** RFC 6749 §5.1-5.2: token responses, and token errors, must never be cached. */
describe('POST /token: Cache-Control', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  const basic = () => ({
    Authorization: basicAuthorization('client-web', sut.config.seed.clientWebSecret),
  });
  const form = 'application/x-www-form-urlencoded';

  const scenarios: [string, number, () => Promise<request.Response>][] = [
    ['a token response', 200, async () => redeemCode(sut, await authorizeAndGetCode(sut))],
    [
      'invalid_grant',
      400,
      async () => redeemCode(sut, { ...(await authorizeAndGetCode(sut)), code: 'unknown' }),
    ],
    ['invalid_request (no grant_type)', 400, async () => postToken(sut, {}, basic())],
    [
      'unsupported_grant_type',
      400,
      async () => postToken(sut, { grant_type: 'password' }, basic()),
    ],
    [
      'invalid_client',
      401,
      async () =>
        postToken(
          sut,
          { grant_type: 'authorization_code' },
          { Authorization: basicAuthorization('client-web', 'wrong') },
        ),
    ],
    ['GET /token', 400, async () => request(sut.publicServer).get('/token')],
    [
      'a JSON body',
      400,
      async () =>
        request(sut.publicServer).post('/token').set(basic()).send({ grant_type: 'password' }),
    ],
    [
      'a body over the limit',
      413,
      async () =>
        request(sut.publicServer)
          .post('/token')
          .set('Content-Type', form)
          .send(`a=${'a'.repeat(70_000)}`),
    ],
    [
      'an unreadable charset',
      400,
      async () =>
        request(sut.publicServer)
          .post('/token')
          .set('Content-Type', `${form}; charset=koi8-r`)
          .send('grant_type=password'),
    ],
  ];

  it.each(scenarios)(
    'case 25: %s carries Cache-Control: no-store',
    async (_label, status, send) => {
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.headers['cache-control']).toBe('no-store');
    },
  );
});
