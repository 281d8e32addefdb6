import { redactParameters, redactUrl, shorten } from './redact';

const code = 'Yt3kq9ZrXw0pL2mN8vB4cD6eF1gH5jK7sQ9uA3xZ0yW';

describe(shorten.name, () => {
  it('keeps a recognisable prefix of a secret', () => {
    expect(shorten(code)).toBe('Yt3kq9Zr…');
  });

  it('cuts by characters: an emoji at the cut is kept whole, never half a surrogate pair', () => {
    expect(shorten('1234567\u{1F984}rest')).toBe('1234567\u{1F984}…');
    expect(() => encodeURIComponent(shorten('1234567\u{1F984}rest'))).not.toThrow();
  });

  it('shows nothing of a secret too short to shorten', () => {
    expect(shorten('abc')).toBe('…');
  });
});

describe(redactUrl.name, () => {
  it('shortens codes and challenges, drops verifiers and tokens, keeps the rest', () => {
    const sut = redactUrl(
      `/callback?code=${code}&state=st4te-value-123&iss=http%3A%2F%2Flocalhost%3A3000&code_verifier=v3r1f13r-secret`,
    );
    expect(sut).toBe(
      '/callback?code=Yt3kq9Zr%E2%80%A6&state=st4te-va%E2%80%A6&iss=http%3A%2F%2Flocalhost%3A3000&code_verifier=%5Bredacted%5D',
    );
    expect(sut).not.toContain(code);
    expect(sut).not.toContain('v3r1f13r');
  });

  it('shortens a path segment that looks like a secret (an admin API challenge)', () => {
    expect(redactUrl(`/admin/login-requests/${code}/accept`)).toBe(
      '/admin/login-requests/Yt3kq9Zr…/accept',
    );
    expect(redactUrl(`/admin/consent-requests/${code}?x=1`)).toBe(
      '/admin/consent-requests/Yt3kq9Zr…?x=1',
    );
  });

  it('never throws on a query a hostile client sends (emoji at the cut, lone surrogates)', () => {
    expect(redactUrl('/authorize?state=1234567%F0%9F%A6%84x')).toBe(
      '/authorize?state=1234567%F0%9F%A6%84%E2%80%A6',
    );
    expect(redactUrl('/authorize?nonce=%F0%90%80%80%F0%90%80%80%00%F0%90%80%80%F0%90%80%80')).toBe(
      '/authorize?nonce=%E2%80%A6',
    );
    expect(redactUrl('/notes?note=\uD800x')).toBe('/notes?note=%EF%BF%BDx');
  });

  it('leaves a URL without a query string alone', () => {
    expect(redactUrl('http://localhost:3002/notes')).toBe('http://localhost:3002/notes');
  });

  it('drops the fragment', () => {
    expect(redactUrl(`/cb?state=abc#access_token=${code}`)).toBe('/cb?state=%E2%80%A6');
  });
});

describe(redactParameters.name, () => {
  it('redacts the secrets of a token request', () => {
    expect(
      redactParameters({
        grant_type: 'authorization_code',
        code,
        code_verifier: 'verifier',
        client_secret: 'client-web-secret',
        redirect_uri: 'http://localhost:3002/callback',
        scope: undefined,
      }),
    ).toEqual({
      grant_type: 'authorization_code',
      code: 'Yt3kq9Zr…',
      code_verifier: '[redacted]',
      client_secret: '[redacted]',
      redirect_uri: 'http://localhost:3002/callback',
    });
  });
});
