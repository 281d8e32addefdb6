import { loadClientWebConfig } from '../config/client-web.config';
import { refreshAccessToken } from './refresh-access-token';

const config = loadClientWebConfig({});

function answer(status: number, body: unknown): void {
  jest.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(body), { status }));
}

const tokens = { access_token: 'new-at', token_type: 'Bearer', expires_in: 600, scope: 's' };

describe(refreshAccessToken.name, () => {
  const sut = refreshAccessToken;

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('stores the rotated pair when auth-server returns a new refresh token', async () => {
    answer(200, { ...tokens, refresh_token: 'new-rt' });
    const result = await sut(config, 'old-rt');
    expect(result).toMatchObject({
      kind: 'refreshed',
      connection: { accessToken: 'new-at', refreshToken: 'new-rt', scope: 's' },
    });
  });

  it('keeps the refresh token when auth-server does not rotate it (RFC 6749 §6 MAY)', async () => {
    answer(200, tokens);
    expect(await sut(config, 'old-rt')).toMatchObject({
      kind: 'refreshed',
      connection: { refreshToken: 'old-rt' },
    });
  });

  it.each([
    [400, 'invalid_grant'],
    [401, 'invalid_client'],
  ])('reports %i %s as refused', async (status, error) => {
    answer(status, { error });
    expect(await sut(config, 'old-rt')).toEqual({ kind: 'refused', status, error });
  });

  it.each([
    ['a 503', 503, { error: 'temporarily_unavailable' }],
    ['a 200 that is not a token response', 200, { access_token: 'x' }],
    ['a 400 without an OAuth error', 400, 'oops'],
  ])(
    'reports %s as unavailable (the refresh token may still be good)',
    async (_l, status, body) => {
      answer(status, body);
      expect(await sut(config, 'old-rt')).toMatchObject({ kind: 'unavailable' });
    },
  );

  it('reports an unreachable auth-server as unavailable, without throwing', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    expect(await sut(config, 'old-rt')).toEqual({
      kind: 'unavailable',
      reason: 'auth-server could not be reached',
    });
  });
});
