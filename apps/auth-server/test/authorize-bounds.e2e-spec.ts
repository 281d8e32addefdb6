import {
  AUTHORIZE_PARAMETER_MAX_LENGTHS,
  CLIENT_ID_MAX_LENGTH,
} from '../src/authorize/checks/check-lengths';
import { STATE_MAX_LENGTH } from '../src/authorize/checks/check-state';
import { AuthorizationRequestEntity } from '../src/interaction/authorization-request.entity';
import { startAuthServer, type TestAuthServer } from './fixtures/auth-server.fixture';
import { getAuthorize } from './fixtures/authorization-steps';
import { expectErrorRedirect } from './fixtures/expectations';

/**
 * docs/security-cases.md, case 43: every /authorize value an anonymous request can make auth-server
 * store or send back has a length bound (src/authorize/checks/check-lengths.ts). Past it: an
 * invalid_request sent to the client, or a 400 page when the value decides whether the client can
 * be told at all; either way no authorization request is stored and no cookie is set.
 */
describe('GET /authorize: every stored or echoed value is bounded (case 43)', () => {
  let sut: TestAuthServer;

  beforeAll(async () => {
    sut = await startAuthServer();
  });
  afterAll(() => sut.close());

  const storedRequests = () => sut.dataSource.getRepository(AuthorizationRequestEntity).count();

  it.each(Object.entries(AUTHORIZE_PARAMETER_MAX_LENGTHS))(
    'case 43: %s over %i characters -> invalid_request to the client, nothing stored',
    async (name, maxLength) => {
      const before = await storedRequests();
      const tooLong = name === 'scope' ? 'openid '.repeat(maxLength) : 'x'.repeat(maxLength + 1);

      const response = await getAuthorize(sut, { state: 'st-43', [name]: tooLong });

      const params = expectErrorRedirect(response, {
        error: 'invalid_request',
        redirectUri: 'http://localhost:3002/callback',
        issuer: 'http://localhost:3000',
        state: 'st-43',
      });
      expect(params.get('error_description')).toBe(
        `${name} is longer than ${maxLength} characters`,
      );
      expect(response.headers['location'].length).toBeLessThan(1024);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(await storedRequests()).toBe(before);
    },
  );

  it('case 43: the longest accepted values are stored', async () => {
    const before = await storedRequests();
    const response = await getAuthorize(sut, {
      state: 's'.repeat(STATE_MAX_LENGTH),
      scope: `openid notes:read${' '.repeat(AUTHORIZE_PARAMETER_MAX_LENGTHS.scope - 17)}`,
    });
    expect(response.status).toBe(303);
    expect(new URL(response.headers['location']).pathname).toBe('/login');
    expect(await storedRequests()).toBe(before + 1);
  });

  it('case 43: a state too long to send back -> a 400 page, not echoed, nothing stored', async () => {
    const before = await storedRequests();

    const response = await getAuthorize(sut, { state: 's'.repeat(16_000) });

    expect(response.status).toBe(400);
    expect(response.headers['location']).toBeUndefined();
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.text).not.toContain('s'.repeat(STATE_MAX_LENGTH + 1));
    expect(await storedRequests()).toBe(before);
  });

  it('case 43: a client_id over its bound -> a 400 page that does not echo it', async () => {
    const clientId = `c${'x'.repeat(CLIENT_ID_MAX_LENGTH)}`;

    const response = await getAuthorize(sut, { client_id: clientId });

    expect(response.status).toBe(400);
    expect(response.headers['location']).toBeUndefined();
    expect(response.text).toContain(`longer than ${CLIENT_ID_MAX_LENGTH} characters`);
    expect(response.text).not.toContain(clientId);
  });
});
