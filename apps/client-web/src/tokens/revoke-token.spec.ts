import { loadClientWebConfig } from '../config/client-web.config';
import { revokeAccessToken, revokeToken } from './revoke-token';

const config = loadClientWebConfig({});
const connection = { accessToken: 'at', scope: 's', expiresAt: 0, refreshToken: 'rt' };

describe(revokeToken.name, () => {
  const sut = revokeToken;
  let fetchMock: jest.SpyInstance;

  beforeEach(() => {
    fetchMock = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('', { status: 200 }));
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('posts the refresh token with its hint to the revocation endpoint (RFC 7009 §2.1)', async () => {
    expect(await sut(config, connection)).toEqual({ kind: 'revoked', tokenType: 'refresh_token' });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('http://localhost:3000/revoke');
    expect(init.body).toBe('token=rt&token_type_hint=refresh_token');
  });

  it.each([
    ['a 503', () => fetchMock.mockResolvedValue(new Response('', { status: 503 }))],
    [
      'a 401 invalid_client',
      () => fetchMock.mockResolvedValue(new Response('{}', { status: 401 })),
    ],
    ['no answer', () => fetchMock.mockRejectedValue(new TypeError('fetch failed'))],
  ])('does not confirm the revocation after %s', async (_label, arrange) => {
    arrange();
    expect(await sut(config, connection)).toMatchObject({ kind: 'not-confirmed' });
  });
});

describe(revokeAccessToken.name, () => {
  const sut = revokeAccessToken;

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('posts the access token alone, with its hint, as client-web (RFC 7009 §2.1)', async () => {
    const fetchMock = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('', { status: 200 }));
    expect(await sut(config, 'at')).toEqual({ kind: 'revoked', tokenType: 'access_token' });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('http://localhost:3000/revoke');
    expect(init.body).toBe('token=at&token_type_hint=access_token');
    expect(new Headers(init.headers).get('authorization')).toBe(
      `Basic ${Buffer.from('client-web:client-web-secret').toString('base64')}`,
    );
  });
});
